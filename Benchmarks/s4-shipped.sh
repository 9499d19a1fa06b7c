#!/bin/bash
# S4 on the shipped form set: one process per command, as a user runs them, on a store made by
# `formwork demo-data` (the seven B2B forms, their policies and conditions, a generated org and weeks of
# simulated work), beside s4.sh's one-form benchmark set.
#
# Usage: bash Benchmarks/s4-shipped.sh CONFIG     (CONFIG made by `formwork demo-data --config CONFIG`; its store
# is CONFIG/.formwork-store). RUNS (default 40) and FORMWORK_BIN (default: the build of scripts/build-static.sh)
# override the defaults, S4_NOW the time the commands run at. The store grows by two reports a run; copy it first to keep the original.
#
# submit: a customer_information report for a new customer (the customer's number is counted up in a file by
#   hyperfine's --prepare, and read by bash itself, `$(< file)`, which hyperfine's shell correction covers);
# approve: the supervisor signs the customer_information report the --prepare step filed;
# inbox: what waits for that supervisor.
set -euo pipefail
command -v hyperfine > /dev/null || { echo "s4-shipped.sh: needs hyperfine (apt-get install hyperfine)" >&2; exit 2; }
[[ -n "${1:-}" && -f "$1/org.yaml" && -d "$1/.formwork-store" ]] || {
  echo "usage: bash Benchmarks/s4-shipped.sh CONFIG (made by formwork demo-data --config CONFIG)" >&2
  exit 2
}
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
F=${FORMWORK_BIN:-$HERE/../.build/release/static/formwork}
export FORMWORK_CONFIG=$1 FORMWORK_STORE=$1/.formwork-store
NAME=$(basename "$1")
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
# The first rep of the generated org, and their manager (a supervisor).
REP=$(awk '/^  - id:/ { id = $3 } /roles: \[rep\]/ && !found { print id; found = 1 }' "$1/org.yaml")
SUPERVISOR=$(awk -v rep="$REP" '/^  - id:/ { id = $3 } id == rep && /manager:/ { print $2; exit }' "$1/org.yaml")
[[ -n "$REP" && -n "$SUPERVISOR" ]] || { echo "s4-shipped.sh: no rep with a manager in $1/org.yaml" >&2; exit 2; }
echo "store $FORMWORK_STORE: $("$F" verify | head -n 1); rep $REP, supervisor $SUPERVISOR"
# After any simulated day (demo-data simulates at most 730 days from its start): the first warm-up run sends the
# reminders and escalations that have fallen due by then, and the timed runs find none left.
NOW="--now ${S4_NOW:-2028-06-01T09:00:00+08:00}"
ANSWERS="--set company_name=S4_Precision --set industry=machinery --set contact_name=Huang --set contact_role=decision_maker --set contact_phone=03-578-1234 --set lead_source=trade_show"
echo 0 > "$WORK/count"
COUNT="n=\$(< $WORK/count); echo \$((n + 1)) > $WORK/count"
hyperfine --shell bash --warmup 3 --runs "${RUNS:-40}" --prepare "$COUNT" \
  --export-json "/tmp/s4-shipped-$NAME-submit.json" \
  "$F submit customer_information --customer s4-\$(< $WORK/count) --as $REP $NOW $ANSWERS" 2>&1 | grep -E "Time|Range"
cat > "$WORK/prepare.sh" << EOS
#!/bin/bash
$COUNT
$F submit customer_information --customer s4-a\$(< $WORK/count) --as $REP $NOW $ANSWERS --json \
  | grep -m1 '"report" :' | sed 's/.*: "\(.*\)".*/\1/' > $WORK/report
EOS
chmod +x "$WORK/prepare.sh"
hyperfine --shell bash --warmup 3 --runs "${RUNS:-40}" --prepare "$WORK/prepare.sh" \
  --export-json "/tmp/s4-shipped-$NAME-approve.json" \
  "$F approve \$(< $WORK/report) --as $SUPERVISOR --opinion ok $NOW" 2>&1 | grep -E "Time|Range"
hyperfine -N --warmup 3 --runs "${RUNS:-40}" --export-json "/tmp/s4-shipped-$NAME-inbox.json" \
  "$F inbox --as $SUPERVISOR $NOW" 2>&1 | grep -E "Time|Range"
