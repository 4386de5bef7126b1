#!/usr/bin/env python3
"""Is a label change better, or only different? Compares two runs' held-out proposal scores (train --proposal-scores,
as tools/train_models.sh or a cross-validation writes them) over the same sentences, per genre group of
tools/label_groups.py and pooled: each run's macro-F1 (its proposals merged as the label combiner merges them, with
the weights of Models/pipeline.json), the difference with a paired 95 % bootstrap interval (each resample draws the
same documents, or for a group of fewer than 10 the same sentences, for both runs, as `argmark eval --compare` does),
the share of resamples in which the candidate is higher, and the exact McNemar test on the sentences only one run
labels right.

    python3 tools/compare_scores.py zh BASELINE-scores.tsv CANDIDATE-scores.tsv
"""
import collections
import fnmatch
import json
import math
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import label_groups as L  # noqa: E402


def labelled(path, language, weights):
    weights = dict(weights)
    weights[L.FOLD_MODEL] = weights.pop(f"label.model.{language}.v1", 1.0)
    return {d: {s: (r["gold"], L.combine(r, weights)) for s, r in units.items()} for d, units in L.load(path).items()}


def mcnemar(b, c):
    n = b + c
    if n == 0:
        return 1.0
    tail = sum(math.exp(math.lgamma(n + 1) - math.lgamma(i + 1) - math.lgamma(n - i + 1) + n * math.log(0.5))
               for i in range(min(b, c) + 1))
    return min(1.0, 2 * tail)


def compare(documents, resamples=1000, level=0.95, seed=20261206):
    """documents: {name: [(gold, baseline, candidate)]}. Returns the row's figures."""
    rng = random.Random(seed)
    rows = [row for doc in documents.values() for row in doc]

    def macro_of(triples, k):
        return L.tally_macro(collections.Counter((t[0], t[k]) for t in triples))

    def tallies(triples):
        return (collections.Counter((t[0], t[1]) for t in triples), collections.Counter((t[0], t[2]) for t in triples))

    differences = []
    if len(documents) >= 10:
        per_document = [tallies(doc) for doc in documents.values()]
        for _ in range(resamples):
            a, b = collections.Counter(), collections.Counter()
            for k in rng.choices(range(len(per_document)), k=len(per_document)):
                a.update(per_document[k][0])
                b.update(per_document[k][1])
            differences.append(L.tally_macro(b) - L.tally_macro(a))
    else:
        cells = collections.Counter(rows)
        keys, weights = list(cells), list(cells.values())
        for _ in range(resamples):
            a, b = tallies(rng.choices(keys, weights=weights, k=len(rows)))
            differences.append(L.tally_macro(b) - L.tally_macro(a))
    low, high = L.percentile_interval(differences, level)
    better = sum(1 if d > 0 else 0.5 if d == 0 else 0 for d in differences) / len(differences)
    only_candidate = sum(1 for g, a, b in rows if b == g and a != g)
    only_baseline = sum(1 for g, a, b in rows if a == g and b != g)
    return (macro_of(rows, 1), macro_of(rows, 2), low, high, better, only_candidate,
            only_baseline, mcnemar(only_candidate, only_baseline))


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in ("zh", "en"):
        sys.exit(__doc__)
    language, baseline_path, candidate_path = sys.argv[1:]
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    with open(os.path.join(root, "Models", "pipeline.json"), encoding="utf-8") as f:
        weights = {entry["id"]: entry["weight"] for entry in json.load(f)["labelers"]}
    baseline = labelled(baseline_path, language, weights)
    candidate = labelled(candidate_path, language, weights)
    documents = {}
    for d, units in baseline.items():
        if d not in candidate or candidate[d].keys() != units.keys():
            sys.exit(f"compare_scores: {d} is not scored on the same sentences in both runs")
        documents[d] = [(g, p, candidate[d][s][1]) for s, (g, p) in units.items()]
    if candidate.keys() - baseline.keys():
        sys.exit("compare_scores: the candidate scores documents the baseline does not")
    groups = L.ZH_GROUPS if language == "zh" else L.EN_GROUPS
    assigned = {}
    for name, patterns in groups:
        for d in documents:
            if d not in assigned and any(fnmatch.fnmatch(d, p) for p in patterns):
                assigned[d] = name
    print("| group | documents | sentences | baseline | candidate | difference [95 % interval] | candidate higher | "
          "right only in candidate / baseline (McNemar p) |")
    print("|---|---|---|---|---|---|---|---|")
    selections = [(name, {d: documents[d] for d in documents if assigned.get(d) == name}) for name, _ in groups]
    for name, members in selections + [("pooled", documents)]:
        if not members:
            continue
        a, b, low, high, better, only_b, only_a, p = compare(members)
        sentences = sum(len(doc) for doc in members.values())
        print(f"| {name} | {len(members)} | {sentences} | {a:.3f} | {b:.3f} | {b - a:+.3f} [{low:+.3f}, {high:+.3f}] | "
              f"{better:.0%} | {only_b} / {only_a} ({p:.3g}) |")


if __name__ == "__main__":
    main()
