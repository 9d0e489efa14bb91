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


@pytest.mark.parametrize("item, said", [
    ("电话138****8000", "around no text"),  # masked digits read as an empty emphasis
    ("验证码``有效", "around no text"),
    ("电话138***8000", "not closed"),
])
def test_marks_around_no_text_are_refused_not_dropped(tmp_path, item, said):
    with pytest.raises(InputError) as err:
        load_text(tmp_path, GOOD.replace("items: [一, 二]", f"items: [一, '{item}']"))
    assert "c.yaml:5:" in str(err.value) and said in str(err.value)
    assert "＊" in err.value.hint or "｀" in err.value.hint


def test_full_width_asterisks_print_as_typed(tmp_path):
    c = load_text(tmp_path, GOOD.replace("items: [一, 二]", "items: [一, 电话138＊＊＊＊8000]"))
    assert c.sections[0].report.items[1] == "电话138＊＊＊＊8000"


# -- text normalised at load (docs/formats.md, "Text as spread reads it") -------------------------

def test_a_literal_block_ends_without_its_line_break_and_keeps_the_others(tmp_path):
    c = load_text(tmp_path, "headline: |\n  画说工会\n  这五年\nkicker: |\n  ——喜迎  \n")
    assert c.headline == "画说工会\n这五年" and c.kicker == "——喜迎"


def test_line_breaks_of_every_kind_become_one_and_fixed_spaces_a_space(tmp_path):
    c = load_text(tmp_path, 'headline: "画说\\r\\n工会\\u2028这\\u00a0五年 "\n')
    assert c.headline == "画说\n工会\n这 五年"


@pytest.mark.parametrize("text, where", [
    # a section's title takes a line break now (a story's two-line head, newcomer 13); its
    # byline is one line still
    ("sections:\n  - title: 建功立业\n    byline: |\n      本报记者\n      张三\n", "c.yaml:6:7"),
    ("figures: []\nedition: {paper: \"奉化\\n日报\"}\n", "c.yaml:3:"),
])
def test_a_line_break_where_the_text_is_one_line_is_refused(tmp_path, text, where):
    with pytest.raises(InputError) as err:
        load_text(tmp_path, "headline: 画说\n" + text)
    assert where in str(err.value) and "line break" in str(err.value)


def test_a_blank_line_inside_one_value_is_refused(tmp_path):
    with pytest.raises(InputError) as err:
        load_text(tmp_path, "headline: 画说\nlead:\n  - |\n    第一段。\n\n    第二段。\n")
    assert "c.yaml:6:5 (lead[0])" in str(err.value) and "blank line" in str(err.value)


@pytest.mark.parametrize("written, column, code", [
    ('"画说\\0工会"', 14, "U+0000"), ('"画说\\a工会"', 14, "U+0007"),
    ("画说\u200b工会", 13, "U+200B"), ("画说\u202e工会", 13, "U+202E"),
    ("画说\ufeff工会", 13, "U+FEFF"), ('"画说\\t工会"', 14, "U+0009"),
    ("'画说''\u2066工会'", 16, "U+2066"), ('"\\ud800"', 12, "U+D800"),
])
def test_control_and_format_characters_are_refused_at_their_column(tmp_path, written, column,
                                                                   code):
    with pytest.raises(InputError) as err:
        load_text(tmp_path, f"kicker: 副题\nheadline: {written}\n")
    assert f"c.yaml:2:{column} (headline)" in str(err.value) and code in str(err.value)


# printable text, without the marks content pairs (** emphasis, `not a figure`)
PRINTABLE = st.characters(blacklist_categories=("Cc", "Cf", "Cs", "Zl", "Zp"),
                          blacklist_characters="*`")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(PRINTABLE, max_size=12), min_size=1, max_size=4))
def test_normalised_text_has_no_break_at_its_ends_and_loads_the_same_again(tmp_path_factory,
                                                                            lines):
    """Whatever a headline's lines are, the value keeps their text between single line
    breaks, and the normalised text written back reads the same."""
    folder = tmp_path_factory.mktemp("norm")
    path = folder / "c.yaml"
    path.write_text(yaml.safe_dump({"headline": "\n".join(lines) + "画"}, allow_unicode=True),
                    encoding="utf-8")
    try:
        first = content_mod.load(str(path)).headline
    except InputError as exc:
        # a blank line, a lone emphasis (**) or not-a-figure (`) mark, a combining mark
        # on a full-width character or a space, which composes nothing with it, or Latin
        # letters that are the UTF-8 of other characters read as Windows-1252
        assert ("blank line" in exc.message or "is not closed" in exc.message
                or "makes no character with it" in exc.message
                or "(mojibake)" in exc.message) and exc.where.line >= 1
        return
    assert first == first.strip(" \n") and "\n\n" not in first
    assert not any(ch in first for ch in "\r\u2028\u2029\x85\u00a0")
    path.write_text(yaml.safe_dump({"headline": first}, allow_unicode=True), encoding="utf-8")
    assert content_mod.load(str(path)).headline == first


# -- news stories (issue 16 item 4) -------------------------------------------------------------

STORY = """headline: 市图书馆今日重新开放
kicker: 闭馆修缮三年
subhead: 首日接待读者三千余人次
byline: 本报记者 张三　通讯员 李四
dateline: 本报北京5月18日电
lead:
  - 5月18日10:30，市图书馆重新开放。
  - 工作日开放至21:30。
pictures:
  - file: photos/lead.jpg
    caption: 读者排队入馆
    credit: 本报记者 张三 摄
sections:
  - title: 古籍修复室首次开放
    kicker: 看修复师“妙手回春”
    subhead: |
      每周二、周四
      下午开放
    byline: 记者 李四
    dateline: 本报讯
    body:
      - 第一段，2026-05-18 上午 10:30。
      - 第二段。
    pictures:
      - file: photos/repair.jpg
        caption: 修复师在工作
        credit: 李四 摄
      - {file: photos/desk.png}
"""


def test_a_news_story_keeps_every_part_as_written(tmp_path):
    c = load_text(tmp_path, STORY)
    assert (c.kicker, c.subhead) == ("闭馆修缮三年", "首日接待读者三千余人次")
    assert c.byline == "本报记者 张三　通讯员 李四" and c.dateline == "本报北京5月18日电"
    assert c.lead == ["5月18日10:30，市图书馆重新开放。", "工作日开放至21:30。"]  # times whole
    sec = c.sections[0]
    assert sec.subhead == "每周二、周四\n下午开放"  # a forced new line
    assert sec.body == ["第一段，2026-05-18 上午 10:30。", "第二段。"]  # YAML would read dates
    assert [p.file for p in sec.pictures] == ["photos/repair.jpg", "photos/desk.png"]
    assert sec.pictures[0].credit == "李四 摄" and sec.pictures[1].caption == ""
    assert str(c.location("sections[0].body[1]")) == f"{tmp_path / 'c.yaml'}:23:9 " \
                                                     "(sections[0].body[1])"
    assert c.at("sections[0].pictures[1].file") == "photos/desk.png"


@pytest.mark.parametrize("value", ["10:30", "5月18日", "2026-05-18", "1.50", "0800", "yes"])
def test_a_dateline_is_text_as_written_whatever_yaml_would_make_of_it(tmp_path, value):
    c = load_text(tmp_path, f"headline: 画说\ndateline: {value}\n")
    assert c.dateline == value


@pytest.mark.parametrize("edit, where, says", [
    ("    byline: 记者 李四\n", "    byline: [记者 李四, 通讯员 王五]\n",
     "a byline is one line of text"),
    ("      - 第二段。\n", "      - ''\n", "an empty paragraph"),
    ("      - 第二段。\n", "      -\n", "each item of body is one paragraph"),
    ("      - 第二段。\n", "      - |\n        第二段。\n\n        第三段。\n", "blank line"),
    ("      - {file: photos/desk.png}\n", "      - {caption: 桌面}\n", "missing required key 'file'"),
    ("      - {file: photos/desk.png}\n", "      - {file: ' '}\n", "a picture with no file"),
    ("    dateline: 本报讯\n", "    dateline: |\n      本报\n      讯\n", "line break"),
])
def test_a_misused_story_part_is_refused_at_its_line(tmp_path, edit, where, says):
    assert edit in STORY
    text = STORY.replace(edit, where)
    line = text[:text.index(where)].count("\n") + 1
    with pytest.raises(InputError) as err:
        load_text(tmp_path, text)
    lines = range(line, line + where.count("\n"))  # the part's own lines
    assert says in str(err.value) and err.value.where.line in lines, str(err.value)


def test_an_intro_given_as_paragraphs_points_to_body(tmp_path):
    with pytest.raises(InputError) as err:
        load_text(tmp_path, "headline: 画说\nsections:\n  - title: 甲\n    intro: [一段, 二段]\n")
    assert "c.yaml:4:12" in str(err.value) and "under body" in err.value.hint


def test_the_top_level_empty_lead_paragraph_is_refused(tmp_path):
    with pytest.raises(InputError) as err:
        load_text(tmp_path, "headline: 画说\nlead:\n  - 一段。\n  - '  '\n")
    assert "c.yaml:4:5 (lead[1])" in str(err.value) and "an empty paragraph" in str(err.value)


# -- a name's 间隔号: what a name may hold is what the composer keeps with it ---------------

NAMES = "headline: 表彰\nhonour_roll:\n  items:\n    - text: 先进个人\n      names: [{}]\n"


@pytest.mark.parametrize("name", ["买买提·艾力", "穆罕默德‧阿里", "安娜・卡列尼娜", "マリア･ロペス"])
def test_a_name_joined_by_any_form_of_the_interpunct_is_one_name(tmp_path, name):
    """U+00B7, U+2027 and both katakana middle dots (U+30FB, the half-width U+FF65) join the
    parts of one transliterated name; the composer keeps each off a line start."""
    from spread.compose.classes import INTERPUNCTS

    c = load_text(tmp_path, NAMES.replace("{}", name))
    assert c.honour_roll.items[0].names == [name]
    assert set(content_mod.NAME_JOINERS) <= INTERPUNCTS


@pytest.mark.parametrize("mark", ["•", "∙", "．"])
def test_a_bullet_for_the_interpunct_is_refused_with_the_interpunct_to_write(tmp_path, mark):
    """A bullet typed between the parts of a name (or between two names) is no 间隔号: the
    name is refused at the mark, with the name as it should be written. The composer still
    keeps the bullet • off a line start in running text: it is the one interpunct of
    INTERPUNCTS that is no part of a name."""
    from spread.compose.classes import INTERPUNCTS

    with pytest.raises(InputError) as exc:
        load_text(tmp_path, NAMES.replace("{}", f"穆罕默德{mark}阿里"))
    assert (exc.value.where.line, exc.value.where.column) == (5, 19)
    assert "间隔号" in exc.value.hint and "穆罕默德·阿里" in exc.value.hint
    assert INTERPUNCTS - set(content_mod.NAME_JOINERS) == {"•"}


def test_a_layout_word_in_the_content_is_named_where_the_layout_writes_it(tmp_path):
    """bleed: in the content is the layout's page.bleed; every word content.LOOK names is a
    key of the layout model, where it says."""
    import dataclasses
    from typing import get_args, get_type_hints

    from spread.schema import yaml_fields
    from spread.template import Layout

    keys, todo, seen = set(), [Layout], set()
    while todo:
        cls = todo.pop()
        if cls in seen or not dataclasses.is_dataclass(cls):
            continue
        seen.add(cls)
        hints = get_type_hints(cls)
        for f in yaml_fields(cls):
            keys.add(f.metadata.get("key", f.name))
            todo += [hints[f.name], *get_args(hints[f.name])] + [
                b for a in get_args(hints[f.name]) for b in get_args(a)]
    assert set(content_mod.LOOK) <= keys, set(content_mod.LOOK) - keys
    with pytest.raises(InputError) as exc:
        load_text(tmp_path, "bleed: 3mm\n" + GOOD)
    assert "a key of the layout (page.bleed)" in exc.value.hint


def test_text_that_is_mojibake_once_its_spaces_are_plain_is_refused_as_written(tmp_path):
    # found by Hypothesis: «à¡¡» and a no-break space is no UTF-8 read as Windows-1252, but
    # it loads as «à¡¡ » — which is (U+0861) — and so was refused when written back
    path = tmp_path / "c.yaml"
    path.write_text(yaml.safe_dump({"headline": "à¡¡\u00a0画"}, allow_unicode=True),
                    encoding="utf-8")
    with pytest.raises(InputError, match=r"\(mojibake\)"):
        content_mod.load(str(path))
