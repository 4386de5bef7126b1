#!/usr/bin/env python3
"""Write a `*_sentences.tsv` as ArgMark sentence lines (one unit per line, blank line between paragraphs,
`# ` headings), so `argmark annotate --input-format lines` reproduces its ids exactly.

usage: tsv_gold_to_lines.py SENTENCES.tsv OUT.lines
"""
import csv
import sys


def main():
    rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8"), delimiter="\t", quoting=csv.QUOTE_NONE))
    out, previous = [], None
    for row in rows:
        if previous is not None and row["para"] != previous:
            out.append("")
        out.append(("# " if row["kind"] in ("HEAD", "TOPIC") else "") + row["text"])
        previous = row["para"]
    open(sys.argv[2], "w", encoding="utf-8").write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
