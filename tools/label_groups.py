#!/usr/bin/env python3
"""Per-genre leave-one-document-out tables for Models/README.md.

Reads the held-out proposal scores that tools/train_models.sh writes (train --proposal-scores: one row per held-out
sentence and labeller), merges them exactly as the label combiner does with the weights of Models/pipeline.json,
and prints a Markdown table per language: per genre group, documents, sentences, pooled macro-F1 with its 95 %
bootstrap interval (as `argmark eval --bootstrap 1000` draws it: whole documents for a group of at least 10, sentences
for a smaller one, whose interval is then too narrow, as its documents differ more than its sentences), the
per-document mean (min–max), accuracy and per-label F1.

    python3 tools/label_groups.py /tmp/train-zh-scores.tsv /tmp/train-en-scores.tsv
"""
import collections
import fnmatch
import json
import os
import random
import sys

LABELS = ["claim", "evidence", "example", "prescription", "background"]
FOLD_MODEL = "label.model.fold"

# Genre groups by document name; a document goes to the first group whose patterns match it.
ZH_GROUPS = [
    ("Government Work Reports 2022–24", ["gwr*"]),
    ("project work reports (city, provincial, municipal; national plan and work reports)", [
        "zh-*work-report*", "zh-plan-execution-report*"]),
    ("project official reports (foreign-ministry style; white papers)", [
        "zh-rebuttal-report*", "zh-sanctions-food*", "zh-export-control*", "zh-climate-finance*", "zh-alliance*",
        "zh-overcapacity*", "zh-human-rights*", "zh-treaty-withdrawal*", "zh-aid-conditionality*", "zh-space-security*",
        "zh-ministry-white-paper*", "zh-development-finance*", "zh-fukushima*", "zh-arms-race*", "zh-unilateral-tariffs*",
        "zh-extraterritorial*", "zh-ocean-plastic*", "zh-peacekeeping*", "zh-migrant-detention*", "zh-navigation-freedom*",
        "zh-global-development*", "zh-who-withdrawal*", "zh-cuba-embargo*", "zh-energy-transition*", "zh-economic-coercion*",
        "zh-counternarcotics*", "zh-arms-sales*", "zh-monroe*", "zh-middle-east-intervention*",
        "zh-sanctions-humanitarian*",
        "zh-biological-lab*", "zh-shipbuilding-301*",
        "zh-distant-water-fishing*", "zh-dollar-hegemony*", "zh-monetary-manipulation*", "zh-election-interference*"]),
    ("project commentator editorials", ["zh-commentator*"]),
    ("project translations (CRS-style reports, position papers; labels of their English gold)", ["zh-translated-*"]),
    ("project journal articles (CNKI layout)", ["zh-*"]),
    ("MFA 2022 report", ["mfa*"]),
    ("translated policy papers", ["*.zh_gold*"]),
]
EN_GROUPS = [
    ("project public comments", ["en-data-broker*", "en-medical-debt*", "en-public-comment*"]),
    ("project reports (CRS- and GAO-style, think-tank briefs)", [
        "en-broadband*", "en-water-infrastructure*", "en-crs-style*", "en-think-tank*", "en-gao*", "en-industrial-policy*"]),
    ("project position papers (written to the en-policy gold's conventions)", ["en-position-paper*"]),
    ("project papers", ["en-*"]),
    ("en-policy papers and CRS reports", ["*_gold*"]),
]


def load(path):
    documents = collections.OrderedDict()
    with open(path, encoding="utf-8") as f:
        next(f)
        for line in f:
            fields = line.rstrip("\n").split("\t")
            document, unit, _, gold, plugin = fields[:5]
            row = documents.setdefault(document, collections.OrderedDict()).setdefault(unit, {"gold": gold, "scores": {}})
            row["scores"][plugin] = [None if x == "" else float(x) for x in fields[5:]]
    return documents


def combine(row, weights):
    totals = [0.0] * len(LABELS)
    for plugin, scores in row["scores"].items():
        weight = weights.get(plugin, 1.0)
        for c, score in enumerate(scores):
            if score is not None:
                totals[c] += min(max(score, 0.0), 1.0) * weight
    best = 0
    for c in range(len(LABELS)):
        if totals[c] > totals[best]:  # ties go to the label listed first, as in LabelCombiner
            best = c
    return LABELS[best]


def f1_scores(pairs):
    return tally_f1(collections.Counter(pairs))


def macro(pairs):
    scores = f1_scores(pairs)
    return sum(scores.values()) / len(scores)


def tally_f1(cells):
    """F1 of each label present in the gold, from a {(gold, predicted): count} tally."""
    scores = {}
    for label in LABELS:
        gold = sum(n for (g, _), n in cells.items() if g == label)
        if not gold:
            continue
        predicted = sum(n for (_, p), n in cells.items() if p == label)
        scores[label] = 2 * cells.get((label, label), 0) / (gold + predicted)
    return scores


def tally_macro(cells):
    """Macro-F1 over the labels present in the gold, from a {(gold, predicted): count} tally."""
    scores = tally_f1(cells)
    return sum(scores.values()) / len(scores) if scores else 0.0


def interval(per_document, resamples=1000, level=0.95, seed=20261206):
    """Percentile bootstrap interval of the pooled macro-F1: documents drawn with replacement when there are at least
    10 of them, else sentences."""
    rng = random.Random(seed)
    documents = list(per_document.values())
    tallies = [collections.Counter(doc) for doc in documents]
    values = []
    if len(documents) >= 10:
        for _ in range(resamples):
            total = collections.Counter()
            for k in rng.choices(range(len(tallies)), k=len(tallies)):
                total.update(tallies[k])
            values.append(tally_macro(total))
    else:
        pooled = collections.Counter()
        for t in tallies:
            pooled.update(t)
        cells, weights = list(pooled), list(pooled.values())
        n = sum(weights)
        for _ in range(resamples):
            values.append(tally_macro(collections.Counter(rng.choices(cells, weights=weights, k=n))))
    return percentile_interval(values, level)


def percentile_interval(values, level=0.95):
    """The central `level` share of `values`, interpolating between order statistics (as `argmark eval` does)."""
    values = sorted(values)

    def quantile(q):
        position = q * (len(values) - 1)
        below = int(position)
        above = min(below + 1, len(values) - 1)
        return values[below] + (values[above] - values[below]) * (position - below)

    tail = (1 - level) / 2
    return quantile(tail), quantile(1 - tail)


def row(name, per_document):
    pairs = [p for doc in per_document.values() for p in doc]
    means = [macro(doc) for doc in per_document.values()]
    accuracy = sum(1 for g, p in pairs if g == p) / len(pairs)
    labels = ", ".join(f"{label} {score:.2f}" for label, score in f1_scores(pairs).items())
    low, high = interval(per_document)
    return (f"| {name} | {len(per_document)} | {len(pairs)} | {macro(pairs):.3f} [{low:.3f}, {high:.3f}] | {sum(means) / len(means):.3f} "
            f"({min(means):.3f}–{max(means):.3f}) | {accuracy:.3f} | {labels} |")


def table(path, language, groups, weights):
    documents = load(path)
    weights = dict(weights)
    weights[FOLD_MODEL] = weights.pop(f"label.model.{language}.v1", 1.0)
    labelled = {d: [(r["gold"], combine(r, weights)) for r in units.values()] for d, units in documents.items()}
    print(f"| {'Chinese' if language == 'zh' else 'English'} | documents | sentences | macro-F1 pooled [95 % interval] | per document mean (min–max) | accuracy | per-label F1 |")
    print("|---|---|---|---|---|---|---|")
    assigned = {}
    for name, patterns in groups:
        for d in labelled:
            if d not in assigned and any(fnmatch.fnmatch(d, p) for p in patterns):
                assigned[d] = name
    for name, _ in groups:
        members = {d: labelled[d] for d in labelled if assigned.get(d) == name}
        if members:
            print(row(name, members))
    print(row("pooled", labelled))
    print()


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    with open(os.path.join(root, "Models", "pipeline.json"), encoding="utf-8") as f:
        weights = {entry["id"]: entry["weight"] for entry in json.load(f)["labelers"]}
    table(sys.argv[1], "zh", ZH_GROUPS, weights)
    table(sys.argv[2], "en", EN_GROUPS, weights)


if __name__ == "__main__":
    main()
