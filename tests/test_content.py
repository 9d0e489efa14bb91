"""content.yaml → typed Content: the repository's own content, and clear errors for bad input."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import CONTENT
from spread import content as content_mod
from spread.errors import InputError

GOOD = "headline: 画说工会这五年\nsections:\n  - title: 建功立业\n    report:\n      items: [一, 二]\n"


def load_text(tmp_path, text: str):
    path = tmp_path / "c.yaml"
    path.write_text(text, encoding="utf-8")
    return content_mod.load(str(path))


def test_repository_content_is_whole_and_corrected():
    c = content_mod.load(str(CONTENT))
    assert c.headline == "画说工会这五年"
    assert c.kicker == "——喜迎区工会第一次代表大会"
    assert len(c.lead) == 3
    assert [s.title for s in c.sections] == ["建功立业", "维权维稳", "关心关爱", "文化文明", "基层基础"]
    assert c.section("文化文明").intro == ""  # defect 5: no intro, none invented
    assert [len(s.report.items) for s in c.sections] == [4, 4, 7, 4, 4]
    assert c.honour_roll.title == "荣誉榜" and len(c.honour_roll.items) == 8
    assert len(c.honour_roll.items[4].items) == 3
    strings = [c.headline, c.kicker, *c.lead]
    for sec in c.sections:
        strings += [sec.title, sec.intro, sec.report.title, *sec.report.items]
    strings += [i.text for i in c.honour_roll.items]
    strings += [sub.text for i in c.honour_roll.items for sub in i.items]
    for text in strings:  # defect 1: full-width Chinese punctuation throughout
        assert not set(text) & set(",;:!?()"), text
    assert "人往基层走" in c.lead[2]  # defect 3
    assert "“名医直通车”“四进三送”" in c.sections[2].report.items[5]  # defect 4
    assert "娘家人”，创树" in c.lead[1]  # defect 2
    assert c.edition.paper == "" and c.credits.editor == ""  # not in the source


def test_unknown_key_names_line_column_and_the_key_meant(tmp_path):
    with pytest.raises(InputError) as err:
        load_text(tmp_path, GOOD + "headlin: x\n")
    msg = str(err.value)
    assert "c.yaml:6:1" in msg and "unknown key 'headlin'" in msg and "did you mean" in msg


def test_wrong_type_says_what_was_expected(tmp_path):
    with pytest.raises(InputError) as err:
        load_text(tmp_path, "headline: 画说\nlead: 五年秉持初心\n")
    assert "c.yaml:2:7" in str(err.value) and "expected a list" in str(err.value)


def test_missing_required_field(tmp_path):
    with pytest.raises(InputError) as err:
        load_text(tmp_path, "kicker: 副题\n")
    assert "missing required key 'headline'" in str(err.value)


def test_yaml_syntax_error_has_position_and_caret(tmp_path):
    with pytest.raises(InputError) as err:
        load_text(tmp_path, "headline: [画说\nkicker: x\n")
    msg = str(err.value)
    assert "c.yaml:" in msg and "YAML syntax error" in msg and "^" in msg


def test_figure_must_quote_its_item(tmp_path):
    text = GOOD + "figures:\n  - {figure: 99家, label: 一, from: {section: 建功立业, item: 1}}\n"
    with pytest.raises(InputError) as err:
        load_text(tmp_path, text)
    assert "'99家' does not occur in 建功立业 item 1" in str(err.value)


def test_dates_and_numbers_stay_text(tmp_path):
    c = load_text(tmp_path, GOOD + "edition: {date: 2021-12-01, page: 5}\n")
    assert c.edition.date == "2021-12-01" and c.edition.page == "5"


@settings(max_examples=150, deadline=None)
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=20),
                    lambda kids: st.lists(kids, max_size=4)
                    | st.dictionaries(st.text(max_size=8), kids, max_size=4), max_leaves=20))
def test_any_yaml_document_loads_or_fails_cleanly(tmp_path_factory, doc):
    path = tmp_path_factory.mktemp("fuzz") / "c.yaml"
    path.write_text(yaml.safe_dump({"headline": "画说", "extra": doc}, allow_unicode=True),
                    encoding="utf-8")
    with pytest.raises(InputError):
        content_mod.load(str(path))  # 'extra' is never a content key


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=200))
def test_arbitrary_text_loads_or_fails_cleanly(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("fuzz") / "c.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        content_mod.load(str(path))
    except InputError:
        pass


def test_an_unclosed_emphasis_mark_is_an_error(tmp_path):
    with pytest.raises(InputError) as err:
        load_text(tmp_path, GOOD.replace("items: [一, 二]", "items: [一**二, 三]"))
    assert "c.yaml:5:" in str(err.value) and "not closed" in str(err.value)
