#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Benchmarks `sqma assign` on generated rounds of N project dossiers and R reviewers (panels
# of 5, about 2% of pairs conflicted) and prints wall time and peak RSS next to the target
# and next to networkx.min_cost_flow on the same round, measured in the same run (skipped
# where it would take minutes). Not a test: run it by hand, on an idle machine, and run the
# largest size rarely.
#   bench/assign.sh [build/release/cmd/sqma] [sizes, default "100:40 1000:300 10000:2000"]
set -eu
cd "$(dirname "$0")/.."
sqma=${1:-build/release/cmd/sqma}
sizes=${2:-"100:40 1000:300 10000:2000"}
work=${BENCH_DIR:-bench/out}
[ -x "$sqma" ] || { echo "build sqma first (cmake --build build/release)"; exit 2; }
command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time (Debian package time)"; exit 2; }

printf '%-6s %-5s %8s %10s %-11s %10s %10s %9s %10s  %s\n' N R "sqma s" "peak RSS" method objective bound "nx s" "nx relax." verdict
for spec in $sizes; do
  n=${spec%%:*}; r=${spec#*:}
  dir="$work/assign-n$n"
  [ -f "$dir/dossiers.jsonl" ] || python3 bench/gen_assign.py "$dir" "$n" "$r"
  /usr/bin/time -f '%e %M' -o "$dir/time" "$sqma" assign -v --cycle "$dir/cycle.toml" \
    --reviewers "$dir/reviewers.toml" --round written --date 2025-08-01 "$dir/dossiers.jsonl" \
    > /dev/null 2> "$dir/stderr" || { cat "$dir/stderr"; exit 1; }
  summary=$(grep '^sqma assign:' "$dir/stderr")
  method=$(echo "$summary" | sed -n 's/.*method \([a-z-]*\),.*/\1/p')
  objective=$(echo "$summary" | sed -n 's/.*objective \([0-9.]*\),.*/\1/p')
  bound=$(echo "$summary" | sed -n 's/.*relaxation bound \([0-9.]*\);.*/\1/p')
  nx="-"; nxobj="-"
  if [ "$n" -le 1000 ]; then
    set -- $(timeout 600 python3 bench/nx_assign.py "$dir" || echo "timeout -")
    nx=$1; nxobj=$2
  fi
  set -- $(cat "$dir/time")
  awk -v n="$n" -v r="$r" -v s="$1" -v rss="$2" -v m="$method" -v o="$objective" -v b="$bound" -v nx="$nx" -v nxo="$nxobj" 'BEGIN {
    verdict = "";
    if (n == 10000) verdict = (s <= 10 ? "time ok" : "time over 10 s") (rss <= 2097152 ? ", memory ok" : ", memory over 2 GB");
    printf "%-6d %-5d %8.2f %8.1fMB %-11s %10s %10s %9s %10s  %s\n", n, r, s, rss / 1024, m, o, b, nx, nxo, verdict
  }'
done
echo "target: 10,000 x 2,000 (k = 5) in at most 10 s and 2 GB on 2 cores"
echo "nx relax.: networkx solves the relaxation only (no lead rule, no load spreading) over every"
echo "candidate pair; its objective bounds sqma's from above and should equal sqma's bound"
