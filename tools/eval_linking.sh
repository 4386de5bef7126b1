#!/usr/bin/env bash
# Argument-tree quality of the default linker given the gold labels: every gold document at hand is re-linked
# (`annotate --input-format jsonl --labelers none`: labels kept, links recomputed) and compared with its gold tree
# (parent attachment, attachment with the right relation, thesis found), per corpus.
# Corpora: Annotations/gold, and from ../shared/data mfa2022, zh-translated, en-policy and arg-microtexts part 2.
# LINKER=ID chooses the linker (default link.tree.v1, the rule linker). The learned linker (link.learned.v1) was
# trained on these very documents, so its figures here are in-sample; its held-out figures come from
# `argmark train-linker --cross-validate` (tools/train_models.sh, recorded in Models/link.learned.v1/manifest.json).
# usage: [LINKER=ID] tools/eval_linking.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/lib.sh
bin=${ARGMARK:-.build/release/argmark}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/gold/project"
cp Annotations/gold/*.jsonl "$work/gold/project/"
pairs() { # CORPUS DIR-WITH-PAIRS
  pairs_to_lines_and_gold "$2" "$work/lines/$1" "$work/gold/$1"
}
shared=../shared/data
for corpus in mfa2022 zh-translated en-policy; do [ -d "$shared/$corpus" ] && pairs "$corpus" "$shared/$corpus"; done
if [ -f "$shared/en/microtexts.train.tsv" ]; then
  python3 tools/split_corpus_tsv.py "$shared/en/microtexts.train.tsv" "$work/micro"
  pairs microtexts "$work/micro"
fi
# The gold links are marked as a person's (machine runs keep those): unmark them in the copies to re-link.
python3 - "$work" <<'PY'
import glob, json, os, sys
work = sys.argv[1]
for path in glob.glob(f"{work}/gold/*/*.jsonl"):
    out = path.replace("/gold/", "/unlinked/")
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, "w", encoding="utf-8") as o:
        for line in open(path, encoding="utf-8"):
            r = json.loads(line)
            if r.get("type") in ("heading", "sentence"):
                r.update(linkedBy=None, parent=None, relation=None, linkConfidence=None, score=None, explanation=None)
            o.write(json.dumps(r, ensure_ascii=False) + "\n")
PY
for corpus in "$work"/gold/*; do
  name=$(basename "$corpus")
  "$bin" annotate "$work/unlinked/$name" --input-format jsonl --labelers none --linker "${LINKER:-link.tree.v1}" --out "$work/pred/$name" 2>/dev/null
  printf '%-14s ' "$name"
  "$bin" eval "$corpus" "$work/pred/$name" 2>/dev/null | grep "^tree:"
done
