"""Golden dumps of composed lines: the stress paragraphs (tests/golden/stress.txt: Latin
words, codes, figures with signs and units, rare names, marks of every kind) set in the
default layout's body style at 9, 12, 16 and 24字 with its real fonts. Any change to
breaking, spacing or punctuation width shows as a diff against tests/golden/compose-N.txt;
review the diff, then rewrite the files with

    SPREAD_UPDATE_GOLDEN=1 python -m pytest tests/test_compose_golden.py
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

from spread import dump, template
from spread.build import load_fonts
from spread.compose import Style

GOLDEN = Path(__file__).parent / "golden"
LAYOUT = Path(__file__).resolve().parent.parent / "layout" / "default.yaml"


@pytest.fixture(scope="module")
def setting():
    layout = template.load(str(LAYOUT))
    spec = layout.styles["body"]
    size = spec.size.pt(layout.grid.unit.pt())
    style = Style(spec.font, size, spec.colour, spec.tracking, spec.scale)
    return style, spec.indent * size, load_fonts(layout, str(LAYOUT))


@pytest.mark.parametrize("chars", dump.MEASURES)
def test_composed_lines_match_the_reviewed_dump(setting, chars):
    style, indent, fonts = setting
    texts = (GOLDEN / "stress.txt").read_text(encoding="utf-8").splitlines()
    got = dump.compose_dump([t for t in texts if t], style, indent, fonts, (chars,))
    path = GOLDEN / f"compose-{chars}.txt"
    if os.environ.get("SPREAD_UPDATE_GOLDEN"):
        path.write_text(got, encoding="utf-8")
    want = path.read_text(encoding="utf-8")
    assert got == want, "".join(difflib.unified_diff(
        want.splitlines(True), got.splitlines(True), str(path), "composed now"))


def test_the_compose_stage_dump_from_the_command_line(capsys):
    from spread.cli import main

    assert main(["dump", "--stage", "compose", "--measure", "12"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# 12字") and "|五年秉持初心，" in out
    assert main(["dump", "--stage", "compose", "--measure", "9,x"]) == 2
