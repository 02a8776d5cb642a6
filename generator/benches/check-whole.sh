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
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
target/release/graphgen generate --metadata "$GRAPHGEN_FULL_METADATA/$schema" --select '*' \
  --depth "$depth" --package whole --out "$out/crate" >/dev/null
echo "[workspace]" >>"$out/crate/Cargo.toml"
echo "$schema, depth $depth: $(cat "$out"/crate/src/*/*/*.rs | wc -l) lines of models and requests"

# Fetches and builds the dependencies once, so that the runs time the generated crate only.
(cd "$out/crate" && CARGO_TARGET_DIR="$out/target" cargo check --quiet --no-default-features)

measure() {
  local label="$1"
  shift
  local times=() memory=""
  for _ in $(seq "$runs"); do
    rm -rf "$out/target/debug/.fingerprint/whole-"* "$out/target/debug/deps/"*whole*
    local line
    line=$(cd "$out/crate" && CARGO_TARGET_DIR="$out/target" /usr/bin/time -f "%e %M" \
      cargo check --quiet "$@" 2>&1 | tail -1)
    times+=("${line% *}")
    memory="${line#* }"
  done
  local median
  median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  printf '%8.1f s median of %d, %6.0f MB peak  %s\n' "$median" "$runs" "$((memory / 1024))" "$label"
}

measure "all features (default)"
for feature in $features; do
  measure "only $feature" --no-default-features --features "$feature"
done
