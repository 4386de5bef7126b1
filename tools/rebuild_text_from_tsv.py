#!/usr/bin/env python3
"""Rebuild a plain-text document from a `*_sentences.tsv` (id, para, kind, text): one line per paragraph,
sentences joined by a space (English) or directly (Chinese). Used to test segmentation against corpora
whose sentence boundaries are known.

usage: rebuild_text_from_tsv.py SENTENCES.tsv OUT.txt
"""
import sys
import unicodedata


def is_han(ch):
    return "\u4e00" <= ch <= "\u9fff"


def main():
    source, target = sys.argv[1], sys.argv[2]
    paragraphs = []
    with open(source, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        para_col, text_col = header.index("para"), header.index("text")
        for line in f:
            cells = line.rstrip("\n").split("\t")
            para, text = cells[para_col], cells[text_col]
            if paragraphs and paragraphs[-1][0] == para:
                previous = paragraphs[-1][1][-1]
                joiner = "" if is_han(previous[-1:] or " ") or is_han(text[:1] or " ") or previous.endswith(("。", "！", "？", "”")) else " "
                paragraphs[-1][1].append(joiner + text)
            else:
                paragraphs.append((para, [text]))
    with open(target, "w", encoding="utf-8") as f:
        for _, parts in paragraphs:
            f.write("".join(parts) + "\n")


if __name__ == "__main__":
    main()
