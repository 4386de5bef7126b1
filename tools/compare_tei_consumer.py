#!/usr/bin/env python3
"""Check that a generic TEI consumer recovers ArgMark's annotation.

usage: tools/compare_tei_consumer.py DOC.jsonl DOC.tsv [--name NAME]

DOC.tsv is what `xsltproc ../shared/tei/argument-tree.xsl DOC.tei.xml` prints (columns
id lang label parent relation resp cert support_score text). For every JSONL line with
"type":"sentence" the TSV must have a row with the same id and:
  label         = "label", "-" when null
  parent        = "parent"; "ROOT" for the thesis (label set and not background, "linkedBy"
                  set, "parent" null); "-" otherwise
  relation      = "relation", "-" when null
  cert          = "confidence" (floats, tolerance 1e-9), "-" when null. A human label
                  ("labeledBy" = "human:…") may also have no @cert: the encoding gives human
                  decisions none (shared/tei/README.md).
  support_score = "score" (floats, tolerance 1e-9), "-" when null
The resp column is skipped. Prints "NAME: N sentences, all labels/parents/relations/scores
recovered" and exits 0, or prints the first 10 mismatches and exits 1 (2 on unusable input).
Standard library only.
"""
import argparse
import json
import math
import sys

COLUMNS = ["id", "lang", "label", "parent", "relation", "resp", "cert", "support_score", "text"]
TOLERANCE = 1e-9
MAX_SHOWN = 10


def unusable(message):
    print(message, file=sys.stderr)
    sys.exit(2)


def read_jsonl(path):
    sentences = []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as e:
                unusable(f"{path}:{number}: not JSON ({e})")
            if isinstance(record, dict) and record.get("type") == "sentence":
                sentences.append(record)
    return sentences


def read_tsv(path):
    rows, duplicates = {}, []
    with open(path, encoding="utf-8", newline="") as f:
        lines = f.read().split("\n")
    if not lines or lines[0].split("\t") != COLUMNS:
        unusable(f"{path}: expected the header {' '.join(COLUMNS)!r} of argument-tree.xsl, "
                 f"got {lines[0][:120]!r}")
    for number, line in enumerate(lines[1:], 2):
        if not line:
            continue
        cells = line.split("\t", len(COLUMNS) - 1)
        if len(cells) != len(COLUMNS):
            unusable(f"{path}:{number}: {len(cells)} columns, expected {len(COLUMNS)}")
        row = dict(zip(COLUMNS, cells))
        if row["id"] in rows:
            duplicates.append(row["id"])
        rows[row["id"]] = row
    return rows, duplicates


def is_thesis(s):
    return (s.get("label") is not None and s.get("label") != "background"
            and s.get("linkedBy") is not None and s.get("parent") is None)


def same_number(expected, actual):
    """expected: JSON number or None; actual: TSV cell. Returns (ok, shown-expected)."""
    if expected is None:
        return actual == "-", "-"
    try:
        value = float(actual)
    except ValueError:
        return False, repr(expected)
    if math.isnan(value):
        return False, repr(expected)
    return abs(value - float(expected)) <= TOLERANCE, repr(expected)


def compare(sentences, rows):
    problems = []
    for s in sentences:
        sid = s.get("id")
        row = rows.get(sid)
        if row is None:
            problems.append(f"{sid}: no <s xml:id=\"{sid}\"> row in the TEI consumer output")
            continue
        expected = {
            "label": s.get("label") if s.get("label") is not None else "-",
            "parent": s["parent"] if s.get("parent") is not None else ("ROOT" if is_thesis(s) else "-"),
            "relation": s.get("relation") if s.get("relation") is not None else "-",
        }
        for column, want in expected.items():
            if row[column] != want:
                problems.append(f"{sid}: {column} expected {want!r}, TEI gives {row[column]!r}")
        ok, shown = same_number(s.get("confidence"), row["cert"])
        human = str(s.get("labeledBy") or "").startswith("human:")
        if not ok and not (human and row["cert"] == "-"):
            problems.append(f"{sid}: cert expected {shown}, TEI gives {row['cert']!r}")
        ok, shown = same_number(s.get("score"), row["support_score"])
        if not ok:
            problems.append(f"{sid}: support_score expected {shown}, TEI gives {row['support_score']!r}")
    return problems


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("jsonl")
    parser.add_argument("tsv")
    parser.add_argument("--name", help="name printed in the summary (default: the TSV path)")
    args = parser.parse_args(argv)
    name = args.name or args.tsv

    sentences = read_jsonl(args.jsonl)
    rows, duplicates = read_tsv(args.tsv)
    problems = [f"{d}: xml:id appears on more than one <s>" for d in duplicates]
    problems += compare(sentences, rows)
    if not sentences:
        problems.append(f"{args.jsonl}: no \"type\":\"sentence\" lines")

    if problems:
        print(f"{name}: {len(problems)} mismatch(es) over {len(sentences)} sentences; first {min(len(problems), MAX_SHOWN)}:")
        for p in problems[:MAX_SHOWN]:
            print(f"  {p}")
        return 1
    print(f"{name}: {len(sentences)} sentences, all labels/parents/relations/scores recovered")
    extra = sorted(set(rows) - {s.get("id") for s in sentences})
    if extra:
        shown = " ".join(extra[:5]) + (" …" if len(extra) > 5 else "")
        print(f"  note: {len(extra)} <s> in the TEI with no JSONL sentence ({shown})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
