"""Make-up gaps a sweep of unseen pages found: a region whose content is absent closes up
instead of leaving a white band across the page; one rule for emptiness on every layout —
a warning above the layout's `slack.warn` (0.08 unless it says otherwise), a refused page
above its `slack.refuse` where it sets one, a skeleton never refused but told it is one;
and a news page without a lead photo sets its lead story in the photo's place."""

from __future__ import annotations

import re
import shutil
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


def _short(content: dict) -> None:
    """The default content with a line of each list, two awards, no intros or figures:
    about 43 % of the default page left empty."""
    _no_figures(content)
    for section in content["sections"]:
        section.pop("intro", None)
        if section.get("report"):
            section["report"]["items"] = section["report"]["items"][:1]
    content["honour_roll"]["items"] = content["honour_roll"]["items"][:2]


def test_the_default_layout_says_how_empty_a_page_is_as_every_layout_does(tmp_path):
    """The default layout had no page-level check: a page 43 % empty built with exit 0 and
    no warning. Now the warning every layout gives: how much, where, what to add there."""
    page = set_page(_content(tmp_path, "short", _short), str(LAYOUT))
    assert not page.problems
    (said,) = [w for w in page.warnings if w.startswith("the page is")]
    assert re.search(r"the page is \d+% empty \(\d+ cm² of the type area: section", said)
    assert "the layout warns above 8%" in said
    assert re.search(r"add text to sections\[\d\].*: about \d+ characters;", said), said
    assert re.search(r"about \d+ characters of body text in all", said)


def test_a_layout_made_to_be_full_refuses_the_same_page(tmp_path):
    """Refusing is the template's choice (slack.refuse), with the same message."""
    from spread.layout.slack import UnderfullError

    data = yaml.safe_load(LAYOUT.read_text(encoding="utf-8").replace(
        "../fonts/", f"{ROOT}/fonts/"))
    data["slack"] = {"warn": 0.08, "refuse": 0.25}
    layout = tmp_path / "full.yaml"
    layout.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    page = set_page(_content(tmp_path, "short", _short), str(layout))
    (problem,) = page.problems
    assert isinstance(problem.error, UnderfullError) and problem.error.exit_code == 1
    assert "refuses a page more than 25% empty" in problem.error.message
    assert re.search(r"^add text to sections\[\d\].*: about \d+ characters;",
                     problem.error.hint), problem.error.hint


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


# -- a news page without a lead photo -----------------------------------------------------------

NEWS = ROOT / "layout" / "news.yaml"
NEWS_STARTER = ROOT / "layout" / "news" / "content.yaml"


def _news_without_photo(tmp_path: Path, stories: int) -> str:
    """The news starter with no lead photo (its stories keep theirs) and `stories` stories."""
    content = yaml.safe_load(NEWS_STARTER.read_text(encoding="utf-8"))
    content.pop("pictures")
    content["sections"] = content["sections"][:stories]
    shutil.copytree(NEWS_STARTER.parent / "photos", tmp_path / "photos", dirs_exist_ok=True)
    path = tmp_path / f"news-{stories}.yaml"
    path.write_text(yaml.safe_dump(content, allow_unicode=True), encoding="utf-8")
    return str(path)


def _chars(pdf: Path) -> tuple[list[tuple[str, float, float, float]], float, int]:
    """Every character with its origin and size, the page's width, and how many images it
    draws."""
    doc = pdfium.PdfDocument(str(pdf))
    page = doc[0]
    text = page.get_textpage()
    found = []
    for i in range(text.count_chars()):
        x, y = pdfium.raw.c_double(), pdfium.raw.c_double()
        pdfium.raw.FPDFText_GetCharOrigin(text.raw, i, x, y)
        found.append((text.get_text_range(i, 1), x.value, y.value,
                      pdfium.raw.FPDFText_GetFontSize(text.raw, i)))
    images = sum(1 for _ in page.get_objects(filter=[pdfium.raw.FPDF_PAGEOBJ_IMAGE]))
    width = page.get_width()
    doc.close()
    return found, width, images


def _lead_start(chars) -> tuple[float, float]:
    """Where the lead's first paragraph begins (经过三年修缮, after its dateline)."""
    line = "".join(c for c, *_ in chars)
    at = line.index("经过三年修缮")
    return chars[at][1], chars[at][2]


def test_a_news_page_without_a_lead_photo_sets_the_lead_in_its_place(tmp_path):
    """Once exit 2 («region picture … shows pictures[0], which … does not have»): with four
    stories the lead's text heads the left half where the photo stood, every story's own
    photo is drawn and no other, and the page builds."""
    out = tmp_path / "four"
    result = build(_news_without_photo(tmp_path, 4), str(NEWS), str(out), ("print",))
    chars, width, images = _chars(result.outputs["print.pdf"])
    assert images == 2  # the stories' two photos; no lead photo
    x, y = _lead_start(chars)
    assert x < width / 2  # in the left half, where the photo stood
    heads = [cy for c, cx, cy, size in chars if size >= 14 and cy < y and c == "古"]
    assert heads, "the first story's head stands below the lead's text"


def test_a_news_page_of_one_story_without_a_photo_sets_the_lead_across_the_page(tmp_path):
    """The lead's text across the page in four columns, above the one story."""
    out = tmp_path / "one"
    result = build(_news_without_photo(tmp_path, 1), str(NEWS), str(out), ("print",))
    chars, width, images = _chars(result.outputs["print.pdf"])
    assert images == 1  # the story's photo
    _, y = _lead_start(chars)
    body = [(cx, cy) for c, cx, cy, size in chars if abs(size - 9) < 0.05 and cy <= y
            and ord(c) >= 0x3000]
    story = min(cy for c, cx, cy, size in chars if c == "古" and size >= 14)
    starts = {round(cx / 20) for cx, cy in body if cy > story}
    assert len({s for s in starts}) >= 4, sorted(starts)  # four columns of lead text
    assert any(cx > width * 0.75 for cx, cy in body if cy > story)
