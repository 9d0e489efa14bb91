"""Time to compose all of the default page's text (the composer alone, real font metrics).

Prints figures; asserts nothing. Target: < 100 ms.
    python benchmarks/compose.py
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from spread import content as content_mod  # noqa: E402
from spread import template  # noqa: E402
from spread.build import load_fonts  # noqa: E402
from spread.compose import Rules, Run, Style, compose  # noqa: E402


def paragraphs(c) -> list[str]:
    out = [c.headline, c.kicker, *c.lead]
    for s in c.sections:
        out += [s.title, s.intro, s.report.title, *s.report.items]
    out += [i.text for i in c.honour_roll.items]
    out += [sub.text for i in c.honour_roll.items for sub in i.items]
    return [p for p in out if p]


def main() -> None:
    layout_path = str(ROOT / "layout" / "default.yaml")
    content = content_mod.load(str(ROOT / "content.yaml"))
    fonts = load_fonts(template.load(layout_path), layout_path)
    texts = paragraphs(content)
    style = Style("song", 12.0)
    rules = Rules(measure=19 * 12.0, first_indent=24.0)
    compose([Run("".join(texts), style)], rules, fonts)  # warm the metric caches once
    runs = []
    for _ in range(20):
        t = time.perf_counter()
        lines = [compose([Run(p, style)], rules, fonts) for p in texts]
        runs.append(time.perf_counter() - t)
    chars = sum(len(p) for p in texts)
    print(f"paragraphs {len(texts)}, characters {chars}, lines {sum(map(len, lines))}")
    print(f"compose all text: median {statistics.median(runs) * 1000:.1f} ms, "
          f"best {min(runs) * 1000:.1f} ms (target < 100 ms)")


if __name__ == "__main__":
    main()
