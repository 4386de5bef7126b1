#!/usr/bin/env python3
"""Sentence-boundary agreement of `argmark annotate` with every reference segmentation at hand.

usage: tools/segmentation_eval.py [--binary .build/release/argmark] [--shared ../shared]

References: the GWR sample texts against ../shared/data/gwr/*_sentences.tsv (the project-made gold),
the en-policy, zh-translated and mfa2022 corpora and the English short texts (arg-microtexts, CDCP; texts
rebuilt from their sentence TSVs), and the
project's own Annotations/sources/*.txt against their hand-segmented .lines files. Prints boundary precision /
recall / F1 for every document that disagrees, then per group and pooled. Skips what is not present.
"""
import argparse
import glob
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))
from segmentation_agreement import agreement, read_gold, read_pred  # noqa: E402
import rebuild_text_from_tsv  # noqa: E402


def score(pred_texts, gold_texts):
    agree, pred, gold = agreement(pred_texts, gold_texts)
    return agree, len(pred), len(gold)


def annotate(binary, inputs, out, input_format="auto"):
    subprocess.run([binary, "annotate", *inputs, "--out", out, "--input-format", input_format],
                   check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def rebuild_texts(tsvs, directory):
    """One plain text per sentence TSV in `directory`, named after it."""
    os.makedirs(directory, exist_ok=True)
    for t in tsvs:
        name = os.path.basename(t).replace("_sentences.tsv", "")
        sys.argv = ["x", t, f"{directory}/{name}.txt"]
        rebuild_text_from_tsv.main()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=".build/release/argmark")
    parser.add_argument("--shared", default="../shared")
    args = parser.parse_args()
    pairs = []  # (group, name, pred jsonl, gold file)
    with tempfile.TemporaryDirectory() as tmp:
        samples = os.path.join(args.shared, "samples")
        gwr = sorted(glob.glob(os.path.join(args.shared, "data/gwr/*_sentences.tsv")))
        if gwr:
            annotate(args.binary, [os.path.join(samples, os.path.basename(g).replace("_sentences.tsv", ".zh.txt")) for g in gwr], tmp + "/gwr")
            pairs += [("gwr (text reader, real files)", os.path.basename(g), tmp + "/gwr/" + os.path.basename(g).replace("_sentences.tsv", ".zh.jsonl"), g) for g in gwr]
        for corpus in ("en-policy", "zh-translated", "mfa2022"):
            tsvs = sorted(glob.glob(os.path.join(args.shared, "data", corpus, "*_sentences.tsv")))
            if not tsvs:
                continue
            rebuild_texts(tsvs, f"{tmp}/{corpus}-txt")
            annotate(args.binary, [f"{tmp}/{corpus}-txt"], f"{tmp}/{corpus}", "text")
            pairs += [(f"{corpus} (rebuilt text)", os.path.basename(t), f"{tmp}/{corpus}/" + os.path.basename(t).replace("_sentences.tsv", ".jsonl"), t) for t in tsvs]
        # The English short texts, each rebuilt as one line of plain text (CDCP's web addresses are __URL__).
        for corpus in ("microtexts", "cdcp"):
            source = os.path.join(args.shared, "data", "en", corpus + ".train.tsv")
            if not os.path.exists(source):
                continue
            subprocess.run([sys.executable, os.path.join(os.path.dirname(__file__), "split_corpus_tsv.py"), source,
                            f"{tmp}/{corpus}-pairs"], check=True, stdout=subprocess.DEVNULL)
            tsvs = sorted(glob.glob(f"{tmp}/{corpus}-pairs/*_sentences.tsv"))
            rebuild_texts(tsvs, f"{tmp}/{corpus}-txt")
            annotate(args.binary, [f"{tmp}/{corpus}-txt"], f"{tmp}/{corpus}", "text")
            pairs += [(f"{corpus} (rebuilt text)", os.path.basename(t), f"{tmp}/{corpus}/" + os.path.basename(t).replace("_sentences.tsv", ".jsonl"), t) for t in tsvs]
        own = sorted(glob.glob(os.path.join(os.path.dirname(__file__), "../Annotations/sources/*.lines")))
        if own:
            annotate(args.binary, [o[: -len(".lines")] + ".txt" for o in own], tmp + "/own")
            pairs += [("Annotations/sources (article reader)", os.path.basename(o), f"{tmp}/own/" + os.path.basename(o)[: -len(".lines")] + ".jsonl", o) for o in own]
        totals = {}
        for group, name, pred_path, gold_path in pairs:
            if not os.path.exists(pred_path):
                print(f"{name}: no output (annotate failed)")
                continue
            agree, npred, ngold = score(read_pred(pred_path), read_gold(gold_path))
            t = totals.setdefault(group, [0, 0, 0])
            t[0] += agree; t[1] += npred; t[2] += ngold
            if agree < npred or agree < ngold:
                print(f"{group:40} {name:58} P {agree / max(npred, 1):.4f} R {agree / max(ngold, 1):.4f}")
        print()
        all_t = [0, 0, 0]
        for group, (a, p, g) in totals.items():
            print(f"{group:40} boundaries {g:5}  P {a / p:.4f}  R {a / g:.4f}  F1 {2 * a / (p + g):.4f}")
            all_t = [x + y for x, y in zip(all_t, (a, p, g))]
        a, p, g = all_t
        if g:
            print(f"{'pooled':40} boundaries {g:5}  P {a / p:.4f}  R {a / g:.4f}  F1 {2 * a / (p + g):.4f}")


if __name__ == "__main__":
    main()
