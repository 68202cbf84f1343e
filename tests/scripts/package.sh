#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# The Debian package, as an office gets it: cpack builds it in the build folder given as $1;
# it must be under 10 MB with its binary stripped and Depends naming the libraries sqma links.
# As root it is installed with apt-get (its Depends resolved like any package's) and removed
# again afterwards if it was not installed before; otherwise it is unpacked into a fresh folder.
# Then `sqma --version`, the installed data, manual and completions, the whole sample cycle
# and assign's randomized mode (which loads COIN-OR CLP) run from the installed files alone:
# a copy of the examples folder the package ships, with PATH holding no build tree.
set -eu
build=$(cd "${1:?usage: package.sh BUILD_DIR}" && pwd)
version=$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$build/CMakeCache.txt")
fail() { echo "package.sh: $*" >&2; exit 1; }

rm -f "$build"/sqma_*.deb
(cd "$build" && cpack -G DEB > cpack.log 2>&1) || { cat "$build/cpack.log" >&2; fail "cpack failed"; }
deb=$(ls "$build"/sqma_*.deb)
size=$(stat -c %s "$deb")
[ "$size" -lt 10485760 ] || fail "$deb is $size bytes, over 10 MB"
depends=$(dpkg-deb -f "$deb" Depends)
# coinor-libclp1 is loaded with dlopen by assign's randomized mode: named by hand, not by
# dpkg-shlibdeps.
for lib in libzip4 libxlsxwriter libicu libqrencode libssl3 libjemalloc2 libfmt9 coinor-libclp1; do
  case "$depends" in *"$lib"*) ;; *) fail "Depends lacks $lib: $depends" ;; esac
done

work=$(mktemp -d)
installed_here=""
cleanup() {
  rm -rf "$work"
  if [ -n "$installed_here" ]; then
    DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq sqma > /dev/null 2>&1 || true
  fi
}
trap cleanup EXIT INT TERM
if [ "$(id -u)" -eq 0 ] && command -v apt-get > /dev/null; then
  dpkg-query -W -f='${Status}' sqma 2>/dev/null | grep -q "install ok installed" || installed_here=1
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$deb" > "$work/apt.log" 2>&1 ||
    { cat "$work/apt.log" >&2; fail "apt-get install $deb failed"; }
  prefix=/usr
  how="apt-get install"
else
  dpkg-deb -x "$deb" "$work/root"
  prefix=$work/root/usr
  how="dpkg-deb -x (not root: apt-get needs root)"
fi
bin=$prefix/bin/sqma

[ "$("$bin" --version)" = "sqma $version" ] || fail "$bin --version: $("$bin" --version)"
if readelf -S "$bin" | grep -q '\.debug_info'; then fail "$bin is not stripped"; fi
for f in share/sqma/cn_workdays.toml share/sqma/rules.toml share/sqma/criteria.toml \
  share/sqma/gbt19580-2012.toml share/sqma/schemas/dossier.v1.json share/man/man1/sqma.1 \
  share/man/man1/sqma-check.1 share/man/man5/sqma-form.5 share/man/man5/sqma-dossier.5 \
  share/man/man7/sqma-clauses.7 share/bash-completion/completions/sqma \
  share/zsh/vendor-completions/_sqma share/doc/sqma/examples/scripts/demo \
  share/doc/sqma/examples/samples/cycle.toml; do
  [ -e "$prefix/$f" ] || [ -e "$prefix/$f.gz" ] || fail "the package lacks $f"
done
# The calendar comes from the installed data file, found from the binary's prefix.
"$bin" calendar years | grep -qx "2026 $prefix/share/sqma/cn_workdays.toml" ||
  fail "the installed calendar is not read from $prefix/share/sqma: $("$bin" calendar years | tail -1)"

cp -R "$prefix/share/doc/sqma/examples" "$work/cycle"
if ! env -i PATH=/usr/bin:/bin HOME="$work" LANG=C.UTF-8 SQMA="$bin" \
  sh "$work/cycle/scripts/demo" > "$work/demo.log" 2>&1; then
  tail -n 30 "$work/demo.log" >&2
  fail "the sample cycle failed on the installed files"
fi
"$bin" archive verify "$work/cycle/out/sample-cycle-2025.zip" > /dev/null ||
  fail "the archive of the sample cycle does not verify"
# The randomized mode, which loads COIN-OR CLP when it solves its first LP: a probability cap
# low enough that no single assignment meets it, so that the LPs run.
(cd "$work/cycle" && env -i PATH=/usr/bin:/bin HOME="$work" LANG=C.UTF-8 "$bin" assign \
  --cycle samples/cycle.toml --reviewers samples/reviewers.toml --round written \
  --date 2025-08-01 --seed 20250801 --max-probability 0.14 --pass-unready \
  out/sample-cycle/checked.jsonl \
  > "$work/randomized.jsonl" 2> "$work/randomized.log") ||
  { cat "$work/randomized.log" >&2; fail "assign's randomized mode failed on the installed files"; }
grep -q '"method":"mixture"' "$work/randomized.jsonl" ||
  fail "assign's randomized mode did not draw from a mixture: $(head -c 300 "$work/randomized.jsonl")"
echo "package.sh: $(basename "$deb") ($size bytes, $how): --version, data, manual, the whole sample cycle and the randomized mode (CLP) from the installed files"
