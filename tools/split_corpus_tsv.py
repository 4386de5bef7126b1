#!/usr/bin/env python3
"""Split a corpus TSV with a doc_id column (e.g. ../shared/data/en/microtexts.train.tsv) into one
`<doc>_sentences.tsv` + `<doc>_gold.tsv` pair per document, in the shared-data pair format.

usage: split_corpus_tsv.py CORPUS.tsv OUTDIR [MAX_DOCS]
"""
import csv
import os
import re
import sys


def main():
    source, out = sys.argv[1], sys.argv[2]
    limit = int(sys.argv[3]) if len(sys.argv) > 3 else None
    os.makedirs(out, exist_ok=True)
    docs = {}
    for row in csv.DictReader(open(source, encoding="utf-8"), delimiter="\t", quoting=csv.QUOTE_NONE):
        docs.setdefault(row["doc_id"], []).append(row)
    for n, (doc, rows) in enumerate(docs.items()):
        if limit is not None and n >= limit:
            break
        name = re.sub(r"[^A-Za-z0-9_.-]", "_", doc)
        ids = {r["unit_id"]: f"s{k}" for k, r in enumerate(rows, 1)}
        with open(f"{out}/{name}_sentences.tsv", "w", encoding="utf-8") as s, open(f"{out}/{name}_gold.tsv", "w", encoding="utf-8") as g:
            s.write("id\tpara\tkind\ttext\n")
            g.write("id\tlabel\tparent\trelation\n")
            for k, r in enumerate(rows, 1):
                kind = r.get("kind") or "S"
                s.write(f"s{k}\t{r.get('para') or 'p1'}\t{'HEAD' if kind in ('HEAD', 'TOPIC') else 'S'}\t{r['text']}\n")
                parent = r.get("parent_unit_id", "-") or "-"
                parent = parent if parent in ("-", "ROOT") else ids.get(parent, "-")
                relation = r.get("relation", "-") or "-"
                label = r["label"] if kind not in ("HEAD", "TOPIC") else "-"
                if label in ("-", "background"):
                    parent, relation = "-", "-"
                elif parent == "-":
                    relation = "-"
                g.write(f"s{k}\t{label}\t{parent}\t{relation}\n")


if __name__ == "__main__":
    main()
