#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# sqma certify (decisions and certificates) and sqma publish on N dossiers, next to
# sqma validate reading the same dossiers. See bench/README.md.
set -eu
sqma=${1:?usage: bench/certify.sh SQMA}
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
fixtures=$root/tests/fixtures/certify
key=$root/samples/keys/sample-private.pem
for n in 500 5000; do
  work=$here/out/certify-$n
  rm -rf "$work" && mkdir -p "$work"
  python3 "$here/gen_certify.py" "$n" "$work"
  cat "$work"/in/*.json >/dev/null
  t0=$(date +%s.%N)
  "$sqma" validate "$work/in" >/dev/null
  t1=$(date +%s.%N)
  "$sqma" certify --cycle "$fixtures/cycle.toml" --decisions "$work/decisions.toml" \
    --key "$key" --certificates "$work/certs" "$work/in" >"$work/awarded.jsonl"
  t2=$(date +%s.%N)
  "$sqma" publish --cycle "$fixtures/cycle.toml" --kind winners --date 2025-10-13 \
    --out-dir "$work/notice" "$work/awarded.jsonl"
  t3=$(date +%s.%N)
  echo "$n $t0 $t1 $t2 $t3" | awk '{ printf "N=%d  validate %.2f s (baseline)  certify + %d certificates %.2f s (target < %d s)  publish, 6 formats %.2f s (target < 5 s)\n", $1, $3-$2, $1, $4-$3, $1/100+10, $5-$4 }'
done
