#!/usr/bin/env bash
# Whether reading and annotating stay linear in the size of awkward inputs: each shape below is built at two sizes,
# N and 4N, and annotated (full default pipeline, one job); the report gives both times and their ratio, which is
# about 4 for linear work and 16 for quadratic. A ratio above 8 is flagged. The shapes are the ones that once were
# quadratic or could be: a hard-wrapped paragraph with no sentence end (joined back into one line), thousands of
# headings of one level (each looks for its parent section), text with old-Mac line ends (CR alone), many short
# paragraphs, one paragraph of many sentences, a long notes list with markers in the body, and a web page of many
# headed paragraphs.
# A shape that fails to annotate is reported as failed. Exits non-zero when any shape is flagged or fails.
# usage: tools/bench_scaling.sh [N]   (default 10000; BIN=path to time another build)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
bin=${BIN:-.build/release/argmark}
[ -n "${BIN:-}" ] || swift build -c release --product argmark >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

make() { # make SHAPE COUNT FILE
  python3 - "$1" "$2" "$3" <<'EOF'
import sys
shape, count, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
if shape == "wrapped":
    text = ("word " * 15 + "\n") * count
elif shape == "headings":
    text = "".join(f"{i}. 标题{i}\n" for i in range(count))
elif shape == "cr-lines":
    text = "This is a sentence. Another one follows here.\r" * count
elif shape == "paragraphs":
    text = "Short paragraph here.\n\n" * count
elif shape == "sentences":
    text = "本文认为合作是出路。据统计，贸易额增长了8%。" * count + "\n"
elif shape == "html":
    text = "<!DOCTYPE html><html><body><nav><a href='/'>Home</a></nav><article>" + "".join(
        f"<h2>Part {i}</h2><p>Paragraph {i} makes a point. It makes <em>another</em> one.</p>" for i in range(count)) + "</article></body></html>"
elif shape == "notes":
    body = "".join(f"这是第{i}段的论述，引用了文献[{i}]。\n" for i in range(1, count + 1))
    notes = "".join(f"[{i}] 作者{i}：《文献标题{i}》，载《期刊》2020年第{i % 12 + 1}期。\n" for i in range(1, count + 1))
    text = "标题\n\n" + body + "\n注释\n" + notes
open(path, "w").write(text)
EOF
}

seconds() { # seconds FILE: wall time of annotating FILE
  local start end
  start=$(date +%s.%N)
  "$bin" annotate "$1" --out "$work/out" --jobs 1 >/dev/null 2>"$work/log" || { head -n 1 "$work/log" >&2; echo failed; return; }
  end=$(date +%s.%N)
  echo "$end - $start" | bc
}

printf '%-12s %10s %10s %8s\n' shape "N=$n" "4N" ratio
status=0
for shape in wrapped headings cr-lines paragraphs sentences notes html; do
  ext=en.txt; case $shape in headings|sentences|notes) ext=zh.txt ;; html) ext=html ;; esac
  make "$shape" "$n" "$work/small.$ext"
  make "$shape" $((4 * n)) "$work/large.$ext"
  small=$(seconds "$work/small.$ext")
  large=$(seconds "$work/large.$ext")
  if [ "$small" = failed ] || [ "$large" = failed ]; then
    [ "$small" = failed ] || small=$(printf '%.2fs' "$small")
    [ "$large" = failed ] || large=$(printf '%.2fs' "$large")
    printf '%-12s %10s %10s %8s  failed\n' "$shape" "$small" "$large" -
    status=1
    continue
  fi
  ratio=$(echo "scale=1; $large / ($small + 0.001)" | bc)
  flag=""
  if [ "$(echo "$ratio > 8" | bc)" = 1 ]; then flag="  superlinear"; status=1; fi
  printf '%-12s %9.2fs %9.2fs %8s%s\n' "$shape" "$small" "$large" "$ratio" "$flag"
done
exit $status
