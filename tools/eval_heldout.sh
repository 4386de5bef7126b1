#!/usr/bin/env bash
# Label quality of the shipped default pipeline on Annotations/heldout: gold texts written to the owner gold's
# conventions and deliberately never trained on (no tool reads them for training), so that any later model can be
# scored on documents nobody tuned it to. Each text is read as `argmark annotate` reads it, its gold merged on
# (as tools/build_gold.sh does for Annotations/gold), labelled by the default pipeline and scored by `argmark eval`.
# Chinese and English are scored apart, each by its own model.
# usage: tools/eval_heldout.sh [eval options, e.g. --format json]
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/lib.sh
swift build -c release --product argmark >/dev/null
bin=.build/release/argmark
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/read"
# One report per language: a pooled macro-F1 over Chinese and English together would mix two models.
for lang in zh en; do
  compgen -G "Annotations/heldout/*.$lang.lines" >/dev/null || continue
  mkdir -p "$work/gold-$lang"
  for lines in Annotations/heldout/*."$lang".lines; do
    base=${lines%.lines}
    merge_gold "$bin" "$base.txt" --lines "$lines" "$base.gold.tsv" argmark-helper "$work/gold-$lang/$(basename "$base").jsonl" "$work/read"
  done
  "$bin" annotate Annotations/heldout/*."$lang".txt --out "$work/pred-$lang" --no-tree 2>/dev/null
  echo "== $lang"
  "$bin" eval "$work/gold-$lang" "$work/pred-$lang" "$@"
done
# The same texts typeset otherwise must score as they do: Chinese with ASCII punctuation (因此, … (一) … ?), as
# journal exports (CNKI) set it, and English with typographic apostrophes (don’t), as PDFs and word processors do.
for lang in zh en; do
  compgen -G "Annotations/heldout/*.$lang.txt" >/dev/null || continue
  mkdir -p "$work/typeset-$lang"
  python3 - "$lang" "$work/typeset-$lang" Annotations/heldout/*."$lang".txt <<'PY'
import os, sys
table = str.maketrans("，：；（）？！", ",:;()?!") if sys.argv[1] == "zh" else str.maketrans("'", "\u2019")
for path in sys.argv[3:]:
    with open(path, encoding="utf-8") as f, open(os.path.join(sys.argv[2], os.path.basename(path)), "w", encoding="utf-8") as out:
        out.write(f.read().translate(table))
PY
  "$bin" annotate "$work/typeset-$lang"/*."$lang".txt --out "$work/pred-$lang-typeset" --no-tree 2>/dev/null
  if [ "$lang" = zh ]; then echo "== zh, set with ASCII punctuation (, : ; ( ) ? !)"; else echo "== en, set with typographic apostrophes (’)"; fi
  "$bin" eval "$work/gold-$lang" "$work/pred-$lang-typeset" "$@"
done
