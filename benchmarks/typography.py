"""Issue 13's typographic figures, measured by `spread check --typography` on built pages:
the stress texts (tests/data/stress/content.yaml, and content-2.yaml written apart from
it so the composer is not tuned to one text, content-3.yaml written after the composer's
work by the meter's helper, unseen by it, content-4.yaml written after the composer's
even spread, to see it on new text, and content-5.yaml written while the composer's forced
lines and standard numbers were changing, on ground none of the others covers, and
content-6.yaml written after the day's tokeniser mends, on new ground again: markets, rail
and aviation, chips and versions, farming, culture and schools, and content-7.yaml written
blind (its author had not read the composer): sports results, law, medicine, verse, city
life abroad, and content-8.yaml written blind too: a market report, results, a weather and
travel notice, classical quotations, official and court notices, careless punctuation, and content-9.yaml
written blind too: medicine and science, finance, results, a buyers' guide, verse and
quotation, kana, a careless editor's slips, and content-10.yaml written blind too: an
international page — traditional characters in corner brackets, Cyrillic, Greek, Turkish and
Vietnamese names, drug names and formulae, a DOI, an IPv6 address and file paths, time
zones, tie-break scores, a league table run into prose with ideographic spaces, and a web
paste's full-width letters and digits, no-break and thin spaces, and content-11.yaml written
blind too: a public-service page — a 政务微博 post with @handles and #话题#, a scam text in 【】,
a bank card and an identity number and their masked forms, licence plates, anniversaries with
the 间隔号 (9·18, 5·12, 11·11), an en-dash season, pinyin with tone marks and apostrophes,
a Q&A interview full of ——, a dash pasted as ――, and a recipe with its units, and
content-12.yaml written blind too: a culture and science supplement, and content-13.yaml
written blind too: a 科教文史 page — paths, command lines, identifiers, URLs and network
addresses, exam formulas, archaeology with 廿 卅 卌 and Suzhou numerals, chess notation,
legal notices with identity and bank card numbers) set at a 9字 measure and on the default
layout, and the default page itself.

Prints figures and whether each meets the issue's target; asserts nothing.
    python benchmarks/typography.py [--show] [WORD ...]
(--show: list every finding; WORDs: only the pages whose names contain one, e.g. sixth)
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from spread.build import build  # noqa: E402
from spread.check.typography import KINDS, check_typography  # noqa: E402
from spread.errors import SpreadError  # noqa: E402

STRESS = ROOT / "tests" / "data" / "stress"
NINE = STRESS / "layout-9zi.yaml"
DEFAULT = ROOT / "layout" / "default.yaml"
TEXTS = [("stress text", "content.yaml"), ("second stress text", "content-2.yaml"),
         ("third stress text", "content-3.yaml"), ("fourth stress text", "content-4.yaml"),
         ("fifth stress text", "content-5.yaml"), ("sixth stress text", "content-6.yaml"),
         ("seventh stress text", "content-7.yaml"), ("eighth stress text", "content-8.yaml"),
         ("ninth stress text", "content-9.yaml"), ("tenth stress text", "content-10.yaml"),
         ("eleventh stress text", "content-11.yaml"), ("twelfth stress text", "content-12.yaml"),
         ("thirteenth stress text", "content-13.yaml")]
PAGES = {  # name → (content, layout): each stress text at 9字 and on the default layout
    **{f"{name}{where}": (STRESS / file, layout) for name, file in TEXTS
       for where, layout in ((" at 9字", NINE), (", default layout", DEFAULT))},
    "default page": (ROOT / "content.yaml", DEFAULT),
}
SPLITS = ("split-word", "split-number", "split-dash")


def figures(report) -> list[tuple[str, str, bool | None]]:
    """(label, value, target met — None where the issue sets no target) of one page."""
    s = report.spacing_figures()
    count = report.count
    p95, most = s["p95_em"], s["max_em"]
    return [
        ("lines / justified", f"{report.lines} / {report.justified}", None),
        ("forbidden starts / ends",
         f"{count('forbidden-start')} / {count('forbidden-end')}",
         not count("forbidden-start") and not count("forbidden-end")),
        ("splits: words / numbers / dashes",
         " / ".join(str(count(k)) for k in SPLITS), not any(count(k) for k in SPLITS)),
        ("last-resort unit breaks", f"{count('unit-break')} "
         f"({report.unit_breaks_per_100_lines:.2f} per 100 lines)", None),
        ("  of them forced / the rest per 100", f"{report.forced_breaks} / "
         f"{report.chosen_unit_breaks_per_100_lines:.2f}",
         report.chosen_unit_breaks_per_100_lines <= 1),
        ("extra spacing p95 (em per gap)", _em(p95), p95 is not None and p95 <= 0.10),
        ("extra spacing max (em per gap)", _em(most), most is not None and most <= 0.25),
        ("extra spacing min (tracked in)", _em(s["min_em"]), None),
        ("  p95 / max over lines not forced", f"{_em(s['unforced_p95_em'])} / "
         f"{_em(s['unforced_max_em'])}", None),
        ("  forced lines, the worst", f"{s['forced_lines']}" + (
            f", {_em(s['forced_max_em'])} ({report.worst_forced.line})"
            if s["forced_lines"] else ""), None),
        ("justified lines over 0.10 / 0.15 em",
         f"{sum(v > 0.10 for v in report.spacings)} / {s['over_0_15_em']}", None),
        ("justified lines with glyphs scaled", f"{s['scaled_lines']}" + (
            f" ({s['narrowest']:.1%} to {s['widest']:.1%})" if s["scaled_lines"] else ""),
         None),
        ("mid-line ½-em marks outside pairs", str(count("half-width-mark")),
         not count("half-width-mark")),
        ("mid-line marks squeezed part-way", str(count("squeezed-mark")), None),
        ("mark pairs off 1.5 em", str(count("mark-pair")), None),
        ("letter-spaced figures, —— or ……", str(count("spaced-figure")), None),
        ("letter-spaced Latin words and codes", str(count("spaced-word")), None),
        ("Latin broken at an undrawn word space", str(report.word_space_breaks), None),
        ("one-character last lines", str(count("one-char-last-line")), None),
        ("one-character lines mid-paragraph", str(count("one-char-line")),
         not count("one-char-line")),
    ]


CUT_NEEDED = "cuts as many"  # the build's note on a cut every comparable setting makes


def unproven_unit_breaks(report, notes: list[str]) -> list:
    """The unit breaks the meter counts as chosen (not inside a token longer than the
    measure) that the composer does not prove needed: its note on a cut says when every
    setting of the paragraph within ¼ em cuts as many (a figure with no room for its unit
    after a 16-figure amount takes the line before it) — where no setting is, every one no
    looser than the paragraph's loosest line."""
    proven = {_bare(n[n.index("“") + 1:n.rindex("” ends")]) for n in notes
              if n.startswith("unit break:") and CUT_NEEDED in n}
    return [f for f in report.findings if f.kind == "unit-break"
            and "longer than the measure" not in f.message
            and _bare(f.line.split(" / ")[0]) not in proven]


def _bare(text: str) -> str:
    return text.replace(" ", "")


def _em(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def main() -> None:
    args = sys.argv[1:]
    show = "--show" in args
    only = [a for a in args if a != "--show"]  # names containing these words: those pages only
    with tempfile.TemporaryDirectory() as out:
        for n, (name, (content, layout)) in enumerate(PAGES.items()):
            if only and not any(word in name for word in only):
                continue
            folder = Path(out) / str(n)
            print(f"{name}  ({content.relative_to(ROOT)} + {layout.relative_to(ROOT)})")
            try:
                # typography only: a page that fails its print checks is measured too
                result = build(str(content), str(layout), str(folder), ("print",),
                               check=False)
            except SpreadError as exc:  # the page cannot be measured: say why, go on
                print(f"  not built: {exc}\n")
                continue
            report = check_typography(result.outputs["print.pdf"])
            for label, value, met in figures(report):
                mark = "" if met is None else ("  ok" if met else "  MISSES target")
                print(f"  {label:36} {value}{mark}")
            # the composer's own word on its lines past ¼ em: whether any setting of the
            # paragraph keeps every line within it (the build's loose-line notes)
            loose = [n for n in result.notes if n.startswith("loose line:")]
            print(f"  {'composer: lines past 0.25 em':36} {len(loose)}, of them no setting "
                  f"avoids {sum('no setting of its paragraph' in n for n in loose)}")
            # ... and on its unit breaks: whether every setting within ¼ em (where none is,
            # no looser than the paragraph's loosest line) cuts as many;
            # the meter's chosen ones (not forced) less those, against the target
            cuts = [n for n in result.notes if n.startswith("unit break:")]
            left = unproven_unit_breaks(report, result.notes)
            print(f"  {'composer: unit breaks':36} {len(cuts)}, of them no setting within "
                  f"0.25 em (or no looser) avoids {sum(CUT_NEEDED in n for n in cuts)}")
            print(f"  {'  chosen, none of them proven':36} {len(left)} "
                  f"({100 * len(left) / max(1, report.lines):.2f} per 100)"
                  f"{'  ok' if len(left) <= report.lines / 100 else '  MISSES target'}")
            others = {k: report.count(k) for k in KINDS if report.count(k)}
            print(f"  findings by kind: {others or 'none'}")
            if show:
                print("\n".join("    " + line for line in report.format().splitlines()[3:]))
            print()


if __name__ == "__main__":
    main()
