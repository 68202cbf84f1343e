#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Benchmarks `sqma check` on about 1 GB of evidence bundles at three batch sizes and
# prints each figure next to its target and next to `openssl dgst -sha256` over the same
# bundle files, measured in the same run. Not a test: run it by hand, on an idle machine.
#   bench/check.sh [build/release/cmd/sqma]
# RUNS (default 3) is how many times each side runs, alternating; the medians are shown.
set -eu
cd "$(dirname "$0")/.."
sqma=${1:-build/release/cmd/sqma}
work=${BENCH_DIR:-bench/out}
runs=${RUNS:-3}
[ "$runs" -ge 1 ] 2>/dev/null || { echo "RUNS must be a whole number, at least 1"; exit 2; }
[ -x "$sqma" ] || { echo "build sqma first (cmake --build build/release)"; exit 2; }
command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time (Debian package time)"; exit 2; }

now() { date +%s.%N; }
# The middle one of the numbers on standard input (the mean of the two middle ones).
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

printf '%-7s %-9s %9s %9s %9s %10s %12s %11s %s\n' N bundle "sqma s" "dossier/s" "sqma MB/s" "peak RSS" "openssl s" "openssl MB/s" verdict
for spec in 100:10485760 1000:1048576 10000:104857; do
  n=${spec%%:*}; size=${spec#*:}
  dir="$work/n$n"
  if [ ! -f "$dir/dossiers.jsonl" ]; then
    python3 bench/gen_check.py "$dir" "$n" "$size"
  fi
  bytes=$(du -sb "$dir/bundles" | cut -f1)
  # Warm the page cache so that both sides read from memory.
  cat "$dir"/bundles/*.zip > /dev/null
  : > "$dir/times.openssl"; : > "$dir/times.sqma"; rss=0
  i=0
  while [ "$i" -lt "$runs" ]; do
    t0=$(now)
    (cd "$dir/bundles" && ls | xargs openssl dgst -sha256 > /dev/null)
    t1=$(now)
    /usr/bin/time -f '%M' -o "$dir/rss" "$sqma" check --cycle "$dir/cycle.toml" "$dir/dossiers.jsonl" > /dev/null || true
    t2=$(now)
    awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }' >> "$dir/times.openssl"
    awk -v a="$t1" -v b="$t2" 'BEGIN { print b - a }' >> "$dir/times.sqma"
    # GNU time puts "Command exited with non-zero status N" first when sqma exits 1 or 3.
    r=$(tail -n 1 "$dir/rss"); [ "$r" -gt "$rss" ] && rss=$r
    i=$((i + 1))
  done
  o=$(median < "$dir/times.openssl"); s=$(median < "$dir/times.sqma")
  awk -v n="$n" -v size="$size" -v bytes="$bytes" -v o="$o" -v s="$s" -v rss="$rss" 'BEGIN {
    mb = bytes / 1e6;
    verdict = (s <= o ? "time ok" : "time over") (rss <= 65536 ? ", memory ok" : ", memory over 64 MB");
    printf "%-7d %-9s %9.2f %9.0f %9.0f %8.1fMB %12.2f %11.0f  %s\n", n, size, s, n / s, mb / s, rss / 1024, o, mb / o, verdict
  }'
done
echo "medians of $runs alternating runs; peak RSS is the largest of them"
echo "target: sqma no slower than openssl over the same bytes; peak RSS at most 64 MB and flat in N"
