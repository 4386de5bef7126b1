#!/usr/bin/env bash
# Held-out relations of the learned linker: `train-linker --cross-validate` (the same 10 groups of documents as
# tools/train_models.sh) writes each held-out document as its fold's model links it, and tools/eval_relations.py
# scores attachment, attachment with the right relation, thesis found and the gold attacks found, per corpus.
# usage: tools/eval_relations.sh
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${SHARED:-../shared/data}
if [ ! -d "$shared/mfa2022" ]; then
  echo "eval_relations: $shared not found; scoring the project gold alone" >&2
fi
swift build -c release --product argmark >/dev/null
bin=.build/release/argmark
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
data=(--data Annotations/gold)
sources=(project=Annotations/gold)
for corpus in mfa2022 zh-translated en-policy; do
  [ -d "$shared/$corpus" ] && data+=(--data "$shared/$corpus") && sources+=("$corpus=$shared/$corpus")
done
if [ -f "$shared/en/microtexts.train.tsv" ]; then
  python3 tools/split_corpus_tsv.py "$shared/en/microtexts.train.tsv" "$work/microtexts" >/dev/null
  data+=(--data "$work/microtexts")
  sources+=("microtexts=$work/microtexts")
fi
"$bin" train-linker "${data[@]}" --cross-validate --predictions "$work/predictions" --out "$work/model" >/dev/null 2>"$work/log" \
  || { cat "$work/log" >&2; exit 1; }
python3 tools/eval_relations.py "$work/predictions" "${sources[@]}"
