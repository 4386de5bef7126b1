#!/usr/bin/env python3
"""Check hand-made gold annotations in Annotations/sources/ against ../shared/GUIDELINE.md.

For every NAME with NAME.txt, NAME.lines and NAME.gold.tsv (NAME is e.g.
``zh-digital-trade.zh`` or ``en-platform-regulation.en``) it verifies:

* text: the .lines sentences occur in order and byte-identical in the .txt, and the
  body (headings + paragraphs re-joined) is a contiguous block of whole .txt lines;
* .lines layout: blank line between paragraphs, headings as ``# `` lines, no blank
  runs, no stray whitespace;
* zh only: every line is exactly one sentence under the project's segmentation rule
  (ends at 。！？ or ……, closing quotes/brackets and note markers like [1] stay with
  the sentence, no split inside 《》); headings carry no final punctuation; body
  sentences use full-width punctuation; note markers [n] are numbered 1..k in order
  of first appearance and each has a ``[n]`` line after a ``注释`` line;
* gold: header, one row per non-blank .lines line, ids s1..sN in order, valid
  labels and relations, headings ``-`` in every column, background without parent,
  exactly one ROOT (relation ``-``), parents exist and are argumentative sentences,
  no cycles, every chain of parents reaches the thesis.

Usage: tools/check_gold_tsv.py [--dir DIR] [NAME ...]
Exit status 0 when no errors (warnings allowed), 1 otherwise.
"""
import argparse
import re
import sys
from collections import Counter
from pathlib import Path

LABELS = {"claim", "evidence", "example", "prescription", "background"}
RELATIONS = {"support", "attack"}
HEADER = ["id", "label", "parent", "relation"]
TAB = "\t"

ZH_TERMINATORS = "。！？"
ZH_CLOSERS = "”’」』）】〕"
NOTE_MARK = re.compile(r"\[(\d+)\]")
ASCII_PUNCT = re.compile(r"[,;:?!()\"']|(?<!\d)\.|\.(?!\d)")
HEADING_FINAL_PUNCT = set("。！？，；：、,.;:!?")


def segment_zh(par):
    """Split a Chinese paragraph into sentences by the project rule."""
    sents, start, i, book = [], 0, 0, 0
    n = len(par)
    while i < n:
        ch = par[i]
        if ch == "《":
            book += 1
        elif ch == "》":
            book = max(0, book - 1)
        is_ellipsis = par.startswith("……", i)
        if book == 0 and (ch in ZH_TERMINATORS or is_ellipsis):
            j = i + (2 if is_ellipsis else 1)
            while j < n:
                if par[j] in ZH_TERMINATORS or par[j] in ZH_CLOSERS:
                    j += 1
                    continue
                if par.startswith("……", j):
                    j += 2
                    continue
                m = NOTE_MARK.match(par, j)
                if m:
                    j = m.end()
                    continue
                break
            sents.append(par[start:j])
            start = i = j
            continue
        i += 1
    if start < n:
        sents.append(par[start:])
    return sents


class Report:
    def __init__(self, name):
        self.name, self.errors, self.warnings = name, [], []

    def err(self, msg):
        self.errors.append(msg)

    def warn(self, msg):
        self.warnings.append(msg)


def read_lines_file(path, rep):
    """Return blocks: list of ("head", lineno, text) / ("para", [(lineno, text)])."""
    raw = path.read_text(encoding="utf-8")
    if not raw.endswith("\n"):
        rep.warn(f"{path.name}: no final newline")
    lines = raw.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    blocks, para, prev_blank = [], [], False
    for no, line in enumerate(lines, 1):
        if line != line.strip():
            rep.err(f"{path.name}:{no}: leading/trailing whitespace")
        if not line.strip():
            if prev_blank:
                rep.err(f"{path.name}:{no}: more than one blank line")
            if no == 1:
                rep.err(f"{path.name}:1: file starts with a blank line")
            if para:
                blocks.append(("para", para))
                para = []
            prev_blank = True
            continue
        prev_blank = False
        if line.startswith("#"):
            if not line.startswith("# ") or not line[2:].strip():
                rep.err(f"{path.name}:{no}: heading must be '# text'")
            if para:
                rep.err(f"{path.name}:{no}: heading not separated from paragraph by a blank line")
                blocks.append(("para", para))
                para = []
            blocks.append(("head", no, line[2:]))
            continue
        para.append((no, line))
    if para:
        blocks.append(("para", para))
    return blocks


def check_text(name, txt_path, blocks, is_zh, rep):
    txt = txt_path.read_text(encoding="utf-8")
    txt_lines = txt.split("\n")
    joiner = "" if is_zh else " "  # zh sentences run together; en ones are space-separated
    body = []
    for b in blocks:
        body.append(b[2] if b[0] == "head" else joiner.join(t for _, t in b[1]))
    # contiguous block of whole lines
    start_line = None
    for i in range(len(txt_lines) - len(body) + 1):
        if txt_lines[i : i + len(body)] == body:
            start_line = i
            break
    if start_line is None:
        rep.err(f"{txt_path.name}: body (headings + re-joined paragraphs) is not a contiguous block of whole lines")
        for k, want in enumerate(body):
            if want not in txt_lines:
                rep.err(f"{txt_path.name}: no whole line equals .lines block {k + 1}: {want[:40]}…")
                break
        pos = 0
    else:
        pos = sum(len(l) + 1 for l in txt_lines[:start_line])
    # sentences in order, byte-identical
    for b in blocks:
        items = [(b[1], b[2])] if b[0] == "head" else b[1]
        for no, s in items:
            found = txt.find(s, pos)
            if found < 0:
                rep.err(f"{name}.lines:{no}: not found in order in {txt_path.name}: {s[:40]}…")
            else:
                pos = found + len(s)
    if not is_zh:
        return start_line, txt_lines
    # zh segmentation, punctuation, headings
    for b in blocks:
        if b[0] == "head":
            no, h = b[1], b[2]
            if h[-1] in HEADING_FINAL_PUNCT:
                rep.err(f"{name}.lines:{no}: heading ends with punctuation")
            continue
        sents = [t for _, t in b[1]]
        resegmented = segment_zh("".join(sents))
        if resegmented != sents:
            first = b[1][0][0]
            for k, (a, c) in enumerate(zip(sents, resegmented)):
                if a != c:
                    rep.err(
                        f"{name}.lines:{first + k}: segmentation differs from rule: "
                        f"line ends …{a[-20:]!r}, rule's sentence ends …{c[-20:]!r}"
                    )
                    break
            else:
                rep.err(f"{name}.lines:{first}: paragraph has {len(sents)} lines but rule gives {len(resegmented)} sentences")
        for no, s in b[1]:
            m = ASCII_PUNCT.search(s)
            if m:
                rep.err(f"{name}.lines:{no}: half-width punctuation {m.group(0)!r}; use full-width")
    return start_line, txt_lines


def check_notes(name, blocks, start_line, txt_lines, rep):
    seen = []
    for b in blocks:
        if b[0] != "para":
            continue
        for no, s in b[1]:
            for m in NOTE_MARK.finditer(s):
                n = int(m.group(1))
                if n not in seen:
                    if n != len(seen) + 1:
                        rep.err(f"{name}.lines:{no}: note [{n}] out of order (expected [{len(seen) + 1}])")
                    seen.append(n)
    if not seen:
        return 0
    after = txt_lines[start_line:] if start_line is not None else txt_lines
    if "注释" not in after:
        rep.err(f"{name}.txt: note markers used but no '注释' line after the body")
        return len(seen)
    k = after.index("注释")
    defined = set()
    for line in after[k + 1 :]:
        m = re.match(r"\[(\d+)\]\S", line)
        if m:
            defined.add(int(m.group(1)))
    for n in seen:
        if n not in defined:
            rep.err(f"{name}.txt: note [{n}] has no '[{n}]…' line after 注释")
    for n in sorted(defined - set(seen)):
        rep.warn(f"{name}.txt: note [{n}] defined but never cited in the body")
    return len(seen)


def check_gold(name, gold_path, blocks, rep):
    units = []
    for b in blocks:
        if b[0] == "head":
            units.append(("head", b[1]))
        else:
            units += [("sent", no) for no, _ in b[1]]
    rows = [l.split("\t") for l in gold_path.read_text(encoding="utf-8").rstrip("\n").split("\n")]
    if rows[0] != HEADER:
        rep.err(f"{gold_path.name}:1: header must be {TAB.join(HEADER)!r}")
    rows = rows[1:]
    if len(rows) != len(units):
        rep.err(f"{gold_path.name}: {len(rows)} rows but {len(units)} non-blank .lines lines")
    ids = {}
    for i, r in enumerate(rows, 1):
        where = f"{gold_path.name}:{i + 1}"
        if len(r) != 4:
            rep.err(f"{where}: {len(r)} columns, expected 4")
            continue
        rid, label, parent, rel = r
        if rid != f"s{i}":
            rep.err(f"{where}: id {rid!r}, expected s{i}")
        ids[rid] = (label, parent, rel, i)
        kind = units[i - 1][0] if i <= len(units) else None
        if kind == "head":
            if (label, parent, rel) != ("-", "-", "-"):
                rep.err(f"{where}: heading row must be '-' in every column")
            continue
        if label not in LABELS:
            rep.err(f"{where}: label {label!r} not in {sorted(LABELS)}")
            continue
        if label == "background":
            if (parent, rel) != ("-", "-"):
                rep.err(f"{where}: background must have parent '-' and relation '-'")
        elif parent == "ROOT":
            if rel != "-":
                rep.err(f"{where}: ROOT row must have relation '-'")
            if label not in ("claim", "prescription"):
                rep.warn(f"{where}: thesis labelled {label}")
        else:
            if rel not in RELATIONS:
                rep.err(f"{where}: relation {rel!r} not in {sorted(RELATIONS)}")
            if parent == "-":
                rep.err(f"{where}: {label} needs a parent")
    roots = [k for k, v in ids.items() if v[1] == "ROOT"]
    if len(roots) != 1:
        rep.err(f"{gold_path.name}: {len(roots)} ROOT rows, expected exactly 1")
    arg = {k: v for k, v in ids.items() if v[0] in LABELS - {"background"}}
    for k, (label, parent, rel, i) in arg.items():
        if parent in ("ROOT", "-"):
            continue
        if parent == k:
            rep.err(f"{gold_path.name}:{i + 1}: {k} is its own parent")
        elif parent not in ids:
            rep.err(f"{gold_path.name}:{i + 1}: parent {parent} does not exist")
        elif parent not in arg:
            rep.err(f"{gold_path.name}:{i + 1}: parent {parent} is a heading or background row")
    # chains reach the thesis, no cycles
    for k in arg:
        seen, cur = set(), k
        while True:
            if cur in seen:
                rep.err(f"{gold_path.name}: cycle through {k}")
                break
            seen.add(cur)
            p = arg.get(cur, (None, None))[1]
            if p == "ROOT":
                break
            if p not in arg:
                rep.err(f"{gold_path.name}: chain from {k} stops at {cur} without reaching the thesis")
                break
            cur = p
    counts = Counter(v[0] for v in ids.values() if v[0] in LABELS)
    rels = Counter(v[2] for v in ids.values() if v[2] in RELATIONS)
    heads = sum(1 for u in units if u[0] == "head")
    return counts, rels, heads


def check(name, d):
    rep = Report(name)
    paths = {ext: d / f"{name}.{ext}" for ext in ("txt", "lines", "gold.tsv")}
    for ext, p in paths.items():
        if not p.exists():
            rep.err(f"missing {p.name}")
    if rep.errors:
        return rep, None
    is_zh = name.endswith(".zh")
    blocks = read_lines_file(paths["lines"], rep)
    start_line, txt_lines = check_text(name, paths["txt"], blocks, is_zh, rep)
    notes = check_notes(name, blocks, start_line, txt_lines, rep) if is_zh else None
    counts, rels, heads = check_gold(name, paths["gold.tsv"], blocks, rep)
    sents = sum(counts.values())
    summary = (
        f"{name}: {sents} sentences, {heads} headings; "
        + ", ".join(f"{l} {counts.get(l, 0)}" for l in ("claim", "evidence", "example", "prescription", "background"))
        + f"; support {rels.get('support', 0)}, attack {rels.get('attack', 0)}"
        + (f"; notes {notes}" if notes is not None else "")
    )
    return rep, summary


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    default = Path(__file__).resolve().parent.parent / "Annotations" / "sources"
    ap.add_argument("--dir", type=Path, default=default)
    ap.add_argument("names", nargs="*", help="e.g. zh-digital-trade.zh (default: every *.gold.tsv in --dir)")
    a = ap.parse_args()
    names = a.names or sorted(p.name[: -len(".gold.tsv")] for p in a.dir.glob("*.gold.tsv"))
    if not names:
        print(f"no *.gold.tsv in {a.dir}", file=sys.stderr)
        return 1
    failed = 0
    for name in names:
        rep, summary = check(name, a.dir)
        for w in rep.warnings:
            print(f"warning: {w}")
        for e in rep.errors:
            print(f"error: {e}")
        print(("FAIL " if rep.errors else "ok   ") + (summary or name))
        failed += bool(rep.errors)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
