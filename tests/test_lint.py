"""Content lint: each rule on values, each finding's place in the YAML source for every scalar
style, `--fix` editing only the characters it means to, and property tests over random copy."""

from __future__ import annotations

import string

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spread.compose.classes import is_han
from spread.lint import check_file, check_value, fix_text, fix_value, lint_text, trace
from spread.yamlsource import load

from conftest import CONTENT


def rules(text: str) -> list[tuple[str, int, str | None]]:
    return [(s.rule, s.start, s.replacement) for s in check_value(text)]


# -- rules on values ------------------------------------------------------------------------

def test_ascii_marks_beside_chinese_become_full_width():
    assert rules("五年秉持初心,笃然奋进;硕果满园!") == [
        ("ascii-punctuation", 6, "，"), ("ascii-punctuation", 11, "；"),
        ("ascii-punctuation", 16, "！")]


def test_ascii_parentheses_convert_as_a_pair():
    """区域(行业) — the source's own slip; ( A ) with Chinese outside converts both marks."""
    assert rules("区域(行业)性工会") == [("ascii-punctuation", 2, "（"),
                                      ("ascii-punctuation", 5, "）")]
    assert rules("机制(1+X)考核") == [("ascii-punctuation", 2, "（"),
                                    ("ascii-punctuation", 6, "）")]


def test_ascii_marks_in_latin_or_between_digits_stay():
    assert rules("时间10:30开始") == []
    assert rules("Hello, world (really)!") == []
    assert rules("比分3:2") == []


def test_space_after_a_full_width_mark_is_a_slip():
    assert rules("活动。 下一句") == [("space-beside-mark", 3, "")]
    # a space between two phrases inside a quotation is the writer's choice
    assert rules("开展“奉行工益 惠我职工”体育健康欢乐送活动") == []


def test_doubled_marks_but_not_ellipsis_dash_or_exclamations():
    assert rules("春华秋实，，硕果满园。。") == [("doubled-mark", 4, "，"),
                                          ("doubled-mark", 10, "。")]
    assert rules("未完……——好！！") == []


def test_full_width_digits_and_letters():
    assert rules("建会率９５％以上，ＡＢ类") == [("full-width-alnum", 3, "95"),
                                          ("full-width-alnum", 9, "AB")]
    assert fix_value("３．５万") == "3.5万"


def test_unbalanced_quotes_and_brackets_are_reported_not_fixed():
    """The seed's “名医直通车”四进三送” (content.yaml, correction 4)."""
    found = check_value("组织“名医直通车”四进三送”活动")
    assert [(s.rule, s.start, s.replacement) for s in found] == [("unbalanced", 13, None)]
    assert "closes nothing" in found[0].message
    assert [s.message for s in check_value("《人民日报")] == ["'《' is never closed"]
    assert check_value("it’s “好”") == []  # an apostrophe is not a closing quote


def test_the_repository_content_is_clean():
    assert lint_text(str(CONTENT), CONTENT.read_text(encoding="utf-8")) == []


# -- places in the file ---------------------------------------------------------------------

STYLES = '''\
# a comment that stays
headline: 画说工会,这五年   # trailing comment
lead:
  - 初心(笃然奋进);春华，，秋实
  - "双引号\\u4e2d, 文：２０２１年"
  - '单引号''x''中文,
     折行文字!'
  - |
    字面块,中文
      缩进行:中文
  - >-
    折叠块，，中文
    第二行“未闭合
'''


def places(text: str) -> list[tuple[int, int, str]]:
    return [(f.where.line, f.where.column, f.rule) for f in lint_text("t.yaml", text)]


def test_each_finding_is_placed_at_its_character_in_every_scalar_style():
    assert places(STYLES) == [
        (2, 15, "ascii-punctuation"),                              # plain
        (4, 7, "ascii-punctuation"), (4, 12, "ascii-punctuation"),
        (4, 13, "ascii-punctuation"), (4, 16, "doubled-mark"),
        (5, 15, "ascii-punctuation"), (5, 19, "full-width-alnum"),  # double-quoted, escape
        (6, 16, "ascii-punctuation"), (7, 10, "ascii-punctuation"),  # single-quoted, folded
        (9, 8, "ascii-punctuation"), (10, 10, "ascii-punctuation"),  # literal block
        (12, 8, "doubled-mark"), (13, 8, "unbalanced")]              # folded block
    lines = STYLES.splitlines()
    for line, column, rule in places(STYLES):
        if rule != "full-width-alnum":
            assert lines[line - 1][column - 1] in ",;:!()，“", (line, column)


def test_the_excerpt_puts_the_caret_under_the_character():
    finding = lint_text("t.yaml", STYLES)[0]
    quoted, caret = finding.excerpt.splitlines()
    assert quoted.endswith("headline: 画说工会,这五年   # trailing comment")
    # CJK characters are two cells wide: the caret sits under the comma
    assert caret.index("^") == len("    2 | headline: ") + 2 * 4


def test_fix_edits_only_the_slips_and_keeps_comments_and_quoting():
    result = fix_text("t.yaml", STYLES)
    assert result.text.splitlines() == [
        "# a comment that stays",
        "headline: 画说工会，这五年   # trailing comment",
        "lead:",
        "  - 初心（笃然奋进）；春华，秋实",
        '  - "双引号\\u4e2d，文：2021年"',
        "  - '单引号''x''中文，",
        "     折行文字！'",
        "  - |",
        "    字面块，中文",
        "      缩进行：中文",
        "  - >-",
        "    折叠块，中文",
        "    第二行“未闭合"]
    remaining = {(f.rule, f.fixable, f.where.line) for f in result.remaining}
    # the folded line break after 中文， is a space only the writer can remove
    assert remaining == {("space-beside-mark", False, 6), ("unbalanced", False, 13)}
    assert "join the lines" in [f for f in result.remaining if not f.rule == "unbalanced"][
        0].format()


def test_check_file_fix_rewrites_the_file_atomically_and_reports_what_is_left(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_bytes(b"\xef\xbb\xbf# keep me\nheadline: \xe6\xa0\x87\xe9\xa2\x98,\xe5\x8f\xb7\n")
    path.chmod(0o600)
    report = check_file(str(path))
    assert report.exit_code == 1 and len(report.findings) == 1
    assert path.read_bytes().count(b",") == 1  # checking alone never writes
    fixed = check_file(str(path), fix=True)
    assert fixed.ok and fixed.fixed == 1 and fixed.exit_code == 0
    assert path.read_bytes() == "\ufeff# keep me\nheadline: 标题，号\n".encode("utf-8")
    assert path.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["c.yaml"]


def test_check_file_reports_validation_errors_beside_the_findings(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text("headlin: 标题,号\n", encoding="utf-8")
    report = check_file(str(path))
    assert report.exit_code == 2 and len(report.findings) == 1
    assert "did you mean 'headline'" in report.format()


# -- property tests -------------------------------------------------------------------------

HAN = "画说工会这五年初心奋进春华秋实硕果满园区域行业"
ALPHABET = (HAN + ",;:!?()，。、；：！？“”‘’（）【】《》 ０１２Ａｂ0123ab" + "\n")
COPY = st.text(alphabet=ALPHABET, max_size=60)
YAML_STYLES = st.sampled_from([None, "'", '"', "|", ">"])


def dumped(value: str, style: str | None, width: int) -> str:
    return yaml.dump({"headline": value}, allow_unicode=True, default_style=style,
                     width=width, sort_keys=False)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(COPY, YAML_STYLES, st.integers(8, 80))
def test_tracing_maps_every_character_back_to_the_source(value, style, width):
    text = dumped(value, style, width)
    root, _ = load("t.yaml", text)
    node = root.value["headline"]
    if node.raw is None:
        return  # an empty value
    spans = trace(text, node)
    assert spans is not None, (value, style, text)
    assert len(spans) == len(node.raw)
    for ch, (a, b) in zip(node.raw, spans):
        if b == a + 1 and not text[a] == "\\":
            assert text[a] == ch


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(COPY, YAML_STYLES, st.integers(8, 80))
def test_fixing_leaves_nothing_fixable_and_never_touches_han(value, style, width):
    text = dumped(value, style, width)
    root, _ = load("t.yaml", text)
    if root.value["headline"].raw is None:
        return
    result = fix_text("t.yaml", text)
    assert not [f for f in result.remaining if f.fixable]
    before = root.value["headline"].raw
    after = load("t.yaml", result.text)[0].value["headline"].raw
    assert [c for c in after if is_han(c)] == [c for c in before if is_han(c)]
    assert fix_value(after) == fix_value(before)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET + string.ascii_letters + "…—", max_size=80))
def test_fix_value_reaches_a_fixed_point_without_losing_han(value):
    fixed = fix_value(value)
    assert not [s for s in check_value(fixed) if s.replacement is not None]
    assert [c for c in fixed if is_han(c)] == [c for c in value if is_han(c)]


@pytest.mark.parametrize("style", [None, "'", '"', "|", ">"])
def test_every_style_of_the_default_content_traces(style):
    """The whole default content re-dumped in each style traces exactly."""
    data = yaml.safe_load(CONTENT.read_text(encoding="utf-8"))
    text = yaml.dump(data, allow_unicode=True, default_style=style, width=40)
    root, _ = load("t.yaml", text)
    stack = [root]
    while stack:
        node = stack.pop()
        if node.kind == "mapping":
            stack += node.value.values()
        elif node.kind == "list":
            stack += node.value
        elif node.raw:
            assert trace(text, node) is not None, node.raw
