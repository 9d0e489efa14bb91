"""Make-up gaps a sweep of unseen pages found: a region whose content is absent closes up
instead of leaving a white band across the page, and one rule for emptiness on every
layout — a warning above the layout's `slack.warn`, a refused page above `slack.refuse`
(0.08 and 0.25 unless the layout says otherwise), a skeleton never refused but told it is
one. Each page is built and read back from its print PDF."""

from __future__ import annotations

import re
from pathlib import Path

import pypdfium2 as pdfium
import yaml

from spread.build import build
from spread.validate import set_page

from conftest import CONTENT, LAYOUT, ROOT

MM = 72 / 25.4
COMMEMORATIVE = ROOT / "layout" / "commemorative.yaml"


def _content(tmp_path: Path, name: str, change) -> str:
    """The default content changed by `change` (a function of its mapping), as a file."""
    content = yaml.safe_load(CONTENT.read_text(encoding="utf-8"))
    change(content)
    path = tmp_path / f"{name}.yaml"
    path.write_text(yaml.safe_dump(content, allow_unicode=True), encoding="utf-8")
    return str(path)


def _no_figures(content: dict) -> None:
    content.pop("figures", None)
    content.pop("charts", None)


def _baselines(pdf: Path, size: float) -> list[float]:
    """The baselines (pt from the page's foot) of the CJK characters set at `size`."""
    doc = pdfium.PdfDocument(str(pdf))
    text = doc[0].get_textpage()
    found = set()
    for i in range(text.count_chars()):
        if ord(text.get_text_range(i, 1) or " ") < 0x3000:
            continue
        if abs(pdfium.raw.FPDFText_GetFontSize(text.raw, i) - size) > 0.05:
            continue
        x, y = pdfium.raw.c_double(), pdfium.raw.c_double()
        pdfium.raw.FPDFText_GetCharOrigin(text.raw, i, x, y)
        found.add(round(y.value, 2))
    doc.close()
    return sorted(found)


def test_a_page_without_figures_closes_up_under_the_lead(tmp_path):
    """Once a 356 × 26 mm white band under the lead across all eight columns (the empty
    figures row kept its space after it and a break): the first sections now follow the
    lead as they follow the figures when there are some."""
    out = tmp_path / "out"
    result = build(_content(tmp_path, "nofigures", _no_figures), str(LAYOUT), str(out),
                   ("print",))
    pdf = result.outputs["print.pdf"]
    first_title = max(_baselines(pdf, 22.0))  # the section titles: 二号 黑体
    lead = [b for b in _baselines(pdf, 14.0) if b > first_title]  # the lead: 四号 楷体
    gap = (min(lead) - first_title) / MM
    # the lead's last line, 4 mm, a line's break, the title bar: 26 mm; it was 39 mm
    assert gap < 30, f"{gap:.1f} mm from the lead's last line to the first section title"
    page = set_page(_content(tmp_path, "again", _no_figures), str(LAYOUT))
    holes = [f for f in page.makeup.of("hole") if f.element.startswith("text lead")]
    assert not holes, holes


def test_the_default_layout_refuses_a_page_with_copy_more_than_a_quarter_empty(tmp_path):
    """The default layout had no page-level check: a page 43 % empty built with exit 0 and
    no warning. Now the same rule and message as the commemorative layout."""
    from spread.layout.slack import UnderfullError

    def short(content: dict) -> None:
        _no_figures(content)
        for section in content["sections"]:
            section.pop("intro", None)
            if section.get("report"):
                section["report"]["items"] = section["report"]["items"][:1]
        content["honour_roll"]["items"] = content["honour_roll"]["items"][:2]

    page = set_page(_content(tmp_path, "short", short), str(LAYOUT))
    (problem,) = page.problems
    assert isinstance(problem.error, UnderfullError) and problem.error.exit_code == 1
    assert re.search(r"the page is \d+% empty \(\d+ cm² of the type area: section",
                     problem.error.message), problem.error.message
    assert "refuses a page more than 25% empty" in problem.error.message
    assert re.search(r"^add text to sections\[\d\].*: about \d+ characters;",
                     problem.error.hint), problem.error.hint
    assert re.search(r"about \d+ characters of body text in all", problem.error.hint)


def test_a_page_a_little_short_warns_on_the_default_layout_too(tmp_path):
    """Between the bounds: it builds, with the page-level warning every layout gives."""
    def shorter(content: dict) -> None:
        _no_figures(content)
        for section in content["sections"][:2]:
            section.pop("intro", None)

    page = set_page(_content(tmp_path, "shorter", shorter), str(LAYOUT))
    assert not page.problems
    said = [w for w in page.warnings if w.startswith("the page is")]
    assert len(said) == 1 and "warns above 8%" in said[0], page.warnings


SKELETON = {"headline": "标题", "lead": [],
            "sections": [{"title": f"栏目{n}", "intro": "", "body": [],
                          "report": {"title": "晒晒成绩单：", "items": []}}
                         for n in "一二三四五"],
            "honour_roll": {"title": "荣誉榜", "items": []}}


def test_a_skeleton_builds_on_every_layout_that_takes_it_and_says_it_is_one(tmp_path):
    """`spread init`'s skeleton (text empty, titles only) was refused on the commemorative
    layout («57% empty») and built silently on the default one: now it builds on both,
    its print PDF written, with a warning that it is a skeleton to fill."""
    path = tmp_path / "content.yaml"
    path.write_text(yaml.safe_dump(SKELETON, allow_unicode=True), encoding="utf-8")
    for layout in (LAYOUT, COMMEMORATIVE):
        page = set_page(str(path), str(layout))
        assert not page.problems, [p.error.message for p in page.problems]
        said = [w for w in page.warnings if "skeleton to fill" in w]
        assert len(said) == 1, page.warnings
        assert re.search(r"is \d+% empty .* about \d+ characters of body text", said[0])
        out = tmp_path / layout.stem
        result = build(str(path), str(layout), str(out), ("print",))
        assert result.outputs["print.pdf"].exists()
