"""An honour roll of people's names set as a newspaper sets a 名单: names in equal cells
across the box, rows read left to right, a two-character name spread to its cell (张　三),
a longer one taking whole cells, never broken — read back from the PDF."""

from __future__ import annotations

import re
from pathlib import Path

import pypdfium2 as pdfium
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import CONTENT, ROOT
from spread import content as content_mod
from spread.build import build
from spread.errors import InputError, OversetError
from spread.layout import articles, set_page
from spread.validate import read

ROLL30 = ["李彧", "吉喆", "王堃", "许镕", "邬淼", "阚琰", "亓晔", "眭昶", "仝炜", "郦琛",
          "欧阳修远", "司马相如", "诸葛明亮", "上官婉儿", "张三", "李四", "王五", "赵六",
          "钱七", "孙八", "周九", "吴十", "郑小明", "冯巧巧", "陈一", "褚卫国", "卫青",
          "蒋大为", "沈从文", "爱新觉罗溥仪"]
PAGES = {"default": (CONTENT, ROOT / "layout" / "default.yaml"),
         "commemorative": (ROOT / "layout" / "commemorative" / "content.yaml",
                           ROOT / "layout" / "commemorative.yaml")}


def with_roll(folder: Path, page: str, roll: dict) -> tuple[Path, Path]:
    """The page's content with `roll` for its honour roll, written in `folder`."""
    source, layout = PAGES[page]
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    data["honour_roll"] = roll
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "content.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path, layout


def bare(names: list[str]) -> dict:
    """A roll written as one bare entry per name, as a newsroom types one."""
    return {"title": "光荣榜", "items": [{"text": n} for n in names]}


def roll_chars(result, size_of: str = "") -> tuple[list[tuple[str, tuple]], object]:
    """The characters drawn inside the honour roll's box at the names' size (that of the
    character `size_of`; by default the smallest: the vertical title is 小初), each with its em box (left, bottom, right, top) in points, and the roll's element."""
    (roll,) = [e for e in result.page.elements if e.name.startswith("honour_roll")]
    text = pdfium.PdfDocument(str(result.outputs["print.pdf"]))[0].get_textpage()
    chars = []
    for i in range(text.count_chars()):
        ch = text.get_text_range(i, 1)
        if not ch.strip():
            continue
        box = text.get_charbox(i, loose=True)  # the glyph's em box, not its ink
        if roll.frame.x <= box[0] <= roll.frame.right and roll.frame.y <= box[1] <= roll.frame.top:
            chars.append((ch, box, pdfium.raw.FPDFText_GetFontSize(text.raw, i)))
    size = next((s for c, _, s in chars if c == size_of), None) or min(s for _, _, s in chars)
    return [(c, b) for c, b, s in chars if abs(s - size) < 0.05], roll


def read_names(chars: list[tuple[str, tuple]]) -> list[list[tuple[str, float, float]]]:
    """The grid read back: rows top to bottom, each a list of (name, left, right), a name's
    characters being those less than 1.5 em apart (box to box) (a spread 张　三 is 1 em apart, two
    names at least 2 em)."""
    rows: list[tuple[float, list]] = []
    for ch, box in sorted(chars, key=lambda g: -(g[1][1] + g[1][3])):
        # one baseline a row, its glyphs' middles within ½ em: pdfium gives a glyph its em
        # box, but the characters of a name marked to read whole (/ActualText) shares of
        # the name's ink box
        middle = (box[1] + box[3]) / 2
        if rows and rows[-1][0] - middle < (box[3] - box[1]) / 2:
            rows[-1][1].append((ch, box))
        else:
            rows.append((middle, [(ch, box)]))
    out = []
    for _, row in rows:
        glyphs = sorted(row, key=lambda g: g[1][0])
        em = max(b[3] - b[1] for _, b in glyphs)
        names: list[list] = []
        for ch, box in glyphs:
            if names and box[0] - names[-1][2] < 1.5 * em:
                names[-1][0] += ch
                names[-1][2] = box[2]
            else:
                names.append([ch, box[0], box[2]])
        out.append([tuple(n) for n in names])
    return out


@pytest.fixture(scope="module", params=sorted(PAGES))
def roll30(request, tmp_path_factory):
    folder = tmp_path_factory.mktemp(request.param)
    path, layout = with_roll(folder, request.param, bare(ROLL30))
    return build(str(path), str(layout), str(folder / "out"), ("print",)), request.param


def test_a_roll_of_thirty_names_builds_and_prints_every_name(roll30):
    result, _ = roll30
    assert result.ok and "print.pdf" in result.outputs
    text = pdfium.PdfDocument(str(result.outputs["print.pdf"]))[0].get_textpage()
    page = text.get_text_range()
    for name in ROLL30:  # whole, or a spread 张　三 read with a space
        assert re.search(r"\s?".join(name), page), name
    assert any("read as names" in n for n in result.notes)


def test_the_names_stand_in_a_grid_in_their_order(roll30):
    """Rows fill left to right in the content's order; every name starts on one of the
    grid's cell edges; none overlaps another, the title band or the border."""
    result, _ = roll30
    chars, roll = roll_chars(result)
    rows = read_names(chars)
    assert [n for row in rows for n, _, _ in row] == ROLL30
    assert len(rows) > 1 and all(len(row) > 1 for row in rows[:-1])
    # a name's left is its em box's, or its ink's where it reads whole (/ActualText): the
    # cells' edges are told within ⅛ em
    first = [row[0][1] for row in rows]
    assert max(first) - min(first) < 2  # every row starts at the grid's left edge
    for row in rows:
        for (_, _, right), (_, left, _) in zip(row, row[1:]):
            assert left - right > 10  # two names stand apart: at least two em
    band = min(b[0] for _, b in chars)
    edges: list[float] = []
    for left in sorted(left for row in rows for _, left, _ in row):
        if not edges or left - edges[-1] >= 2:
            edges.append(left)
    assert len(edges) < len(ROLL30) / 2  # names share the cells' edges: a grid, not a rag
    inner = 12.0  # the 花边 border
    for _, (left, bottom, right, top) in chars:
        assert roll.frame.x + inner < left and right < roll.frame.right - inner
        assert roll.frame.y + inner < bottom and top < roll.frame.top - inner
    boxes = sorted(b for _, b in chars)
    for a, b in zip(boxes, boxes[1:]):
        overlap_x = min(a[2], b[2]) - max(a[0], b[0])
        overlap_y = min(a[3], b[3]) - max(a[1], b[1])
        assert overlap_x <= 0.5 or overlap_y <= 0.5, (a, b)
    assert band > roll.frame.x + 12 + 30  # right of the title band


def test_a_two_character_name_is_spread_to_the_width_of_three(roll30):
    result, _ = roll30
    chars, _ = roll_chars(result)
    em = max(b[3] - b[1] for _, b in chars)
    widths = {n: right - left for row in read_names(chars) for n, left, right in row}
    three = [w for n, w in widths.items() if len(n) == 3]
    for name in ("张三", "李彧", "卫青"):  # its characters at the cell's two ends
        assert abs(widths[name] - max(three)) < 0.2 * em, (name, widths[name], three)
    assert widths["爱新觉罗溥仪"] > widths["欧阳修远"] > max(three)


def test_awards_are_never_read_as_names():
    """The default page's roll holds awards: set as a list, as before (its bytes are
    checked by the golden tests); short award titles are no names either."""
    roll = content_mod.load(str(CONTENT)).honour_roll
    assert not articles._bare_names(roll.items)
    awards = [content_mod.HonourItem(t) for t in ("劳动模范", "五一劳动奖章", "三八红旗手",
                                                  "先进集体")]
    assert not articles._bare_names(awards)
    people = [content_mod.HonourItem(t) for t in ("张三", "李四", "欧阳修远")]
    assert articles._bare_names(people)
    assert not articles._bare_names(people[:2])  # two are too few to tell
    assert not articles._bare_names(people + [content_mod.HonourItem("王五", names=["赵六"])])


def test_an_award_s_people_follow_its_line_as_a_grid(tmp_path):
    roll = {"title": "光荣榜", "items": [
        {"text": "浙江省工会财务先进单位"},
        {"text": "先进个人", "names": ["张三", "欧阳修远", "李四", "王五", "赵六", "钱七"]},
        {"text": "宁波市工会创新工作一等奖3次", "items": [{"text": "建设劳动关系预警信息化平台"}]}]}
    path, layout = with_roll(tmp_path, "default", roll)
    result = build(str(path), str(layout), str(tmp_path / "out"), ("print",))
    chars, _ = roll_chars(result, size_of="欧")
    page = pdfium.PdfDocument(str(result.outputs["print.pdf"]))[0].get_textpage().get_text_range()
    assert "先进个人" in page and "◆" in page
    names = [n for row in read_names(chars) for n, _, _ in row]
    grid = ["张三", "欧阳修远", "李四", "王五", "赵六", "钱七"]
    assert [n for n in names if n in grid] == grid
    assert not any("read as names" in n for n in result.notes)


@pytest.mark.parametrize("names, message, column", [
    ('[李彧, "张 三"]', "holds a space", 21),
    ('[李彧, 张三、李四]', "holds «、»", 21),
    ('[李彧, ""]', "an empty name", 19),
    ('[李彧, {a: 1}]', "expected text", 19),
    ('[李彧, 123]', "holds «1»", 19),
])
def test_a_name_that_is_not_one_name_is_refused_where_it_is_written(tmp_path, names,
                                                                    message, column):
    path = tmp_path / "content.yaml"
    path.write_text(f"headline: 测试\nhonour_roll:\n  items:\n    - text: 先进个人\n"
                    f"      names: {names}\n", encoding="utf-8")
    with pytest.raises(InputError) as error:
        content_mod.load(str(path))
    where = error.value.where
    assert message in error.value.message and (where.line, where.column) == (5, column)
    assert "names" in where.path and (error.value.hint or message == "expected text")


def test_a_name_of_an_interpunct_is_one_name(tmp_path):
    path = tmp_path / "content.yaml"
    path.write_text("headline: 测试\nhonour_roll:\n  items:\n    - text: 先进个人\n"
                    "      names: [买买提·艾力, 李彧]\n", encoding="utf-8")
    assert content_mod.load(str(path)).honour_roll.items[0].names == ["买买提·艾力", "李彧"]


def test_names_that_do_not_fit_are_an_overset_naming_the_roll(tmp_path):
    path, layout = with_roll(tmp_path, "default", bare(ROLL30 * 8))
    inputs = read(str(path), str(layout))
    laid = set_page(inputs.content, inputs.layout, inputs.fonts)
    assert laid.problems
    error = laid.problems[0].error
    assert isinstance(error, OversetError) and "honour_roll" in error.message
    assert "mm" in error.message or "line" in error.message


# common characters the page's fonts draw: names made of them are set, never refused
HAN = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高梁郑谢宋唐韩冯邓曹彭曾萧田董潘袁蔡蒋余杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金贾夏韦付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严欧阳司马诸葛上官明亮伟芳娜敏静丽强磊军洋勇艳杰娟涛超秀霞平刚桂英华玉兰"
NAMES = st.lists(st.text(alphabet=HAN, min_size=1, max_size=6), min_size=1, max_size=60)


@settings(max_examples=12)
@given(names=NAMES, award=st.booleans())
def test_every_name_is_placed_or_the_roll_is_a_clean_overset(tmp_path_factory, names, award):
    """Whatever the names (1 to 60, of 1 to 6 characters), as an award's names or a bare
    roll: every name is set whole — its characters together on one line, in order — or the
    page is refused with an overset naming the roll."""
    folder = tmp_path_factory.mktemp("names")
    roll = ({"title": "光荣榜", "items": [{"text": "先进个人", "names": names}]} if award
            else bare(names))
    path, layout = with_roll(folder, "default", roll)
    inputs = read(str(path), str(layout))
    laid = set_page(inputs.content, inputs.layout, inputs.fonts)
    if laid.problems:
        error = laid.problems[0].error
        assert isinstance(error, OversetError) and "honour_roll" in error.message, error.message
        return
    (roll_el,) = [e for e in laid.page.elements if e.name.startswith("honour_roll")]
    runs = [i for i in laid.page.items if getattr(i, "chars", None)
            and roll_el.frame.x <= i.xs[0] <= roll_el.frame.right
            and roll_el.frame.y <= i.y <= roll_el.frame.top]
    drawn = "".join(r.chars for r in sorted(runs, key=lambda r: (-r.y, r.xs[0])))
    at = 0
    for name in names:
        found = drawn.find(name, at)
        assert found >= 0, (name, drawn)
        at = found + len(name)
