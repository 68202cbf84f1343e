#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# Times the whole sample cycle (scripts/demo on samples/: every verb, about a hundred runs of
# sqma) and `sqma --version`, next to `true` (the cost of starting any process) and `cat` of
# the cycle's input files, measured in the same run. Not a test: run it by hand, on an idle
# machine.
#   bench/cycle.sh [build/release/cmd/sqma]
# Targets (issue 14): the sqma runs of the whole cycle in under 1 s in all on 2 cores, and
# `sqma --version` in under 5 ms. RUNS (default 3) runs of the cycle, the median shown;
# VERSIONS (default 200) runs of --version and of true, the mean shown.
# TOP (default 8) of the single runs of the last cycle with the most CPU time are listed.
set -eu
cd "$(dirname "$0")/.."
sqma=$(realpath "${1:-build/release/cmd/sqma}")
runs=${RUNS:-3}
versions=${VERSIONS:-200}
[ -x "$sqma" ] || { echo "build sqma first (cmake --build build/release)"; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM

# A stand-in for sqma that logs each run's wall time (bash's clock: no process is started
# inside the measured span) and its arguments.
cat > "$work/timed-sqma" <<WRAP
#!/bin/bash
t0=\$EPOCHREALTIME
"$sqma" "\$@"
rc=\$?
t1=\$EPOCHREALTIME
times > "$work/times.\$\$"
cpu=\$(tail -n 1 "$work/times.\$\$" | sed 's/[ms]/ /g' | awk '{ print \$1 * 60 + \$2 + \$3 * 60 + \$4 }')
printf '%s %s %s %s %s\n' "\$t0" "\$t1" "\$1" "\$cpu" "\${2:--}" >> "$work/runs.log"
exit \$rc
WRAP
chmod +x "$work/timed-sqma"

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ms() { awk -v s="$1" 'BEGIN { printf "%.1f ms", s * 1000 }'; }

# The cycle, from a copy of the repository's samples and demo, RUNS times.
: > "$work/totals"
: > "$work/cpu"
# Each run in a folder of its own, all removed at the end: removing the last run's 1,500
# files just before writing them again would charge this run with ext4's search for inodes
# not recently freed, which no office's single run of a cycle pays.
for run in $(seq "$runs"); do
  cycle="$work/cycle-$run"
  mkdir -p "$cycle/scripts"
  cp -R samples "$cycle/"
  cp scripts/demo "$cycle/scripts/"
  : > "$work/runs.log"
  SQMA="$work/timed-sqma" sh "$cycle/scripts/demo" > "$work/demo.log" 2>&1 ||
    { tail -n 20 "$work/demo.log"; echo "the sample cycle failed"; exit 1; }
  awk '{ s += $2 - $1 } END { print s }' "$work/runs.log" >> "$work/totals"
  awk '{ s += $4 } END { print s }' "$work/runs.log" >> "$work/cpu"
done
calls=$(wc -l < "$work/runs.log")
verbs=$(awk '{ print $3 }' "$work/runs.log" | sort -u | tr '\n' ' ')
cycle_wall=$(median < "$work/totals")
cycle_cpu=$(median < "$work/cpu")
# The slowest verbs of the last run, summed per verb.
slowest=$(awk '{ t[$3] += $4 } END { for (v in t) printf "%s %.3f\n", v, t[v] }' \
  "$work/runs.log" | sort -k2 -rn | head -n 4 | awk '{ printf "%s%s %.0f ms", sep, $1, $2 * 1000; sep = ", " }')

# The costliest single runs of the last run: wall and CPU time, the verb (and its sub-command).
top=$(awk '{ name = $3; if ($5 ~ /^[a-z]+$/) name = name " " $5
             printf "%.1f %.1f %s\n", ($2 - $1) * 1000, $4 * 1000, name }' "$work/runs.log" |
  sort -k2 -rn | head -n "${TOP:-8}" |
  awk '{ printf "  %-22s %9.1f ms wall %7.1f ms CPU\n", $3 " " ($4 == "" ? "" : $4), $1, $2 }')

# cat of every input file of the cycle (the samples), and of the outputs it wrote.
files=$(find samples -type f | wc -l)
t0=$EPOCHREALTIME; find samples -type f -print0 | xargs -0 cat > /dev/null; t1=$EPOCHREALTIME
cat_in=$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')
t0=$EPOCHREALTIME; find "$cycle/out" -type f -print0 | xargs -0 cat > /dev/null; t1=$EPOCHREALTIME
cat_out=$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')
# The same number of process starts as the cycle's sqma runs.
t0=$EPOCHREALTIME; for _ in $(seq "$calls"); do /bin/true; done; t1=$EPOCHREALTIME
true_calls=$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')

# --version and true, VERSIONS times each, alternating in blocks of ten.
v=0; t=0
for _ in $(seq $((versions / 10))); do
  t0=$EPOCHREALTIME; for _ in 1 2 3 4 5 6 7 8 9 10; do "$sqma" --version > /dev/null; done; t1=$EPOCHREALTIME
  v=$(awk -v s="$v" -v a="$t0" -v b="$t1" 'BEGIN { print s + b - a }')
  t0=$EPOCHREALTIME; for _ in 1 2 3 4 5 6 7 8 9 10; do /bin/true; done; t1=$EPOCHREALTIME
  t=$(awk -v s="$t" -v a="$t0" -v b="$t1" 'BEGIN { print s + b - a }')
done
n=$(( versions / 10 * 10 ))
version=$(awk -v s="$v" -v n="$n" 'BEGIN { print s / n }')
true_one=$(awk -v s="$t" -v n="$n" 'BEGIN { print s / n }')

verdict() { awk -v x="$1" -v limit="$2" 'BEGIN { print (x < limit) ? "met" : "missed" }'; }
printf '%-34s %12s %10s  %s\n' measure sqma target verdict
printf '%-34s %12s %10s  %s\n' "whole sample cycle ($calls runs)" "$(ms "$cycle_wall")" "1000 ms" "$(verdict "$cycle_wall" 1)"
printf '%-34s %12s %10s  %s\n' "  its CPU time (user + system)" "$(ms "$cycle_cpu")" "" ""
printf '%-34s %12s %10s  %s\n' "sqma --version (mean of $n)" "$(ms "$version")" "5 ms" "$(verdict "$version" 0.005)"
echo
echo "baselines, same run:"
printf '  %-46s %s\n' "true, $calls times (starting the processes)" "$(ms "$true_calls")"
printf '  %-46s %s\n' "cat of the cycle's $files input files" "$(ms "$cat_in")"
printf '  %-46s %s\n' "cat of the files the cycle wrote" "$(ms "$cat_out")"
printf '  %-46s %s\n' "true (mean of $n)" "$(ms "$true_one")"
echo
echo "verbs run: $verbs"
echo "CPU of the costliest verbs (last run): $slowest"
echo "costliest runs (last run):"
echo "$top"
echo "cycle runs: $(tr '\n' ' ' < "$work/totals")s"
