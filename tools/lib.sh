# Shared by the tools that train and score the labellers; source it from the project root.

# The training settings of the shipped label models (tools/train_models.sh), so that every tool that retrains a
# model for evaluation trains it the same way.
label_training=(--balance 0 --l2 1e-4 --epochs 8 --seed 20261125 --shuffles 5 --chain)

# pairs_to_lines_and_gold PAIRS-DIR LINES-DIR GOLD-DIR: each *_sentences.tsv + *_gold.tsv pair becomes sentence lines
# to annotate (LINES-DIR/NAME.lines) and its JSONL gold (GOLD-DIR/NAME.jsonl), with matching sentence ids.
pairs_to_lines_and_gold() {
  mkdir -p "$2" "$3"
  local s name
  for s in "$1"/*_sentences.tsv; do
    name=$(basename "$s" _sentences.tsv)
    python3 tools/tsv_gold_to_lines.py "$s" "$2/$name.lines"
    python3 tools/gold_to_jsonl.py --text "$2/$name.lines" --sentences "$s" \
      --gold "${s%_sentences.tsv}_gold.tsv" --annotator shared-gold --out "$3/$name.jsonl"
  done
}

# merge_gold BINARY TEXT --lines F | --sentences F GOLD ANNOTATOR OUT-JSONL READ-DIR: reads TEXT as `argmark annotate`
# does (into READ-DIR) and merges the hand annotation onto it, so the gold has exactly the run-time structure
# (sections, headings, metadata, notes, offsets).
merge_gold() {
  local bin=$1 text=$2 kind=$3 units=$4 gold=$5 annotator=$6 out=$7 read=$8
  "$bin" annotate "$text" --out "$read" --labelers none 2>/dev/null
  python3 tools/gold_to_jsonl.py --text "$text" "$kind" "$units" --gold "$gold" --annotator "$annotator" \
    --structure "$read/$(basename "${text%.*}").jsonl" --out "$out"
}

# heldout_gold BINARY LANG OUT-DIR READ-DIR: the JSONL gold of every Annotations/heldout text in LANG (zh, en), merged
# onto its run-time reading (merge_gold), into OUT-DIR; fails when there is none.
heldout_gold() {
  local bin=$1 lang=$2 out=$3 read=$4 lines base
  compgen -G "Annotations/heldout/*.$lang.lines" >/dev/null || return 1
  mkdir -p "$out" "$read"
  for lines in Annotations/heldout/*."$lang".lines; do
    base=${lines%.lines}
    merge_gold "$bin" "$base.txt" --lines "$lines" "$base.gold.tsv" argmark-helper "$out/$(basename "$base").jsonl" "$read"
  done
}
