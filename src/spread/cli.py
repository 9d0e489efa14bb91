"""The `spread` command."""

from __future__ import annotations

import argparse
import sys

from spread import __version__
from spread.errors import SpreadError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="spread", description=__doc__)
    parser.add_argument("--version", action="version", version=f"spread {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    sub = parser.add_subparsers(dest="verb")
    b = sub.add_parser("build", help="build the page's renditions")
    b.add_argument("content", nargs="?", default="content.yaml")
    b.add_argument("--layout", default="layout/default.yaml")
    b.add_argument("-o", "--out", default="out")
    b.add_argument("--rendition", default="all")
    args = parser.parse_args(argv)
    if args.verb is None:
        parser.print_help()
        return 2
    try:
        return _build(args)
    except SpreadError as exc:
        if args.debug:
            raise
        print(f"spread: {exc}", file=sys.stderr)
        return exc.exit_code


def _build(args) -> int:
    from spread.build import build
    from spread.renditions import RENDITIONS

    names = tuple(RENDITIONS) if args.rendition == "all" else (args.rendition,)
    result = build(args.content, args.layout, args.out, names)
    for suffix, path in result.outputs.items():
        print(f"wrote {path}")
    for note in result.notes:
        print(f"note: {note}")
    return 0
