#!/bin/bash
# S4's second anchor (../shared/bench/WORKLOAD.md): a statically linked ArgumentParser + Foundation + Yams
# "hello" (Benchmarks/hello), timed with hyperfine, and the peak RSS of it and of formwork's commands.
# Usage: bash Benchmarks/s4-hello.sh [STORE]   (STORE seeded by formwork-bench seed, as for s4.sh; without
# it only the hello and `formwork --version` are measured). RUNS (default 60), FORMWORK_BIN (default: the
# build of scripts/build-static.sh) and
# HELLO_BUILD (the hello's build folder, default /tmp/formwork-hello-build) override the defaults.
set -euo pipefail
command -v hyperfine > /dev/null || { echo "s4-hello.sh: needs hyperfine (apt-get install hyperfine)" >&2; exit 2; }
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
F=${FORMWORK_BIN:-$HERE/../.build/release/static/formwork}
BUILD=${HELLO_BUILD:-/tmp/formwork-hello-build}
# Linked as formwork is (scripts/build-static.sh: one static PIE on Linux).
HELLO=$(PACKAGE="$HERE/hello" bash "$HERE/../scripts/build-static.sh" hello "$BUILD" 2>/dev/null | tail -n 1)
hyperfine -N --warmup 5 --runs "${RUNS:-60}" --export-json /tmp/s4-hello.json "$HELLO --name x" 2>&1 | grep -E "Time|Range"
hyperfine -N --warmup 5 --runs "${RUNS:-60}" "$F --version" 2>&1 | grep -E "Time|Range"
peak() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -n 1; }
echo "peak RSS (KB): hello $(peak "$HELLO" --name x), formwork --version $(peak "$F" --version)"
if [[ $# -ge 1 ]]; then
  export FORMWORK_CONFIG=$1.config FORMWORK_STORE=$1
  id=$(/usr/bin/time -f %M -o /tmp/s4-submit-rss "$F" submit visit_report --customer c18 --as u18 --now 2026-03-01T09:00:00Z --set report_id=R-900002 \
    --set rep_id=u18 --set customer=Customer_18 --set visit_date=2026-02-27 --set stage=proposal --set amount=1200 \
    --set currency=CNY --set products=P-100 --set visit_type=onsite --json | grep -m1 '"report" :' | sed 's/.*: "\(.*\)".*/\1/')
  echo "peak RSS (KB): formwork submit $(cat /tmp/s4-submit-rss), inbox $(peak "$F" inbox --as u1003 --now 2026-03-01T09:00:00Z)," \
    "approve $(peak "$F" approve "$id" --as u1018 --opinion ok --now 2026-03-01T09:00:00Z)"
fi
