#!/usr/bin/env bash
# Label quality of the shipped default pipeline on Annotations/heldout: gold texts written to the owner gold's
# conventions and deliberately never trained on (no tool reads them for training), so that any later model can be
# scored on documents nobody tuned it to. Each text is read as `argmark annotate` reads it, its gold merged on
# (as tools/build_gold.sh does for Annotations/gold), labelled by the default pipeline and scored by `argmark eval`.
# Chinese and English are scored apart, each by its own model. Ten or nine texts are few: each report gives 95 %
# bootstrap intervals (1000 resamples, of the texts when there are ten or more, else of sentences, whose interval is
# too narrow as texts differ more than sentences).
# tools/compare_models.sh compares two Models/ directories on the same texts.
# usage: tools/eval_heldout.sh [eval options, e.g. --format json]
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/lib.sh
swift build -c release --product argmark >/dev/null
bin=.build/release/argmark
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# One report per language: a pooled macro-F1 over Chinese and English together would mix two models.
for lang in zh en; do
  heldout_gold "$bin" "$lang" "$work/gold-$lang" "$work/read" || continue
  "$bin" annotate Annotations/heldout/*."$lang".txt --out "$work/pred-$lang" --no-tree 2>/dev/null
  echo "== $lang"
  "$bin" eval "$work/gold-$lang" "$work/pred-$lang" --bootstrap 1000 "$@"
done
