"""A headline that wraps is the usual cause of a page too long the editor does not see: the
overset message says so in the headline's terms (its lines, size and characters per line),
not in body lines and characters of whatever region ran out of room."""

from __future__ import annotations

import re
import shutil

import pytest

from conftest import CONTENT, ROOT
from spread.build import build
from spread.errors import OversetError

LONG = "全市深入推进营商环境优化提升行动暨高质量发展建设共同富裕示范区动员部署大会今日隆重召开"


def _with_headline(tmp_path, source, headline: str) -> str:
    text = source.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^headline: .*$", f"headline: {headline}", text, count=1)
    path = tmp_path / "content.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_a_banner_too_tall_for_the_page_is_reported_as_the_headline(tmp_path):
    """The tabloid spread's banner has no fixed height: a long headline makes it the tallest
    region. Was «headline makes the page 137.8 mm too long — about 21.0 body lines, 1200
    characters»."""
    content = _with_headline(tmp_path, CONTENT, LONG)
    with pytest.raises(OversetError) as err:
        build(content, str(ROOT / "layout" / "tabloid-spread.yaml"), str(tmp_path / "out"),
              ("print",))
    message, hint = err.value.message, err.value.hint
    assert re.search(rf"the headline «{LONG}» sets in \d+ line\(s\) at [\d.]+ pt in region "
                     r"'banner' \(columns [\d-]+\) and makes the page [\d.]+ mm too long",
                     message), message
    assert "body lines" not in message and "characters" not in message
    assert re.search(r"a line holds about \d+ characters", hint), hint
    assert err.value.where.line == 1 + CONTENT.read_text(encoding="utf-8").split(
        "\n").index("headline: 画说工会这五年")


def test_a_page_too_long_behind_a_wrapping_headline_names_the_headline_too(tmp_path):
    """On the news page the lead's head row takes a three-line headline and the last story
    loses the room: the story is named (it lost the text), and the hint says what a line of
    the headline gives back."""
    shutil.copytree(ROOT / "layout" / "news" / "photos", tmp_path / "photos")
    content = _with_headline(tmp_path, ROOT / "layout" / "news" / "content.yaml", LONG)
    try:
        build(content, str(ROOT / "layout" / "news.yaml"), str(tmp_path / "out"), ("print",))
    except OversetError as err:
        hint = err.hint
    else:
        pytest.fail("a three-line headline of 初号 should overset the news sample")
    assert re.search(rf"or shorten the headline «{LONG}»: it sets in 3 lines at 42 pt "
                     r"\(a line holds about \d+ characters\), and each line fewer gives back "
                     r"[\d.]+ mm", hint), hint


def test_a_page_too_long_with_a_short_headline_says_nothing_of_it(tmp_path):
    shutil.copytree(ROOT / "layout" / "news" / "photos", tmp_path / "photos")
    source = (ROOT / "layout" / "news" / "content.yaml").read_text(encoding="utf-8")
    story = "      - 在新馆三楼的古籍修复室，"
    content = tmp_path / "content.yaml"
    longer = "      - " + "读者排队入馆。" * 60 + "\n" + story
    content.write_text(source.replace(story, longer, 1), encoding="utf-8")
    with pytest.raises(OversetError) as err:
        build(str(content), str(ROOT / "layout" / "news.yaml"), str(tmp_path / "out"), ("print",))
    assert "sections[0]" in err.value.message
    assert "headline" not in err.value.hint, err.value.hint


def test_a_banner_of_fixed_height_is_not_offered_as_a_cut(tmp_path):
    """The default layout's banner is 90 mm whatever its headline (set smaller to fit it):
    a line fewer of the headline gives the page nothing back, so a page too long says
    nothing of it even where the headline would wrap past two lines at its full size."""
    text = CONTENT.read_text(encoding="utf-8").replace("headline: 画说工会这五年",
                                                       "headline: 画说工会这五年奋进新征程喜迎代表大会召开", 1)
    intro = "五年来，区总工会坚持围绕中心、服务大局，"
    text = text.replace(intro, intro + "团结带领全区广大职工服务改革发展，" * 40, 1)
    content = tmp_path / "content.yaml"
    content.write_text(text, encoding="utf-8")
    with pytest.raises(OversetError) as err:
        build(str(content), str(ROOT / "layout" / "default.yaml"), str(tmp_path / "out"),
              ("print",))
    assert "sections[0]" in err.value.message
    assert "headline" not in err.value.hint, err.value.hint
