#!/usr/bin/env python3
"""Score linked documents against gold trees: parent attachment, attachment with the right relation (support /
attack), thesis found, and how many gold attacks the relations find (recall) at what precision, per corpus.

usage: tools/eval_relations.py PREDICTIONS_DIR GOLD_SOURCE...
  PREDICTIONS_DIR  JSONL documents as `argmark train-linker --cross-validate --predictions DIR` writes them
  GOLD_SOURCE      NAME=PATH: a directory of ArgMark JSONL gold, or of *_gold.tsv files (their predictions are
                   named NAME_sentences.jsonl), scored as the corpus NAME
"""
import collections
import csv
import glob
import json
import os
import sys


def load_gold(sources):
    gold, corpus = {}, {}
    for source in sources:
        name, path = source.split("=", 1)
        for f in sorted(glob.glob(os.path.join(path, "*.jsonl"))):
            units = {}
            for line in open(f, encoding="utf-8"):
                r = json.loads(line)
                if r.get("type") == "sentence":
                    units[r["id"]] = (r.get("label"), r.get("parent"), r.get("relation"))
            gold[os.path.basename(f)], corpus[os.path.basename(f)] = units, name
        for f in sorted(glob.glob(os.path.join(path, "*_gold.tsv"))):
            units = {}
            for row in csv.DictReader(open(f, encoding="utf-8"), delimiter="\t"):
                if row["label"] in ("-", ""):
                    continue
                parent = None if row.get("parent") in (None, "-", "ROOT", "") else row["parent"]
                relation = None if row.get("relation") in (None, "-", "") else row["relation"]
                units[row.get("id") or row.get("unit_id")] = (row["label"], parent, relation)
            key = os.path.basename(f).replace("_gold.tsv", "_sentences.jsonl")
            gold[key], corpus[key] = units, name
    return gold, corpus


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    gold, corpus = load_gold(sys.argv[2:])
    totals = collections.defaultdict(collections.Counter)
    for f in sorted(glob.glob(os.path.join(sys.argv[1], "*.jsonl"))):
        name = os.path.basename(f)
        if name not in gold:
            continue
        g, s = gold[name], totals[corpus[name]]
        predicted = {}
        for line in open(f, encoding="utf-8"):
            r = json.loads(line)
            if r.get("type") == "sentence":
                predicted[r["id"]] = (r.get("parent"), r.get("relation"))
        argumentative = {k for k, v in g.items() if v[0] not in (None, "background")}
        gold_theses = {k for k in argumentative if g[k][1] is None}
        predicted_theses = {k for k in argumentative if predicted.get(k, (None, None))[0] is None}
        s["documents"] += 1
        s["thesis"] += bool(gold_theses & predicted_theses)
        for k in argumentative:
            label, parent, relation = g[k]
            if parent is None:
                continue
            p, r = predicted.get(k, (None, None))
            s["sentences"] += 1
            s["attached"] += p == parent
            s["related"] += p == parent and r == relation
            s["gold attacks"] += relation == "attack"
            s["predicted attacks"] += r == "attack"
            s["both attacks"] += r == "attack" and relation == "attack"
    pooled = collections.Counter()
    for name in sorted(totals):
        pooled.update(totals[name])
    print("corpus           attachment  with relation  thesis found   attacks: recall  precision  (gold / predicted)")
    for name, s in sorted(totals.items()) + [("pooled", pooled)]:
        if not s["sentences"]:
            continue
        recall = s["both attacks"] / s["gold attacks"] if s["gold attacks"] else 0
        precision = s["both attacks"] / s["predicted attacks"] if s["predicted attacks"] else 0
        print(f"{name:16} {s['attached'] / s['sentences']:10.3f} {s['related'] / s['sentences']:14.3f}"
              f"   {s['thesis']:4d} of {s['documents']:<4d}        {recall:.3f}     {precision:.3f}"
              f"  ({s['gold attacks']} / {s['predicted attacks']})")


if __name__ == "__main__":
    main()
