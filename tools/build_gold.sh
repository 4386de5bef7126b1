#!/usr/bin/env bash
# Rebuild Annotations/gold/*.jsonl from the hand annotations in Annotations/sources (and the GWR gold in
# ../shared/data when present), normalised through `argmark annotate --input-format jsonl`.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${ARGMARK:-.build/release/argmark}
raw=$(mktemp -d)
trap 'rm -rf "$raw"' EXIT
for lines in Annotations/sources/*.lines; do
  base=${lines%.lines}
  python3 tools/gold_to_jsonl.py --text "$base.txt" --lines "$lines" --gold "$base.gold.tsv" \
    --annotator argmark-helper --out "$raw/$(basename "$base").jsonl"
done
for year in 2022 2023 2024; do
  tsv=../shared/data/gwr/gwr${year}_sentences.tsv
  [ -f "$tsv" ] || continue
  python3 tools/gold_to_jsonl.py --text Annotations/texts/gwr$year.zh.txt --sentences "$tsv" \
    --gold ../shared/data/gwr/gwr${year}_gold.tsv --annotator gwr-gold --out "$raw/gwr$year.zh.jsonl"
done
"$bin" annotate "$raw" --input-format jsonl --out Annotations/gold
