#!/usr/bin/env python3
"""Typesetting variants of a text, and scoring predictions against gold by sentence text (tools/eval_typesetting.sh).

    python3 tools/typesetting.py score VARIANT GOLD-DIR PRED-DIR
"""
import collections
import glob
import json
import os
import re
import sys
import textwrap

LABELS = ("claim", "evidence", "example", "prescription", "background")
HAN = "\u4e00-\u9fff"


def wrap_characters(text, width):
    """Every `width` characters, as a wrap by character count leaves Chinese text; short lines stay."""
    return "\n".join("\n".join(line[i:i + width] for i in range(0, len(line), width)) for line in text.split("\n"))


def wrap_columns(text, width):
    """Greedily at word boundaries, as fmt, mail clients and text editors wrap English."""
    return "\n".join(textwrap.fill(line, width) if line.strip() else line for line in text.split("\n"))


def layout_indented(text, width=72):
    """As pdftotext -layout sets a report: the body six columns in, each paragraph's first line ten, headings (short
    lines that end no sentence) at the edge, wrapped greedily at `width` columns."""
    out = []
    for line in text.split("\n"):
        stripped = line.strip()
        if not stripped or (len(stripped) < 90 and stripped[-1] not in ".?!:;\"”)"):
            out.append(stripped)
            continue
        wrapped = textwrap.wrap(stripped, width)
        out += [(" " * 10 if i == 0 else " " * 6) + piece for i, piece in enumerate(wrapped)]
    return "\n".join(out)


def paginate(text, lines_per_page, heads, page_number, form_feed="\f"):
    """Pages of `lines_per_page` lines, as pdftotext leaves a PDF: at each break a page number below the last line,
    then a form feed opening the next page's running head (alternating between `heads`) and a blank line. Text
    copied from a PDF viewer has no form feed (`form_feed=""`)."""
    lines = text.split("\n")
    out = []
    for page, start in enumerate(range(0, len(lines), lines_per_page)):
        if start:
            out += ["", page_number(page), form_feed + heads[page % len(heads)], ""]
        out += lines[start:start + lines_per_page]
    return "\n".join(out)


NOTE_MARKER = re.compile(r"\[(\d{1,3})\]")


def superscript_markers(text):
    """Note markers as pdftotext leaves a superscript: the bare number after the word ([3] → 3)."""
    return NOTE_MARKER.sub(r"\1", text)


def footnoted_pages(text, width=78, lines_per_page=45):
    """A report set with footnotes, as pdftotext leaves it: its notes list (Notes, then [n] entries) taken out and
    each note set at the foot of the page where its marker stands, under a rule and wider than the body (smaller
    type), the markers as bare numbers after their words, the body wrapped at `width` columns, a running foot with
    the page number below every page, the report's short title as the running head of every page but the first, and
    a form feed between pages but none after the last. A text without a notes list is only paged so."""
    lines = text.split("\n")
    notes = {}
    body = []
    in_notes = False
    for line in lines:
        if line.strip() in ("Notes", "Endnotes"):
            in_notes = True
            continue
        entry = re.match(r"\[(\d{1,3})\]\s*(.*)", line)
        if in_notes and entry:
            notes[entry.group(1)] = entry.group(2)
            continue
        if in_notes and line.strip():
            in_notes = False
        body.append(line)
    # The markers in the order the text has them: a page's notes are those of the next markers its lines carry
    # (a bare number in the text, $1.4 trillion, is none).
    order = list(dict.fromkeys(m for m in NOTE_MARKER.findall("\n".join(body)) if m in notes))
    wrapped = wrap_columns(superscript_markers("\n".join(body)), width).split("\n")
    # Running heads are short titles: the title up to its colon, or its first words.
    title = next((line for line in lines if line.strip()), "")
    head = title.split(":")[0] if ":" in title[:70] else " ".join(title.split()[:8])
    pages = []
    for start in range(0, len(wrapped), lines_per_page):
        page = wrapped[start:start + lines_per_page]
        foot = []
        for line in page:
            for number in re.findall(r"(?<=[^\s\d])(\d{1,3})(?=[\s,.;:]|$)", line):
                if order and number == order[0]:
                    order.pop(0)
                    foot += textwrap.fill(f"{number} {notes.pop(number)}", int(width * 1.2)).split("\n")
        number = len(pages) + 1
        text_page = ([head, ""] if pages else []) + page + (["_" * 20] + foot if foot else [])
        pages.append("\n".join(text_page + ["", f"Policy Research Service{' ' * 40}{number}"]))
    return "\n\f".join(pages) + "\n"


def with_figures(text, chinese, blank_lines=True):
    """A table (caption, header, two rows, source line) and a figure caption after every sixth paragraph that ends a
    sentence, each on lines of their own, as articles and reports set them between paragraphs (not in the notes,
    references or glossary at the end)."""
    out = []
    count = 0
    number = 0
    for line in text.split("\n"):
        out.append(line)
        if re.fullmatch(r"\s*(References|Bibliography|Notes|Works cited|Glossary|注释|参考文献|附：名词解释|名词解释|\[?\d{1,3}\]).*", line):
            count = -10**9
        if line.strip() and line.rstrip()[-1] in "。！？.!?”\"":
            count += 1
        if count == 6:
            count = 0
            number += 1
            if chinese:
                block = ["", f"表{number} 2019—2023年主要指标", "指标 2019年 2023年", "出口额 12.5 18.3", "进口额 10.1 14.2",
                         "资料来源：作者根据公开数据整理。", "", f"图{number} 主要国家立场分布示意图", ""]
            else:
                block = ["", f"Table {number}. Main indicators, 2019–2023", "Indicator      2019      2023",
                         "Exports        12.5      18.3", "Imports        10.1      14.2",
                         "Source: Author's compilation from public data.", "", f"Figure {number}. Positions of the main states.", ""]
            out += block if blank_lines else [line for line in block if line]
    return "\n".join(out)


VARIANTS = {
    "as-written": lambda t: t,
    "ascii-punctuation": lambda t: t.translate(str.maketrans("，：；（）？！", ",:;()?!")),
    "full-width-alphanumerics": lambda t: re.sub(r"[0-9A-Za-z]", lambda m: chr(ord(m.group()) + 0xFEE0), t),
    # The full-width full stop for 。, as science journals set Chinese.
    "full-width-stops": lambda t: t.replace("。", "．"),
    "full-width-stops-wrapped-38": lambda t: wrap_characters(t.replace("。", "．"), 38),
    "spaced-latin": lambda t: re.sub(rf"(?<=[{HAN}])(?=[A-Za-z0-9])|(?<=[A-Za-z0-9%])(?=[{HAN}])", " ", t),
    "wrapped-38": lambda t: wrap_characters(t, 38),
    "crlf-indented": lambda t: "\r\n".join("\u3000\u3000" + line if line.strip() else line for line in t.split("\n")),
    "typographic-apostrophes": lambda t: t.replace("'", "\u2019"),
    "wrapped-78": lambda t: wrap_columns(t, 78),
    "crlf": lambda t: t.replace("\n", "\r\n"),
    "pdf-pages-38": lambda t: paginate(wrap_characters(t, 38), 40, ["全球治理研究 2026年第1期", "规范竞争与参与路径"], lambda n: f"— {n} —"),
    "pdf-pages-78": lambda t: paginate(wrap_columns(t, 78), 50, ["Journal of International Affairs 79(2)", "MARCHETTI-RAO"], str),
    "copied-pages-38": lambda t: paginate(wrap_characters(t, 38), 40, ["全球治理研究 2026年第1期", "规范竞争与参与路径"], lambda n: f"— {n} —", ""),
    "copied-pages-78": lambda t: paginate(wrap_columns(t, 78), 50, ["Journal of International Affairs 79(2)", "MARCHETTI-RAO"], str, ""),
    "figures-tables-zh": lambda t: with_figures(t, True),
    "figures-tables-en": lambda t: with_figures(t, False),
    # The same without blank lines around them, hard-wrapped, as pdftotext leaves a page with a table.
    "figures-tables-wrapped-38": lambda t: wrap_characters(with_figures(t, True, blank_lines=False), 38),
    "figures-tables-wrapped-78": lambda t: wrap_columns(with_figures(t, False, blank_lines=False), 78),
    # A report's notes at the feet of its pages, the markers as bare numbers (footnoted_pages).
    "pdf-footnotes-78": footnoted_pages,
    # pdftotext -layout: the body set in, each paragraph's first line further in, headings at the edge.
    "layout-indented-72": layout_indented,
}

# What a variant does to each sentence's own text, when that is not what it does to the whole text.
SENTENCE_VARIANTS = {"pdf-footnotes-78": superscript_markers}


def key(variant, text):
    """A sentence's text as the variant sets it, without spaces and line breaks."""
    return re.sub(r"\s+", "", SENTENCE_VARIANTS.get(variant, VARIANTS[variant])(text))


def sentences(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            if record.get("type") == "sentence":
                yield record


def score(variant, gold_dir, pred_dir):
    pairs = []
    total = 0
    extra = 0
    for gold_path in sorted(glob.glob(os.path.join(gold_dir, "*.jsonl"))):
        # A text may repeat a sentence (各位代表！ opening two parts of a work report): each occurrence is one.
        gold = collections.defaultdict(list)
        for record in sentences(gold_path):
            if record.get("label"):
                gold[key(variant, record["text"])].append(record["label"])
                total += 1
        pred_path = os.path.join(pred_dir, os.path.basename(gold_path))
        if not os.path.exists(pred_path):
            continue
        for record in sentences(pred_path):
            labels = gold.get(re.sub(r"\s+", "", record["text"]))
            if labels:
                pairs.append((labels.pop(0), record.get("label")))
            else:
                extra += 1
    f1 = []
    for label in LABELS:
        gold_n = sum(1 for g, _ in pairs if g == label)
        if gold_n:
            pred_n = sum(1 for _, p in pairs if p == label)
            f1.append(2 * sum(1 for g, p in pairs if g == p == label) / (gold_n + pred_n))
    macro = sum(f1) / len(f1) if f1 else 0.0
    accuracy = sum(1 for g, p in pairs if g == p) / len(pairs) if pairs else 0.0
    print(f"{variant:26} {len(pairs):4} of {total:4} sentences whole   macro-F1 {macro:.3f}   accuracy {accuracy:.3f}"
          f"   {extra:3} other sentences")


if __name__ == "__main__":
    if len(sys.argv) != 5 or sys.argv[1] != "score":
        sys.exit(__doc__)
    score(*sys.argv[2:])
