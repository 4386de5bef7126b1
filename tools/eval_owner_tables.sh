#!/usr/bin/env bash
# Leave-one-document-out through the command line, the way a harness written to ../shared/GUIDELINE.md runs
# ArgMark: for each of the owner's gold documents in ../shared/data (the GWR 2022-24 reports, the three parts of the
# MFA 2022 report, the zh-translated papers, the en-policy papers), a label model trained exactly as
# tools/train_models.sh trains the shipped one, but without that document, labels the document's sentence table
# (`argmark annotate NAME_sentences.tsv --to tsv`, the default pipeline: model, cue lexicon, rules, calibration,
# learned tree) and `argmark eval` scores the label tables against the gold tables. No conversion step: the tables
# are read and written as they ship. The tree figures are optimistic, as the shipped linker was trained on these
# documents; the label figures are fair.
# usage: tools/eval_owner_tables.sh [CORPUS...]   (default: gwr mfa2022 zh-translated en-policy)
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/lib.sh
shared=${SHARED:-../shared/data}
corpora=("$@")
[ ${#corpora[@]} -gt 0 ] || corpora=(gwr mfa2022 zh-translated en-policy)
for corpus in "${corpora[@]}"; do
  if [ ! -d "$shared/$corpus" ]; then
    echo "eval_owner_tables: $shared/$corpus not found; nothing to score" >&2
    exit 0
  fi
done
swift build -c release --product argmark >/dev/null
bin=$PWD/.build/release/argmark
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# without SOURCE NAME: a directory of links to SOURCE's training files but those of document NAME (its pair, or the
# project gold's JSONL of the same report: Annotations/gold holds the GWR gold as gwr20NN.zh.jsonl).
without() {
  local source=$1 name=$2 target f base
  target=$work/data/$(basename "$source")-without-$name
  mkdir -p "$target"
  for f in "$source"/*; do
    base=$(basename "$f")
    case "$base" in "${name}_sentences.tsv" | "${name}_gold.tsv" | "${name}.zh.jsonl" | "${name}.en.jsonl") continue ;; esac
    ln -s "$(cd "$(dirname "$f")" && pwd)/$base" "$target/$base"
  done
  echo "$target"
}

for corpus in "${corpora[@]}"; do
  lang=zh
  [ "$corpus" = en-policy ] && lang=en
  for sentences in "$shared/$corpus"/*_sentences.tsv; do
    name=$(basename "$sentences" _sentences.tsv)
    if [ $lang = zh ]; then
      data=(--data "$(without Annotations/gold "$name")" --data Annotations/translated:0.5)
      for other in mfa2022 zh-translated; do
        if [ "$other" = "$corpus" ]; then data+=(--data "$(without "$shared/$other" "$name")"); else data+=(--data "$shared/$other"); fi
      done
    else
      data=(--data Annotations/gold --data "$(without "$shared/en-policy" "$name")")
      [ "${NO_NC:-0}" != 1 ] && [ -f "$shared/en/microtexts.train.tsv" ] && data+=(--data "$shared/en/microtexts.train.tsv:0.5")
      [ -f "$shared/en/cdcp.train.tsv" ] && data+=(--data "$shared/en/cdcp.train.tsv:0.5")
    fi
    models=$work/models/$name
    mkdir -p "$work/models"
    cp -r Models "$models"
    "$bin" train --lang $lang "${label_training[@]}" "${data[@]}" --out "$models/label.model.$lang.v1" >/dev/null 2>&1
    "$bin" annotate "$sentences" --models "$models" --to tsv --out "$work/pred/$corpus" 2>/dev/null
    rm -rf "$models"
  done
  echo "== $corpus: each document labelled by a model trained without it"
  "$bin" eval "$shared/$corpus" "$work/pred/$corpus"
done
