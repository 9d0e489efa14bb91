"""YAML read on libyaml's parser (when PyYAML has it) is read as PyYAML's own parser reads
it: the same values, tags, styles and line:column marks, and for a text either refuses the
same error, worded and placed alike."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import CONTENT, LAYOUT, ROOT
from spread import yamlsource
from spread.errors import SpreadError

pytestmark = pytest.mark.skipif(not yamlsource.FAST, reason="PyYAML without libyaml")

SOURCES = [CONTENT.read_text(encoding="utf-8"), LAYOUT.read_text(encoding="utf-8"),
           (ROOT / "layout" / "news.yaml").read_text(encoding="utf-8")]
# what breaks YAML or changes its reading: its marks, spaces and line breaks
PIECES = list(":-[]{}'\"#&*!|>%@`,?\\\n\t ") + ["  ", "\n  ", ": ", "- ", "---", "...",
                                                 "\x85", "\u2028", "\ufeff", "\x07"]


def read(text: str, fast: bool, tmp_path, monkeypatch):
    """The file's nodes as plain data (value, place, span, tag, raw text, style), or the
    error it is refused with."""
    monkeypatch.setattr(yamlsource, "FAST", fast)
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8", newline="")
    try:
        node, _ = yamlsource.load(str(path))
    except SpreadError as exc:
        return ("refused", str(exc), exc.where, exc.hint)
    return plain(node)


def plain(node):
    if node.kind == "mapping":
        return (node.where, node.span, node.tag, tuple(node.key_where.items()),
                tuple((k, plain(v)) for k, v in node.value.items()))
    if node.kind == "list":
        return (node.where, node.span, node.tag, tuple(plain(v) for v in node.value))
    return (node.where, node.span, node.tag, node.raw, node.style, repr(node.value))


@st.composite
def edited(draw) -> str:
    """One of spread's YAML files with a few characters inserted, deleted or replaced."""
    text = draw(st.sampled_from(SOURCES))
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(text) - 1))
        piece = draw(st.sampled_from(PIECES))
        cut = draw(st.integers(0, 3))
        text = text[:at] + piece + text[at + cut:]
    return text


@settings(max_examples=120, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(text=edited())
def test_libyaml_reads_a_file_as_pyyaml_does(text, tmp_path, monkeypatch):
    assert read(text, True, tmp_path, monkeypatch) == read(text, False, tmp_path, monkeypatch)


@pytest.mark.parametrize("text", [
    "a: 1\nb: [x, y]\nc: {d: e, f: }\n",  # an empty value in a flow mapping
    "name: 画说\t五年\n",  # a tab inside a value: PyYAML refuses it
    "kind: {a: hon?our}\n",  # a ? in a flow scalar: PyYAML refuses it
    "a: x\ufeffy\n",
    "a: " + "[" * 200 + "]" * 200 + "\n",  # nesting past the bound
    "a: &a [x, x]\nb: [*a, *a]\n",
    "a: &a [x, {b: *a}]\n",  # an alias inside its own anchor's value
    "styles:\n|# the head\n  kicker: a\n",  # libyaml takes |# as a block scalar's header
    "a: >-#x\n  b\n",
])
def test_what_libyaml_reads_otherwise_is_read_as_pyyaml_reads_it(text, tmp_path, monkeypatch):
    assert read(text, True, tmp_path, monkeypatch) == read(text, False, tmp_path, monkeypatch)


@pytest.mark.parametrize("fast", [True, False])
@pytest.mark.parametrize("text, line, column, anchor", [
    ("headline: 题\nlead: &x [*x]\n", 2, 11, "&x names (line 2, column 7)"),
    ("headline: 题\nlead: &x [a, {b: *x}]\n", 2, 18, "&x names (line 2, column 7)"),
    ("a: &y\n  b: &z\n    - 1\n    - *y\n", 4, 7, "&y names (line 1, column 4)"),
])
def test_an_alias_inside_its_own_anchors_value_is_placed_where_it_is_written(
        text, line, column, anchor, fast, tmp_path, monkeypatch):
    """A value holding itself was refused as nesting past the bound, placed at its anchor
    with a path of 64 `[0]`s; it is the alias, at its own line and column, naming the
    anchor it stands in."""
    refused, message, where, hint = read(text, fast, tmp_path, monkeypatch)
    assert refused == "refused" and (where.line, where.column) == (line, column), message
    assert anchor in message and "[0][0]" not in message and "write the value out" in hint
