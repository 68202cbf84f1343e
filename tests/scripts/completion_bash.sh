#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# The bash completion, sourced in bash and asked as the shell asks it (COMP_WORDS, COMP_CWORD,
# then _sqma, then COMPREPLY): the verbs, the options of a verb, the values of options with a
# fixed set, --option=value, and file names where a file is expected.
#   completion_bash.sh COMPLETION SQMA SAMPLES VERB...
completion=$1 sqma=$2 samples=$3
shift 3
set -u
# shellcheck source=/dev/null
source "$completion" || { echo "cannot source $completion"; exit 1; }
status=0

complete_words() {
  COMP_WORDS=("$@")
  COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
  COMPREPLY=()
  _sqma
  printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' ' | sed 's/ $//'
}

# expect "WANTED" WORD... : the completions of the last word are exactly WANTED (sorted).
expect() {
  local wanted got
  wanted=$(printf '%s\n' $1 | sort | tr '\n' ' ' | sed 's/ $//')
  shift
  got=$(complete_words "$@")
  if [[ $got != "$wanted" ]]; then
    echo "FAIL: sqma ${*:2}<TAB>: got [$got], expected [$wanted]"
    status=1
  fi
}

# contains "WANTED" WORD... : the completions include every word of WANTED.
contains() {
  local wanted=$1 got w
  shift
  got=" $(complete_words "$@") "
  for w in $wanted; do
    if [[ $got != *" $w "* ]]; then
      echo "FAIL: sqma ${*:2}<TAB>: [$got] lacks $w"
      status=1
    fi
  done
}

complete -p sqma >/dev/null 2>&1 || { echo "FAIL: no completion registered for sqma"; status=1; }

# Verbs: every command of the build, and only those.
expect "$*" sqma ""
expect "assign" sqma as
expect "calendar certify check" sqma c
# Subcommands: those that --help lists.
subcommands() {
  "$sqma" "$1" --help | awk '/^Subcommands:/ { on = 1; next } on && /^  [a-z]/ { print $1 } on && /^$/ { on = 0 }'
}
expect "$(subcommands calendar)" sqma calendar ""
expect "$(subcommands bundle)" sqma bundle ""
contains "add between info is-workday" sqma calendar ""
contains "create normalize verify" sqma bundle ""

# Options: every long option that --help lists, for a verb and for a subcommand.
contains "$("$sqma" assign --help | grep -o -- '--[a-z][a-z-]*' | sort -u | tr '\n' ' ')" sqma assign --
contains "$("$sqma" score template --help | grep -o -- '--[a-z][a-z-]*' | sort -u | tr '\n' ' ')" \
  sqma score template --
expect "--report --reviewer-report --reviewers --round" sqma assign --r
expect "--help --version" sqma --
# Options after other options and their values.
expect "--force --format" sqma assign --cycle cycle.toml --round written --f

# Values of options with a fixed set.
expect "onsite panel written" sqma assign --round ""
expect "panel" sqma assign --cycle cycle.toml --round p
expect "onsite" sqma assign --round=o
expect "onsite panel written" sqma assign --round =
expect "panel" sqma assign --round = p
expect "individual organisation project" sqma new --class ""
expect "craftsman leader manager" sqma new --class individual --kind ""
expect "all applicant_rating reviewer_rating score" sqma score template --kind ""
expect "onsite panel written" sqma score template --round ""
expect "csv json text xlsx" sqma status --format ""
expect "csv json text xlsx" sqma check --format ""
expect "html json markdown" sqma report feedback --format ""
expect "pinyin rank stroke" sqma publish --order ""
expect "candidates revocation winners" sqma publish --kind ""
expect "written panel" sqma assign --keep ""
# A value that is a number or a date is not guessed.
expect "" sqma assign --seed ""

# File names: the value of --cycle, and the inputs of a verb.
cd "$samples" || exit 1
expect "cycle.toml" sqma check --cycle cy
expect "cycle.toml" sqma check --verbose cy
expect "reviewers.toml" sqma assign --round written --reviewers rev
expect "dossiers dossiers-checkchar" sqma validate doss

# A file name with a space is one completion.
spaced=$(mktemp -d)
trap 'rm -rf "$spaced"' EXIT
mkdir "$spaced/old cycle" && : >"$spaced/old cycle/cycle 2023.toml"
cd "$spaced" || exit 1
COMP_WORDS=(sqma check --cycle "old cycle/cy")
COMP_CWORD=3
_sqma
if [[ ${#COMPREPLY[@]} -ne 1 || ${COMPREPLY[0]} != "old cycle/cycle 2023.toml" ]]; then
  echo "FAIL: sqma check --cycle old\ cycle/cy<TAB>: got ${COMPREPLY[*]@Q}"
  status=1
fi

[[ $status -eq 0 ]] && echo "bash completion: all cases pass"
exit $status
