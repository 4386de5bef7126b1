#!/usr/bin/env bash
# Linking and scoring time on long documents: a labelled JSONL of 10,000 / 20,000 / 40,000 sentences (the project
# gold repeated, ids renumbered) is re-linked and re-scored with `annotate --input-format jsonl --labelers none`
# (reading, linking, scoring, writing). Prints the time per size, to show it stays well under a second for
# 10,000 sentences and grows linearly.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product argmark >/dev/null
bin=.build/release/argmark
work=$(mktemp -d)
trap 'cp "$work"/doc10000.jsonl /tmp/doc10000.jsonl 2>/dev/null; rm -rf "$work"' EXIT
for n in ${SIZES:-10000 20000 40000}; do
  python3 - "$n" "$work/doc$n.jsonl" <<'PY'
import glob, json, sys
target, out = int(sys.argv[1]), sys.argv[2]
units = []
for k, f in enumerate(sorted(glob.glob("Annotations/gold/*.jsonl"))):
    units += [dict(u, section=f"f{k}{u['section']}", paragraph=f"f{k}{u['paragraph']}")
              for u in map(json.loads, open(f, encoding="utf-8")) if u["type"] in ("heading", "sentence")]
with open(out, "w", encoding="utf-8") as o:
    o.write(json.dumps({"type": "document", "id": "long"}) + "\n")
    n, offset, copy = 0, 0, 0
    while n < target:
        for u in units:
            if n >= target:
                break
            n += 1
            v = dict(u, id=f"s{n}", section=f"c{copy}{u['section']}", paragraph=f"c{copy}{u['paragraph']}",
                     start=offset, end=offset + len(u["text"]), parent=None, relation=None, linkedBy=None, score=None,
                     explanation=None, notes=[])
            offset += len(u["text"]) + 1
            o.write(json.dumps(v, ensure_ascii=False) + "\n")
        copy += 1
PY
  "$bin" annotate "$work/doc$n.jsonl" --input-format jsonl --labelers none --out "$work/out" 2> "$work/log" || { cat "$work/log"; exit 1; }
  printf '%6d sentences: %s\n' "$n" "$(grep -o 'in [0-9.]* s' "$work/log")"
done
