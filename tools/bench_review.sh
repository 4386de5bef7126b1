#!/usr/bin/env bash
# Review editor speed on a long document: builds a 10,000+ sentence JSONL (the bundled work reports, labelled
# and linked by the default pipeline), runs a scripted session of every command with `argmark review --timings`,
# and prints the time to open and, per command, the milliseconds it took (journal flush included).
# Targets: opening < 1 s, every command < 10 ms.
# usage: tools/bench_review.sh [ARGMARK_BINARY=.build/release/argmark] [COPIES=8]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-.build/release/argmark}
copies=${2:-8}
[ -x "$bin" ] || { echo "bench_review: $bin is not executable; build with 'swift build -c release --product argmark'" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for _ in $(seq 1 "$copies"); do cat Annotations/texts/*.txt; done > "$work/long.zh.txt"
"$bin" annotate "$work/long.zh.txt" --out "$work" 2>/dev/null
sentences=$(grep -c '"type":"sentence"' "$work/long.zh.jsonl")
echo "document: $sentences sentences, $(( $(stat -c %s "$work/long.zh.jsonl") / 1000000 )) MB of JSONL"
last=$(grep '"type":"sentence"' "$work/long.zh.jsonl" | tail -n 1 | sed 's/.*"id":"\(s[0-9]*\)".*/\1/')
script=$(cat <<COMMANDS
next
prev
goto $last
goto s5
next-unreviewed
next-low
next-label example
find 不存在的词
find 改革.{2}发展
label claim
label background
e
accept
link s500 s7
link s7 s500
unlink s500
thesis s1000
undo
redo
undo
show
show s900
tree s1000
list low
list claim
stats
help
write
quit
COMMANDS
)
best=()
for run in 1 2 3; do
  rm -f "$work/long.zh.jsonl.journal"
  "$bin" review "$work/long.zh.jsonl" --annotator bench --timings <<< "$script" 2> "$work/timings.$run" > /dev/null || true
done
echo "best of 3 runs (ms):"
# Lines are "argmark: timing: COMMAND MS"; keep the smallest time per command across runs.
cat "$work"/timings.* | sed -n 's/^argmark: timing: \(.*\) \([0-9.]*\) ms$/\1\t\2/p' \
  | sort -t$'\t' -k1,1 -k2,2n | awk -F'\t' '!seen[$1]++ { printf "  %-28s %8.2f\n", $1, $2 }'
awk -F'\t' 'BEGIN{max=0} { if ($1 != "open" && $1 != "write" && $2 > max) { max = $2; name = $1 } } END { printf "slowest command (open and write aside): %s, %.2f ms\n", name, max }' \
  <(cat "$work"/timings.* | sed -n 's/^argmark: timing: \(.*\) \([0-9.]*\) ms$/\1\t\2/p' | sort -t$'\t' -k1,1 -k2,2n | awk -F'\t' '!seen[$1]++')
