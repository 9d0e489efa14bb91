"""Where the layout stage's time goes. Prints figures; asserts nothing.

CPU time (time.process_time, best of N runs in one warm process; and the first run of the
whole, in a process that has imported nothing of spread's stages yet) of
- YAML: reading the content and the layout as positioned nodes (yamlsource.load), the
  content's lint included as the build reads it (it parses the content again);
- layout: layout.set_page on inputs already read (rows measured, solved, placed, and the
  make-up survey);
- whole: build.compose_page, everything a build does before drawing (read, bind, fonts,
  layout, collision checks);
and the work the row solver does: how many times a region kind is set per build, and how
many of those the make-up's re-solve of the growing rows asks for.

    python benchmarks/layout.py [--runs N] [--layout NAME|FILE] [--no-libyaml] [content.yaml]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from spread import build, layout, yamlsource  # noqa: E402
from spread.bundle import layout as bundled_layout  # noqa: E402
from spread.lint import lint_file  # noqa: E402
from spread.validate import read  # noqa: E402


def best(runs: int, work) -> float:
    """The least CPU time of `runs` calls of work(), in ms."""
    times = []
    for _ in range(runs):
        start = time.process_time()
        work()
        times.append(time.process_time() - start)
    return min(times) * 1000


def kinds_set(inputs) -> Counter:
    """How many times each region kind is set in one layout of the page."""
    counts: Counter = Counter()
    kinds = dict(layout.KINDS)

    def counting(name, kind):
        def setting(*args):
            counts[name] += 1
            return kind(*args)
        return setting

    for name, kind in kinds.items():
        layout.KINDS[name] = counting(name, kind)
    try:
        layout.set_page(inputs.content, inputs.layout, inputs.fonts)
    finally:
        layout.KINDS.update(kinds)
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("content", nargs="?", default=str(ROOT / "content.yaml"))
    parser.add_argument("--layout", default=str(ROOT / "layout" / "default.yaml"))
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--no-libyaml", action="store_true",
                        help="read YAML with PyYAML's own parser only (as without libyaml)")
    args = parser.parse_args()
    if args.no_libyaml:
        yamlsource.FAST = False
    layout_file = args.layout if Path(args.layout).exists() else str(bundled_layout(args.layout))
    print(f"spread layout benchmark: {Path(args.content).name} with {Path(layout_file).name}, "
          f"Python {sys.version.split()[0]}, libyaml {'yes' if yamlsource.FAST else 'no'}, "
          f"CPU ms, best of {args.runs}")
    start = time.process_time()
    build.compose_page(args.content, layout_file)  # warm: imports, fonts' metrics read
    first = (time.process_time() - start) * 1000
    inputs = read(args.content, layout_file)
    rows = [
        ("YAML: content and layout read", best(args.runs, lambda: (
            yamlsource.load(args.content), yamlsource.load(layout_file)))),
        ("YAML: + the content's lint", best(args.runs, lambda: (
            yamlsource.load(args.content), yamlsource.load(layout_file),
            lint_file(args.content)))),
        ("read (content, layout, bind, fonts)", best(args.runs, lambda: read(args.content,
                                                                             layout_file))),
        ("layout (set_page)", best(args.runs, lambda: layout.set_page(
            inputs.content, inputs.layout, inputs.fonts))),
        ("whole (compose_page)", best(args.runs, lambda: build.compose_page(args.content,
                                                                              layout_file))),
        ("whole, first run in the process", first),
    ]
    for name, ms in rows:
        print(f"  {name:<40} {ms:8.1f} ms")
    counts = kinds_set(inputs)
    print("  region kinds set in one layout: " + ", ".join(
        f"{name} {n}" for name, n in sorted(counts.items())))


if __name__ == "__main__":
    main()
