#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Benchmarks `sqma archive` and `sqma archive verify` on a generated cycle of about 1 GB
# (and of a quarter of that, to show that memory stays flat), next to `zip -r -0 -q` and
# `openssl dgst -sha256` on both cores (xargs -P2) over the same files, measured in the
# same run. Not a test: run it by hand, on an idle machine.
#   bench/archive.sh [build/release/cmd/sqma]
# RUNS (default 3) is how many times each side runs, alternating; the medians are shown.
# SIZES (default "268435456 1073741824") are the cycle sizes in bytes. The cycles are
# generated in a temporary folder (TMPDIR), removed at the end.
set -eu
cd "$(dirname "$0")/.."
sqma=$(realpath "${1:-build/release/cmd/sqma}")
runs=${RUNS:-3}
sizes=${SIZES:-"268435456 1073741824"}
[ "$runs" -ge 1 ] 2>/dev/null || { echo "RUNS must be a whole number, at least 1"; exit 2; }
[ -x "$sqma" ] || { echo "build sqma first (cmake --build build/release)"; exit 2; }
command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time (Debian package time)"; exit 2; }
command -v zip >/dev/null || { echo "needs zip"; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM

now() { date +%s.%N; }
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# Seconds between two `now` readings.
span() { awk -v a="$1" -v b="$2" 'BEGIN { print b - a }'; }
# Peak RSS in kB from GNU time's output (its last line).
peak() { tail -n 1 "$1"; }

printf '%-6s %8s %9s %9s %6s %9s %9s %9s %6s %9s  %s\n' size files zip archive ratio "RSS" \
  openssl verify ratio "RSS" verdict
for size in $sizes; do
  cycle="$work/cycle-$size"
  python3 bench/gen_archive.py "$cycle" "$size" > /dev/null
  files=$(find "$cycle" -type f | wc -l)
  bytes=$(du -sb "$cycle" | cut -f1)
  : > "$work/t.zip"; : > "$work/t.archive"; : > "$work/t.openssl"; : > "$work/t.verify"
  rss_a=0; rss_v=0
  i=0
  while [ "$i" -lt "$runs" ]; do
    # Warm the page cache so that every side reads from memory.
    find "$cycle" -type f -exec cat {} + > /dev/null
    rm -f "$work/zip.zip" "$work/archive.zip"
    t0=$(now)
    (cd "$work" && zip -r -0 -q zip.zip "cycle-$size")
    t1=$(now)
    /usr/bin/time -f '%M' -o "$work/rss" "$sqma" archive "$cycle" -o "$work/archive.zip" --date 2026-03-31 > /dev/null
    t2=$(now)
    r=$(peak "$work/rss"); [ "$r" -gt "$rss_a" ] && rss_a=$r
    t3=$(now)
    (cd "$cycle" && find . -type f -print0 | xargs -0 -P2 -n 64 openssl dgst -sha256 > /dev/null)
    t4=$(now)
    /usr/bin/time -f '%M' -o "$work/rss" "$sqma" archive verify "$work/archive.zip" > /dev/null
    t5=$(now)
    r=$(peak "$work/rss"); [ "$r" -gt "$rss_v" ] && rss_v=$r
    span "$t0" "$t1" >> "$work/t.zip"; span "$t1" "$t2" >> "$work/t.archive"
    span "$t3" "$t4" >> "$work/t.openssl"; span "$t4" "$t5" >> "$work/t.verify"
    i=$((i + 1))
  done
  z=$(median < "$work/t.zip"); a=$(median < "$work/t.archive")
  o=$(median < "$work/t.openssl"); v=$(median < "$work/t.verify")
  awk -v bytes="$bytes" -v files="$files" -v z="$z" -v a="$a" -v o="$o" -v v="$v" \
      -v ra="$rss_a" -v rv="$rss_v" 'BEGIN {
    verdict = (a <= 1.1 * z ? "archive ok" : "archive over") (v <= o ? ", verify ok" : ", verify over") \
      ((ra <= 65536 && rv <= 65536) ? ", memory ok" : ", memory over 64 MB");
    printf "%5.0fM %8d %8.2fs %8.2fs %6.2f %7.1fMB %8.2fs %8.2fs %6.2f %7.1fMB  %s\n", bytes / 1048576, files, z, a, a / z, ra / 1024, o, v, v / o, rv / 1024, verdict
  }'
  rm -rf "$cycle"
done
echo "medians of $runs alternating runs; RSS is the largest peak of them"
echo "targets: archive at most 1.1x zip -r -0 -q; verify at most 1.0x openssl dgst -sha256 on"
echo "both cores (xargs -P2); peak RSS under 64 MB and flat in the cycle's size"
