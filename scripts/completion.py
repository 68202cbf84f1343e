#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Writes the bash and zsh completions of sqma from what the binary registers.

    completion.py SQMA OUTDIR

runs `SQMA --completion-spec` (cmd/complete.hpp describes its lines) and writes
OUTDIR/bash/sqma and OUTDIR/zsh/_sqma. Nothing in them is written by hand, so a verb's new
option or value is completed as soon as the binary knows it.
"""
import os
import subprocess
import sys


def read_spec(binary):
    text = subprocess.run([binary, "--completion-spec"], check=True, capture_output=True,
                          text=True).stdout
    verbs = {}  # path -> description
    subs = {}  # path -> [child names]
    options = {}  # path -> [(names, kind, choices, description)]
    positional = {}  # path -> kind
    for line in text.splitlines():
        fields = line.split("\t")
        # Keys of the shells' tables: "sqma", "sqma/assign", "sqma/score/template".
        fields[1] = "sqma" + ("/" + fields[1] if fields[1] else "")
        if fields[0] == "verb":
            path, description = fields[1], fields[2]
            verbs[path] = description
            subs.setdefault(path, [])
            options.setdefault(path, [])
            if path != "sqma":
                parent, _, name = path.rpartition("/")
                subs.setdefault(parent, []).append(name)
        elif fields[0] == "opt":
            path, names, kind, choices, description = fields[1:6]
            options[path].append((names.split(","), kind, [c for c in choices.split(",") if c],
                                  description))
        elif fields[0] == "pos":
            positional[fields[1]] = fields[2]
        else:
            raise SystemExit(f"completion.py: unknown spec line: {line!r}")
    if not subs.get("sqma"):
        raise SystemExit("completion.py: the spec names no verbs")
    return verbs, subs, options, positional


def sh_quote(text):
    return "'" + text.replace("'", "'\\''") + "'"


def tables(verbs, subs, options, positional):
    """The shells' lookup tables, by name: (key, value) rows, keys sorted."""
    rows = {"subs": [(path, " ".join(subs[path])) for path in sorted(subs)],
            "verb_help": [(path, verbs[path]) for path in sorted(verbs)],
            "opts": [], "kind": [], "opt_help": [], "values": [],
            "positional": [(path, positional[path]) for path in sorted(positional)]}
    for path in sorted(options):
        rows["opts"].append((path, " ".join(n for opt in options[path] for n in opt[0])))
        for names, kind, choices, description in options[path]:
            for name in names:
                key = path + " " + name
                rows["kind"].append((key, kind))
                rows["opt_help"].append((key, description))
                if kind == "choice":
                    rows["values"].append((key, " ".join(choices)))
    return rows


def bash(verbs, subs, options, positional):
    out = ["# bash completion for sqma(1); generated from `sqma --completion-spec` by",
           "# scripts/completion.py. Source it, or install it as",
           "# /usr/share/bash-completion/completions/sqma.", ""]
    for name in ("subs", "opts", "kind", "values", "positional"):
        out.append(f"declare -gA _sqma_{name}=(")
        out.extend(f"  [{sh_quote(key)}]={sh_quote(value)}"
                   for key, value in tables(verbs, subs, options, positional)[name])
        out.append(")")
    out.append(r'''
_sqma()
{
  local cur=${COMP_WORDS[COMP_CWORD]} at=sqma option= word kind i
  COMPREPLY=()
  # The verb (and subcommand) so far, skipping options and the values they take.
  for ((i = 1; i < COMP_CWORD; i++)); do
    word=${COMP_WORDS[i]}
    if [[ -n $option ]]; then
      # "--round = VALUE": bash splits at "=", and the value is still to come.
      [[ $word == "=" ]] || option=
      continue
    fi
    case $word in
      -*=*) ;;
      -*)
        kind=${_sqma_kind["$at $word"]-}
        [[ -n $kind && $kind != flag ]] && option=$word
        ;;
      *)
        if [[ " ${_sqma_subs[$at]-} " == *" $word "* ]]; then
          at=$at/$word
        fi
        ;;
    esac
  done
  # The value of an option: --round VALUE, --round=VALUE (with or without "=" as a word).
  if [[ -z $option && $cur == -*=* ]]; then
    option=${cur%%=*}
    cur=${cur#*=}
  elif [[ $cur == "=" && -n $option ]]; then
    cur=
  fi
  if [[ -n $option ]]; then
    case ${_sqma_kind["$at $option"]-} in
      choice) COMPREPLY=($(compgen -W "${_sqma_values["$at $option"]-}" -- "$cur")) ;;
      path)
        compopt -o filenames 2>/dev/null
        mapfile -t COMPREPLY < <(compgen -f -- "$cur")
        ;;
    esac
    return 0
  fi
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "${_sqma_opts[$at]-}" -- "$cur"))
    return 0
  fi
  COMPREPLY=($(compgen -W "${_sqma_subs[$at]-}" -- "$cur"))
  if [[ -n ${_sqma_positional[$at]-} ]]; then
    compopt -o filenames 2>/dev/null
    mapfile -t -O ${#COMPREPLY[@]} COMPREPLY < <(compgen -f -- "$cur")
  fi
  return 0
}
complete -F _sqma sqma''')
    return "\n".join(out) + "\n"


def zsh_quote(text):
    return sh_quote(text)


def zsh(verbs, subs, options, positional):
    out = ["#compdef sqma", "# zsh completion for sqma(1); generated from `sqma --completion-spec` by",
           "# scripts/completion.py. Install it as _sqma in a folder of $fpath, such as",
           "# /usr/share/zsh/vendor-completions.", ""]
    out.append("typeset -gA _sqma_subs _sqma_kind _sqma_values _sqma_positional _sqma_verb_help "
               "_sqma_opt_help")
    for name in ("subs", "verb_help", "kind", "opt_help", "values", "positional"):
        out.append(f"_sqma_{name}=(")
        out.extend(f"  {zsh_quote(key)} {zsh_quote(value)}"
                   for key, value in tables(verbs, subs, options, positional)[name])
        out.append(")")
    out.append(r'''
_sqma() {
  local cur=${words[CURRENT]} at=sqma option= word kind i
  local -a described
  for ((i = 2; i < CURRENT; i++)); do
    word=${words[i]}
    if [[ -n $option ]]; then
      option=
      continue
    fi
    case $word in
      -*=*) ;;
      -*)
        kind=${_sqma_kind[$at $word]}
        [[ -n $kind && $kind != flag ]] && option=$word
        ;;
      *)
        if [[ " ${_sqma_subs[$at]} " == *" $word "* ]]; then
          at=$at/$word
        fi
        ;;
    esac
  done
  if [[ -z $option && $cur == -*=* ]]; then
    option=${cur%%=*}
    compset -P '*='
  fi
  if [[ -n $option ]]; then
    case ${_sqma_kind[$at $option]} in
      choice) compadd -- ${=_sqma_values[$at $option]} ;;
      path) _files ;;
      *) _message -e value ${_sqma_opt_help[$at $option]} ;;
    esac
    return 0
  fi
  if [[ $cur == -* ]]; then
    for word in ${(k)_sqma_kind}; do
      [[ ${word% *} == $at ]] || continue
      described+=("${${word#* }//:/\\:}:${_sqma_opt_help[$word]}")
    done
    _describe -t options option described
    return 0
  fi
  for word in ${=_sqma_subs[$at]}; do
    described+=("$word:${_sqma_verb_help[$at/$word]}")
  done
  (( ${#described} )) && _describe -t commands command described
  [[ -n ${_sqma_positional[$at]} ]] && _files
  return 0
}

if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
  _sqma "$@"
else
  compdef _sqma sqma
fi''')
    return "\n".join(out) + "\n"


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)


def main():
    if len(sys.argv) != 3:
        raise SystemExit("usage: completion.py SQMA OUTDIR")
    spec = read_spec(sys.argv[1])
    write(os.path.join(sys.argv[2], "bash", "sqma"), bash(*spec))
    write(os.path.join(sys.argv[2], "zsh", "_sqma"), zsh(*spec))


if __name__ == "__main__":
    main()
