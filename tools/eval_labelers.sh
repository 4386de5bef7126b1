#!/usr/bin/env bash
# Label quality of the labellers on every gold document at hand, per genre:
#   Annotations/gold (GWR 2022-24, the project's Chinese articles and English texts), Annotations/translated (the
#   Chinese translations of project texts), and from ../shared/data
#   the MFA 2022 report, the zh-translated and en-policy papers (as sentence lines, so ids match the gold), and
#   English short texts: arg-microtexts part 2 and CDCP comments.
# usage: tools/eval_labelers.sh LABELERS   e.g. label.cue.zh.v1,label.cue.en.v1  or  default
# Trained models score their own training data here; their fair figures are the leave-one-document-out
# scores from tools/train_models.sh (recorded in each manifest).
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/lib.sh
bin=${ARGMARK:-.build/release/argmark}
labelers=${1:-default}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
own() { # GOLD-DIR CORPUS: the project's JSONL gold and the original texts it was read from
  mkdir -p "$work/gold/$2" "$work/in/$2"
  cp "$1"/*.jsonl "$work/gold/$2/"
  # One interpreter for the whole directory: each gold file's first record names its source text.
  local name src
  while IFS=$'\t' read -r name src; do
    cp "$src" "$work/in/$2/$name.txt"
  done < <(python3 -c 'import json, os, sys
for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as f:
        print(os.path.basename(path)[:-len(".jsonl")], json.loads(f.readline())["source"], sep="\t")' "$1"/*.jsonl)
}
own Annotations/gold own
[ -d Annotations/translated ] && own Annotations/translated translated
pairs() { # CORPUS DIR-WITH-PAIRS: sentence lines to annotate and JSONL gold, ids matching
  pairs_to_lines_and_gold "$2" "$work/in/$1" "$work/gold/$1"
}
for corpus in mfa2022 zh-translated en-policy; do
  if [ -d "../shared/data/$corpus" ]; then pairs "$corpus" "../shared/data/$corpus"; fi
done
# English short texts the owner also scores: arg-microtexts part 2 and CDCP comments, split per document first.
# The English model trains on them, so their fair figures come from tools/eval_short_texts.sh (held-out halves).
for corpus in microtexts cdcp; do
  tsv=../shared/data/en/$corpus.train.tsv
  [ -f "$tsv" ] || continue
  python3 tools/split_corpus_tsv.py "$tsv" "$work/split/$corpus" >/dev/null
  pairs "$corpus" "$work/split/$corpus"
done
args=()
[ "$labelers" = default ] || args=(--labelers "$labelers")
for corpus in own translated mfa2022 zh-translated en-policy microtexts cdcp; do
  [ -d "$work/in/$corpus" ] || continue
  "$bin" annotate "$work/in/$corpus" --out "$work/pred/$corpus" "${args[@]}" 2>/dev/null
  echo "== $corpus ($labelers)"
  "$bin" eval "$work/gold/$corpus" "$work/pred/$corpus" | sed -n '1,/^$/p'
  "$bin" eval "$work/gold/$corpus" "$work/pred/$corpus" | grep -E "^(claim|evidence|example|prescription|background|sentences) "
done
