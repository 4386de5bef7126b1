#!/usr/bin/env bash
# Throughput of read + segment + write JSONL (`argmark annotate --labelers none --no-tree`) on one core, at three corpus sizes,
# to show the rate and that time grows linearly with input. The corpus is built from the public-domain GWR
# samples in ../shared/samples (or the bundled Annotations/samples copy) repeated into 200 KB-ish files.
#
# usage: tools/bench_annotate.sh [TOTAL_MB=50]
set -euo pipefail
cd "$(dirname "$0")/.."
total_mb=${1:-50}
swift build -c release --product argmark >/dev/null
bin=.build/release/argmark
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
src=(../shared/samples/gwr202*.zh.txt ../shared/samples/lu2025-cyberspace-order.zh.txt)
[ -e "${src[0]}" ] || src=(Annotations/samples/*.txt)
cat "${src[@]}" > "$work/seed.txt"
seed_bytes=$(stat -c %s "$work/seed.txt")
make_corpus() { # DIR MB
  mkdir -p "$1"
  local files=$(( $2 * 1000000 / seed_bytes ))
  for i in $(seq 1 "$files"); do cp "$work/seed.txt" "$1/doc$i.txt"; done
}
printf '%-8s %-8s %-10s %-10s %-12s\n' size files seconds MB/s sentences/s
for mb in $(( total_mb / 4 )) $(( total_mb / 2 )) "$total_mb"; do
  make_corpus "$work/c$mb" "$mb"
  bytes=$(du -sb "$work/c$mb" | cut -f1)
  start=$(date +%s.%N)
  "$bin" annotate "$work/c$mb" --out "$work/o$mb" --jobs 1 --labelers none --no-tree 2> "$work/log"
  end=$(date +%s.%N)
  secs=$(echo "$end - $start" | bc -l)
  sentences=$(grep -o '[0-9]* sentences' "$work/log" | cut -d' ' -f1)
  printf '%-8s %-8s %-10.2f %-10.1f %-12.0f\n' "${mb}MB" "$(ls "$work/c$mb" | wc -l)" "$secs" "$(echo "$bytes / 1000000 / $secs" | bc -l)" "$(echo "$sentences / $secs" | bc -l)"
  rm -rf "$work/o$mb" "$work/c$mb"
done
