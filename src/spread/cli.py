"""The `spread` command: build a page, check content and PDFs, watch an edition, start one.

Exit codes: 0 all good; 1 problems found (overset text, a preflight failure, lint findings,
differences from a manifest, characters no font has); 2 a usage or input error (a file that
cannot be read or does not validate); 3 an internal error, a bug in spread (run again with
--debug for the traceback); 130 interrupted.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import sys
import textwrap
import time
import traceback
from pathlib import Path

from spread import __version__
from spread.errors import OUT_OF_MEMORY_HINT, InputError, InputErrors, SpreadError
from spread.files import broken_link, kind_of, refuse_long_name

EXIT_OK, EXIT_PROBLEMS, EXIT_INPUT, EXIT_INTERNAL, EXIT_INTERRUPTED = 0, 1, 2, 3, 130
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, as the shell reports a reader that went away
DEFAULT_CONTENT = "content.yaml"


def main(argv: list[str] | None = None) -> int:
    _standard_streams()
    caller, sys.stdout = sys.stdout, _Stdout(sys.stdout)
    try:
        return _main(argv)
    finally:
        sys.stdout = caller


def _main(argv: list[str] | None) -> int:
    parser = _parser()
    try:
        _refuse_undecodable(sys.argv[1:] if argv is None else argv)
        args = parser.parse_args(argv)
    except _UsageError as exc:  # --help and --version exit 0 from parse_args as usual
        print(f"{exc.prog}: error: {exc}" + (f"\nhint: {exc.hint}" if exc.hint else ""),
              file=sys.stderr)
        if "--json" in (sys.argv[1:] if argv is None else argv):
            _emit({"ok": False, "error": {"message": str(exc), "hint": exc.hint,
                                          "kind": "UsageError", "exit_code": EXIT_INPUT}})
        return EXIT_INPUT
    if args.verb is None:
        parser.print_help(sys.stderr)
        return EXIT_INPUT
    debug, as_json = getattr(args, "debug", False), getattr(args, "json", False)
    try:
        if args.verb not in ("completion", "schema"):  # the two that read no file
            _refuse_lost_folder()
        code = args.run(args)
        sys.stdout.flush()  # a full disk or a closed stdout is met here, not after exit 0
        return code
    except SpreadError as exc:
        if debug:
            traceback.print_exc()
        _print_error(exc, as_json)
        return exc.exit_code
    except KeyboardInterrupt:
        print("spread: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # `spread ... | head`: the reader has gone; so do we, quietly
        _quiet_stdout()
        return EXIT_BROKEN_PIPE
    except MemoryError:
        return _out_of_memory(debug, as_json)
    except Exception as exc:  # a bug: say so plainly, keep the traceback for --debug
        if isinstance(exc, ImportError) and "failed to map segment" in str(exc):
            return _out_of_memory(debug, as_json)  # a library's code found no memory to load in
        if exc is sys.stdout.failed:
            _quiet_stdout()
            print(f"spread: cannot write to standard output: {exc.strerror or exc}",
                  file=sys.stderr)
            print("hint: send the output to a file or a program that reads it (> FILE, | less)",
                  file=sys.stderr)
            return EXIT_INPUT
        if debug:
            traceback.print_exc()
        detail = f"{type(exc).__name__}: {exc}"
        if as_json:
            _emit({"ok": False, "error": {"message": f"internal error: {detail}",
                                          "exit_code": EXIT_INTERNAL}})
        print(f"spread: internal error: {detail}", file=sys.stderr)
        if not debug:
            print("this is a bug in spread; run the command again with --debug to see the "
                  "traceback, and report it", file=sys.stderr)
        return EXIT_INTERNAL


def _refuse_lost_folder() -> None:
    """The current folder deleted (or moved away) under the shell: every path spread reads,
    shows or writes is taken from it, and looking it up fails deep inside (FileNotFoundError,
    exit 3 «internal error»). Said first, in words."""
    try:
        os.getcwd()
    except FileNotFoundError:
        raise InputError("the current folder no longer exists: it was deleted or moved while "
                         "the shell was in it",
                         hint="cd to a folder that exists (cd ~, or cd to the edition folder "
                              "again) and run the command once more") from None


def _out_of_memory(debug: bool, as_json: bool) -> int:
    if debug:
        traceback.print_exc()
    error = SpreadError("ran out of memory", hint=OUT_OF_MEMORY_HINT)
    _print_error(error, as_json)
    return error.exit_code


def _standard_streams() -> None:
    """Output that reaches the terminal, whatever it can show: text its encoding lacks (a
    Latin-1 or ASCII locale) is written as \\uXXXX escapes, not an encoding error. A
    stream the caller closed (`>&-`) gets its descriptor back on /dev/null, so no output
    file takes descriptor 1 or 2; stdout is opened read-only there, so what is written to
    it fails and is reported, not lost in silence."""
    for name, fd, flags in (("stdout", 1, os.O_RDONLY), ("stderr", 2, os.O_WRONLY)):
        stream = getattr(sys, name)
        if stream is None:
            held = os.open(os.devnull, flags)
            if held != fd:
                os.dup2(held, fd)
                os.close(held)
            stream = open(fd, "w", encoding="utf-8", closefd=False)
            setattr(sys, name, stream)
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")


def _quiet_stdout() -> None:
    """stdout's descriptor onto /dev/null: what is left in its buffer goes nowhere at exit,
    instead of failing again."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


class _Stdout:
    """stdout as spread writes it: a write or flush that fails (a full disk, a closed
    descriptor) is remembered, so main reports it as the output's fault, not as a bug."""

    def __init__(self, stream):
        self.stream, self.failed = stream, None

    def write(self, text: str) -> int:
        try:
            return self.stream.write(text)
        except OSError as exc:
            self.failed = exc
            raise

    def flush(self) -> None:
        try:
            self.stream.flush()
        except OSError as exc:
            self.failed = exc
            raise

    def __getattr__(self, name: str):
        return getattr(self.stream, name)


# -- the parser -----------------------------------------------------------------------------

class _UsageError(Exception):
    """A command line argparse refused: main reports it (as JSON too, with --json)."""

    def __init__(self, message: str, prog: str, hint: str):
        super().__init__(message)
        self.prog, self.hint = prog, hint


class _Parser(argparse.ArgumentParser):
    """argparse with a did-you-mean for a misspelt verb or choice (`spread biuld`), whose
    usage errors main reports instead of exiting here."""

    def error(self, message: str):
        hint = ""
        wrong = re.search(r"invalid choice: '([^']*)' \(choose from (.*)\)", message)
        if wrong:
            from spread.schema import did_you_mean

            choices = [c.strip(" '") for c in wrong.group(2).split(",")]
            hint = did_you_mean(wrong.group(1), choices)
        self.print_usage(sys.stderr)
        raise _UsageError(message, self.prog, hint)


# each verb: one-line help, a description and examples (shown by `spread VERB --help`)
VERBS = {
    "build": ("build the page's renditions", """\
Build the print PDF (PDF/X-1a), the proof (PDF and PNG) and the archive PDF (PDF/A-2b) of
an edition, then read each back and check it. The layout is --layout, or what the
edition.yaml beside the content names, or layout/default.yaml beside it (or in a folder
above); outputs go to out/ beside the content unless -o says otherwise. Several content
files build as a batch: a failure does not stop the others.""", """\
examples:
  spread build                                  content.yaml here, its layout, into out/
  spread build mypage/content.yaml              from anywhere: finds mypage's layout
  spread build mypage                           the same: a folder means its content.yaml
  spread build --layout tabloid-spread          one of spread's own layouts, by name
  spread build --rendition print -o plates      only the print PDF, into plates/
  spread build a.yaml b.yaml c.yaml -j 2        a batch in two processes"""),
    "check": ("lint and validate content, or preflight a PDF", """\
CONTENT.yaml: validate it and lint its Chinese punctuation (GB/T 15834), each finding with
file:line:column and the fix. FILE.pdf: preflight a written PDF: PDF/X-1a and the newsprint
limits for a print file, PDF/A-2b and level U for an archive file; with --typography, read
any PDF's lines back and check their composition.""", """\
examples:
  spread check                                  lint content.yaml
  spread check mypage/content.yaml --fix        apply the mechanical fixes, comments kept
  spread check out/content.print.pdf            preflight the print file
  spread check --json out/content.archive.pdf   the report as JSON
  spread check --typography out/content.print.pdf   the composition read back from a PDF"""),
    "proof": ("build the proof and print its PNG path", """\
Build only the proof (PDF with crop marks, colour bar and slug, and a PNG of it) and print
the PNG's path, for a quick look.""", """\
examples:
  spread proof                                  out/content.proof.png
  spread proof mypage/content.yaml              mypage/out/content.proof.png"""),
    "watch": ("rebuild whenever a file the build reads changes", """\
Build once, then again whenever a file the build reads changes: the content, the layout
(and the edition.yaml that names it), a font, the printer's profile, a picture it uses;
errors are reported and watching goes on. Stop with Ctrl-C.""", """\
examples:
  spread watch                                  rebuild the proof on every save
  spread watch --rendition all                  every rendition
  spread --json watch                           one JSON event per line, for editors"""),
    "fonts": ("which font sets what; what is missing", """\
Report each font role of the layout: its faces and licences, the styles set in it, the
characters of the content each face sets and any character no face has.""", """\
examples:
  spread fonts                                  for content.yaml and its layout
  spread fonts --json mypage/content.yaml"""),
    "verify": ("rebuild from an edition record and compare", """\
Rebuild an edition from the inputs its record (out/NAME.manifest.json) names, and compare
inputs and outputs byte for byte with what was recorded.""", """\
examples:
  spread verify out/content.manifest.json"""),
    "init": ("start a new edition in a folder", """\
Make an edition folder: content.yaml (every key present and explained, ready to fill in)
and edition.yaml naming the layout. TEMPLATE is one of spread's own layouts by name, which
edition.yaml names as it is (--copy-layout copies it into the edition to adjust), or an
edition folder whose layout/ is copied. spread's own templates (--list describes them):
default and commemorative (the 对开 纪念版, 1–6 sections), front (a 四开 头版 under its
masthead), news (a 四开 news page), photo (a 画说 page of 4–8 photos) and tabloid-spread;
a template with a starter edition writes its text and pictures, set as the template means
them, to replace with your own.""", """\
examples:
  spread init mypage && spread build mypage/content.yaml
  spread init --list
  spread init --template photo mypage             a 画说 page: replace the photos and text
  spread init --template tabloid-spread spread2
  spread init --copy-layout mine                  a layout of its own to adjust
  spread init --copy-fonts --template ../last-week thisweek"""),
    "dump": ("print the content or the laid-out page, one line per item", """\
Print an intermediate model as canonical text, stable between runs, for diffs: the content
(every text with its document path) or the laid-out page (every item with its position in
points). --json prints the same records as JSON.""", """\
examples:
  spread dump --stage content
  spread dump > before.txt && spread dump --layout mine.yaml | diff before.txt -
  spread dump --json | python3 -m json.tool"""),
    "schema": ("print the JSON Schema of a format", """\
Print the JSON Schema (draft 2020-12) of the content or layout format, made from the same
model the loader validates with, for editors that validate YAML as it is typed.""", """\
examples:
  spread schema content -o content.schema.json
  spread schema layout"""),
    "completion": ("print a shell completion script", """\
Print a completion script for bash or zsh, made from this command's own verbs and
options.""", """\
examples:
  source <(spread completion bash)                  in ~/.bashrc
  spread completion zsh > ~/.zfunc/_spread          with fpath+=(~/.zfunc) in ~/.zshrc"""),
}


def _parser() -> argparse.ArgumentParser:
    # --debug and --json are accepted before or after the verb; SUPPRESS keeps a verb's
    # parser from resetting what was given before it
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                        help="show the traceback of an error")
    common.add_argument("--json", action="store_true", default=argparse.SUPPRESS,
                        help="print a machine-readable report on stdout")
    parser = _Parser(
        prog="spread", parents=[common], description=__doc__.split("\n\n")[0],
        epilog=__doc__.split("\n\n", 1)[1], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"spread {__version__}")
    sub = parser.add_subparsers(dest="verb", metavar="VERB")

    def verb(name: str, run) -> argparse.ArgumentParser:
        summary, description, epilog = VERBS[name]
        p = sub.add_parser(name, parents=[common], help=summary, description=description,
                           epilog=epilog, formatter_class=argparse.RawDescriptionHelpFormatter)
        p.set_defaults(run=run)
        return p

    b = verb("build", _build)
    b.add_argument("content", nargs="*", default=[DEFAULT_CONTENT], type=_content_file,
                   help=f"content file(s) or edition folder(s) (default {DEFAULT_CONTENT})")
    _layout_out(b)
    _rendition(b, "all", "what to build: print, proof, archive, all, or a comma-separated "
                         "list; may be given again (default all)")
    b.add_argument("-j", "--jobs", type=_positive, default=1, metavar="N",
                   help="build a batch in N worker processes (default 1)")
    _strict(b)

    c = verb("check", _check)
    c.add_argument("file", nargs="?", default=DEFAULT_CONTENT, type=_content_file,
                   help=f"a PDF, a content file or an edition folder (default "
                        f"{DEFAULT_CONTENT})")
    c.add_argument("--fix", action="store_true",
                   help="rewrite the content file with the mechanical fixes (comments kept)")
    _layout(c, "the layout a content file is validated with")
    c.add_argument("--content", default=None, type=_content_file,
                   help="validate a layout file with this content (a file, or an edition "
                        "folder), short of drawing")
    c.add_argument("--typography", action="store_true",
                   help="read any PDF's lines back and report forbidden line starts and "
                        "ends, split words and numbers, mark widths and loose lines")

    p = verb("proof", _proof)
    _content(p)
    _layout_out(p)

    w = verb("watch", _watch)
    _content(w)
    _layout_out(w)
    _rendition(w, "proof", "what each rebuild makes (default proof)")
    w.add_argument("--interval", type=_interval, default=0.5,
                   help="seconds between polls (default 0.5)")
    w.add_argument("--max-builds", type=_positive, default=None, metavar="N",
                   help="stop after N builds (the first build counts)")
    w.add_argument("--once", action="store_const", const=1, dest="max_builds",
                   help="build once and stop (same as --max-builds 1)")
    _strict(w)

    f = verb("fonts", _fonts)
    _content(f)
    _layout(f)

    v = verb("verify", _verify)
    v.add_argument("manifest", type=_named("the edition record's name is empty"),
                   help="an edition record, e.g. out/content.manifest.json")

    i = verb("init", _init)
    i.add_argument("dir", nargs="?", type=_named("the edition folder's name is empty"),
                   help="the new edition folder (must not exist, or be empty)")
    i.add_argument("--template", default=None,
                   type=_named("--template is empty: it names no template"),
                   help="one of spread's own layouts by name (default: default; --list "
                        "shows them), or an edition folder to copy the layout from; a "
                        "bare name that is spread's is spread's, so name a folder of the "
                        "same name as a path: ./photo")
    i.add_argument("--list", action="store_true",
                   help="list spread's own templates and what each sets, then stop")
    i.add_argument("--copy-layout", action="store_true",
                   help="copy spread's layout into the edition to adjust it (its fonts are "
                        "named by absolute path)")
    i.add_argument("--copy-fonts", action="store_true",
                   help="copy the layout and its fonts into the edition: the folder stands "
                        "on its own")

    d = verb("dump", _dump)
    _content(d)
    _layout(d)
    d.add_argument("--stage", choices=("content", "compose", "layout"), default="layout",
                   help="the content model, its running texts composed at --measure "
                        "characters of the body style, or the laid-out page (default layout)")
    d.add_argument("--measure", type=_measures, default=None,
                   help="compose stage: measures in characters (default 9,12,16,24)")

    s = verb("schema", _schema)
    s.add_argument("format", choices=("content", "layout"))
    s.add_argument("-o", "--out", default=None, action=_Once,
                   type=_named("-o is empty: it names no file"),
                   help="write to this file instead of stdout")

    k = verb("completion", _completion)
    k.add_argument("shell", choices=("bash", "zsh"))
    return parser


def _content(p: argparse.ArgumentParser) -> None:
    p.add_argument("content", nargs="?", default=DEFAULT_CONTENT, type=_content_file,
                   help=f"the content file, or an edition folder (default {DEFAULT_CONTENT})")


class _Once(argparse.Action):
    """An option that takes one value: given again with another, it is refused, not the
    first silently replaced (--layout news --layout default built with the default)."""

    def __call__(self, parser, namespace, values, option_string=None):
        before = getattr(namespace, self.dest, None)
        if before is not None and before != values:
            parser.error(f"{option_string} is given twice ({before}, then {values}): "
                         "give it once")
        setattr(namespace, self.dest, values)


def _layout(p: argparse.ArgumentParser, what: str = "a layout file") -> None:
    p.add_argument("--layout", default=None, action=_Once,
                   type=_named("--layout is empty: it names no layout"),
                   help=f"{what}, or one of spread's own by name (default: what the "
                        "edition.yaml beside the content names, or layout/default.yaml)")


def _strict(p: argparse.ArgumentParser) -> None:
    p.add_argument("--strict", action="store_true",
                   help="treat warnings (punctuation lint, a region left mostly empty) as "
                        "errors: exit 1 and write nothing")


def _layout_out(p: argparse.ArgumentParser) -> None:
    _layout(p)
    p.add_argument("-o", "--out", default=None, action=_Once,
                   type=_named("-o is empty: it names no folder"),
                   help="output folder (default out/ beside the content file)")


def _rendition(p: argparse.ArgumentParser, default: str, help: str) -> None:
    # given twice, both count: a second --rendition once silently replaced the first
    p.add_argument("--rendition", action="append", default=None, help=help)
    p.set_defaults(rendition_default=default)


def _refuse_undecodable(argv: list[str]) -> None:
    """A name whose bytes are not UTF-8 (Python keeps them as lone surrogates) can be
    opened but not written into an edition record, a PDF or a JSON report: say so first."""
    for arg in argv:
        if any("\udc80" <= ch <= "\udcff" for ch in arg):
            shown = arg.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
            raise _UsageError(f"the argument '{shown}' is not UTF-8 text", "spread",
                              "rename the file with a UTF-8 name (a name made on a system "
                              "using another encoding keeps that encoding's bytes)")


def _content_file(text: str) -> str:
    """An edition folder stands for the content.yaml in it."""
    _named("the content file name is empty")(text)
    return os.path.join(text, DEFAULT_CONTENT) if os.path.isdir(text) else text


def _named(refusal: str):
    """A file or folder name that must name something: an empty one (a script's unset
    variable, -o "$OUT") once meant the default — another layout, another folder."""
    def name(text: str) -> str:
        if not text.strip():
            raise argparse.ArgumentTypeError(refusal)
        return text
    return name


def _interval(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not 0 < value <= 3600:  # NaN fails too
        raise argparse.ArgumentTypeError(
            f"expected seconds between polls, more than 0 and at most 3600, not {text!r}")
    return value


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, not {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected 1 or more, not {value}")
    return value


# -- output ---------------------------------------------------------------------------------

def _emit(data: dict) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def error_dict(exc: SpreadError) -> dict:
    """An error as JSON: file, line and column whenever it has them; a validation that found
    several lists them all under `errors` (the first is also the error itself)."""
    where = exc.where
    out = {"message": exc.message, "file": where.file if where else "",
           "line": where.line if where else 0, "column": where.column if where else 0,
           "path": where.path if where else "", "hint": exc.hint, "excerpt": exc.excerpt,
           "kind": type(exc).__name__, "exit_code": exc.exit_code}
    if isinstance(exc, InputErrors):
        out["errors"] = [error_dict(e) for e in exc.errors]
    if getattr(exc, "__notes__", None):  # what the build did about it (a failure proof)
        out["notes"] = list(exc.__notes__)
    return out


def _print_error(exc: SpreadError, as_json: bool) -> None:
    if as_json:
        _emit({"ok": False, "error": error_dict(exc)})
    print(f"spread: {exc}", file=sys.stderr)
    for note in getattr(exc, "__notes__", ()):
        print(f"note: {note}", file=sys.stderr)


def _is_json(args) -> bool:
    return getattr(args, "json", False)


def _show(args, report, extra: dict | None = None) -> None:
    """A report as JSON (its to_dict, with `extra` keys) or as its human-readable text."""
    if _is_json(args):
        _emit({**report.to_dict(), **(extra or {})})
    else:
        print(report.format())


# -- build ----------------------------------------------------------------------------------

def renditions(spec: str | list[str]) -> tuple[str, ...]:
    """'all', one name or a comma-separated list (or several of them) → registered rendition
    names, each once. A list naming none (`--rendition ,`) is refused: it once built all."""
    from spread.renditions import RENDITIONS

    given = ",".join([spec] if isinstance(spec, str) else spec)
    names = tuple(dict.fromkeys(n.strip() for n in given.split(",") if n.strip()))
    if not names:
        raise InputError(f"--rendition {given!r} names no rendition",
                         hint="renditions: " + ", ".join(RENDITIONS) + ", all")
    if "all" in names:
        return tuple(RENDITIONS)
    for name in names:
        if name not in RENDITIONS:
            from spread.schema import did_you_mean

            raise InputError(f"unknown rendition '{name}'",
                             hint=did_you_mean(name, [*RENDITIONS, "all"]) or
                             "renditions: " + ", ".join(RENDITIONS) + ", all")
    return names


def _edition(content: str, args) -> tuple[str, str]:
    """The layout and output folder for `content`: as given, or as its edition says."""
    from spread.edition import layout_for, out_for

    return layout_for(content, args.layout), out_for(content, getattr(args, "out", None))


def _build(args) -> int:
    names = renditions(args.rendition or args.rendition_default)
    if len(args.content) > 1:
        return _batch(args.content, args, names, args.jobs, _is_json(args))
    from spread.build import build

    # a build whose files fail their checks raises (ChecksFailed): what returns passed
    result = build(args.content[0], *_edition(args.content[0], args), names,
                   strict=args.strict)
    if _is_json(args):
        _emit({"ok": True, "content": args.content[0], **_result_dict(result),
               "checks": {k: r.to_dict() for k, r in result.checks.items()}})
    else:
        for path in result.outputs.values():
            print(f"wrote {path}")
        for note in result.notes:
            print(f"note: {note}")
        for warning in result.warnings:
            print(f"warning: {warning}", file=sys.stderr)
        for suffix in result.checks:
            print(f"check {suffix}: ok")
    return EXIT_OK


def _result_dict(result) -> dict:
    return {"outputs": {k: str(v) for k, v in result.outputs.items()}, "notes": result.notes,
            "warnings": result.warnings,
            "timings": {k: round(v, 3) for k, v in result.timings.items()}}


def _proof(args) -> int:
    from spread.build import build

    result = build(args.content, *_edition(args.content, args), renditions("proof"))
    pictures = [str(p) for s, p in result.outputs.items() if s.endswith(".png")]
    if _is_json(args):
        _emit({"ok": True, "png": pictures, **_result_dict(result)})
    else:
        for path in pictures:
            print(path)
        for note in result.notes:
            print(f"note: {note}", file=sys.stderr)
        for warning in result.warnings:
            print(f"warning: {warning}", file=sys.stderr)
    return EXIT_OK


# -- check ----------------------------------------------------------------------------------

def _check(args) -> int:
    if args.typography:
        return _check_typography(args)
    if Path(args.file).suffix.lower() == ".pdf":
        if args.fix:
            raise InputError("--fix applies to content files, not PDFs")
        _refuse_unused(args, "a PDF")
        from spread.check import check_written

        _require_pdf(args.file)
        report = check_written(args.file)
        _show(args, report, {"file": args.file})
        return EXIT_OK if report.ok else EXIT_PROBLEMS
    from spread.lint import check_file, file_kind
    from spread.validate import problem

    kind = file_kind(args.file)
    _refuse_unused(args, f"a {kind} file", kind)  # before --fix writes anything
    if args.fix and kind == "layout":
        raise InputError(f"--fix applies to content files; {args.file} is a layout file",
                         hint="leave --fix out: a layout holds no copy to fix")
    warnings: list[str] = []  # the build's own, besides the lint: printed as a build does

    def validation(kind: str):  # what a build would say, short of drawing
        if kind == "layout":
            return problem(args.content, lambda: args.file, warnings)
        return problem(args.file, lambda: _edition(args.file, args)[0], warnings)

    report = check_file(args.file, fix=args.fix, validation=validation)
    _show(args, report, {"error": error_dict(report.error) if report.error else None,
                         "warnings": warnings})
    if not _is_json(args):
        for warning in warnings:
            print(f"warning: {warning}", file=sys.stderr)
    return report.exit_code


def _refuse_unused(args, what: str, kind: str = "") -> None:
    """--layout says which layout a content file is checked with, --content which content
    a layout is: given with another kind of file, either was passed over without a word."""
    if args.layout and kind != "content":
        raise InputError(f"--layout names the layout a content file is checked with; "
                         f"{args.file} is {what}", hint="leave --layout out" + (
                             ", or give the content to check this layout with: --content "
                             "content.yaml" if kind == "layout" else ""))
    if args.content and kind != "layout":
        raise InputError(f"--content names the content a layout file is checked with; "
                         f"{args.file} is {what}", hint="leave --content out" + (
                             ", or give the layout to check this content with: --layout "
                             "LAYOUT" if kind == "content" else ""))


def _check_typography(args) -> int:
    from spread.check.typography import check_typography

    if args.fix:
        raise InputError("--fix applies to content files, not to --typography")
    _refuse_unused(args, "a PDF")
    _require_pdf(args.file)
    report = check_typography(args.file)
    _show(args, report)
    return EXIT_OK if report.ok else EXIT_PROBLEMS


def _require_pdf(path: str) -> None:
    """A readable file that starts like a PDF; anything else is the user's mistake."""
    if os.path.exists(path) and not os.path.isfile(path):  # a pipe would block the read
        raise InputError(f"cannot read {path}: it is {kind_of(os.stat(path).st_mode)}, not a "
                         "regular file", hint="name a PDF file")
    try:
        with open(path, "rb") as fh:
            head = fh.read(1024)
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}") from None
    if b"%PDF-" not in head:
        built = os.path.join(os.path.dirname(path), "out",
                             Path(path).stem + ".print.pdf")
        raise InputError(f"{path} is not a PDF file", hint=(
            f"it is a YAML text: --typography reads a page built, e.g. {built} (spread check "
            f"{path} checks the text itself)") if path.endswith((".yaml", ".yml"))
            else "check the file name")


# -- fonts, verify, watch, init, schema -----------------------------------------------------

def _fonts(args) -> int:
    from spread.fonts.report import font_report, lenient
    from spread.layout import lay_out
    from spread.validate import read

    inputs = read(args.content, _edition(args.content, args)[0])  # what a build checks first
    page, _ = lay_out(inputs.content, inputs.layout, lenient(inputs.fonts))
    report = font_report(page, inputs.layout, inputs.fonts)
    _show(args, report)
    return EXIT_PROBLEMS if report.missing else EXIT_OK


def _verify(args) -> int:
    from spread.verify import verify

    refuse_long_name(args.manifest, "the edition record", args.manifest)
    record = Path(args.manifest)
    if not record.is_file():  # a folder or a pipe is there, or nothing is
        there = (f"it is {kind_of(record.stat().st_mode)}, not a file" if record.exists()
                 else "no such file")
        raise InputError(f"cannot read the edition record {args.manifest}: {there}",
                         hint=broken_link(record) or "name the record a build wrote "
                         "beside its PDFs: OUT/NAME.manifest.json")
    result = verify(args.manifest)
    _show(args, result)
    return EXIT_OK if result.identical else EXIT_PROBLEMS


def _watch(args) -> int:
    from spread.watch import Watcher

    names = renditions(args.rendition or args.rendition_default)  # before any file is read
    watcher = Watcher(args.content, *_edition(args.content, args), names,
                      interval=args.interval, as_json=_is_json(args), strict=args.strict,
                      from_edition=not args.layout)
    return watcher.run(max_builds=args.max_builds)


def _init(args) -> int:
    import dataclasses

    from spread.edition import create, is_own, templates

    if args.list:
        found = templates()
        if _is_json(args):
            _emit({"ok": True, "templates": [dataclasses.asdict(t) for t in found]})
        else:
            for t in found:
                print(f"{t.name:<16}{t.title}" + ("" if t.starter else "  (a content skeleton)"))
                for line in textwrap.wrap(t.about, 72):
                    print(f"{'':<16}{line}")
            print("start one: spread init --template NAME DIR")
        return EXIT_OK
    if not args.dir:
        raise InputError("spread init needs the new edition's folder",
                         hint="spread init mypage, or spread init --list for the templates")
    made = create(args.dir, template=args.template, copy_fonts=args.copy_fonts,
                  copy_layout=args.copy_layout)
    if args.template and is_own(args.template) and Path(args.template).is_dir():
        print(f"note: --template {args.template} is spread's own layout; to copy the folder "
              f"{args.template}/, name it as a path: --template ./{args.template}",
              file=sys.stderr)
    if _is_json(args):
        _emit({"ok": True, "dir": args.dir, "files": [str(p) for p in made]})
    else:
        for path in made:
            print(f"wrote {path}")
        print(f"next: fill in {made[0]}, then: spread build {made[0]}")
    return EXIT_OK


MEASURES = (9, 12, 16, 24)  # dump --stage compose: the measures a text is set at, in 字


def _measures(text: str) -> tuple[int, ...]:
    try:
        measures = tuple(int(m) for m in text.split(","))
    except ValueError:
        measures = ()
    if not measures or min(measures) < 1:
        raise argparse.ArgumentTypeError(
            f"measures are whole numbers of characters, like 9,12,16,24, not {text!r}")
    return measures


def _compose_setting(args) -> tuple:
    """The content's running texts, the layout's body style, its first indent, the fonts."""
    from spread import content, dump, template
    from spread.build import load_fonts
    from spread.compose import Style

    path = _edition(args.content, args)[0]
    layout = template.load(path)
    spec = layout.styles["body"]
    size = spec.size.pt(layout.grid.unit.pt())
    style = Style(spec.font, size, spec.colour, spec.tracking, spec.scale)
    texts = dump.content_paragraphs(content.load(args.content))
    return texts, style, spec.indent * size, load_fonts(layout, path)


def _dump(args) -> int:
    from spread import dump

    if args.measure is not None and args.stage != "compose":  # it was passed over unsaid
        raise InputError(f"--measure applies to --stage compose; the {args.stage} stage "
                         "composes at no measure of yours",
                         hint=f"spread dump --stage compose --measure "
                              f"{','.join(map(str, args.measure))}")
    if args.stage == "content":
        from spread import content

        loaded = content.load(args.content)
        if _is_json(args):
            _emit({"stage": "content", "content": args.content,
                   "items": dump.content_records(loaded)})
        else:
            sys.stdout.write(dump.content_dump(loaded))
    elif args.stage == "compose":
        setting = _compose_setting(args)
        if _is_json(args):
            _emit({"stage": "compose", "content": args.content,
                   "lines": dump.compose_records(*setting, args.measure or MEASURES)})
        else:
            sys.stdout.write(dump.compose_dump(*setting, args.measure or MEASURES))
    else:
        from spread.build import compose_page

        layout = _edition(args.content, args)[0]
        page, _, notes = compose_page(args.content, layout)[:3]
        if _is_json(args):
            _emit({"stage": "layout", "content": args.content, "layout": layout,
                   **dump.page_record(page),
                   "makeup": [n for n in notes if n.startswith("make-up: ")]})
        else:
            sys.stdout.write(dump.page_dump(page, notes))
    return EXIT_OK


def _completion(args) -> int:
    from spread import bundle
    from spread.completion import script
    from spread.renditions import RENDITIONS

    values = {"--layout": (list(bundle.layouts()), True),
              "--rendition": ([*RENDITIONS, "all"], False)}
    text = script(_parser(), args.shell, values)
    if _is_json(args):
        _emit({"ok": True, "shell": args.shell, "script": text})
    else:
        sys.stdout.write(text)
    return EXIT_OK


def _schema(args) -> int:
    from spread.schemas import schema_text

    text = schema_text(args.format)
    if args.out:
        from spread.files import kind_of, write_atomically

        if os.path.exists(args.out) and not os.path.isfile(args.out):  # never replaced
            raise InputError(f"cannot write the schema to {args.out}: it is "
                             f"{kind_of(os.stat(args.out).st_mode)}, not a file",
                             hint="name the file to write, e.g. -o content.schema.json")
        write_atomically(Path(args.out), text.encode("utf-8"))
        if _is_json(args):
            _emit({"ok": True, "format": args.format, "wrote": args.out})
        print(f"wrote {args.out}", file=sys.stderr)
    else:
        sys.stdout.write(text)  # JSON already, with or without --json
    return EXIT_OK


# -- batches --------------------------------------------------------------------------------

def _batch(contents: list[str], args, names: tuple[str, ...], jobs: int,
           as_json: bool) -> int:
    """Several content files, each with its own layout and output folder (or the ones
    given): each builds on its own (a failure does not stop the others), in `jobs` worker
    processes, with progress on stderr."""
    _check_stems(contents, args.out)
    import spread.build  # noqa: F401  (imported once here, inherited by forked workers)

    progress = _Progress(len(contents))
    start = time.perf_counter()
    if jobs == 1:
        results = [progress.done(_build_one(c, args.layout, args.out, names, args.strict))
                   for c in contents]
    else:
        from concurrent.futures import ProcessPoolExecutor, as_completed

        # no more workers than files: the pool forks every one of them at once
        with ProcessPoolExecutor(max_workers=min(jobs, len(contents))) as pool:
            futures = [pool.submit(_build_one, c, args.layout, args.out, names, args.strict)
                       for c in contents]
            for future in as_completed(futures):
                progress.done(future.result())
            results = [f.result() for f in futures]
    progress.close()
    seconds = time.perf_counter() - start
    failed = [r for r in results if not r["ok"]]
    if as_json:
        _emit({"ok": not failed, "seconds": round(seconds, 3), "results": results})
    else:
        for r in results:
            print(f"{r['content']}: " + (", ".join(r["outputs"].values()) if r["ok"]
                                         else r["error"]["message"]))
        print(f"{len(results) - len(failed)} built, {len(failed)} failed in {seconds:.1f} s")
    return max((r["exit_code"] for r in results), default=EXIT_OK)


def _check_stems(contents: list[str], out: str | None) -> None:
    """Outputs are named after the content file: two files of one name built into one
    folder would overwrite each other's PDFs."""
    from spread.edition import out_for

    seen: dict[tuple[str, str], str] = {}
    for path in contents:
        folder, stem = out_for(path, out), Path(path).stem
        target = (os.path.abspath(folder), stem)
        if target in seen and os.path.realpath(seen[target]) == os.path.realpath(path):
            raise InputError(f"{path} is given twice (as {seen[target]} and {path})"
                             if seen[target] != path else f"{path} is given twice",
                             hint="name each content file once")
        if target in seen:
            raise InputError(f"{seen[target]} and {path} would both be written as {stem}.* "
                             f"in {folder}", hint="give the content files different names")
        seen[target] = path


def _build_one(content: str, layout: str | None, out: str | None,
               names: tuple[str, ...], strict: bool = False) -> dict:
    """One file of a batch, as plain data a worker process can send back."""
    from spread.build import build
    from spread.edition import layout_for, out_for

    start = time.perf_counter()
    summary = {"content": content, "ok": False, "exit_code": EXIT_OK, "outputs": {},
               "notes": [], "warnings": [], "error": None}
    try:
        result = build(content, layout_for(content, layout), out_for(content, out), names,
                       strict=strict)
        summary.update(ok=True, outputs={k: str(v) for k, v in result.outputs.items()},
                       notes=result.notes, warnings=result.warnings)
    except SpreadError as exc:
        summary.update(exit_code=exc.exit_code, error={**error_dict(exc), "text": str(exc)})
    except MemoryError:
        exc = SpreadError("ran out of memory", hint=OUT_OF_MEMORY_HINT)
        summary.update(exit_code=exc.exit_code, error={**error_dict(exc), "text": str(exc)})
    except Exception as exc:  # a bug, reported for this file; the batch goes on
        summary.update(exit_code=EXIT_INTERNAL, error={
            "message": f"internal error: {type(exc).__name__}: {exc}",
            "text": traceback.format_exc(), "exit_code": EXIT_INTERNAL})
    summary["seconds"] = round(time.perf_counter() - start, 3)
    return summary


class _Progress:
    """`[ 3/20] ok  a.yaml  0.61 s` on stderr: one line per file, or one line rewritten in
    place on a terminal. A failure is printed in full as it happens."""

    def __init__(self, total: int):
        self.total, self.count = total, 0
        self.live = sys.stderr.isatty()

    def done(self, summary: dict) -> dict:
        self.count += 1
        width = len(str(self.total))
        status = "ok" if summary["ok"] else "FAILED"
        line = (f"[{self.count:>{width}}/{self.total}] {status:<6} {summary['content']}  "
                f"{summary['seconds']:.2f} s")
        if self.live:
            print("\r\x1b[K" + line, end="", file=sys.stderr, flush=True)
        else:
            print(line, file=sys.stderr, flush=True)
        if not summary["ok"]:
            if self.live:
                print(file=sys.stderr)
            print(summary["error"]["text"], file=sys.stderr, flush=True)
        return summary

    def close(self) -> None:
        if self.live and self.count:
            print(file=sys.stderr)
