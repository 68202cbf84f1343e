#!/bin/zsh -f
# SPDX-License-Identifier: Apache-2.0
# The zsh completion _sqma, loaded in zsh with the completion system's builtins replaced by
# functions that record what they are given: the verbs with their descriptions, the options
# of a verb, the values of options with a fixed set, and files where a file is expected.
#   completion_zsh.zsh COMPLETION SQMA VERB...
completion=$1 sqma=$2
shift 2
typeset -i failed=0
typeset -a offered

compdef() { }
compadd() { [[ $1 == -- ]] && shift; offered+=("$@"); }
_describe() {
  local item
  for item in "${(@P)${@[-1]}}"; do
    offered+=("${${item%%:[^\\]*}//\\:/:}")
  done
}
_files() { offered+=("<files>"); }
_message() { offered+=("<message>"); }
compset() { cur=${cur#*=}; }
source $completion || { print "cannot source $completion"; exit 1; }

# expect "WANTED" WORD... : what _sqma offers for the last word is exactly WANTED.
expect() {
  local wanted=${(j: :)${(o)${=1}}}
  shift
  words=("$@"); CURRENT=${#words}; offered=()
  _sqma
  local got=${(j: :)${(o)offered}}
  if [[ $got != $wanted ]]; then
    print -r -- "FAIL: ${words[2,-1]}<TAB>: got [$got], expected [$wanted]"
    failed=1
  fi
}

expect "$*" sqma ""
# Subcommands: those that --help lists.
expect "${(j: :)${(f)"$($sqma calendar --help | awk '/^Subcommands:/ { on = 1; next } on && /^  [a-z]/ { print $1 } on && /^$/ { on = 0 }')"}}" sqma calendar ""
expect "written panel onsite" sqma assign --round ""
expect "written panel onsite" sqma assign --cycle cycle.toml --round ""
expect "written panel onsite" sqma assign --round=
expect "organisation project individual" sqma new --class ""
expect "score applicant_rating reviewer_rating all" sqma score template --kind ""
expect "html markdown json" sqma report evaluation --format ""
expect "<files>" sqma check --cycle ""
expect "<files>" sqma check ""
expect "<message>" sqma assign --seed ""
expect "${(j: :)${(f)"$($sqma bundle --help | awk '/^Subcommands:/ { on = 1; next } on && /^  [a-z]/ { print $1 } on && /^$/ { on = 0 }')"}}" sqma bundle ""
# Every option of the verb's --help, short and long.
expect "${(j: :)${(s:,:)${(f)"$($sqma assign --help | sed -n 's/^  \(-[^ ]*\).*/\1/p')"}}}" sqma assign -
# Every description is there: a verb's and an option's.
typeset -a seen
_describe() { seen=("${(@P)${@[-1]}}"); }
words=(sqma ""); CURRENT=2; _sqma
[[ ${seen[(r)assign:*]} == "assign:Form review panels"* ]] ||
  { print -r -- "FAIL: no description of assign: ${seen[(r)assign:*]}"; failed=1; }
words=(sqma assign --r); CURRENT=3; _sqma
[[ ${seen[(r)--round:*]} == "--round:The round: written, panel or onsite" ]] ||
  { print -r -- "FAIL: no description of --round: ${seen[(r)--round:*]}"; failed=1; }

(( failed )) || print "zsh completion: all cases pass"
exit $failed
