#!/usr/bin/env bash
# TEI throughput on one core, on one large Chinese document (~20 MB of text made by repeating the
# bundled Annotations/texts/*.txt). Builds nothing. Times, best of 3, each with --jobs 1:
#   (a) JSONL -> TEI    annotate big.zh.jsonl --input-format jsonl --labelers none --no-tree --to tei
#   (b) JSONL -> JSONL  the same with --to jsonl (baseline: JSONL read + write)
#   (c) TEI -> JSONL    annotate big.zh.tei.xml --labelers none --no-tree --to jsonl (TEI import)
# and prints the raw seconds, the file sizes, TEI output MB / time (a) and TEI input MB / time (c).
# Times are wall-clock for the whole command (start-up, reading, building the document, writing), so
# those MB/s figures are end-to-end rates; the stage rates below them come from `annotate --timings`
# (the TEI writer alone in (a), the TEI reader alone in (c), best of 3) and are what the targets name:
# export >= 20 MB/s of output, import >= 20 MB/s of input, per core.
#
# usage: tools/bench_tei.sh [ARGMARK_BINARY=.build/release/argmark] [TEXT_MB=20]
set -euo pipefail

caller_dir=$PWD
cd "$(dirname "$0")/.."
if [ "$#" -ge 1 ]; then
  case $1 in
    /*) bin=$1 ;;
    */*) bin=$caller_dir/$1 ;;
    *) if [ -e "$caller_dir/$1" ]; then bin=$caller_dir/$1; else bin=$(command -v "$1" || echo "$1"); fi ;;
  esac
else
  bin=$PWD/.build/release/argmark
fi
[ -x "$bin" ] || { echo "bench_tei: $bin is not an executable file; build with 'swift build -c release --product argmark'" >&2; exit 1; }
text_mb=${2:-20}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mb() { awk -v b="$(stat -c %s "$1")" 'BEGIN { printf "%.2f", b / 1e6 }'; }
now() { date +%s.%N; }

# One document: the bundled texts, concatenated, repeated until TEXT_MB is reached.
src=(Annotations/texts/*.txt)
cat "${src[@]}" > "$work/block.txt"
block_bytes=$(stat -c %s "$work/block.txt")
copies=$(( (text_mb * 1000000 + block_bytes - 1) / block_bytes ))
for _ in $(seq 1 "$copies"); do cat "$work/block.txt"; done > "$work/big.zh.txt"

run() { # OUTDIR ARGS... : one annotate run; on failure show its stderr and stop
  local out=$1
  shift
  rm -rf "$out"
  if ! "$bin" annotate "$@" --out "$out" --jobs 1 2> "$work/stderr"; then
    cat "$work/stderr" >&2
    echo "bench_tei: 'argmark annotate $*' failed" >&2
    exit 1
  fi
}

best_of_3() { # OUTDIR ARGS... : prints the best wall time in seconds; keeps each run's --timings line
  local best="" start end t
  : > "$work/timings.$(basename "$1")"
  for _ in 1 2 3; do
    start=$(now)
    run "$@" --timings
    end=$(now)
    grep 'timings:' "$work/stderr" >> "$work/timings.$(basename "$1")" || true
    t=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f", e - s }')
    if [ -z "$best" ] || awk -v t="$t" -v b="$best" 'BEGIN { exit !(t < b) }'; then best=$t; fi
  done
  echo "$best"
}

best_stage() { # RUN STAGE(read|write) : the best MB/s of that stage over the run's three --timings lines
  sed -n "s/.*$2 \([0-9.]*\) s (\([0-9.]*\) MB\/s.*/\2 \1/p" "$work/timings.$1" | sort -rn | head -n 1
}

echo "binary: $bin"
echo "corpus: big.zh.txt, $(mb "$work/big.zh.txt") MB = $copies copies of ${src[*]} (one document)"

run "$work/seed" "$work/big.zh.txt" --labelers none --to jsonl
mv "$work/seed/big.zh.jsonl" "$work/big.zh.jsonl"
sentences=$(grep -cE '"type": ?"sentence"' "$work/big.zh.jsonl" || true)
echo "input:  big.zh.jsonl, $(mb "$work/big.zh.jsonl") MB, $sentences sentences"
echo

time_a=$(best_of_3 "$work/a" "$work/big.zh.jsonl" --input-format jsonl --labelers none --no-tree --to tei)
tei=$(find "$work/a" -name '*.tei.xml' | head -n 1)
[ -n "$tei" ] || { echo "bench_tei: (a) wrote no .tei.xml file" >&2; exit 1; }
cp "$tei" "$work/big.zh.tei.xml"
time_b=$(best_of_3 "$work/b" "$work/big.zh.jsonl" --input-format jsonl --labelers none --no-tree --to jsonl)
jsonl_b=$(find "$work/b" -type f | head -n 1)
time_c=$(best_of_3 "$work/c" "$work/big.zh.tei.xml" --labelers none --no-tree --to jsonl)
jsonl_c=$(find "$work/c" -type f | head -n 1)

tei_mb=$(mb "$work/big.zh.tei.xml")
printf '%-36s %8s  %s\n' "run (best of 3, --jobs 1)" seconds "output"
printf '%-36s %8s  %s\n' "(a) JSONL -> TEI" "$time_a" "big.zh.tei.xml, $tei_mb MB"
printf '%-36s %8s  %s\n' "(b) JSONL -> JSONL (baseline)" "$time_b" "$(basename "$jsonl_b"), $(mb "$jsonl_b") MB"
printf '%-36s %8s  %s\n' "(c) TEI -> JSONL (import)" "$time_c" "$(basename "$jsonl_c"), $(mb "$jsonl_c") MB"
echo
awk -v m="$tei_mb" -v t="$time_a" 'BEGIN { printf "TEI written: %.2f MB / %.3f s (a) = %.1f MB/s\n", m, t, m / t }'
awk -v m="$tei_mb" -v t="$time_c" 'BEGIN { printf "TEI read:    %.2f MB / %.3f s (c) = %.1f MB/s\n", m, t, m / t }'
echo
read -r write_rate write_seconds <<< "$(best_stage a write)"
read -r read_rate read_seconds <<< "$(best_stage c read)"
echo "stage rates (argmark annotate --timings, best of 3, one core):"
echo "  TEI writer (a): $write_seconds s, $write_rate MB/s of TEI output   (target >= 20)"
echo "  TEI reader (c): $read_seconds s, $read_rate MB/s of TEI input    (target >= 20)"
