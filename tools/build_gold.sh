#!/usr/bin/env bash
# Rebuild Annotations/gold/*.jsonl: the hand annotations in Annotations/sources and the project-made GWR gold in
# ../shared/data/gwr (when present) are merged onto what `argmark annotate` reads from the original texts, so
# the gold has exactly the run-time structure (sections, headings, metadata, notes, offsets).
# The Chinese translations of project texts (zh-translated-*, labels carried over from their English gold) go to
# Annotations/translated/ instead: the label model counts them at a lower weight (tools/train_models.sh), and the
# linker and the gold-based tools, which read Annotations/gold, leave them out.
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/lib.sh
bin=${ARGMARK:-.build/release/argmark}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/raw" "$work/read" "$work/merged" "$work/merged-translated"
convert() { # TEXT NAME ANNOTATOR --lines F | --sentences F, GOLD
  local text=$1 name=$2 annotator=$3 kind=$4 units=$5 gold=$6 merged=$work/merged
  case $name in zh-translated-*) merged=$work/merged-translated ;; esac
  merge_gold "$bin" "$text" "$kind" "$units" "$gold" "$annotator" "$merged/$name.jsonl" "$work/read"
}
for lines in Annotations/sources/*.lines; do
  base=${lines%.lines}
  convert "$base.txt" "$(basename "$base")" argmark-helper --lines "$lines" "$base.gold.tsv"
done
for year in 2022 2023 2024; do
  tsv=../shared/data/gwr/gwr${year}_sentences.tsv
  [ -f "$tsv" ] || continue
  convert "Annotations/texts/gwr$year.zh.txt" "gwr$year.zh" gwr-gold --sentences "$tsv" "../shared/data/gwr/gwr${year}_gold.tsv"
done
rm -rf Annotations/gold Annotations/translated
"$bin" annotate "$work/merged" --input-format jsonl --labelers none --out Annotations/gold
if compgen -G "$work/merged-translated/*.jsonl" >/dev/null; then
  "$bin" annotate "$work/merged-translated" --input-format jsonl --labelers none --out Annotations/translated
fi
