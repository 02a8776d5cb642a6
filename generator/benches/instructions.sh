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
count() {
  valgrind --tool=callgrind --callgrind-out-file="$out/$1" "$bin" "$file" "$1" 2>&1 |
    sed -n 's/.*I *refs: *//p' | tr -d ,
}
load=$(count load)
floor=$(( $(count floor) - load ))
for stage in floor read-one-thread read read-resolve; do
  n=$(( $(count "$stage") - load ))
  awk -v s="$stage" -v n="$n" -v f="$floor" \
    'BEGIN { printf "%-16s %12d instructions  %4.2f x floor\n", s, n, n / f }'
done
