#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Every long option that `sqma VERB --help` lists, and `sqma VERB SUB --help` for each of the
# verb's subcommands, must be described in man/sqma-VERB.1.
sqma=$1; man=$2; shift 2
status=0
for verb in "$@"; do
  page="$man/sqma-$verb.1"
  if [ ! -f "$page" ]; then
    echo "missing man page $page"; status=1; continue
  fi
  subs=$("$sqma" "$verb" --help | awk '/^Subcommands:/ { on = 1; next } on && /^  [a-z]/ { print $1 } on && /^$/ { on = 0 }')
  for sub in "" $subs; do
    # shellcheck disable=SC2086
    for option in $("$sqma" "$verb" $sub --help | grep -o -- '--[a-z][a-z-]*' | sort -u); do
      [ "$option" = "--help" ] && continue
      name=${option#--}
      if ! grep -q -- "^\.Fl \\{0,1\\}-$name\\b\|Fl -$name\b" "$page"; then
        echo "$page does not describe $option${sub:+ of $verb $sub}"; status=1
      fi
    done
  done
done
exit $status
