#!/usr/bin/env python3
"""Convert sentence-level gold annotations into ArgMark JSONL, with offsets into the original text.

usage:
  gold_to_jsonl.py --text DOC.txt --lines DOC.lines --gold DOC.gold.tsv --annotator NAME --out DOC.jsonl
  gold_to_jsonl.py --text DOC.txt --sentences DOC_sentences.tsv --gold DOC_gold.tsv --annotator NAME --out DOC.jsonl

The units come from a `.lines` file (one sentence per line, blank line between paragraphs, `# ` headings) or a
`*_sentences.tsv` (id, para, kind, text); the gold TSV gives `id label parent relation` per unit (`ROOT` = thesis,
`-` = none). Each unit is located in DOC.txt in order, so `start`/`end` are Unicode-scalar offsets into the
original text (Python string indices are code points) and `argmark eval --match offsets` can pair the gold with
predictions that were segmented differently. Labels are attributed to `human:NAME`.

With --structure READER.jsonl (the output of `argmark annotate` on DOC.txt), the labels are merged into the
reader's own units instead (matched by offsets), so sections, headings, metadata and notes are exactly what
ArgMark reads at run time; every gold unit must have a reader unit with the same offsets.
"""
import argparse
import json
import os
import sys


def units_from_lines(path):
    units, paragraph, pending_break = [], 0, True
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line:
                pending_break = True
                continue
            if line.startswith("# "):
                paragraph += 1
                units.append(("heading", paragraph, line[2:].strip()))
                pending_break = True
                continue
            if pending_break:
                paragraph += 1
                pending_break = False
            units.append(("sentence", paragraph, line))
    return units


def units_from_tsv(path):
    units = []
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        para, kind, text = header.index("para"), header.index("kind"), header.index("text")
        for line in f:
            cells = line.rstrip("\n").split("\t")
            units.append(("heading" if cells[kind] == "HEAD" else "sentence", cells[para], cells[text]))
    return units


def read_gold(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        f.readline()
        for line in f:
            cells = line.rstrip("\n").split("\t")
            rows.append(cells[:4])
    return rows


def language(text):
    han = sum(1 for c in text if "\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf")
    latin = sum(1 for c in text if c.isascii() and c.isalpha()) / 3
    total = han + latin
    if total == 0:
        return "und"
    return "zh" if han / total >= 0.8 else "en" if latin / total >= 0.8 else "mixed"


def merge(gold_records, structure_path, gold_path):
    """Copy labels and links from gold units onto the reader's units with the same offsets."""
    reader = [json.loads(line) for line in open(structure_path, encoding="utf-8")]
    by_span = {(r["start"], r["end"]): r for r in reader if r["type"] in ("heading", "sentence")}
    id_map = {}
    for index, g in enumerate(gold_records):
        unit = by_span.get((g["start"], g["end"]))
        if unit is None and g["type"] == "heading":
            # Units are located in order, so a heading a table of contents repeats (目录, then 前言 …) was placed on
            # the contents line, which the reader keeps as metadata: take the reader's heading of that text before
            # the next gold unit instead.
            limit = gold_records[index + 1]["start"] if index + 1 < len(gold_records) else float("inf")
            unit = next((r for r in reader if r["type"] == "heading" and r["text"] == g["text"]
                         and g["start"] < r["start"] < limit), None)
            if unit is not None:
                g["start"], g["end"] = unit["start"], unit["end"]
        if unit is None or unit["type"] != g["type"]:
            sys.exit(f"{gold_path}: {g['id']} ({g['type']}) has no reader unit at {g['start']}-{g['end']}: {g['text'][:40]}")
        id_map[g["id"]] = unit["id"]
    for g in gold_records:
        unit = by_span[(g["start"], g["end"])]
        if g["type"] == "sentence" and g["label"]:
            unit["label"], unit["labeledBy"] = g["label"], g["labeledBy"]
            # The gold tree is a person's decision too: machine runs must keep it.
            if g["label"] != "background":
                unit["linkedBy"] = g["labeledBy"]
            if g["parent"]:
                unit["parent"], unit["relation"] = id_map[g["parent"]], g["relation"]
    # The first labelled sentence names the annotator (a text may open with a heading, which has none).
    annotator = next((g["labeledBy"] for g in gold_records if g.get("labeledBy")), None)
    reader[0].setdefault("metadata", {}).setdefault("fields", {})["annotation"] = gold_records and \
        f"gold by {annotator or 'hand'} to GUIDELINE.md"
    return reader


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--text", required=True)
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--lines")
    group.add_argument("--sentences")
    parser.add_argument("--gold", required=True)
    parser.add_argument("--annotator", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--structure")
    args = parser.parse_args()
    text = open(args.text, encoding="utf-8").read().lstrip("\ufeff")
    units = units_from_lines(args.lines) if args.lines else units_from_tsv(args.sentences)
    gold = read_gold(args.gold)
    if len(gold) != len(units):
        sys.exit(f"{args.gold}: {len(gold)} rows for {len(units)} units")
    doc_id = os.path.basename(args.out)[: -len(".jsonl")]
    records, cursor, section, paragraphs, last_para = [], 0, 0, 0, None
    for n, ((kind, para, unit_text), (gid, label, parent, relation)) in enumerate(zip(units, gold), 1):
        if gid != f"s{n}":
            sys.exit(f"{args.gold}: row {n} has id {gid}, expected s{n}")
        start = text.find(unit_text, cursor)
        if start < 0:
            sys.exit(f"{args.text}: unit s{n} not found after offset {cursor}: {unit_text[:40]}")
        cursor = start + len(unit_text)
        if para != last_para:
            paragraphs += 1
            last_para = para
        if kind == "heading" or section == 0:
            section += 1
        record = {"type": kind, "id": gid, "section": f"d{section}", "paragraph": f"p{paragraphs}",
                  "lang": language(unit_text), "start": start, "end": cursor, "text": unit_text,
                  "label": None, "confidence": None, "labeledBy": None, "parent": None, "relation": None,
                  "score": None, "notes": []}
        if kind == "heading":
            record["level"] = 1
        elif label != "-":
            record["label"] = label
            record["labeledBy"] = f"human:{args.annotator}"
            if label != "background":
                record["linkedBy"] = f"human:{args.annotator}"
            if parent not in ("-", "ROOT"):
                record["parent"] = parent
                record["relation"] = relation
        records.append(record)
    if args.structure:
        records = merge(records, args.structure, args.gold)
        with open(args.out, "w", encoding="utf-8") as f:
            for r in records:
                f.write(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n")
        return
    langs = [r["lang"] for r in records if r["type"] == "sentence" and r["lang"] != "und"]
    dominant = max(set(langs), key=langs.count) if langs else "und"
    for r in records:
        if r["lang"] == "und":
            r["lang"] = dominant
    header = {"type": "document", "id": doc_id, "lang": dominant, "source": args.text,
              "metadata": {"fields": {"annotation": f"gold by {args.annotator} to GUIDELINE.md"}}}
    with open(args.out, "w", encoding="utf-8") as f:
        for r in [header] + records:
            f.write(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main()
