"""Shell completion scripts for bash and zsh, made from the command's own argparse parser, so
a new verb or option completes as soon as it exists.

What completes: verbs, each verb's options, an option's choices (or the values the caller
names for it, e.g. spread's own layouts), a positional argument's choices, and file names
for everything else.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field


@dataclass
class Value:
    """What an option's value completes to: words, file names, both, or nothing (a number)."""

    words: list[str]
    files: bool
    help: str = ""


@dataclass
class Verb:
    """What one verb (or the bare command) accepts, as completion needs it."""

    name: str
    help: str = ""
    flags: list[tuple[list[str], str]] = field(default_factory=list)  # (spellings, help)
    valued: dict[str, "Value"] = field(default_factory=dict)  # option → what follows it
    words: list[str] = field(default_factory=list)  # a positional argument's choices


def describe(parser: argparse.ArgumentParser,
             values: dict[str, tuple[list[str], bool]] | None = None) -> tuple[Verb, list[Verb]]:
    """The bare command and its verbs; `values` names what an option without choices takes:
    option → (words, whether file names too)."""
    values = values or {}
    top = _verb("spread", "", parser, values)
    verbs = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {a.dest: a.help or "" for a in action._choices_actions}
            verbs = [_verb(name, helps.get(name, ""), sub, values)
                     for name, sub in action.choices.items()]
    return top, verbs


def _verb(name: str, help_text: str, parser: argparse.ArgumentParser,
          values: dict[str, tuple[list[str], bool]]) -> Verb:
    verb = Verb(name, help_text)
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            continue
        if not action.option_strings:
            verb.words += [str(c) for c in action.choices or ()]
        elif action.nargs == 0:
            verb.flags.append((list(action.option_strings), action.help or ""))
        else:
            verb.valued.update(dict.fromkeys(action.option_strings,
                                             _value(action, values)))
    return verb


def _value(action: argparse.Action, values: dict[str, tuple[list[str], bool]]) -> Value:
    if action.choices:
        return Value([str(c) for c in action.choices], False, action.help or "")
    for option in action.option_strings:
        if option in values:
            words, files = values[option]
            return Value(words, files, action.help or "")
    # a number (type int, float or a checker) completes to nothing, text to file names
    return Value([], action.type in (None, str), action.help or "")


def script(parser: argparse.ArgumentParser, shell: str,
           values: dict[str, tuple[list[str], bool]] | None = None) -> str:
    top, verbs = describe(parser, values)
    return {"bash": _bash, "zsh": _zsh}[shell](parser.prog, top, verbs)


# -- bash -----------------------------------------------------------------------------------

def _bash(prog: str, top: Verb, verbs: list[Verb]) -> str:
    fn = f"_{prog}_complete"
    cases = []
    for verb in verbs:
        options = sorted({o for spellings, _ in verb.flags for o in spellings} | set(verb.valued))
        takes = [f"            {o}) COMPREPLY=({_bash_value(value)}); return ;;"
                 for o, value in sorted(verb.valued.items())]
        positional = (f"COMPREPLY=($(compgen -W '{' '.join(verb.words)}' -- \"$cur\"))"
                      if verb.words else "COMPREPLY=($(compgen -f -- \"$cur\"))")
        cases.append("\n".join([
            f"    {verb.name})",
            "        case \"$prev\" in", *takes, "        esac",
            "        if [[ \"$cur\" == -* ]]; then",
            f"            COMPREPLY=($(compgen -W '{' '.join(options)}' -- \"$cur\"))",
            "        else",
            f"            {positional}",
            "        fi ;;"]))
    top_options = sorted({o for spellings, _ in top.flags for o in spellings})
    return "\n".join([
        f"# bash completion for {prog}, made by `{prog} completion bash`:",
        f"#   source <({prog} completion bash)",
        f"{fn}() {{",
        "    local cur=\"${COMP_WORDS[COMP_CWORD]}\" prev=\"${COMP_WORDS[COMP_CWORD-1]}\"",
        "    local verb=\"\" i",
        "    for ((i = 1; i < COMP_CWORD; i++)); do",
        "        case \"${COMP_WORDS[i]}\" in -*) ;; *) verb=\"${COMP_WORDS[i]}\"; break ;; esac",
        "    done",
        "    if [[ -z \"$verb\" ]]; then",
        f"        COMPREPLY=($(compgen -W '{' '.join(v.name for v in verbs)} "
        f"{' '.join(top_options)}' -- \"$cur\"))",
        "        return",
        "    fi",
        "    case \"$verb\" in",
        *cases,
        "    esac",
        "}",
        f"complete -o filenames -o bashdefault -F {fn} {prog}",
        ""])


def _bash_value(value: Value) -> str:
    parts = [f"$(compgen -W '{' '.join(value.words)}' -- \"$cur\")"] if value.words else []
    if value.files:
        parts.append("$(compgen -f -- \"$cur\")")
    return " ".join(parts)


# -- zsh ------------------------------------------------------------------------------------

def _zsh(prog: str, top: Verb, verbs: list[Verb]) -> str:
    cases = []
    for verb in verbs:
        specs = [_zsh_flag(spellings, text) for spellings, text in verb.flags]
        specs += [_zsh_valued(option, value) for option, value in sorted(verb.valued.items())]
        specs.append(_quote("*:argument:(" + " ".join(verb.words) + ")") if verb.words
                     else _quote("*:file:_files"))
        cases.append(f"        {verb.name})\n            _arguments -s \\\n                "
                     + " \\\n                ".join(specs) + " ;;")
    described = " ".join(_quote(f"{v.name}:{v.help}") for v in verbs)
    top_specs = [_zsh_flag(spellings, text) for spellings, text in top.flags]
    return "\n".join([
        f"#compdef {prog}",
        f"# zsh completion for {prog}, made by `{prog} completion zsh`: save it as _{prog}",
        "# in a folder of $fpath (or `source <(spread completion zsh)` after compinit)",
        f"_{prog}() {{",
        "    local curcontext=\"$curcontext\" state line",
        "    typeset -A opt_args",
        "    _arguments -C \\",
        *(f"        {spec} \\" for spec in top_specs),
        "        '1:verb:->verb' \\",
        "        '*::argument:->argument'",
        "    case $state in",
        "    verb)",
        f"        local -a verbs=({described})",
        "        _describe -t verbs verb verbs ;;",
        "    argument)",
        "        case $line[1] in",
        *cases,
        "        esac ;;",
        "    esac",
        "}",
        f"compdef _{prog} {prog}",
        ""])


def _zsh_flag(spellings: list[str], text: str) -> str:
    if len(spellings) == 1:
        return _quote(f"{spellings[0]}[{_bracketed(text)}]")
    group = " ".join(spellings)
    return _quote(f"({group})") + "{" + ",".join(spellings) + "}" + _quote(f"[{_bracketed(text)}]")


def _zsh_valued(option: str, value: Value) -> str:
    name = option.lstrip("-")
    if value.words and value.files:  # spread's own layouts by name, or a file
        # colons inside the action escaped: a bare one would start the option's next argument
        action = (f"{{_alternative 'names\\:{name}\\:({' '.join(value.words)})' "
                  f"'files\\:file\\:_files'}}")
    elif value.words:
        action = f"({' '.join(value.words)})"
    else:
        action = "_files" if value.files else " "
    return _quote(f"{option}[{_bracketed(value.help)}]:{name}:{action}")


def _bracketed(text: str) -> str:
    """A description inside _arguments' [...]: brackets and colons escaped."""
    return text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]").replace(":", "\\:")


def _quote(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"
