"""Bar charts from content data: every bar quotes a report item, bars compare like with like,
and the drawn bars are as long as their figures say, inside their region."""

from __future__ import annotations

import json
import subprocess
import sys

import pypdfium2 as pdfium
import pytest
import yaml

from conftest import CONTENT, LAYOUT, ROOT, shared
from spread import content as content_mod
from spread.build import build, compose_page
from spread.errors import InputError, OversetError
from spread.layout.charts import chart
from spread.layout.context import ASCENT, Context
from spread.page import Box, Rect, Rule, TextRun
from spread.template import Region

ITEM = "推荐评选区级以上劳模63名、“凤麓工匠”15名，选树工人先锋号110个"
SMALL = ("headline: 画说工会这五年\nsections:\n  - title: 建功立业\n    report:\n"
         f"      items: [{ITEM}]\n")
# the repository's chart (建功立业 item 2), in the order content.yaml gives it
LABELS = ["劳模", "凤麓工匠", "港城工匠", "闪亮星职工", "首席工人", "技术能手"]
FIGURES = ["63名", "15名", "2名", "25名", "6名", "85名"]
VALUES = [63, 15, 2, 25, 6, 85]


def load_text(tmp_path, text: str):
    path = tmp_path / "c.yaml"
    path.write_text(text, encoding="utf-8")
    return content_mod.load(str(path))


def bars(*pairs: tuple[str, str], kind: str = "bars") -> str:
    rows = "".join(f"      - {{figure: {f}, label: {label}, from: {{section: 建功立业, item: 1}}}}\n"
                   for f, label in pairs)
    return f"charts:\n  - kind: {kind}\n    bars:\n{rows}"


def test_the_repository_chart_quotes_its_item():
    chart_ = content_mod.load(str(CONTENT)).charts[0]
    assert [b.label for b in chart_.bars] == LABELS and [b.figure for b in chart_.bars] == FIGURES


def test_a_figure_is_counted_with_its_magnitude_and_unit():
    assert content_mod.count("63名") == (63, "名")
    assert content_mod.count("1100余万元") == (11_000_000, "元")
    assert content_mod.count("7.7万余人次") == (77_000, "人次")
    assert content_mod.count("95%以上") == (95, "%")
    assert content_mod.count("名") is None


def test_a_bar_must_quote_its_item(tmp_path):
    with pytest.raises(InputError) as err:
        load_text(tmp_path, SMALL + bars(("63名", "劳模"), ("16名", "凤麓工匠")))
    assert "'16名' does not occur in 建功立业 item 1" in str(err.value)
    with pytest.raises(InputError) as err:
        load_text(tmp_path, SMALL + bars(("63名", "劳模"), ("15名", "港城工匠")))
    assert "the label '港城工匠' does not occur" in str(err.value)


def test_a_chart_compares_like_with_like(tmp_path):
    with pytest.raises(InputError) as err:
        load_text(tmp_path, SMALL + bars(("63名", "劳模"), ("110个", "工人先锋号")))
    msg = str(err.value)
    assert "chart charts[0] compares unlike figures: '110个' counts '个'" in msg
    assert "c.yaml:10:" in msg  # the offending bar's line
    assert load_text(tmp_path, SMALL + bars(("63名", "劳模"), ("15名", "凤麓工匠"))).charts


def test_only_bar_charts_of_two_bars_or_more(tmp_path):
    with pytest.raises(InputError) as err:
        load_text(tmp_path, SMALL + bars(("63名", "劳模"), ("15名", "凤麓工匠"), kind="pie"))
    assert "expected one of bars, found 'pie'" in str(err.value)
    with pytest.raises(InputError) as err:
        load_text(tmp_path, SMALL + bars(("63名", "劳模")))
    assert "has 1 bar(s)" in str(err.value)


# -- drawn -----------------------------------------------------------------------------------

CHART_STYLES = {
    "chart_label": {"font": "kai", "size": "小四", "leading": 1.8, "align": "start",
                    "colour": "chart_ink"},
    "chart_value": {"font": "hei", "size": "小四", "leading": 1.8, "align": "start",
                    "colour": "chart_bar"},
}


def chart_layout(tmp_path, with_chart: bool = True) -> str:
    """The default layout on a taller page, with a chart row above its last row. The chart's
    colours are palette entries of their own, so its items can be told from the page's."""
    text = LAYOUT.read_text(encoding="utf-8").replace("../fonts/", f"{ROOT}/fonts/")
    data = yaml.safe_load(text)
    data["page"]["size"][1] = "605mm"  # room for the chart without squeezing the sections
    data["palette"]["chart_bar"] = dict(data["palette"]["red"])
    data["palette"]["chart_ink"] = dict(data["palette"]["text"])
    data["palette"]["chart_rule"] = dict(data["palette"]["rule"])
    data["styles"].update(CHART_STYLES)
    for row in data["rows"]:  # the default page sets this chart in 建功立业: one is enough
        for region in row["regions"]:
            region.get("options", {}).pop("chart", None)
    if not with_chart:
        data["omits"] = ["charts"]  # the plain page leaves the chart out on purpose
    if with_chart:
        region = {"kind": "chart", "columns": "1-4", "content": "charts[0]",
                  "options": {"bar": "chart_bar", "rule": "chart_rule"}}
        data["rows"].insert(len(data["rows"]) - 1,
                            {"name": "chart", "space_after": "4mm", "regions": [region]})
    path = tmp_path / ("chart.yaml" if with_chart else "plain.yaml")
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return str(path)


@pytest.fixture(scope="module")
def composed(tmp_path_factory):
    return compose_page(str(CONTENT), chart_layout(tmp_path_factory.mktemp("layout")))


def _is_chart(colour) -> bool:
    return colour is not None and colour.name.startswith("chart_")


def test_bar_lengths_are_proportional_to_the_figures(composed):
    page = composed[0]
    drawn = [i for i in page.items if isinstance(i, Rect) and _is_chart(i.fill)]
    assert len(drawn) == len(VALUES)
    lengths = [r.box.width for r in drawn]
    assert lengths[5] / lengths[0] == pytest.approx(85 / 63, rel=1e-9)
    assert lengths == pytest.approx([lengths[5] * v / 85 for v in VALUES], rel=1e-9)
    assert len({r.box.x for r in drawn}) == 1  # all grow from one baseline
    standard, fine = composed[4].rules.standard.pt(), composed[4].rules.fine.pt()
    assert min(r.box.height for r in drawn) >= standard  # newsprint: colour ≥ 1.5 pt
    axis = [i for i in page.items if isinstance(i, Rule) and _is_chart(i.colour)]
    assert len(axis) == 1 and axis[0].width == fine and axis[0].x1 == drawn[0].box.x


def test_the_text_reads_label_then_figure_bar_by_bar(composed):
    runs = [i for i in composed[0].items if isinstance(i, TextRun) and _is_chart(i.colour)]
    assert "".join(r.chars for r in runs) == "".join(l + f for l, f in zip(LABELS, FIGURES))


def test_the_pdf_shows_every_label_and_figure_once_more(tmp_path):
    """Each label and figure is in the report text already; the chart adds one of each."""
    def text(layout: str) -> str:
        pdf = build(str(CONTENT), layout, str(tmp_path / "o"), ("print",),
                    check=False).outputs["print.pdf"]
        doc = pdfium.PdfDocument(str(pdf))
        try:
            return doc[0].get_textpage().get_text_range().replace(" ", "")
        finally:
            doc.close()
    plain = text(chart_layout(tmp_path, with_chart=False))
    charted = text(chart_layout(tmp_path))
    for word in LABELS + FIGURES:
        assert charted.count(word) == plain.count(word) + 1, word
    # the outside proofreader: nothing collides, nothing off the trim
    run = subprocess.run([sys.executable, str(shared("tools/typo_audit.py")),
                          str(tmp_path / "o" / "content.print.pdf"), "--json"],
                         capture_output=True, text=True)
    counts = json.loads(run.stdout)["counts"]
    assert counts["collide"] == 0 and counts["outside"] == 0


@pytest.mark.parametrize("width_mm, height_mm", [(170, None), (90, 80)])
def test_nothing_is_drawn_outside_the_region(composed, width_mm, height_mm):
    _, fonts, _, content, layout = composed
    ctx = Context(content, layout, fonts)
    region = Region(kind="chart", columns="1-4", content="charts[0]",
                    options={"bar": "chart_bar", "rule": "chart_rule"})
    x, top, width = 100.0, 700.0, width_mm * 2.835
    height = chart(ctx, region, width, None).height if height_mm is None \
        else height_mm * 2.835
    frame = Box(x, top - height, width, height)
    items = chart(ctx, region, width, height).placed(x, top).items
    for item in items:
        if isinstance(item, Rect):
            assert frame.contains(item.box)
        elif isinstance(item, Rule):
            assert frame.contains(Box(min(item.x1, item.x2), min(item.y1, item.y2),
                                      abs(item.x2 - item.x1), abs(item.y2 - item.y1)))
        else:  # every glyph's em box (no glyph here is wider than an em)
            size = item.style.size
            glyphs = Box(item.xs[0], item.y - (1 - ASCENT) * size,
                         item.xs[-1] + size - item.xs[0], size)
            assert frame.contains(glyphs), item.chars


def test_a_region_too_narrow_or_too_short_is_an_overset(composed):
    _, fonts, _, content, layout = composed
    ctx = Context(content, layout, fonts)
    region = Region(kind="chart", columns="1", content="charts[0]")
    with pytest.raises(OversetError, match="leave .* mm for bars"):
        chart(ctx, region, 30 * 2.835, 200.0)
    with pytest.raises(OversetError, match="needs .* mm for its 6 bars"):
        chart(ctx, region, 170 * 2.835, 40.0)
