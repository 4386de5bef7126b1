#!/usr/bin/env bash
# Label quality of the shipped default pipeline on Annotations/heldout: gold texts written to the owner gold's
# conventions and deliberately never trained on (no tool reads them for training), so that any later model can be
# scored on documents nobody tuned it to. Each text is read as `argmark annotate` reads it, its gold merged on
# (as tools/build_gold.sh does for Annotations/gold), labelled by the default pipeline and scored by `argmark eval`.
# usage: tools/eval_heldout.sh [eval options, e.g. --format json]
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/lib.sh
swift build -c release --product argmark >/dev/null
bin=.build/release/argmark
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/read" "$work/gold"
for lines in Annotations/heldout/*.lines; do
  base=${lines%.lines}
  merge_gold "$bin" "$base.txt" --lines "$lines" "$base.gold.tsv" argmark-helper "$work/gold/$(basename "$base").jsonl" "$work/read"
done
"$bin" annotate Annotations/heldout/*.txt --out "$work/pred" --no-tree 2>/dev/null
"$bin" eval "$work/gold" "$work/pred" "$@"
