#!/usr/bin/env python3
"""Sentence-boundary agreement between ArgMark's segmentation and a reference segmentation.

usage: segmentation_agreement.py PRED.jsonl GOLD_sentences.tsv|GOLD.lines [--show N]

Boundaries are compared as positions in the text with all whitespace removed, so the two sides
need not agree on spacing. Reports precision, recall and F1 of the boundaries (a boundary is the
end of a unit; headings count as units), and prints the first N disagreements.
"""
import json
import sys


def squeeze(text):
    return "".join(text.split())


def boundaries(texts):
    result, position = set(), 0
    for text in texts:
        position += len(squeeze(text))
        result.add(position)
    return result, position


def agreement(pred_texts, gold_texts):
    """Boundaries both sides share, and each side's boundary set. The reference may cover only the body
    (no title or front matter): align on where its text starts inside ours and ignore what lies outside it."""
    pred, _ = boundaries(pred_texts)
    gold, gold_len = boundaries(gold_texts)
    pred_join, gold_join = squeeze("".join(pred_texts)), squeeze("".join(gold_texts))
    shift = pred_join.find(gold_join[:60]) if gold_join else 0
    if shift < 0:
        print("warning: the reference text was not found in the prediction")
    elif shift > 0:
        pred = {b - shift for b in pred if shift < b <= shift + gold_len}
    pred = {b for b in pred if b <= gold_len}
    return len(pred & gold), pred, gold


def read_pred(path):
    texts = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            if record.get("type") in ("heading", "sentence"):
                texts.append(record["text"])
    return texts


def read_gold(path):
    texts = []
    with open(path, encoding="utf-8") as f:
        if path.endswith(".tsv"):
            header = f.readline().rstrip("\n").split("\t")
            column = header.index("text")
            for line in f:
                texts.append(line.rstrip("\n").split("\t")[column])
        else:
            for line in f:
                line = line.strip()
                if line:
                    texts.append(line[2:] if line.startswith("# ") else line)
    return texts


def main():
    args = sys.argv[1:]
    show = 10
    if "--show" in args:
        i = args.index("--show")
        show = int(args[i + 1])
        del args[i : i + 2]
    pred_texts, gold_texts = read_pred(args[0]), read_gold(args[1])
    agree, pred, gold = agreement(pred_texts, gold_texts)
    precision = agree / len(pred) if pred else 0
    recall = agree / len(gold) if gold else 0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0
    print(f"units pred {len(pred_texts)} gold {len(gold_texts)}  boundaries agree {agree}  "
          f"precision {precision:.4f} recall {recall:.4f} F1 {f1:.4f}")
    joined = squeeze("".join(gold_texts))
    for kind, missing in (("extra boundary (pred only)", sorted(pred - gold)), ("missed boundary (gold only)", sorted(gold - pred))):
        for position in missing[:show]:
            print(f"  {kind}: …{joined[max(0, position - 25):position]}|{joined[position:position + 15]}…")


if __name__ == "__main__":
    main()
