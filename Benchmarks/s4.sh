#!/bin/bash
# Usage: bash Benchmarks/s4.sh STORE (seeded by formwork-bench seed): one process per command, as a
# user runs them. Each submit files a new report; approve signs the report the prepare step filed;
# inbox lists what waits for u1003 (nothing the runs add). RUNS (default 60) and FORMWORK_BIN override the defaults;
# S4_CUSTOMER (default c17) is the customer the submits are for (c0 on a store seeded onto one customer).
command -v hyperfine > /dev/null || { echo "s4.sh: needs hyperfine (apt-get install hyperfine)" >&2; exit 2; }
[[ -n "${1:-}" && -d "$1" && -e "$1.config" ]] || {
  echo "usage: bash Benchmarks/s4.sh STORE (seeded by formwork-bench seed, which writes its form set to STORE.config)" >&2
  exit 2
}
export FORMWORK_CONFIG=$1.config FORMWORK_STORE=$1
F=${FORMWORK_BIN:-.build/release/static/formwork}
SUB="$F submit visit_report --customer ${S4_CUSTOMER:-c17} --as u17 --now 2026-03-01T09:00:00Z --set report_id=R-900001 --set rep_id=u17 --set customer=Customer_17 --set visit_date=2026-02-27 --set stage=proposal --set amount=1200 --set currency=CNY --set products=P-100 --set visit_type=onsite"
cat > /tmp/s4-prepare.sh <<EOS
#!/bin/bash
$SUB --json | grep -m1 '"report" :' | sed 's/.*: "\(.*\)".*/\1/' > /tmp/s4-lastid
EOS
chmod +x /tmp/s4-prepare.sh
hyperfine -N --warmup 5 --runs ${RUNS:-60} --export-json /tmp/s4-$(basename $1)-submit.json "$SUB" 2>&1 | grep -E "Time|Range"
# The report id is read by bash itself (`$(< file)`, no process): hyperfine subtracts the shell's own start, but a
# `$(cat …)` would add a `cat` process (about 0.8 ms here) to every approve.
hyperfine --shell bash --warmup 3 --runs ${RUNS:-60} --prepare /tmp/s4-prepare.sh --export-json /tmp/s4-$(basename $1)-approve.json "$F approve \$(< /tmp/s4-lastid) --as u1017 --opinion ok --now 2026-03-01T09:00:00Z" 2>&1 | grep -E "Time|Range"
hyperfine -N --warmup 5 --runs ${RUNS:-60} "$F inbox --as u1003 --now 2026-03-01T09:00:00Z" 2>&1 | grep -E "Time|Range"
hyperfine -N --warmup 5 --runs ${RUNS:-60} "$F --version" 2>&1 | grep -E "Time|Range"
