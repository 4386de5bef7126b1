#!/usr/bin/env bash
# Labelling throughput on one core: annotate a ~6 MB single-document corpus (53,400 sentences built from the
# samples) with no labeller and with each labeller (`--no-tree`: labels only), best of three runs, and report the
# labelling rate (sentences / (time with labellers − time without)); then the full default pipeline (labels,
# tree, scores). Also times loading the plugins and models.
# usage: tools/bench_labeling.sh
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product argmark >/dev/null
bin=.build/release/argmark
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
src=(../shared/samples/*.txt)
[ -e "${src[0]}" ] || src=(Annotations/texts/*.txt Annotations/sources/*.txt)
for i in $(seq 1 30); do cat "${src[@]}" >> "$work/corpus.txt"; done
best() { # prints the best elapsed seconds of three runs and the sentence count
  local best=999 sentences=0
  for run in 1 2 3; do
    "$bin" annotate "$work/corpus.txt" --out "$work/out" --jobs 1 "$@" 2> "$work/log"
    local t; t=$(grep -o 'in [0-9.]* s' "$work/log" | cut -d' ' -f2)
    sentences=$(grep -o '[0-9]* sentences' "$work/log" | cut -d' ' -f1)
    best=$(echo "if ($t < $best) $t else $best" | bc -l)
  done
  echo "$best $sentences"
}
read -r base sentences < <(best --labelers none --no-tree)
printf '%-40s %8s %14s\n' pipeline seconds sentences/s
printf '%-40s %8.2f %14s\n' "(reading + writing only)" "$base" "-"
for pipeline in default label.cue.zh.v1 label.rules.zh.v1 label.model.zh.v1; do
  if [ "$pipeline" = default ]; then read -r t _ < <(best --no-tree); else read -r t _ < <(best --labelers "$pipeline" --no-tree); fi
  # A labeller faster than the timer's resolution can take no longer than reading alone: report it as too fast to tell.
  if [ "$(echo "$t > $base" | bc -l)" = 1 ]; then
    printf '%-40s %8.2f %14.0f\n' "$pipeline labels" "$t" "$(echo "$sentences / ($t - $base)" | bc -l)"
  else
    printf '%-40s %8.2f %14s\n' "$pipeline labels" "$t" "too fast to time"
  fi
done
read -r t _ < <(best)
printf '%-40s %8.2f %14.0f\n' "default labels + tree + scores" "$t" "$(echo "$sentences / ($t - $base)" | bc -l)"
start=$(date +%s.%N); "$bin" plugins >/dev/null; end=$(date +%s.%N)
printf 'argmark plugins (loads every lexicon and model): %.0f ms\n' "$(echo "($end - $start) * 1000" | bc -l)"
