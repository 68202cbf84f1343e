#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Benchmarks `sqma import` on N forms (the sample cycle's forms again and again under new ids,
# each with its evidence folder) into a folder of dossiers, and `sqma export-form` of them all,
# and prints wall time and peak RSS next to the target and next to `sqma validate` over the
# same dossiers, measured in the same run (reading and schema-checking every dossier: the
# floor of any verb). Not a test: run it by hand, on an idle machine.
#   bench/intake.sh [build/release/cmd/sqma] [sizes, default "500 5000"]
set -eu
cd "$(dirname "$0")/.."
sqma=${1:-build/release/cmd/sqma}
sizes=${2:-"500 5000"}
work=${BENCH_DIR:-bench/out}
[ -x "$sqma" ] || { echo "build sqma first (cmake --build build/release)"; exit 2; }
command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time (Debian package time)"; exit 2; }

# Writes N forms into $1/forms and the arguments "FORM --evidence FOLDER ..." into $1/args.
make_forms() {
  python3 - "$1" "$2" <<'PY'
import pathlib, sys
out, n = pathlib.Path(sys.argv[1]), int(sys.argv[2])
(out / "forms").mkdir(parents=True, exist_ok=True)
forms = [f for f in sorted(pathlib.Path("samples/forms").glob("*.toml"))
         if "\nsha256 = " not in f.read_text("utf-8")]  # those carry no evidence
args = []
for i in range(n):
    form = forms[i % len(forms)]
    new = f"{form.stem}-{i // len(forms):04d}"
    text = form.read_text("utf-8").replace(f'id = "{form.stem}"', f'id = "{new}"', 1)
    target = out / "forms" / f"{new}.toml"
    target.write_text(text, "utf-8")
    args += [str(target), "--evidence", f"samples/evidence/{form.stem}"]
(out / "args").write_text("\n".join(args) + "\n", "utf-8")
PY
}

printf '%-6s %12s %10s %12s %12s  %s\n' N "import s" "peak RSS" "export s" "validate s" verdict
for n in $sizes; do
  dir="$work/intake-n$n"
  rm -rf "$dir"
  make_forms "$dir" "$n"
  /usr/bin/time -f '%e %M' -o "$dir/import.time" \
    xargs -s 1900000 -x -d '\n' -a "$dir/args" "$sqma" import --date 2025-06-30 --out-dir "$dir/dossiers" \
    > /dev/null 2> "$dir/stderr" || { cat "$dir/stderr"; exit 1; }
  /usr/bin/time -f '%e' -o "$dir/export.time" \
    "$sqma" export-form --out-dir "$dir/back" "$dir/dossiers" > /dev/null
  /usr/bin/time -f '%e' -o "$dir/validate.time" "$sqma" validate "$dir/dossiers" > /dev/null
  set -- $(cat "$dir/import.time") $(cat "$dir/export.time") $(cat "$dir/validate.time")
  awk -v n="$n" -v s="$1" -v rss="$2" -v e="$3" -v v="$4" 'BEGIN {
    verdict = "";
    if (n == 5000) verdict = (s <= 60 ? "time ok" : "time over 60 s");
    printf "%-6d %12.2f %8.1fMB %12.2f %12.2f  %s\n", n, s, rss / 1024, e, v, verdict
  }'
done
echo "target: the largest batch a cycle is planned for (5,000 dossiers) imported with its evidence in under 60 s"
