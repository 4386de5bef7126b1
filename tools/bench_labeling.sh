#!/usr/bin/env bash
# Labelling throughput on one core: annotate a ~6 MB single-document corpus (53,400 sentences built from the
# samples) with no labeller and with each labeller (`--no-tree`: labels only), best of five runs, and report the
# labelling rate: sentences / (analysis time with labellers − analysis time without), the analysis time being what
# `annotate --timings` reports beside reading and writing, which vary more than labelling on a shared machine; and
# the end-to-end rate from the elapsed times (the labels' share of writing included). Then the full default pipeline
# (labels, tree, scores). Also times loading the plugins and models.
# usage: tools/bench_labeling.sh   (BENCH_RUNS=N for best of N)
set -euo pipefail
cd "$(dirname "$0")/.."
# BENCH_BIN: another build to measure (an earlier commit's, for a comparison).
if [ -z "${BENCH_BIN:-}" ]; then swift build -c release --product argmark >/dev/null; fi
bin=${BENCH_BIN:-.build/release/argmark}
runs=${BENCH_RUNS:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
src=(../shared/samples/*.txt)
[ -e "${src[0]}" ] || src=(Annotations/texts/*.txt Annotations/sources/*.txt)
for i in $(seq 1 30); do cat "${src[@]}" >> "$work/corpus.txt"; done
best() { # prints the best analysis seconds and the best elapsed seconds of $runs runs, and the sentence count
  local best=999 elapsed=999 sentences=0
  for run in $(seq 1 "$runs"); do
    "$bin" annotate "$work/corpus.txt" --out "$work/out" --jobs 1 --timings "$@" 2> "$work/log"
    local a t; a=$(grep -o 'analyse [0-9.]* s' "$work/log" | cut -d' ' -f2); t=$(grep -o 'in [0-9.]* s' "$work/log" | cut -d' ' -f2)
    sentences=$(grep -o '[0-9]* sentences' "$work/log" | cut -d' ' -f1)
    best=$(echo "if ($a < $best) $a else $best" | bc -l)
    elapsed=$(echo "if ($t < $elapsed) $t else $elapsed" | bc -l)
  done
  echo "$best $elapsed $sentences"
}
read -r base base_elapsed sentences < <(best --labelers none --no-tree)
# Two rates: labelling alone (analysis time with the labellers minus without), and what the labels add end to end
# (elapsed time, with reading, writing the larger output and the machine's noise).
printf '%-34s %8s %8s %14s %14s\n' pipeline analysis elapsed "labelling/s" "end to end/s"
printf '%-34s %8.2f %8.2f %14s %14s\n' "(no labeller)" "$base" "$base_elapsed" "-" "-"
rate() { # seconds with, seconds without: sentences per second of the difference, or "too fast to time"
  if [ "$(echo "$1 > $2" | bc -l)" = 1 ]; then printf '%.0f' "$(echo "$sentences / ($1 - $2)" | bc -l)"; else printf 'too fast to time'; fi
}
for pipeline in default label.cue.zh.v1 label.rules.zh.v1 label.model.zh.v1; do
  if [ "$pipeline" = default ]; then read -r a t _ < <(best --no-tree); else read -r a t _ < <(best --labelers "$pipeline" --no-tree); fi
  printf '%-34s %8.2f %8.2f %14s %14s\n' "$pipeline labels" "$a" "$t" "$(rate "$a" "$base")" "$(rate "$t" "$base_elapsed")"
done
read -r a t _ < <(best)
printf '%-34s %8.2f %8.2f %14s %14s\n' "default labels + tree + scores" "$a" "$t" "$(rate "$a" "$base")" "$(rate "$t" "$base_elapsed")"
start=$(date +%s.%N); "$bin" plugins >/dev/null; end=$(date +%s.%N)
printf 'argmark plugins (loads every lexicon and model): %.0f ms\n' "$(echo "($end - $start) * 1000" | bc -l)"
