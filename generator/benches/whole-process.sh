#!/usr/bin/env bash
# Whole-process figures: `graphgen generate` from start to files written, medians of repeated
# runs (hyperfine), next to the quick-xml floor measured by `cargo bench -p graphgen`.
# Usage: GRAPHGEN_FULL_METADATA=path/to/metadata generator/benches/whole-process.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${GRAPHGEN_FULL_METADATA:?set GRAPHGEN_FULL_METADATA to the folder of published schemas}"
command -v hyperfine >/dev/null || { echo "needs hyperfine (apt-get install hyperfine)" >&2; exit 2; }
cargo build --quiet --release -p graphgen
bin=target/release/graphgen
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
hyperfine -N --warmup 3 --runs "${RUNS:-20}" --export-json "$out/runs.json" \
  "$bin generate --check" \
  "$bin generate --metadata $GRAPHGEN_FULL_METADATA/v1.0.csdl --select *Assignment --out $out/v1-assignments" \
  "$bin generate --metadata $GRAPHGEN_FULL_METADATA/beta-2021.xml --select *Assignment --out $out/beta-assignments" \
  "$bin generate --metadata $GRAPHGEN_FULL_METADATA/beta-usnat.csdl --select *Assignment --out $out/usnat-assignments" \
  >/dev/null
python3 - "$out/runs.json" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print(f"{r['median'] * 1000:9.1f} ms median  {r['command'].split('graphgen ', 1)[1]}")
PY
