#!/usr/bin/env python3
"""Fit the confidence calibration of the default pipeline (the "calibration" entries of Models/pipeline.json).

The label combiner's raw confidence is the winning label's share of the weighted scores. It says little about
how often a label is right: in the Chinese pipeline most labels get 0.5-0.6 and are right 82 % of the time,
because the decision rules and the cue lexicon add weight that rarely speaks. The calibration is a logistic
regression that predicts whether the combined label is right from what the combiner saw for the sentence: the
share, and for each labeller of the pipeline whether it spoke, its score for the winning label, its best score for
another label (both also as log-odds), and the winning label. `LabelCombiner` (ConfidenceCalibration.swift)
computes the same features; this script must stay in step with it.

It is fitted on the held-out proposals that tools/train_models.sh writes (train --proposal-scores: every sentence
scored by the model of the fold that left its document out, with the cue lexicon and the decision rules), so the
confidences describe documents the model has not seen. Before fitting on every document, it reports a two-fold
check over documents (fit on every other document, score the rest): calibration error (ECE, 10 bins), how well the
confidence ranks wrong labels below right ones (AUROC), the share of wrong labels among the least-confident fifth,
and what `review`'s next-low (below 0.6) would flag.

    python3 tools/fit_calibration.py zh=/tmp/train-zh-scores.tsv en=/tmp/train-en-scores.tsv \
        en-short=/tmp/train-en-short-scores.tsv [--write]

en-short: the English short texts (arg-microtexts, CDCP comments), cross-validated in five folds; their
calibration applies to documents of at most 15 sentences.

--write puts the fitted calibrations into Models/pipeline.json (the labellers and their weights are kept), each
with the fingerprints of the trained models' weights it was fitted with ("models"), so that ArgMark leaves it out
once a model is retrained (FNV1a.wordDigest in Sources/ArgMarkCore/Determinism.swift computes the same).
Pure Python (no NumPy), deterministic.
"""
import json
import math
import os
import re
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import label_groups  # noqa: E402

LABELS = label_groups.LABELS
FOLD_MODEL = label_groups.FOLD_MODEL
LANGUAGES = {"zh": ["zh", "mixed"], "en": ["en"]}
# KEY=FILE arguments: a language, or LANGUAGE-short for documents of at most SHORT_TEXT sentences (fitted on the
# short texts' own held-out proposals; FeatureExtractor gives such documents their own copy of the features too).
SHORT_TEXT = 15
EPSILON = 1e-4  # scores are clamped to [EPSILON, 1 - EPSILON] before log-odds (the TSV keeps five decimals)
L2 = 1.0  # on the summed log-loss



def weights_digest(path):
    """A file's fingerprint, eight bytes at a time as little-endian words (the last zero-padded), then its length:
    FNV1a.wordDigest in Sources/ArgMarkCore/Determinism.swift."""
    with open(path, "rb") as f:
        data = f.read()
    h, prime, mask = 0xCBF29CE484222325, 0x100000001B3, (1 << 64) - 1
    full = len(data) - len(data) % 8
    for (word,) in struct.iter_unpack("<Q", data[:full]):
        h = ((h ^ word) * prime) & mask
    if full < len(data):
        h = ((h ^ int.from_bytes(data[full:], "little")) * prime) & mask
    h = ((h ^ len(data)) * prime) & mask
    return f"fnv1a64w:{h:016x}"

def log_odds(p):
    p = min(max(p, EPSILON), 1 - EPSILON)
    return math.log(p / (1 - p))


def feature_names(plugins):
    names = ["share"]
    for p in plugins:
        names += [f"{p} spoke", f"{p} winner", f"{p} other", f"{p} winner log-odds", f"{p} other log-odds"]
    names += [f"label {label}" for label in LABELS]
    return names


def features(scores_by_plugin, plugins, weights):
    """The combined label's index and the feature vector, as LabelCombiner computes them."""
    totals = [0.0] * len(LABELS)
    spoken_weight = 0.0
    for plugin, scores in scores_by_plugin.items():
        weight = weights[plugin]
        spoken_weight += weight
        for c, s in enumerate(scores):
            if s is not None:
                totals[c] += min(max(s, 0.0), 1.0) * weight
    best = 0
    for c in range(len(LABELS)):
        if totals[c] > totals[best]:
            best = c
    share = min(1.0, totals[best] / max(sum(totals), spoken_weight))
    x = [share]
    for plugin in plugins:
        scores = scores_by_plugin.get(plugin)
        if scores is None:
            x += [0.0] * 5
            continue
        clamped = [None if s is None else min(max(s, 0.0), 1.0) for s in scores]
        winner = clamped[best] or 0.0
        other = max([s for c, s in enumerate(clamped) if c != best and s is not None], default=0.0)
        x += [1.0, winner, other, log_odds(winner), log_odds(other)]
    x += [1.0 if c == best else 0.0 for c in range(len(LABELS))]
    return best, share, x


def load(path, language, weights):
    model = f"label.model.{language}.v1"
    plugins = sorted(p for p in weights if p.endswith(f".{language}.v1"))
    rows = []
    for document, units in label_groups.load(path).items():
        for unit in units.values():
            scores = {(model if p == FOLD_MODEL else p): s for p, s in unit["scores"].items()}
            unknown = set(scores) - set(plugins)
            if unknown:
                sys.exit(f"{path}: proposals from {', '.join(sorted(unknown))}, which the pipeline does not list")
            best, share, x = features(scores, plugins, weights)
            rows.append((document, x, 1.0 if LABELS[best] == unit["gold"] else 0.0, share))
    return plugins, rows


def solve(a, b):
    """Solves a x = b (a symmetric positive definite) by Cholesky decomposition."""
    n = len(b)
    lower = [[0.0] * n for _ in range(n)]
    for i in range(n):
        for j in range(i + 1):
            s = a[i][j] - sum(lower[i][k] * lower[j][k] for k in range(j))
            lower[i][j] = math.sqrt(s) if i == j else s / lower[j][j]
    y = [0.0] * n
    for i in range(n):
        y[i] = (b[i] - sum(lower[i][k] * y[k] for k in range(i))) / lower[i][i]
    x = [0.0] * n
    for i in reversed(range(n)):
        x[i] = (y[i] - sum(lower[k][i] * x[k] for k in range(i + 1, n))) / lower[i][i]
    return x


def fit(xs, ys):
    """L2-regularised logistic regression by Newton's method; the last coefficient is the intercept (not penalised)."""
    n = len(xs[0]) + 1
    w = [0.0] * n
    for _ in range(50):
        gradient = [0.0] * n
        hessian = [[0.0] * n for _ in range(n)]
        for x, y in zip(xs, ys):
            xb = x + [1.0]
            z = sum(wi * xi for wi, xi in zip(w, xb))
            p = 1 / (1 + math.exp(-z)) if z >= 0 else math.exp(z) / (1 + math.exp(z))
            r = p - y
            v = p * (1 - p)
            nonzero = [(i, xi) for i, xi in enumerate(xb) if xi != 0.0]
            for i, xi in nonzero:
                gradient[i] += r * xi
                row = hessian[i]
                for j, xj in nonzero:
                    if j <= i:
                        row[j] += v * xi * xj
        for i in range(n):
            for j in range(i):
                hessian[j][i] = hessian[i][j]
            if i < n - 1:
                gradient[i] += L2 * w[i]
                hessian[i][i] += L2
            hessian[i][i] += 1e-9
        step = solve(hessian, gradient)
        w = [wi - si for wi, si in zip(w, step)]
        if max(abs(s) for s in step) < 1e-8:
            break
    return w


def predict(w, x):
    z = w[-1] + sum(wi * xi for wi, xi in zip(w, x))
    return 1 / (1 + math.exp(-z)) if z >= 0 else math.exp(z) / (1 + math.exp(z))


def figures(confidences, right):
    n = len(right)
    ece = 0.0
    for b in range(10):
        members = [i for i, c in enumerate(confidences) if min(int(c * 10), 9) == b]
        if members:
            mean = sum(confidences[i] for i in members) / len(members)
            accuracy = sum(right[i] for i in members) / len(members)
            ece += len(members) / n * abs(mean - accuracy)
    order = sorted(range(n), key=lambda i: confidences[i])
    wrong = n - sum(right)
    fifth = sum(1 for i in order[: n // 5] if not right[i]) / wrong if wrong else 0.0
    ranked = sorted(zip(confidences, right))
    positives = sum(right)
    # AUROC by ranks (ties share their rank).
    rank_sum, i = 0.0, 0
    while i < n:
        j = i
        while j < n and ranked[j][0] == ranked[i][0]:
            j += 1
        mean_rank = (i + j + 1) / 2
        rank_sum += mean_rank * sum(1 for k in range(i, j) if ranked[k][1])
        i = j
    auroc = (rank_sum - positives * (positives + 1) / 2) / (positives * wrong) if positives and wrong else 0.0
    flagged = [i for i in range(n) if confidences[i] < 0.6]
    flagged_wrong = sum(1 for i in flagged if not right[i])
    return (f"mean {sum(confidences) / n:.3f} (accuracy {sum(right) / n:.3f}), ECE {ece:.3f}, AUROC {auroc:.3f}, "
            f"least-confident fifth holds {fifth:.1%} of the errors, below 0.6: {len(flagged)} "
            f"({flagged_wrong / len(flagged) if flagged else 0:.1%} wrong, {flagged_wrong / wrong if wrong else 0:.1%} of the errors)")


def main():
    arguments = [a for a in sys.argv[1:] if a != "--write"]
    keys = set(LANGUAGES) | {f"{language}-short" for language in LANGUAGES}
    if not arguments or any("=" not in a or a.split("=")[0] not in keys for a in arguments):
        sys.exit(__doc__)
    root = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    pipeline_path = os.path.join(root, "Models", "pipeline.json")
    with open(pipeline_path, encoding="utf-8") as f:
        pipeline = json.load(f)
    weights = {entry["id"]: entry.get("weight", 1.0) for entry in pipeline["labelers"]}
    calibrations = [c for c in pipeline.get("calibration", [])]
    for argument in arguments:
        key, path = argument.split("=", 1)
        language = key.split("-")[0]
        short = key.endswith("-short")
        plugins, rows = load(path, language, weights)
        if short:
            # The combiner gives this calibration only to documents of at most SHORT_TEXT sentences.
            length = {}
            for r in rows:
                length[r[0]] = length.get(r[0], 0) + 1
            rows = [r for r in rows if length[r[0]] <= SHORT_TEXT]
        names = feature_names(plugins)
        documents = sorted({r[0] for r in rows})
        fold_of = {d: i % 2 for i, d in enumerate(documents)}
        held_out = [0.0] * len(rows)
        for fold in (0, 1):
            train = [r for r in rows if fold_of[r[0]] != fold]
            w = fit([r[1] for r in train], [r[2] for r in train])
            for i, r in enumerate(rows):
                if fold_of[r[0]] == fold:
                    held_out[i] = predict(w, r[1])
        right = [r[2] for r in rows]
        print(f"{key}: {len(rows)} held-out sentences of {len(documents)} documents")
        print(f"  share (uncalibrated):        {figures([r[3] for r in rows], right)}")
        print(f"  calibrated, two-fold check:  {figures(held_out, right)}")
        w = fit([r[1] for r in rows], right)
        coefficients = {name: round(value, 6) for name, value in zip(names, w[:-1]) if round(value, 6) != 0.0}
        coefficients["bias"] = round(w[-1], 6)
        calibrations = [c for c in calibrations
                        if (c.get("languages"), c.get("maxSentences")) != (LANGUAGES[language], SHORT_TEXT if short else None)]
        entry = {"languages": LANGUAGES[language]}
        if short:
            entry["maxSentences"] = SHORT_TEXT
        entry["labelers"] = {p: weights[p] for p in plugins}
        entry["fittedOn"] = (f"{len(rows)} held-out sentences of {len(documents)} documents "
                             + ("(five folds over the short texts" if short else "(leave-one-document-out")
                             + ", tools/train_models.sh)")
        entry["coefficients"] = coefficients
        models = {p: weights_digest(os.path.join(root, "Models", p, "weights.bin")) for p in plugins
                  if os.path.exists(os.path.join(root, "Models", p, "weights.bin"))}
        if models:
            entry["models"] = models
        calibrations.append(entry)
    if "--write" in sys.argv:
        # Chinese first; within a language the short-text calibration first, as the combiner takes the first that fits.
        calibrations.sort(key=lambda c: (c["languages"][0] != "zh", "maxSentences" not in c))
        pipeline["calibration"] = calibrations
        lines = ["{", f'  "description": {json.dumps(pipeline["description"], ensure_ascii=False)},', '  "labelers": [']
        lines += [f"    {json.dumps(e, ensure_ascii=False)}{',' if i < len(pipeline['labelers']) - 1 else ''}"
                  for i, e in enumerate(pipeline["labelers"])]
        lines += ["  ],", '  "calibration": [']
        for i, c in enumerate(calibrations):
            body = json.dumps(c, ensure_ascii=False, indent=2)
            body = re.sub(r'\[\s*("[^"\]]*"(?:,\s*"[^"\]]*")*)\s*\]', lambda m: "[" + re.sub(r",\s*", ", ", m.group(1)) + "]", body)
            body = body.replace("\n", "\n    ")
            lines.append(f"    {body}{',' if i < len(calibrations) - 1 else ''}")
        lines += ["  ]", "}"]
        tmp = pipeline_path + ".tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        os.replace(tmp, pipeline_path)
        print(f"wrote the calibration into {pipeline_path}")


if __name__ == "__main__":
    main()
