#!/usr/bin/env bash
# Whole-process figures: `graphgen generate` from start to files written, medians of repeated
# runs (hyperfine), next to the quick-xml floor measured by `cargo bench -p graphgen`. The
# runs of a command share an output folder: after the first, the writer finds every file
# current and writes none.
# Usage: GRAPHGEN_FULL_METADATA=path/to/metadata generator/benches/whole-process.sh
#
# With OLD=path/to/another/graphgen (an older commit's, say), each command runs with that
# binary and this one in turn, RUNS times each after 3 warm-ups, and both medians are printed:
# this machine drifts within a minute, so the runs of one binary are not taken all together.
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${GRAPHGEN_FULL_METADATA:?set GRAPHGEN_FULL_METADATA to the folder of published schemas}"
cargo build --quiet --release -p graphgen
bin=target/release/graphgen
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
commands=(
  "generate --check"
  "generate --metadata $GRAPHGEN_FULL_METADATA/v1.0.csdl --select *Assignment --out $out/v1-assignments"
  "generate --metadata $GRAPHGEN_FULL_METADATA/beta-2021.xml --select *Assignment --out $out/beta-assignments"
  "generate --metadata $GRAPHGEN_FULL_METADATA/beta-usnat.csdl --select *Assignment --out $out/usnat-assignments"
  "generate --metadata $GRAPHGEN_FULL_METADATA/v1.0.csdl --select * --depth 1 --out $out/v1-all"
)
if [[ -n "${OLD:-}" ]]; then
  python3 - "$OLD" "$bin" "${RUNS:-20}" "${commands[@]}" <<'PY'
import statistics, subprocess, sys, time
old, new, runs, commands = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:]
for command in commands:
    times = {old: [], new: []}
    for run in range(runs + 3):
        for binary in (old, new):
            start = time.perf_counter()
            subprocess.run([binary, *command.split()], check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            if run >= 3:
                times[binary].append((time.perf_counter() - start) * 1000)
    print(f"{statistics.median(times[old]):9.1f} ms -> {statistics.median(times[new]):7.1f} ms"
          f"  {command}")
PY
  exit
fi
command -v hyperfine >/dev/null || { echo "needs hyperfine (apt-get install hyperfine)" >&2; exit 2; }
hyperfine -N --warmup 3 --runs "${RUNS:-20}" --export-json "$out/runs.json" \
  "${commands[@]/#/$bin }" \
  >/dev/null
python3 - "$out/runs.json" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print(f"{r['median'] * 1000:9.1f} ms median  {r['command'].split('graphgen ', 1)[1]}")
PY
