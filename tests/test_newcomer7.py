"""A newcomer's three pages — a 要闻 page on the news template, a 纪念版 on the commemorative
template, and a 对开 five-column layout of the newcomer's own derived from the news one — and
the stumbles met making them: the docs that named two of the five shipped layouts, and the
hint that turned `scale: 80%` into `scale: 80`."""

from __future__ import annotations

import re

import pytest

from conftest import LAYOUT, ROOT
from spread import template
from spread.errors import InputError


def test_the_readme_and_the_formats_name_every_shipped_layout():
    """A newcomer picks a template from the README and the edition.yaml table: each of
    spread's own layouts is named in both (they named two and three of five)."""
    shipped = sorted(p.stem for p in (ROOT / "layout").glob("*.yaml"))
    assert len(shipped) >= 5
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    formats = (ROOT / "docs" / "formats.md").read_text(encoding="utf-8")
    row = next(line for line in formats.splitlines() if line.startswith("| `layout` (required)"))
    for name in shipped:
        assert f"`{name}`" in readme, name
        assert f"`{name}`" in row, name


def _layout_error(old: str, new: str) -> InputError:
    text = LAYOUT.read_text(encoding="utf-8")
    assert old in text
    with pytest.raises(InputError) as caught:
        template.load(str(LAYOUT), text.replace(old, new, 1))
    return caught.value


@pytest.mark.parametrize("field, value, meant", [("scale", "80%", "0.8"),
                                                  ("leading", "150%", "1.5"),
                                                  ("tracking", "5%", "0.05")])
def test_a_style_number_written_in_percent_is_hinted_as_the_fraction(field, value, meant):
    """`scale: 80%` (an editor's 长体 80 %) was answered «write the number alone, without %:
    80», which the next build refused as a scale past 4: the hint gives the number meant."""
    text = LAYOUT.read_text(encoding="utf-8")
    body = re.search(r"^  body: *\{[^}\n]*\}", text, re.M).group(0)
    written = re.sub(rf", {field}: [^,}}]*", "", body)[:-1] + f", {field}: {value}}}"
    error = _layout_error(body, written)
    assert "expected a number" in str(error)
    assert error.hint == f"write it as a number, not a percentage: {meant} (for {value})"


def test_cmyk_in_percent_is_still_hinted_without_the_sign():
    error = _layout_error("cmyk: [0, 100, 100, 10]", "cmyk: [0%, 100%, 100%, 10%]")
    assert error.hint == "write the number alone, without %: 0"
