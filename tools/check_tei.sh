#!/usr/bin/env bash
# End-to-end check that ArgMark's TEI export is valid TEI P5 and that generic consumers recover
# the same annotation as ArgMark's JSONL: annotates three bundled texts twice (--to jsonl and
# --to tei), then for every TEI file runs
#   1. ../shared/tei/check.sh (RELAX NG via jing, TEI Schematron via Saxon, same-document pointers),
#   2. xsltproc ../shared/tei/argument-tree.xsl, compared row by row with the JSONL
#      (tools/compare_tei_consumer.py: labels, parents, relations, confidences, scores),
#   3. optionally acdh-tei-pyutils (PyPI, in a throw-away venv): <s> and argument-link counts.
# Builds nothing.
#
# usage: tools/check_tei.sh [ARGMARK_BINARY]
#   default binary: .build/release/argmark, else .build/debug/argmark
#   TEI_CHECK_PYUTILS=0  skip step 3 (no PyPI access needed)
#   TEI_CHECK_KEEP=1     keep the temporary directory (its path is printed)
# Exit status: 0 when every check passed or the check was skipped (tools or ../shared absent), else 1.
# Needs (Debian 12): jing libsaxonhe-java xsltproc python3
set -euo pipefail

caller_dir=$PWD
cd "$(dirname "$0")/.."
shared=../shared/tei

if [ ! -d "$shared" ]; then
  echo "skipped: ../shared/tei is absent (the TEI schema and checks live there)"
  exit 0
fi
missing=()
command -v jing >/dev/null 2>&1 || missing+=(jing)
command -v xsltproc >/dev/null 2>&1 || missing+=(xsltproc)
{ command -v java >/dev/null 2>&1 && [ -f /usr/share/java/Saxon-HE.jar ]; } || missing+=("java + /usr/share/java/Saxon-HE.jar")
command -v python3 >/dev/null 2>&1 || missing+=(python3)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "skipped: missing ${missing[*]}; install with: apt-get install -y jing libsaxonhe-java xsltproc python3"
  exit 0
fi

# The binary: an argument is taken relative to the caller's directory (or looked up on PATH).
if [ "$#" -ge 1 ]; then
  case $1 in
    /*) bin=$1 ;;
    */*) bin=$caller_dir/$1 ;;
    *) if [ -e "$caller_dir/$1" ]; then bin=$caller_dir/$1; else bin=$(command -v "$1" || echo "$1"); fi ;;
  esac
elif [ -x .build/release/argmark ]; then
  bin=$PWD/.build/release/argmark
elif [ -x .build/debug/argmark ]; then
  bin=$PWD/.build/debug/argmark
else
  echo "check_tei: no argmark binary in .build/release or .build/debug; run 'swift build -c release --product argmark' or pass its path" >&2
  exit 1
fi
[ -x "$bin" ] || { echo "check_tei: $bin is not an executable file" >&2; exit 1; }

tmp=$(mktemp -d)
if [ "${TEI_CHECK_KEEP:-0}" = 1 ]; then
  echo "check_tei: keeping $tmp"
else
  trap 'rm -rf "$tmp"' EXIT
fi

inputs=(
  Annotations/texts/gwr2024.zh.txt
  Tests/ArgMarkFormatsTests/Fixtures/cnki-article.zh.txt
  Tests/ArgMarkTextTests/Fixtures/english-paper.en.txt
)
echo "== annotate ${inputs[*]} ($bin)"
"$bin" annotate "${inputs[@]}" --out "$tmp/jsonl" --to jsonl \
  || { echo "check_tei: 'argmark annotate --to jsonl' failed (see above)" >&2; exit 1; }
"$bin" annotate "${inputs[@]}" --out "$tmp/tei" --to tei \
  || { echo "check_tei: 'argmark annotate --to tei' failed (see above)" >&2; exit 1; }

passed=0
failed=0
skipped=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAILED: $*"; }

teis=()
for input in "${inputs[@]}"; do
  base=$(basename "$input")
  tei="$tmp/tei/${base%.*}.tei.xml"
  # shellcheck disable=SC2012 # only for a message
  if [ -f "$tei" ]; then teis+=("$tei"); else bad "no TEI output $(basename "$tei") for $input (got: $(ls "$tmp/tei" 2>/dev/null | tr '\n' ' '))"; fi
done

jsonl_for() { # TEI path -> JSONL path
  local base
  base=$(basename "$1")
  echo "$tmp/jsonl/${base%.tei.xml}.jsonl"
}

# 1. Validity: RELAX NG, Schematron, pointers (one check.sh run per file so failures are attributed).
for tei in "${teis[@]}"; do
  name=$(basename "$tei")
  echo "== check.sh $name"
  if "$shared/check.sh" "$tei" > "$tmp/check-$name.log" 2>&1; then
    grep -E '^(relaxng|schematron|pointers)' "$tmp/check-$name.log" | sed 's/^/  /' || true
    ok
  else
    grep -v -E '^\[warning\] .*jing: Unable to locate' "$tmp/check-$name.log" | head -n 40 | sed 's/^/  /' || true
    bad "$name is not valid TEI (check.sh)"
  fi
done

# 2. Generic XSLT 1.0 consumer: labels, tree and scores as JSONL has them.
mkdir -p "$tmp/tsv"
for tei in "${teis[@]}"; do
  name=$(basename "$tei")
  jsonl=$(jsonl_for "$tei")
  echo "== argument-tree.xsl $name"
  if [ ! -f "$jsonl" ]; then bad "no JSONL output $(basename "$jsonl") to compare $name with"; continue; fi
  tsv="$tmp/tsv/${name%.tei.xml}.tsv"
  if ! xsltproc "$shared/argument-tree.xsl" "$tei" > "$tsv" 2> "$tmp/xsltproc.err"; then
    sed 's/^/  /' "$tmp/xsltproc.err"
    bad "xsltproc argument-tree.xsl could not read $name"
  elif python3 tools/compare_tei_consumer.py "$jsonl" "$tsv" --name "$name" | sed 's/^/  /'; [ "${PIPESTATUS[0]}" -eq 0 ]; then
    ok
  else
    bad "$name: argument-tree.xsl does not recover the JSONL annotation"
  fi
done

# 3. Optional: a Python TEI reader from PyPI (acdh-tei-pyutils) in a throw-away venv.
echo "== acdh-tei-pyutils"
venv="$tmp/venv"
if [ "${TEI_CHECK_PYUTILS:-1}" = 0 ]; then
  echo "  note: skipped (TEI_CHECK_PYUTILS=0)"
  skipped=$((skipped + 1))
elif ! python3 -m venv "$venv" > "$tmp/venv.log" 2>&1; then
  echo "  note: skipped, 'python3 -m venv' does not work here (Debian: apt-get install -y python3-venv)"
  skipped=$((skipped + 1))
elif ! PIP_DISABLE_PIP_VERSION_CHECK=1 timeout 300 "$venv/bin/pip" install -q acdh-tei-pyutils > "$tmp/pip.log" 2>&1; then
  echo "  note: skipped, 'pip install acdh-tei-pyutils' failed: $(tail -n 1 "$tmp/pip.log")"
  skipped=$((skipped + 1))
else
  for tei in "${teis[@]}"; do
    name=$(basename "$tei")
    jsonl=$(jsonl_for "$tei")
    [ -f "$jsonl" ] || continue # already reported in step 2
    if "$venv/bin/python" - "$tei" "$jsonl" "$name" <<'PY' 2>&1 | sed 's/^/  /'; [ "${PIPESTATUS[0]}" -eq 0 ]; then
import json
import sys

from acdh_tei_pyutils.tei import TeiReader

tei, jsonl, name = sys.argv[1:4]
doc = TeiReader(tei)
s_count = len(doc.any_xpath("//tei:text//tei:s"))
links = len(doc.any_xpath('//tei:linkGrp[@type="argument"]/tei:link'))
with open(jsonl, encoding="utf-8") as f:
    records = [json.loads(line) for line in f if line.strip()]
sentences = [r for r in records if r.get("type") == "sentence"]
parents = sum(1 for r in sentences if r.get("parent") is not None)
good = s_count == len(sentences) and links == parents
print(f"{name}: {s_count} <s> (JSONL: {len(sentences)} sentences), {links} argument links "
      f"(JSONL: {parents} sentences with a parent)" + ("" if good else " -- MISMATCH"))
sys.exit(0 if good else 1)
PY
      ok
    else
      bad "$name: acdh-tei-pyutils counts differ from the JSONL"
    fi
  done
fi

summary="tei-consumers: $passed passed, $failed failed"
[ "$skipped" -eq 0 ] || summary="$summary, $skipped skipped"
echo "$summary"
[ "$failed" -eq 0 ]
