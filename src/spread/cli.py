"""The `spread` command: build a page, check content and PDFs, watch an edition, start one.

Exit codes: 0 all good; 1 problems found (overset text, a preflight failure, lint findings,
differences from a manifest, characters no font has); 2 a usage or input error (a file that
cannot be read or does not validate); 3 an internal error, a bug in spread (run again with
--debug for the traceback); 130 interrupted.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import sys
import time
import traceback
from pathlib import Path

from spread import __version__
from spread.errors import InputError, SpreadError

EXIT_OK, EXIT_PROBLEMS, EXIT_INPUT, EXIT_INTERNAL, EXIT_INTERRUPTED = 0, 1, 2, 3, 130
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, as the shell reports a reader that went away
DEFAULT_CONTENT = "content.yaml"
DEFAULT_LAYOUT = "layout/default.yaml"


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)  # a usage error exits 2 from here
    if args.verb is None:
        parser.print_help(sys.stderr)
        return EXIT_INPUT
    debug, as_json = getattr(args, "debug", False), getattr(args, "json", False)
    try:
        return args.run(args)
    except SpreadError as exc:
        if debug:
            traceback.print_exc()
        _print_error(exc, as_json)
        return exc.exit_code
    except KeyboardInterrupt:
        print("spread: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # `spread ... | head`: the reader has gone; so do we, quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    except Exception as exc:  # a bug: say so plainly, keep the traceback for --debug
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


# -- the parser -----------------------------------------------------------------------------

def _parser() -> argparse.ArgumentParser:
    # --debug and --json are accepted before or after the verb; SUPPRESS keeps a verb's
    # parser from resetting what was given before it
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                        help="show the traceback of an error")
    common.add_argument("--json", action="store_true", default=argparse.SUPPRESS,
                        help="print a machine-readable report on stdout")
    parser = argparse.ArgumentParser(
        prog="spread", parents=[common], description=__doc__.split("\n\n")[0],
        epilog=__doc__.split("\n\n", 1)[1], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"spread {__version__}")
    sub = parser.add_subparsers(dest="verb", metavar="VERB")

    b = sub.add_parser("build", parents=[common], help="build the page's renditions",
                       description="Build PDFs (and the proof PNG) of one edition, or of "
                                   "several content files as a batch.")
    b.add_argument("content", nargs="*", default=[DEFAULT_CONTENT],
                   help=f"content file(s) (default {DEFAULT_CONTENT})")
    _layout_out(b)
    b.add_argument("--rendition", default="all",
                   help="print, proof, archive, all, or a comma-separated list (default all)")
    b.add_argument("-j", "--jobs", type=_positive, default=1, metavar="N",
                   help="build a batch in N worker processes (default 1)")
    b.set_defaults(run=_build)

    c = sub.add_parser("check", parents=[common], help="lint and validate content, or "
                                                       "preflight a PDF",
                       description="FILE.pdf: preflight (PDF/X-1a, PDF/A-2 and newsprint "
                                   "limits). CONTENT.yaml: content lint and validation.")
    c.add_argument("file", nargs="?", default=DEFAULT_CONTENT,
                   help=f"a PDF or a content file (default {DEFAULT_CONTENT})")
    c.add_argument("--fix", action="store_true",
                   help="rewrite the content file with the mechanical fixes (comments kept)")
    c.add_argument("--typography", action="store_true",
                   help="read any PDF's lines back and report forbidden line starts and "
                        "ends, split words and numbers, mark widths and loose lines")
    c.set_defaults(run=_check)

    p = sub.add_parser("proof", parents=[common], help="build the proof and print its PNG path")
    p.add_argument("content", nargs="?", default=DEFAULT_CONTENT)
    _layout_out(p)
    p.set_defaults(run=_proof)

    w = sub.add_parser("watch", parents=[common], help="rebuild whenever content, layout or "
                                                       "fonts change")
    w.add_argument("content", nargs="?", default=DEFAULT_CONTENT)
    _layout_out(w)
    w.add_argument("--rendition", default="proof", help="what each rebuild makes (default proof)")
    w.add_argument("--interval", type=float, default=0.5, help="seconds between polls")
    w.add_argument("--max-builds", type=_positive, default=None, metavar="N",
                   help="stop after N builds (the first build counts)")
    w.add_argument("--once", action="store_const", const=1, dest="max_builds",
                   help="build once and stop (same as --max-builds 1)")
    w.set_defaults(run=_watch)

    f = sub.add_parser("fonts", parents=[common], help="which font sets what; what is missing")
    f.add_argument("content", nargs="?", default=DEFAULT_CONTENT)
    f.add_argument("--layout", default=DEFAULT_LAYOUT)
    f.set_defaults(run=_fonts)

    v = sub.add_parser("verify", parents=[common], help="compare built files with a manifest")
    v.add_argument("manifest")
    v.set_defaults(run=_verify)

    i = sub.add_parser("init", parents=[common], help="start a new edition in a folder")
    i.add_argument("dir")
    i.add_argument("--template", default=None,
                   help="the edition to copy the layout from (default: spread's own)")
    i.add_argument("--copy-fonts", action="store_true",
                   help="copy the fonts into the edition instead of referring to them")
    i.set_defaults(run=_init)

    d = sub.add_parser("dump", parents=[common],
                       help="print an intermediate model as text (content or layout)")
    d.add_argument("content", nargs="?", default=DEFAULT_CONTENT)
    d.add_argument("--layout", default=DEFAULT_LAYOUT)
    d.add_argument("--stage", choices=("content", "layout"), default="layout")
    d.set_defaults(run=_dump)

    s = sub.add_parser("schema", parents=[common], help="print the JSON Schema of a format")
    s.add_argument("format", choices=("content", "layout"))
    s.add_argument("-o", "--out", default=None, help="write to this file instead of stdout")
    s.set_defaults(run=_schema)
    return parser


def _layout_out(p: argparse.ArgumentParser) -> None:
    p.add_argument("--layout", default=DEFAULT_LAYOUT,
                   help=f"layout template (default {DEFAULT_LAYOUT})")
    p.add_argument("-o", "--out", default="out", help="output folder (default out)")


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
    where = exc.where
    return {"message": exc.message, "file": where.file if where else "",
            "line": where.line if where else 0, "column": where.column if where else 0,
            "path": where.path if where else "", "hint": exc.hint, "excerpt": exc.excerpt,
            "kind": type(exc).__name__, "exit_code": exc.exit_code}


def _print_error(exc: SpreadError, as_json: bool) -> None:
    if as_json:
        _emit({"ok": False, "error": error_dict(exc)})
    print(f"spread: {exc}", file=sys.stderr)


def _is_json(args) -> bool:
    return getattr(args, "json", False)


def _show(args, report, extra: dict | None = None) -> None:
    """A report as JSON (its to_dict, with `extra` keys) or as its human-readable text."""
    if _is_json(args):
        _emit({**report.to_dict(), **(extra or {})})
    else:
        print(report.format())


# -- build ----------------------------------------------------------------------------------

def renditions(spec: str) -> tuple[str, ...]:
    """'all', one name or a comma-separated list → registered rendition names."""
    from spread.renditions import RENDITIONS

    if spec == "all":
        return tuple(RENDITIONS)
    names = tuple(n.strip() for n in spec.split(",") if n.strip())
    for name in names:
        if name not in RENDITIONS:
            close = difflib.get_close_matches(name, list(RENDITIONS), n=1)
            raise InputError(f"unknown rendition '{name}'",
                             hint=f"did you mean '{close[0]}'?" if close else
                             "renditions: " + ", ".join(RENDITIONS) + ", all")
    return names or tuple(RENDITIONS)


def _build(args) -> int:
    names = renditions(args.rendition)
    if len(args.content) > 1:
        return _batch(args.content, args.layout, args.out, names, args.jobs, _is_json(args))
    from spread.build import build

    result = build(args.content[0], args.layout, args.out, names)
    if _is_json(args):
        _emit({"ok": result.ok, "content": args.content[0], **_result_dict(result),
               "checks": {k: r.to_dict() for k, r in result.checks.items()}})
    else:
        for path in result.outputs.values():
            print(f"wrote {path}")
        for note in result.notes:
            print(f"note: {note}")
        for suffix, report in result.checks.items():
            print(f"check {suffix}: ok" if report.ok else report.format())
    return EXIT_OK if result.ok else EXIT_PROBLEMS


def _result_dict(result) -> dict:
    return {"outputs": {k: str(v) for k, v in result.outputs.items()}, "notes": result.notes,
            "timings": {k: round(v, 3) for k, v in result.timings.items()}}


def _proof(args) -> int:
    from spread.build import build

    result = build(args.content, args.layout, args.out, renditions("proof"))
    pictures = [str(p) for s, p in result.outputs.items() if s.endswith(".png")]
    if _is_json(args):
        _emit({"ok": True, "png": pictures, **_result_dict(result)})
    else:
        for path in pictures:
            print(path)
        for note in result.notes:
            print(f"note: {note}", file=sys.stderr)
    return EXIT_OK


# -- check ----------------------------------------------------------------------------------

def _check(args) -> int:
    if args.typography:
        return _check_typography(args)
    if Path(args.file).suffix.lower() == ".pdf":
        if args.fix:
            raise InputError("--fix applies to content files, not PDFs")
        from spread.check import check_written

        _require_pdf(args.file)
        report = check_written(args.file)
        _show(args, report, {"file": args.file})
        return EXIT_OK if report.ok else EXIT_PROBLEMS
    from spread.lint import check_file

    report = check_file(args.file, fix=args.fix)
    _show(args, report, {"error": error_dict(report.error) if report.error else None})
    return report.exit_code


def _check_typography(args) -> int:
    from spread.check.typography import check_typography

    if args.fix:
        raise InputError("--fix applies to content files, not to --typography")
    _require_pdf(args.file)
    report = check_typography(args.file)
    _show(args, report)
    return EXIT_OK if report.ok else EXIT_PROBLEMS


def _require_pdf(path: str) -> None:
    """A readable file that starts like a PDF; anything else is the user's mistake."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(1024)
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}") from None
    if b"%PDF-" not in head:
        raise InputError(f"{path} is not a PDF file", hint="check the file name")


# -- fonts, verify, watch, init, schema -----------------------------------------------------

def _fonts(args) -> int:
    from spread import content, template
    from spread.build import load_fonts
    from spread.fonts.report import font_report

    layout = template.load(args.layout)
    report = font_report(content.load(args.content), layout, load_fonts(layout, args.layout))
    _show(args, report)
    return EXIT_PROBLEMS if report.missing else EXIT_OK


def _verify(args) -> int:
    from spread.manifest import verify

    if not Path(args.manifest).is_file():
        raise InputError(f"no such file: {args.manifest}")
    result = verify(args.manifest)
    _show(args, result)
    return EXIT_OK if result.identical else EXIT_PROBLEMS


def _watch(args) -> int:
    from spread.watch import Watcher

    watcher = Watcher(args.content, args.layout, args.out, renditions(args.rendition),
                      interval=args.interval, as_json=_is_json(args))
    return watcher.run(max_builds=args.max_builds)


def _init(args) -> int:
    from spread.edition import create

    made = create(args.dir, template=args.template, copy_fonts=args.copy_fonts)
    if _is_json(args):
        _emit({"ok": True, "dir": args.dir, "files": [str(p) for p in made]})
    else:
        for path in made:
            print(f"wrote {path}")
        print(f"next: cd {args.dir} && spread build")
    return EXIT_OK


def _dump(args) -> int:
    from spread import dump

    if args.stage == "content":
        from spread import content

        sys.stdout.write(dump.content_dump(content.load(args.content)))
    else:
        from spread.build import compose_page

        page = compose_page(args.content, args.layout)[0]
        sys.stdout.write(dump.page_dump(page))
    return EXIT_OK


def _schema(args) -> int:
    from spread.schemas import schema_text

    text = schema_text(args.format)
    if args.out:
        from spread.build import write_atomically

        write_atomically(Path(args.out), text.encode("utf-8"))
        print(f"wrote {args.out}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return EXIT_OK


# -- batches --------------------------------------------------------------------------------

def _batch(contents: list[str], layout: str, out: str, names: tuple[str, ...], jobs: int,
           as_json: bool) -> int:
    """Several content files with one layout: each builds on its own (a failure does not
    stop the others), in `jobs` worker processes, with progress on stderr."""
    _check_stems(contents)
    import spread.build  # noqa: F401  (imported once here, inherited by forked workers)

    progress = _Progress(len(contents))
    start = time.perf_counter()
    if jobs == 1:
        results = [progress.done(_build_one(c, layout, out, names)) for c in contents]
    else:
        from concurrent.futures import ProcessPoolExecutor, as_completed

        with ProcessPoolExecutor(max_workers=jobs) as pool:
            futures = [pool.submit(_build_one, c, layout, out, names) for c in contents]
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


def _check_stems(contents: list[str]) -> None:
    """Outputs are named after the content file: two files of one name would overwrite
    each other's PDFs."""
    seen: dict[str, str] = {}
    for path in contents:
        stem = Path(path).stem
        if stem in seen:
            raise InputError(f"{seen[stem]} and {path} would both be written as {stem}.*",
                             hint="give the content files different names")
        seen[stem] = path


def _build_one(content: str, layout: str, out: str, names: tuple[str, ...]) -> dict:
    """One file of a batch, as plain data a worker process can send back."""
    from spread.build import build

    start = time.perf_counter()
    summary = {"content": content, "ok": False, "exit_code": EXIT_OK, "outputs": {},
               "notes": [], "error": None}
    try:
        result = build(content, layout, out, names)
        summary.update(ok=True, outputs={k: str(v) for k, v in result.outputs.items()},
                       notes=result.notes)
    except SpreadError as exc:
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
