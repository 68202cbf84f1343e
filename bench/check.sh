#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Benchmarks `sqma check` on about 1 GB of evidence bundles at three batch sizes and
# prints each figure next to its target and next to `openssl dgst -sha256` over the same
# bundle files, on one core and on two (xargs -P2), measured in the same run. Not a test:
# run it by hand, on an idle machine.
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
mkdir -p "$work"
# The floor: reading, hashing and CRC-32 of the bundle bytes alone, on two threads.
floor="$(cd "$work" && pwd)/floor"
if [ ! -x "$floor" ] || [ bench/floor.cpp -nt "$floor" ]; then
  ${CXX:-c++} -O2 -std=c++20 -pthread bench/floor.cpp -o "$floor" -lcrypto -ldeflate
fi

# The middle one of the numbers on standard input (the mean of the two middle ones).
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# Runs a command under GNU time and appends "wall cpu rss" to file $1; the CPU time is user
# plus system of the command and every child it waited for.
timed() {
  out=$1; shift
  /usr/bin/time -f '%e %U %S %M' -o "$out.t" "$@" > /dev/null 2> "$out.err" || true
  # GNU time puts "Command exited with non-zero status N" first when sqma exits 1 or 3.
  tail -n 1 "$out.t" | awk '{ print $1, $2 + $3, $4 }' >> "$out"
}
column() { awk -v c="$1" '{ print $c }' "$2" | median; }

printf '%-6s %-9s %7s %7s %9s %8s | %7s %7s | %7s %7s | %7s %9s | %9s %6s  %s\n' N bundle "sqma s" "cpu s" "dossier/s" "peak RSS" \
  "ssl1 s" "cpu s" "ssl2 s" "cpu s" "floor c" "floor/ssl2" "cpu/ssl2" target verdict
for spec in 100:10485760:1.05 1000:1048576:- 10000:104857:1.1; do
  n=${spec%%:*}; rest=${spec#*:}; size=${rest%%:*}; target=${rest#*:}
  dir="$work/n$n"
  if [ ! -f "$dir/dossiers.jsonl" ]; then
    python3 bench/gen_check.py "$dir" "$n" "$size"
  fi
  # Warm the page cache so that every side reads from memory.
  cat "$dir"/bundles/*.zip > /dev/null
  : > "$dir/ssl1"; : > "$dir/ssl2"; : > "$dir/floor"; : > "$dir/sqma"
  half=$(( (n + 1) / 2 ))
  i=0
  while [ "$i" -lt "$runs" ]; do
    timed "$dir/ssl1" sh -c "cd '$dir/bundles' && ls | xargs openssl dgst -sha256"
    timed "$dir/ssl2" sh -c "cd '$dir/bundles' && ls | xargs -P2 -n $half openssl dgst -sha256"
    timed "$dir/floor" sh -c "cd '$dir/bundles' && ls | xargs '$floor'"
    timed "$dir/sqma" "$sqma" check --cycle "$dir/cycle.toml" "$dir/dossiers.jsonl"
    i=$((i + 1))
  done
  rss=$(awk '$3 > m { m = $3 } END { print m }' "$dir/sqma")
  awk -v n="$n" -v size="$size" -v target="$target" -v rss="$rss" \
      -v s="$(column 1 "$dir/sqma")" -v sc="$(column 2 "$dir/sqma")" \
      -v o1="$(column 1 "$dir/ssl1")" -v o1c="$(column 2 "$dir/ssl1")" \
      -v o2="$(column 1 "$dir/ssl2")" -v o2c="$(column 2 "$dir/ssl2")" \
      -v fc="$(column 2 "$dir/floor")" 'BEGIN {
    ratio = sc / o2c;
    verdict = target == "-" ? "cpu: no target" : (ratio <= target ? "cpu ok" : sprintf("cpu over by %.0f%%", (ratio / target - 1) * 100));
    verdict = verdict (rss <= 65536 ? ", memory ok" : ", memory over 64 MB");
    printf "%-6d %-9s %7.2f %7.2f %9.0f %6.1fMB | %7.2f %7.2f | %7.2f %7.2f | %7.2f %8.2fx | %8.2fx %6s  %s\n",
           n, size, s, sc, n / s, rss / 1024, o1, o1c, o2, o2c, fc, fc / o2c, ratio, target == "-" ? "-" : target "x", verdict
  }'
done
echo "medians of $runs alternating runs; peak RSS is the largest of them; cpu = user + system"
echo "ssl1: ls | xargs openssl dgst -sha256; ssl2: the same files in two halves with xargs -P2"
echo "floor (CPU only): bench/floor.cpp, reading each file with pread, SHA-256 and CRC-32, two threads"
echo "targets: sqma's CPU time at most 1.1x ssl2's at N = 10,000 and 1.05x at N = 100;"
echo "peak RSS at most 64 MB and flat in N"
