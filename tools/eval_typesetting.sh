#!/usr/bin/env bash
# Whether typesetting changes what the default pipeline reads and labels: the held-out gold texts of
# Annotations/heldout (see tools/eval_heldout.sh) set as other sources set text, each labelled by the shipped
# pipeline and scored against the same gold. Chinese: ASCII punctuation (因此, … (一) … ?, as journal exports such
# as CNKI's set it), full-width letters and digits (ＧＤＰ增长２%), the full-width full stop for 。 (．, as science
# journals set it; also hard-wrapped), spaces between Chinese and Latin or digits (AI 治理),
# hard-wrapped every 38 characters (pdftotext, archive exports), and the same in pages as pdftotext leaves a PDF
# (a page number and a form feed with a running head at every 40th line, mid-paragraph as often as not) and as a
# PDF viewer copies them (no form feed), CRLF line ends with indented paragraphs (　　). English: typographic
# apostrophes (don’t), hard-wrapped at 78 columns, and in pages of 50 lines both ways, CRLF line ends, and as a report
# with its notes at the feet of its pages (pdf-footnotes-78), and as pdftotext -layout sets a report (the body six columns
# in, each paragraph's first line ten, headings at the edge: layout-indented-72). Both: a table
# (caption, header, two rows, source line) and a figure caption after every sixth paragraph, between blank lines, and
# the same without blank lines, hard-wrapped.
# Sentences are matched by their text (spaces and line breaks ignored, the gold set the same way), since a wrapped
# text's offsets differ from the gold's; each line reports how many gold sentences came out whole, and macro-F1 and
# accuracy over those, and how many other sentences were read (furniture taken for text; in the Chinese work report
# its glossary entries, which the gold leaves unlabelled). The first line of each language, the text as written, is
# the baseline.
# usage: tools/eval_typesetting.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/lib.sh
swift build -c release --product argmark >/dev/null
bin=.build/release/argmark
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for lang in zh en; do
  heldout_gold "$bin" "$lang" "$work/gold-$lang" "$work/read" || continue
  if [ "$lang" = zh ]; then
    variants=(as-written ascii-punctuation full-width-alphanumerics full-width-stops full-width-stops-wrapped-38 spaced-latin wrapped-38 pdf-pages-38 copied-pages-38 crlf-indented
      figures-tables-zh figures-tables-wrapped-38)
  else
    variants=(as-written typographic-apostrophes wrapped-78 pdf-pages-78 copied-pages-78 crlf figures-tables-en
      figures-tables-wrapped-78 pdf-footnotes-78 layout-indented-72)
  fi
  echo "== $lang"
  for variant in "${variants[@]}"; do
    mkdir -p "$work/$lang-$variant"
    python3 - "$variant" "$work/$lang-$variant" Annotations/heldout/*."$lang".txt <<'PY'
import os, re, sys
sys.path.insert(0, "tools")
from typesetting import VARIANTS
variant, out = sys.argv[1], sys.argv[2]
for path in sys.argv[3:]:
    with open(path, encoding="utf-8") as f:
        text = VARIANTS[variant](f.read())
    with open(os.path.join(out, os.path.basename(path)), "w", encoding="utf-8", newline="") as f:
        f.write(text)
PY
    "$bin" annotate "$work/$lang-$variant"/*."$lang".txt --out "$work/pred-$lang-$variant" --no-tree 2>/dev/null
    python3 tools/typesetting.py score "$variant" "$work/gold-$lang" "$work/pred-$lang-$variant"
  done
done
