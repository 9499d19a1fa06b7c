#!/usr/bin/env bash
# S3 beside its peer, round after round: the in-memory approval flow of Formwork (formwork-bench s3 N
# memory), then SpiffWorkflow's `mem --validate` on the same workload, R times. This machine's speed
# changes from one minute to the next, so a ratio is only taken within a round; the verdict is the
# median of the rounds' ratios. Both runs check the workload's counts and the script stops if either
# does not.
#
# usage: bash Benchmarks/s3-paired.sh [ROUNDS] [N]      (defaults: 6 rounds of 10,000 instances)
# Needs the venv and data that ../shared/bench/run-peers.sh creates (FORMWORK_BENCH_VENV,
# FORMWORK_BENCH_DATA as there) and `swift build -c release --product formwork-bench`.
set -euo pipefail

ROUNDS="${1:-6}"
N="${2:-10000}"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
KIT="${FORMWORK_BENCH_KIT:-$HERE/../shared/bench}"
TMP_ROOT="${TMPDIR:-/tmp}"
TMP_ROOT="${TMP_ROOT%/}"
VENV="${FORMWORK_BENCH_VENV:-$TMP_ROOT/formwork-bench-venv}"
DATA="${FORMWORK_BENCH_DATA:-$TMP_ROOT/formwork-bench-data}"
BENCH="${FORMWORK_BENCH_BIN:-$HERE/.build/release/formwork-bench}"

[[ -x "$BENCH" ]] || { echo "s3-paired: build it first: swift build -c release --product formwork-bench" >&2; exit 2; }
[[ -x "$VENV/bin/python" && -f "$DATA/form-instances.jsonl" ]] || {
  echo "s3-paired: run bash $KIT/run-peers.sh once first (it creates $VENV and $DATA)" >&2
  exit 2
}

ratios=()
whole_ratios=()
for ((round = 1; round <= ROUNDS; round++)); do
  figures="$("$BENCH" s3 "$N" memory)"
  ours="$(printf '%s\n' "$figures" | sed -n 's/.*"formwork.S3.instances_per_s", "figure": \([0-9.]*\).*/\1/p')"
  # The same run with the engine's teardown (freeing the n reports it holds) counted in.
  whole="$(printf '%s\n' "$figures" | sed -n 's/.*"formwork.S3.with_teardown_instances_per_s", "figure": \([0-9.]*\).*/\1/p')"
  peer_line="$(cd "$KIT" && "$VENV/bin/python" peers/spiff_bench.py "$N" mem --validate --data "$DATA" | tail -n 1)"
  peer="$(printf '%s' "$peer_line" | "$VENV/bin/python" -c 'import json, sys
row = json.load(sys.stdin)
if not row.get("matches_expected"):
    sys.exit("s3-paired: the SpiffWorkflow run did not reproduce the workload'"'"'s counts")
print(row["instances_per_s"])')"
  [[ -n "$ours" && -n "$whole" && -n "$peer" ]] || { echo "s3-paired: a run printed no figure" >&2; exit 1; }
  ratio="$(awk -v a="$ours" -v b="$peer" 'BEGIN { printf "%.1f", a / b }')"
  ratios+=("$ratio")
  whole_ratio="$(awk -v a="$whole" -v b="$peer" 'BEGIN { printf "%.1f", a / b }')"
  whole_ratios+=("$whole_ratio")
  printf 'round %d: Formwork %.0f instances/s (%.0f with teardown), SpiffWorkflow mem+validate %.1f instances/s, ratio %s (%s)\n' \
    "$round" "$ours" "$whole" "$peer" "$ratio" "$whole_ratio"
done
median_of() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.1f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
median="$(printf '%s\n' "${ratios[@]}" | median_of)"
whole_median="$(printf '%s\n' "${whole_ratios[@]}" | median_of)"
printf '{"id": "formwork.S3.paired.ratio_to_spiff_mem_validate", "figure": %s, "unit": "ratio", "rounds": %d, "n": %d}\n' \
  "$median" "$ROUNDS" "$N"
printf '{"id": "formwork.S3.paired.with_teardown_ratio_to_spiff_mem_validate", "figure": %s, "unit": "ratio", "rounds": %d, "n": %d}\n' \
  "$whole_median" "$ROUNDS" "$N"
