"""The composer's figures: time to compose all of the default page's text, and the quality
of a stress text set at narrow measures (real font metrics).

Prints figures; asserts nothing. Targets: < 30 ms for the page's text; on the stress text
at 9字: 0 forbidden starts or ends, 0 split tokens, number–unit breaks ≤ 1 per 100 lines,
extra spacing per gap p95 ≤ 0.10 em and max ≤ 0.25 em, 0 lone mid-line ½-em marks.
    python benchmarks/compose.py [--stress FILE] [--measure 9,12,16,24] [--show N]
"""

from __future__ import annotations

import argparse
import os
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
from spread.compose.classes import (is_closing, is_opening, may_end, may_start,  # noqa: E402
                                    tokens)
from spread.compose.paragraph import _prepare  # noqa: E402

STRESS = ROOT / "tests" / "golden" / "stress.txt"
SIZE = 12.0


def paragraphs(c) -> list[str]:
    out = [c.headline, c.kicker, *c.lead]
    for s in c.sections:
        out += [s.title, s.intro, s.report.title, *s.report.items]
    out += [i.text for i in c.honour_roll.items]
    out += [sub.text for i in c.honour_roll.items for sub in i.items]
    return [p.replace("**", "") for p in out if p]


def timing(fonts) -> None:
    content = content_mod.load(str(ROOT / "content.yaml"))
    texts = paragraphs(content)
    style = Style("song", SIZE)
    rules = Rules(measure=19 * SIZE, first_indent=2 * SIZE)
    compose([Run("".join(texts), style)], rules, fonts)  # warm the metric caches once
    runs = []
    for _ in range(20):
        # CPU time of this process: the machine is shared, wall-clock time measures the others
        t = time.process_time()
        lines = [compose([Run(p, style)], rules, fonts) for p in texts]
        runs.append(time.process_time() - t)
    chars = sum(len(p) for p in texts)
    print(f"paragraphs {len(texts)}, characters {chars}, lines {sum(map(len, lines))}")
    print(f"compose all text (CPU time): median {statistics.median(runs) * 1000:.1f} ms, "
          f"best {min(runs) * 1000:.1f} ms (target < 30 ms); load average "
          + " ".join(f"{x:.2f}" for x in os.getloadavg()))


def quality(fonts, texts: list[str], chars: int, show: int) -> None:
    """The proofreader's counts for the texts set `chars` characters wide."""
    style = Style("song", SIZE)
    rules = Rules(measure=chars * SIZE, first_indent=2 * SIZE)
    counts = dict(lines=0, justified=0, bad_start=0, bad_end=0, split=0, soft_breaks=0,
                  unit_breaks=0, hyphens=0, lone_half=0)
    extras: list[tuple[float, str]] = []
    for text in texts:
        lines = compose([Run(text, style)], rules, fonts)
        p = _prepare([Run(text, style)], rules, fonts)
        owner = {}
        for k, ln in enumerate(lines):
            for g in ln.glyphs:
                owner[g.index] = k
        for t in tokens(text):
            ends = {i for i in range(t.start, t.end - 1) if owner[i] != owner[i + 1]}
            if ends and ends <= {*t.unit_breaks(text), *t.date_breaks(text)}:
                continue  # a range after its dash, a date between month and day: a counted
                #           unit break (Line.split_keep)
            if len({owner[i] for i in range(t.start, t.end)}) > 1:
                hyphenated = any(lines[owner[i]].hyphenated or text[i] == "-"
                                 for i in range(t.start, t.end - 1)
                                 if owner[i] != owner[i + 1])
                if t.kind in ("url", "email", "code"):
                    counts["soft_breaks"] += 1  # too long for the line: broken at a dot or space
                elif not (t.hyphenable and hyphenated):
                    counts["split"] += 1
        # a URL or e-mail address broken at a conventional point may start a line with . or @
        soft = {i + 1 for t in tokens(text) for i in t.soft_breaks(text)}
        for k, ln in enumerate(lines):
            counts["lines"] += 1
            counts["unit_breaks"] += ln.split_keep
            counts["hyphens"] += ln.hyphenated
            body = [g for g in ln.glyphs if g.char != " "]
            if k and not lines[k - 1].broken_rule and not may_start(body[0].char) \
                    and body[0].index not in soft:
                counts["bad_start"] += 1
            if k < len(lines) - 1 and not ln.broken_rule and not may_end(body[-1].char) \
                    and body[-1].index + 1 not in soft:
                counts["bad_end"] += 1
            for j, g in enumerate(body[1:-1], 1):
                paired = any(is_opening(x.char) or is_closing(x.char)
                             for x in (body[j - 1], body[j + 1]))
                if ((is_opening(g.char) or is_closing(g.char)) and not paired
                        and g.width <= 0.55 * g.style.size):
                    counts["lone_half"] += 1
            if not ln.justified or len(body) < 2:
                continue
            counts["justified"] += 1
            gaps = [h.box - (g.box + g.width) - p.glue[g.index]
                    for g, h in zip(ln.glyphs, ln.glyphs[1:]) if g.index >= 0 and h.index >= 0]
            extras.append((sum(gaps) / len(gaps) / SIZE, ln.text))
    values = sorted(e for e, _ in extras)
    p95 = values[int(0.95 * (len(values) - 1))] if values else 0.0
    print(f"{chars}字: " + " ".join(f"{k}={v}" for k, v in counts.items())
          + f" p95={p95:.3f} max={max(values, default=0):.3f} em"
          + f" over0.10={sum(v > 0.1 for v in values)}"
          + f" unit_breaks/100={100 * counts['unit_breaks'] / max(1, counts['lines']):.2f}")
    for e, text in sorted(extras, reverse=True)[:show]:
        print(f"   +{e:.3f} | {text}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--stress", default=str(STRESS))
    ap.add_argument("--measure", default="9,12,16,24")
    ap.add_argument("--show", type=int, default=0)
    ap.add_argument("--no-timing", action="store_true")
    args = ap.parse_args()
    layout_path = str(ROOT / "layout" / "default.yaml")
    fonts = load_fonts(template.load(layout_path), layout_path)
    if not args.no_timing:
        timing(fonts)
    texts = [ln for ln in Path(args.stress).read_text(encoding="utf-8").splitlines() if ln]
    for chars in map(int, args.measure.split(",")):
        quality(fonts, texts, chars, args.show)


if __name__ == "__main__":
    main()
