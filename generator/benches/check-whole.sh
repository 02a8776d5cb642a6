#!/usr/bin/env bash
# How long `cargo check` of all of a published schema takes, as a whole crate, with all its
# features and with one area at a time: every type, and request paths DEPTH steps below the
# container (default 1). Each figure is the median of RUNS clean checks (default 1: a check of
# all of v1.0 takes minutes), with the peak memory of that run.
# Usage: GRAPHGEN_FULL_METADATA=path/to/metadata generator/benches/check-whole.sh [schema file]
#        FEATURES="v1_0-requests-device-management v1_0-models-security" to choose the areas.
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${GRAPHGEN_FULL_METADATA:?set GRAPHGEN_FULL_METADATA to the folder of published schemas}"
schema="${1:-v1.0.csdl}"
depth="${DEPTH:-1}"
runs="${RUNS:-1}"
features="${FEATURES:-v1_0-requests-device-management v1_0-models-security}"
cargo build --quiet --release -p graphgen
bin="$PWD/target/release/graphgen"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# From the temporary folder, so that no graphgen.toml of this repository is found.
(cd "$out" && "$bin" generate --metadata "$GRAPHGEN_FULL_METADATA/$schema" --select '*' \
  --depth "$depth" --package whole --out "$out/crate" >/dev/null)
echo "[workspace]" >>"$out/crate/Cargo.toml"
echo "$schema, depth $depth: $(cat "$out"/crate/src/*/*/*.rs | wc -l) lines of models and requests"

# Each run checks the crate from scratch: no fingerprint, no incremental state.
export CARGO_INCREMENTAL=0
# Fetches and builds the dependencies once, so that the runs time the generated crate only.
(cd "$out/crate" && CARGO_TARGET_DIR="$out/target" cargo check --quiet --no-default-features)

measure() {
  local label="$1"
  shift
  local runs_file="$out/runs"
  : >"$runs_file"
  for _ in $(seq "$runs"); do
    rm -rf "$out/target/debug/.fingerprint/whole-"* "$out/target/debug/deps/"*whole*
    (cd "$out/crate" && CARGO_TARGET_DIR="$out/target" /usr/bin/time -f "%e %M" -a -o "$runs_file" \
      cargo check --quiet "$@")
  done
  # The median run (the lower middle one for an even count), with its peak memory in MiB.
  sort -n "$runs_file" | awk -v label="$label" -v n="$runs" \
    '{t[NR]=$1; m[NR]=$2} END {i=int((NR+1)/2); printf "%8.1f s median of %d, %6.0f MiB peak  %s\n", t[i], n, m[i]/1024, label}'
}

measure "all features (default)"
for feature in $features; do
  measure "only $feature" --no-default-features --features "$feature"
done
