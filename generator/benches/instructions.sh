#!/usr/bin/env bash
# Instructions each stage executes on v1.0.csdl, counted by callgrind, next to the quick-xml
# floor. Unlike times, the counts barely move between runs or sittings on this machine, so
# they show small changes that timings cannot; they do not show what memory costs (caches,
# page faults), nor what two cores gain, which the criterion bench does.
# Usage: GRAPHGEN_FULL_METADATA=path/to/metadata generator/benches/instructions.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${GRAPHGEN_FULL_METADATA:?set GRAPHGEN_FULL_METADATA to the folder of published schemas}"
command -v valgrind >/dev/null || { echo "needs valgrind (apt-get install valgrind)" >&2; exit 2; }
cargo build --quiet --release -p graphgen --example stage
bin=target/release/examples/stage
file="$GRAPHGEN_FULL_METADATA/v1.0.csdl"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# The instructions one run of a stage executes, as callgrind's summary gives them.
count() {
  local n
  n=$(valgrind --tool=callgrind --callgrind-out-file="$out/$1" "$bin" "$file" "$1" 2>&1 |
    sed -n 's/.*I *refs: *//p' | tr -d ,)
  [[ "$n" =~ ^[0-9]+$ ]] || { echo "no instruction count for $1" >&2; exit 1; }
  echo "$n"
}
# Each count is taken on its own line, so that `set -e` stops the script when one fails.
load=$(count load)
all=$(count floor)
floor=$(( all - load ))
for stage in floor read-one-thread read read-resolve; do
  if [[ $stage != floor ]]; then all=$(count "$stage"); fi
  n=$(( all - load ))
  awk -v s="$stage" -v n="$n" -v f="$floor" \
    'BEGIN { printf "%-16s %12d instructions  %4.2f x floor\n", s, n, n / f }'
done
