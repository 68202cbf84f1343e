#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Benchmarks `sqma score` and `sqma aggregate` on a written round of 1,000 and 5,000 dossiers
# with five sheets each, next to `sqma validate` over the same dossiers (the reading and
# schema validation both verbs must do anyway), measured in the same run. Not a test: run
# it by hand, on an idle machine.
#   bench/aggregate.sh [build/release/cmd/sqma]
set -eu
cd "$(dirname "$0")/.."
sqma=${1:-build/release/cmd/sqma}
work=${BENCH_DIR:-bench/out}
[ -x "$sqma" ] || { echo "build sqma first (cmake --build build/release)"; exit 2; }

printf '%-6s %7s %12s %9s %12s %12s  %s\n' N sheets "validate A s" "score s" "validate S s" "aggregate s" verdict
for n in 1000 5000; do
  dir="$work/aggregate-n$n"
  if [ ! -f "$dir/assigned.jsonl" ]; then
    python3 bench/gen_aggregate.py "$dir" "$n"
  fi
  t0=$(date +%s.%N)
  "$sqma" validate "$dir/assigned.jsonl" > /dev/null
  t1=$(date +%s.%N)
  "$sqma" score --round written --cycle samples/cycle.toml --dossiers "$dir/assigned.jsonl" \
      "$dir/sheets" > "$dir/scored.jsonl"
  t2=$(date +%s.%N)
  "$sqma" validate "$dir/scored.jsonl" > /dev/null
  t3=$(date +%s.%N)
  "$sqma" aggregate --round written --cycle samples/cycle.toml "$dir/scored.jsonl" > /dev/null
  t4=$(date +%s.%N)
  awk -v n="$n" -v t0="$t0" -v t1="$t1" -v t2="$t2" -v t3="$t3" -v t4="$t4" 'BEGIN {
    va = t1 - t0; s = t2 - t1; vs = t3 - t2; a = t4 - t3;
    verdict = (s <= 10 ? "score ok" : "score over") (a <= 10 ? ", aggregate ok" : ", aggregate over");
    printf "%-6d %7d %12.2f %9.2f %12.2f %12.2f  %s\n", n, 5 * n, va, s, vs, a, verdict
  }'
done
echo "target: the largest batch a cycle is planned for (5,000 dossiers, 25,000 sheets) scored and aggregated"
echo "in under 10 s each; baselines: sqma validate over the assigned (A) and scored (S) dossiers"
