#!/usr/bin/env python3
"""How often each cue's label is the gold label of the sentences it fires on.

A cue is a prior the pipeline votes with (Models/pipeline.json) and a feature the model learns from; one that fires
mostly on sentences of another label pulls the wrong way. For each cue of a lexicon this prints the gold sentences
it fires on, the share whose gold label is the cue's, and the labels they have, counted over the project gold
(Annotations/gold) and the shared gold of the same language (../shared/data: MFA 2022 and the zh-translated papers;
the en-policy papers and CDCP comments). Cues that fire on at least --min sentences and whose label holds in fewer
than --below of them are flagged.

Matching follows CueLexicon closely but not exactly: at each position the longest single-part cue wins and consumes
its characters (so blockers, label `none`, stop the cues inside them), `^` anchors after leading quotes, dashes,
brackets and list numbers, and English matches whole words case-insensitively; gap cues (以…为例) are matched on
their own, anywhere, with the same gap as the Swift matcher; an `@` cue counts only outside quotation marks and 《》; in Chinese the spaces beside Chinese characters are dropped, no cue
counts inside a web address, and a gap cue does not start inside a word a literal cue took, where a blocker starts,
or where a literal cue of its own label starts.

    python3 tools/cue_precision.py zh Models/cues/zh.tsv [--min 8] [--below 0.1] [--all]
"""
import argparse
import collections
import csv
import glob
import itertools
import json
import os
import re

LABELS = ("claim", "evidence", "example", "prescription", "background")
CHINESE_SPACE = re.compile(r"(?<=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]) +(?=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef0-9A-Za-z%])|(?<=[0-9A-Za-z%]) +(?=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])")
WEB_ADDRESS = re.compile(r"(?i)(?<![a-z])(?:https?[:：]//|www\.)[\x21-\x7e！（），：；？]*")
LEADING = re.compile(r"^[\s“”\"‘’'—\-（()）\d.、]*")


def read_lexicon(path):
    cues = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            text, label, weight = line.rstrip("\n").split("\t")[:3]
            # {a|b|} writes one cue per choice (an empty choice drops the group), as CueLexicon expands it.
            pieces = re.split(r"(\{[^{}]*\})", text)
            choices = [p[1:-1].split("|") if p.startswith("{") else [p] for p in pieces]
            for variant in itertools.product(*choices):
                cues.append(("".join(variant), None if label == "none" else label, float(weight)))
    return cues


def quoted_positions(sentence, words):
    """For each position, whether it is inside quotation marks or a 《》 title (CueLexicon.quotedPositions)."""
    quoted, depth, straight = [], 0, False
    for ch in sentence:
        if ch in "“《〈「『" or (ch == "‘" and not words):
            depth += 1
        elif ch in "”》〉」』" or (ch == "’" and not words):
            depth = max(0, depth - 1)
        elif ch == '"':
            straight = not straight
        quoted.append(depth > 0 or straight)
    return quoted


def gold_sentences(language, shared):
    """(source, text, label) for every labelled sentence of the language."""
    sentences = []
    for path in sorted(glob.glob("Annotations/gold/*.jsonl")):
        with open(path, encoding="utf-8") as f:
            for line in f:
                unit = json.loads(line)
                if unit.get("type") == "sentence" and unit.get("label") and unit.get("lang") == language:
                    sentences.append(("project", unit["text"], unit["label"]))
    pairs = ["mfa2022", "zh-translated"] if language == "zh" else ["en-policy"]
    for directory in pairs:
        for gold in sorted(glob.glob(os.path.join(shared, directory, "*_gold.tsv"))):
            with open(gold.replace("_gold.tsv", "_sentences.tsv"), encoding="utf-8") as f:
                texts = {row[0]: row[3] for row in csv.reader(f, delimiter="\t") if len(row) > 3}
            with open(gold, encoding="utf-8") as f:
                for row in csv.reader(f, delimiter="\t"):
                    if len(row) > 1 and row[1] in LABELS:
                        sentences.append((directory, texts[row[0]], row[1]))
    cdcp = os.path.join(shared, "en", "cdcp.train.tsv")
    if language == "en" and os.path.exists(cdcp):
        with open(cdcp, encoding="utf-8") as f:
            for row in csv.reader(f, delimiter="\t"):
                if len(row) > 3 and row[3] in LABELS:
                    sentences.append(("cdcp", row[2], row[3]))
    return sentences


def matcher(cues, words, outside=frozenset()):
    """A function from a sentence to the indices of the cues that fire in it (`outside`: the indices of the cues that
    count only outside quotations)."""
    gap = 40 if words else 20
    plain = sorted((i for i, c in enumerate(cues) if "…" not in c[0]), key=lambda i: -len(cues[i][0].lstrip("^")))
    gapped = []
    for i, (text, _, _) in enumerate(cues):
        if "…" in text:
            parts = [re.escape(p) for p in text.lstrip("^").split("…")]
            gapped.append((i, re.compile((r"^" if text.startswith("^") else "") + f".{{0,{gap}}}".join(parts),
                                         re.IGNORECASE if words else 0)))

    def at(sentence, position, text):
        # English cues and sentences arrive lowercased (folded once each).
        if words:
            if position > 0 and sentence[position - 1].isalnum():
                return False
            if not sentence.startswith(text, position):
                return False
            end = position + len(text)
            return end == len(sentence) or not (sentence[end].isalnum() and text[-1].isalnum())
        return sentence.startswith(text, position)

    by_first = collections.defaultdict(list)  # (index, text, anchored) of plain cues by first character, longest first
    for i in plain:
        text = cues[i][0].lower() if words else cues[i][0]
        by_first[text.lstrip("^")[0]].append((i, text.lstrip("^"), text.startswith("^")))

    def fire(sentence):
        if words:
            sentence = sentence.lower()
        else:
            # Chinese is written without spaces (a PDF's 例 如 ，): one beside a Chinese character says nothing.
            sentence = CHINESE_SPACE.sub("", sentence)
        start = LEADING.match(sentence).end()
        quoted = quoted_positions(sentence, words) if outside else None
        address = [False] * len(sentence)
        for m in WEB_ADDRESS.finditer(sentence):
            address[m.start():m.end()] = [True] * (m.end() - m.start())
        # Per position: absent free; else the label of the literal cue starting there, or "inside" a taken word.
        taken = {}
        found, position = set(), 0
        while position < len(sentence):
            first = sentence[position]
            for i, text, anchored in by_first.get(first, ()):
                if anchored and position != start:
                    continue
                if at(sentence, position, text):
                    if cues[i][1] is not None and not (i in outside and quoted[position]) and not address[position]:
                        found.add(i)
                    taken[position] = cues[i][1] or "none"
                    for k in range(position + 1, position + len(text)):
                        taken[k] = "inside"
                    position += len(text)
                    break
            else:
                position += 1
        for i, pattern in gapped:
            # A gap cue does not start inside a taken word, where a blocker starts, or where a literal cue of its own
            # label starts (据统计 counts once, not again as 据…统计).
            anchored = cues[i][0].startswith("^")
            offset = start if anchored else 0
            while True:
                m = pattern.search(sentence[offset:]) if not anchored else pattern.match(sentence[start:])
                if not m:
                    break
                at_ = offset + m.start()
                if taken.get(at_) in (None,) or (taken.get(at_) not in ("inside", "none", cues[i][1])):
                    if not address[at_]:
                        found.add(i)
                    break
                if anchored:
                    break
                offset = at_ + 1
        return found

    return fire


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("language", choices=["zh", "en"])
    parser.add_argument("lexicon")
    parser.add_argument("--min", type=int, default=8, help="flag only cues that fire on at least this many sentences")
    parser.add_argument("--below", type=float, default=0.1, help="flag cues whose label holds in fewer than this share")
    parser.add_argument("--all", action="store_true", help="print every cue that fires, not only the flagged ones")
    parser.add_argument("--shared", default=os.environ.get("SHARED", "../shared/data"))
    args = parser.parse_args()
    cues = read_lexicon(args.lexicon)  # before the chdir, so a lexicon path is the caller's
    outside = {i for i, c in enumerate(cues) if c[0].startswith("@")}
    cues = [(c[0][1:], c[1], c[2]) if i in outside else c for i, c in enumerate(cues)]
    os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    sentences = gold_sentences(args.language, args.shared)
    fire = matcher(cues, words=args.language == "en", outside=outside)
    counts = collections.defaultdict(collections.Counter)
    for _, text, label in sentences:
        for i in fire(text):
            counts[i][label] += 1
    print(f"{len(sentences)} gold sentences; cue, label, weight, sentences it fires on, share of its label, labels")
    for i, (text, label, weight) in enumerate(cues):
        n = sum(counts[i].values())
        if label is None or n == 0:
            continue
        share = counts[i][label] / n
        flagged = n >= args.min and share < args.below
        if flagged or args.all:
            spread = ", ".join(f"{l} {c}" for l, c in counts[i].most_common())
            print(f"{'!' if flagged else ' '} {text}\t{label}\t{weight}\t{n}\t{share:.2f}\t{spread}")


if __name__ == "__main__":
    main()
