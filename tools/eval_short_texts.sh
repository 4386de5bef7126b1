#!/usr/bin/env bash
# Held-out label quality on the English short texts the shipped English model also trains on: arg-microtexts
# part 2 and CDCP comments (../shared/data/en). Two folds: the documents of each corpus are split alternately
# into halves A and B; a model trained exactly as tools/train_models.sh trains label.model.en.v1, but with only
# the other half of each corpus, labels each half through the default pipeline (Models/pipeline.json), and
# `argmark eval` scores both halves together.
# usage: tools/eval_short_texts.sh [MICROTEXTS_WEIGHT CDCP_WEIGHT]   (default 0.5 0.5, as shipped; 0 0 = never
# trained on the short texts)
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/lib.sh
shared=${SHARED:-../shared/data}
if [ ! -f "$shared/en/microtexts.train.tsv" ] || [ ! -f "$shared/en/cdcp.train.tsv" ]; then
  echo "eval_short_texts: $shared/en/{microtexts,cdcp}.train.tsv not found; nothing to score" >&2
  exit 0
fi
swift build -c release --product argmark >/dev/null
bin=.build/release/argmark
mw=${1:-0.5}
cw=${2:-0.5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for corpus in microtexts cdcp; do
  python3 tools/split_corpus_tsv.py "$shared/en/$corpus.train.tsv" "$work/$corpus/all" >/dev/null
  mkdir -p "$work/$corpus/A" "$work/$corpus/B"
  n=0
  for s in "$work/$corpus/all"/*_sentences.tsv; do
    half=$([ $((n % 2)) = 0 ] && echo A || echo B)
    n=$((n + 1))
    mv "$s" "${s%_sentences.tsv}_gold.tsv" "$work/$corpus/$half/"
  done
  for half in A B; do pairs_to_lines_and_gold "$work/$corpus/$half" "$work/$corpus/lines$half" "$work/gold/$corpus"; done
done
for half in A B; do
  other=$([ $half = A ] && echo B || echo A)
  cp -r Models "$work/models$half"
  data=(--data Annotations/gold --data "$shared/en-policy")
  [ "$mw" = 0 ] || data+=(--data "$work/microtexts/$other:$mw")
  [ "$cw" = 0 ] || data+=(--data "$work/cdcp/$other:$cw")
  "$bin" train --lang en "${label_training[@]}" "${data[@]}" \
    --out "$work/models$half/label.model.en.v1" >/dev/null 2>&1
  for corpus in microtexts cdcp; do
    "$bin" annotate "$work/$corpus/lines$half" --out "$work/pred/$corpus" --models "$work/models$half" --no-tree 2>/dev/null
  done
done
for corpus in microtexts cdcp; do
  echo "== $corpus held out (microtexts weight $mw, CDCP weight $cw)"
  "$bin" eval "$work/gold/$corpus" "$work/pred/$corpus" | grep -E "^(label|claim|evidence|example|prescription|background|sentences) "
done
