#!/usr/bin/env bash
# Seeds the fuzz corpus (generator/fuzz/corpus/pipeline, not committed) with the project's
# metadata, the malformed cases of the tests and, when GRAPHGEN_FULL_METADATA is set, the
# published schemas.
set -euo pipefail
cd "$(dirname "$0")"
corpus=corpus/pipeline
mkdir -p "$corpus"
cp ../../metadata/*.xml ../../metadata/overlays/*.xml "$corpus/"
cp seeds/*.xml "$corpus/"
if [ -n "${GRAPHGEN_FULL_METADATA:-}" ]; then
  for f in "$GRAPHGEN_FULL_METADATA"/*.xml "$GRAPHGEN_FULL_METADATA"/*.csdl; do
    [ -e "$f" ] && cp "$f" "$corpus/published-$(basename "$f")"
  done
fi
echo "$(ls "$corpus" | wc -l) files in $corpus"
