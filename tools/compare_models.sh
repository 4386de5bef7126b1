#!/usr/bin/env bash
# Is a retrained model better, or is the difference noise? Labels the held-out texts (Annotations/heldout, never
# trained on) through the default pipeline with two Models/ directories and compares the two labellings sentence by
# sentence with `argmark eval --compare`: the difference in macro-F1 and accuracy with a paired bootstrap interval,
# the share of resamples in which the candidate is higher, and the exact McNemar test of the sentences only one of
# them labels right. Any retraining moves a small group by a few points (Models/README.md): a change whose interval
# spans 0 has not been shown to help.
# usage: tools/compare_models.sh CANDIDATE_MODELS_DIR [BASELINE_MODELS_DIR (default: Models)] [eval options]
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/lib.sh
if [ $# -lt 1 ] || [ ! -d "$1" ]; then
  echo "usage: tools/compare_models.sh CANDIDATE_MODELS_DIR [BASELINE_MODELS_DIR] [eval options]" >&2
  exit 2
fi
candidate=$(cd "$1" && pwd)
shift
baseline=$PWD/Models
if [ $# -gt 0 ] && [ -d "$1" ]; then
  baseline=$(cd "$1" && pwd)
  shift
fi
swift build -c release --product argmark >/dev/null
bin=${BIN:-.build/release/argmark}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for lang in zh en; do
  heldout_gold "$bin" "$lang" "$work/gold-$lang" "$work/read" || continue
  "$bin" annotate Annotations/heldout/*."$lang".txt --out "$work/candidate-$lang" --models "$candidate" --no-tree 2>/dev/null
  "$bin" annotate Annotations/heldout/*."$lang".txt --out "$work/baseline-$lang" --models "$baseline" --no-tree 2>/dev/null
  echo "== $lang: $candidate against $baseline"
  "$bin" eval "$work/gold-$lang" "$work/candidate-$lang" --compare "$work/baseline-$lang" "$@" \
    | grep -E "^(mean over|sentences|against|  (macro|accuracy))" | sed "s|$work/baseline-$lang|the baseline|"
done
