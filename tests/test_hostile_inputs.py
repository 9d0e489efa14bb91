"""Broken layout and picture inputs, made here, each through the console entry point
(`spread.cli.main`, in a forked process under a CPU-time limit): every one ends with exit 2,
a message placed at file:line:column (the layout's line for a layout fault, the content's
line of the picture's path for a picture fault), no traceback and no "internal error".

A layout case is the default layout with one piece of its text replaced, so the line the
message must name is the line of the replacement. Time is bounded by CPU seconds (a hang or
a runaway loop is killed by the kernel and fails the case), never by a wall clock.
"""

from __future__ import annotations

import io
import json
import os
import re
import resource
import shutil
import signal
import struct
import subprocess
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image

import spread.build  # noqa: F401  (imported once here; every forked case inherits it)
import spread.lint  # noqa: F401
from conftest import CONTENT, LAYOUT, ROOT
from test_pictures import png_bomb
from spread.cli import main

CPU_SECONDS = 60  # a failing case takes well under a second of CPU; a hang takes forever
MEMORY = 3 * 2**30  # address space: a decompression bomb decoded would need far more
WAIT_SECONDS = 900  # a safety net only, for a case blocked without using CPU
MM = 72 / 25.4


@dataclass
class Run:
    code: int
    out: str
    err: str

    @property
    def text(self) -> str:
        return self.out + self.err


def spread(*argv: str, cwd: Path) -> Run:
    """`spread ARGV` through cli.main in a forked child with bounded CPU time and memory."""
    out_path, err_path = cwd / ".stdout", cwd / ".stderr"
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        code = 99
        try:
            resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))
            resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
            signal.alarm(WAIT_SECONDS)  # a read blocked on a pipe uses no CPU
            os.chdir(cwd)
            with open(out_path, "w", encoding="utf-8") as out, \
                    open(err_path, "w", encoding="utf-8") as err:
                os.dup2(out.fileno(), 1)
                os.dup2(err.fileno(), 2)
                sys.stdout, sys.stderr = out, err
                code = main([str(a) for a in argv])
                out.flush()
                err.flush()
        except BaseException:  # anything escaping main is a failure of the case
            import traceback

            with open(err_path, "a", encoding="utf-8") as err:
                err.write("Traceback (escaped main):\n" + traceback.format_exc())
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        pytest.fail(f"spread {' '.join(map(str, argv))} was killed by "
                    f"{signal.Signals(sig).name} (more than {CPU_SECONDS} s of CPU or "
                    f"{MEMORY >> 30} GB of memory, or blocked {WAIT_SECONDS} s)")
    return Run(os.WEXITSTATUS(status), out_path.read_text(encoding="utf-8"),
               err_path.read_text(encoding="utf-8"))


def assert_refused(run: Run, file: Path | str, line: int | None, *says: str,
                   code: int = 2) -> None:
    """Exit `code`, the message placed at file:line:column (any line when None), each of
    `says` in the output, and nothing that looks like a crash."""
    text = run.text
    assert run.code == code, text
    assert "Traceback" not in text and "internal error" not in text, text
    place = rf"{re.escape(str(file))}:{line if line else r'[0-9]+'}:[0-9]+"
    assert re.search(place, text), f"no {file}:{line}:column in:\n{text}"
    for words in says:
        assert words in text, f"{words!r} not in:\n{text}"


# -- layout cases: the default layout with one piece of text replaced ----------------------

BASE = LAYOUT.read_text(encoding="utf-8").replace("../fonts/", f"{ROOT}/fonts/")

# name: (text in the default layout, its replacement, words the message must hold); the
# message is placed on the replacement's first line, or on the line of an "@text" given
LAYOUT_CASES = {
    # geometry
    "negative page width": ("size: [390mm, 545mm]", "size: [-390mm, 545mm]",
                            "the page width must be more than 0"),
    "zero page height": ("size: [390mm, 545mm]", "size: [390mm, 0mm]",
                         "the page height must be more than 0"),
    "page larger than a PDF page": ("size: [390mm, 545mm]", "size: [390mm, 9000mm]",
                                    "at most 5080 mm"),
    "gutter wider than the page": ("gutter: 1.5字", "gutter: 500mm",
                                   "the 7 gutters of 500mm take 3500 mm"),
    "margins wider than the page": ("left: 20.375mm, right: 20.375mm",
                                    "left: 300mm, right: 300mm",
                                    "left and right margins leave 0.0 mm"),
    "a thousand columns": ("columns: 8 ", "columns: 1000 ", "1000 columns"),
    "a row height not a number": ("    height: 90mm\n", "    height: .nan\n", "not .nan"),
    "no columns": ("columns: 8 ", "columns: 0 ", "at least one column"),
    "negative bleed": ("bleed: 3mm", "bleed: -3mm", "the bleed must be at least 0"),
    "unit in 字": ("unit: 小四", "unit: 1字", "cannot itself be written in 字"),
    "unit of nothing": ("unit: 小四", "unit: 0pt", "the grid's unit must be at least 2 pt"),
    "5号 for 五号": ("unit: 小四", "unit: 5号", "did you mean 五号?"),
    "a length in furlongs": ("bleed: 3mm", "bleed: 3furlongs", "is not a length"),
    "a spread of odd columns": ("20.375mm}\n\ngrid:\n  columns: 8 ",
                                "20.375mm}\n  pages: 2\n\ngrid:\n  columns: 7 ",
                                "a spread folds after half its columns", "@columns: 7"),
    "text across a spread's fold": ("  bleed: 3mm", "  bleed: 3mm\n  pages: 2",
                                    "text column 2 of 3 in this text region (columns 1-8) "
                                    "crosses the fold", "@{kind: text, columns: 1-8"),
    # styles
    "negative type size": ("body:           {font: song, size: 小四",
                           "body:           {font: song, size: -3pt",
                           "style 'body': size must be at least 2 pt"),
    "no leading": ("leading: 1.55, indent: 2}\n  section", "leading: 0, indent: 2}\n  section",
                   "style 'body': leading must be at least 0.5"),
    "no horizontal scale": ("lead:           {font: kai, size: 四号,",
                            "lead:           {font: kai, size: 四号, scale: 0,",
                            "style 'lead': scale"),
    "a style's font role is missing": ("kicker:         {font: kai,", "kicker:         {font: kia,",
                                       "font role 'kia'", "did you mean 'kai'?"),
    "a style's colour is missing": ("colour: cream, align: centre}",
                                    "colour: creme, align: centre}",
                                    "colour 'creme', which is not in the palette",
                                    "did you mean 'cream'?"),
    "a misspelt alignment": ("colour: cream, align: centre}", "colour: cream, align: center}",
                             "did you mean 'centre'?"),
    "a font role with no file": ("hei: [{file:", "hei: []\n  hei2: [{file:",
                                 "font role 'hei' lists no font file"),
    # colours
    "CMYK as fractions": ("red:   {cmyk: [0, 100, 100, 10]", "red:   {cmyk: [0, 1.0, 1.0, 0.1]",
                          "reads as fractions of 1", "cmyk: [0, 100, 100, 10]"),
    "CMYK over 100": ("red:   {cmyk: [0, 100, 100, 10]", "red:   {cmyk: [0, 150, 100, 10]",
                      "CMYK values are percentages 0–100, not 150"),
    "RGB over 255": ("rgb: [200, 22, 30]", "rgb: [300, 22, 30]", "RGB values are 0–255"),
    "a four-colour black past newsprint's ink": (
        "red:   {cmyk: [0, 100, 100, 10]", "red:   {cmyk: [100, 100, 100, 100]",
        "is 400% total ink, above the print limit of 240%", "C60 M40 Y40 K100"),
    "three CMYK values": ("red:   {cmyk: [0, 100, 100, 10]", "red:   {cmyk: [0, 100, 100]",
                          "expected 4 values, found 3"),
    "no rule at all": ("  fine: 1pt", "  fine: 0pt", "the fine rule must be more than 0"),
    # region options
    "pictogrm": ("options: {pictogram: medal,", "options: {pictogrm: medal,",
                 "unknown key 'pictogrm' in the options of a section region",
                 "did you mean 'pictogram'?"),
    "fil": ("options: {pictogram: shield, fill: space}",
            "options: {pictogram: shield, fil: space}", "unknown key 'fil'",
            "did you mean 'fill'?"),
    "an unknown pictogram": ("options: {pictogram: heart,", "options: {pictogram: haert,",
                             "did you mean 'heart'?"),
    "an option colour not in the palette": ("options: {field: red, accent: gold, folio: folio",
                                            "options: {field: rde, accent: gold, folio: folio",
                                            "colour 'rde'", "did you mean 'red'?"),
    "an option style not defined": ("options: {field: red, accent: gold, folio: folio",
                                    "options: {field: red, headline_style: headlin, folio: folio",
                                    "style 'headlin'", "did you mean 'headline'?"),
    "an option of the wrong type": ("content: honour_roll, options: {fill: space}}",
                                    "content: honour_roll, options: {max_space: lots}}",
                                    "expected a whole number, found 'lots'"),
    "an option out of range": ("content: honour_roll, options: {fill: space}}",
                               "content: honour_roll, options: {max_space: 40}}",
                               "max_space: 40 must be between 0 and 10"),
    "an option where none is taken": ("{kind: credits, columns: 1-8}",
                                      "{kind: credits, columns: 1-8, options: {size: 9}}",
                                      "unknown key 'size' in the options of a folio or credits"),
    # rows and regions
    "rows taller than the page": ("    height: 90mm", "    height: 500mm",
                                  "the rows' fixed heights and spaces come to 523.0 mm",
                                  "the type area is 513.0 mm tall"),
    "a row taller than the type area": ("    height: 90mm", "    height: 900mm",
                                        "row 'banner': height must be at least 0 mm and at "
                                        "most 513 mm"),
    "overlapping regions": ('{kind: section, columns: 6-8, content: "sections[1]"',
                            '{kind: section, columns: 5-8, content: "sections[1]"',
                            "columns 5-8 overlap columns 1-5"),
    "columns outside the grid": ("{kind: credits, columns: 1-8}", "{kind: credits, columns: 0-9}",
                                 "columns '0-9' are not a span of the grid's 8 columns"),
    "a split narrower than a character": ("content: lead, style: lead, split: 3}",
                                          "content: lead, style: lead, split: 90}",
                                          "split 90 leaves"),
    "a region without columns": ("{kind: credits, columns: 1-8}", "{kind: credits}",
                                 "a region of a row needs its columns"),
    "a region with an unknown kind": ("{kind: credits, columns: 1-8}",
                                      "{kind: credit, columns: 1-8}", "did you mean 'credits'?"),
    "follows nothing": ("{kind: credits, columns: 1-8}",
                        "{kind: credits, columns: 1-8, follows: lede}",
                        "follows: no region is named 'lede'"),
    "two regions of one name": ("{kind: credits, columns: 1-8}",
                                "{kind: credits, columns: 1-4, name: a}\n"
                                "      - {kind: folio, columns: 5-8, name: a}",
                                "two regions are named 'a'", "@{kind: folio, columns: 5-8"),
    "a crop that is no part of the picture": (
        "{kind: credits, columns: 1-8}",
        "{kind: picture, columns: 1-8, content: \"pictures[0]\", "
        "options: {fit: crop, crop: [0.8, 0, 0.2, 1]}}", "is not a part of the picture"),
    "an absurd proof resolution": ("{kind: credits, columns: 1-8}",
                                   "{kind: credits, columns: 1-8}\noutput:\n  proof: "
                                   "{resolution: 100000}", "the proof resolution must be",
                                   "@proof: {resolution"),
    # YAML itself
    "a tab inside a value": ("name: 画说工会这五年 · 对开纪念版", "name: 画说工会这五年\t对开纪念版",
                             "a tab character inside a value"),
    "a tab indenting": ("  bleed: 3mm", "\tbleed: 3mm", "a tab in the indentation"),
    "a key without its colon": ("  bleed: 3mm", "  bleed 3mm", "has no ':' after its key"),
    "a line dedented": ("  bleed: 3mm", " bleed: 3mm",
                        "this line is not indented like the lines above it"),
    "an unclosed bracket": ("size: [390mm, 545mm]", "size: [390mm, 545mm",
                            "a [ list is not closed on its line"),
    "an unclosed quote": ("name: 画说工会这五年 · 对开纪念版", 'name: "画说工会这五年 · 对开纪念版',
                          "a quoted text runs on from here"),
    "a duplicate key": ("  bleed: 3mm", "  bleed: 3mm\n  bleed: 5mm", "duplicate key 'bleed'",
                        "@bleed: 5mm"),
    "a merge key": ("  bleed: 3mm", "  <<: {bleed: 5mm}", "merge keys (<<) are not supported",
                    "write the keys out here"),
    "a python tag": ("  bleed: 3mm", "  bleed: !!python/object:os.system 3mm",
                     "spread knows no such tag"),
    # the hunt (5): PyYAML's constructors raised KeyError / AttributeError (exit 3)
    "a column count tagged !!bool": ("columns: 8 ", "columns: !!bool eight ",
                                     "'eight' is not a value of the tag !!bool",
                                     "delete the tag !!bool"),
    "a bleed tagged !!timestamp": ("  bleed: 3mm", "  bleed: !!timestamp 3mm",
                                   "'3mm' is not a value of the tag !!timestamp"),
    # repeats (issue 16): only a stack repeats a region, and one item above another
    "a repeat on a region that is no stack": (
        "{kind: text, columns: 1-8, content: lead, style: lead, split: 3}",
        "{kind: text, columns: 1-8, content: lead, style: lead, split: 3, "
        "repeat: {content: sections}}", "only a stack repeats its region", "hint:"),
    "a stack repeating items side by side": (
        "{kind: text, columns: 1-8, content: lead, style: lead, split: 3}",
        "{kind: stack, columns: 1-8, repeat: {content: sections, across: 2}, "
        "regions: [{kind: section}]}", "a stack sets its items one above another",
        "repeat a row"),
    "a control character": ("name: 画说工会这五年 · 对开纪念版", "name: 画说工会这五年\x07对开纪念版",
                            "control character U+0007"),
    # escapes in double quotes: text no file name, PDF string or report can hold
    "a NUL escape in a font's file name": ("hei: [{file: ", 'hei: [{file: "NotoSansSC\\0.ttf"}]\n'
                                           "  hei_old: [{file: ", "control character U+0000"),
    "a NUL escape in the profile's name": ("{kind: credits, columns: 1-8}",
                                           "{kind: credits, columns: 1-8}\noutput:\n  profile: "
                                           '"press\\0.icc"', "control character U+0000",
                                           "@profile:"),
    "a lone surrogate in the layout's name": ("name: 画说工会这五年 · 对开纪念版",
                                              'name: "画说\\ud800工会"', "lone surrogate U+D800"),
    "a lone surrogate in a key": ("  bleed: 3mm", '  "\\udc00bleed": 3mm',
                                  "lone surrogate U+DC00"),
    # a bleed far past its bound once made the proof check look for a place the layout
    # never wrote (no output: section) and loop
    "a bleed of metres": ("bleed: 3mm", "bleed: 3000mm", "at most 25 mm, not 3000mm"),
    # the hunt (2): options that did nothing, or something else than written, with exit 0
    "space_at without fill": ("options: {pictogram: shield, fill: space}",
                              "options: {pictogram: shield, space_at: paragraphs}",
                              "space_at says where fill: space adds its space, but this section "
                              "region does not fill", "add fill: space"),
    "max_space with fill: none": ("options: {pictogram: heart, fill: space}",
                                  "options: {pictogram: heart, fill: none, max_space: 4}",
                                  "max_space says where fill: space adds its space"),
    "a picture's most_cut above 1": (
        "{kind: credits, columns: 1-8}", "{kind: picture, columns: 1-8, content: \"pictures[0]\", "
        "options: {fit: fill, most_cut: 1.5}}", "most_cut: 1.5 must be between 0 and 1"),
    "a picture's most_cut below 0": (
        "{kind: credits, columns: 1-8}", "{kind: picture, columns: 1-8, content: \"pictures[0]\", "
        "options: {fit: fill, most_cut: -1}}", "most_cut: -1 must be between 0 and 1"),
    "a font with an empty file name": ("hei: [{file: ", 'hei: [{file: ""}]\n  hei_old: [{file: ',
                                       "font 1 of role 'hei' names no file"),
    # the hunt (3): numbers written as texts; font paths no file has
    "CMYK written with %": ("red:   {cmyk: [0, 100, 100, 10]", "red:   {cmyk: [0%, 100%, 100%, 10%]",
                            "write the number alone, without %: 0"),
    "a column count in quotes": ("columns: 8 ", "columns: '8' ",
                                 "write the number without quotes: 8"),
    "a font on the web": ("hei: [{file: ", "hei: [{file: https://example.com/hei.ttf}]\n"
                          "  hei_old: [{file: ", "spread reads fonts from files, not from the web"),
    "a font in the home folder": ("hei: [{file: ", "hei: [{file: ~/fonts/hei.ttf}]\n"
                                  "  hei_old: [{file: ", "~ (the home folder) is not read in a "
                                                         "layout"),
    # the hunt (6): units in Chinese, full-width figures, a decimal comma: «is not a length»
    # and no word of what was meant
    "a bleed in 毫米": ("bleed: 3mm", "bleed: 3毫米", "'3毫米' is not a length",
                        "did you mean 3mm?"),
    "a gutter with a decimal comma": ("gutter: 1.5字", "gutter: 1,5字", "did you mean 1.5字?"),
    "a page width in full-width figures": ("size: [390mm, 545mm]", "size: [３９０ｍｍ, 545mm]",
                                           "did you mean 390mm?"),
    # round 7: numbers YAML 1.1 reads otherwise than written (base 60, octal), one it read as
    # no number (1e308: «expected a number»), a sum (no hint)
    "a bleed of 1:30 (YAML 1.1's base 60)": ("bleed: 3mm", "bleed: 1:30",
                                             "'1:30' is not a length",
                                             "YAML 1.1 reads 1:30 as the base-60 (sexagesimal) "
                                             "number 90"),
    "a leading of 1:30": ("leading: 1.55, indent: 2}\n  section",
                          "leading: 1:30, indent: 2}\n  section",
                          "expected a number, found '1:30'", "base-60 (sexagesimal) number 90"),
    "a leading of 1e308": ("leading: 1.55, indent: 2}\n  section",
                           "leading: 1e308, indent: 2}\n  section",
                           "style 'body': leading must be at least 0.5 and at most 5, not 1e+308"),
    "a column count in exponent notation": ("columns: 8 ", "columns: 8e0 ",
                                            "write it out as a whole number: 8"),
    "a column count as a sum": ("columns: 8 ", "columns: 8-1 ",
                                "not calculated: write the result, 7"),
    "a column count with a leading 0": ("columns: 8 ", "columns: 010 ",
                                        "reads 010, with its leading 0, as the octal number 8"),
    # round 7: a key in full-width letters had no hint but the list of keys
    "a key in full-width letters": ("  bleed: 3mm", "  ｂｌｅｅｄ: 3mm",
                                    "typed in full-width letters or spaces: write bleed in half "
                                    "width"),
    # and a second document, an alias of no anchor: PyYAML's words and «check quoting»
    "a second document": ("  bleed: 3mm", "  bleed: 3mm\n---\nname: x",
                          "a second document starts here (a line of ---)", "@---"),
    "an alias of no anchor": ("bleed: 3mm", "bleed: *three",
                              "*three is an alias, and no anchor &three is written before it",
                              '"*three"'),
}


def _line_of(text: str, piece: str) -> int:
    return text[: text.index(piece)].count("\n") + 1


@pytest.fixture(scope="module")
def edition(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    shutil.copy(CONTENT, folder / "content.yaml")
    return folder


def test_every_case_breaks_the_layout_it_edits():
    """The corpus stays honest: each replaced text is in the default layout, once."""
    for name, (old, _, _, *_) in LAYOUT_CASES.items():
        assert BASE.count(old) == 1, name


@pytest.mark.parametrize("name", LAYOUT_CASES)
def test_a_broken_layout_is_refused_where_it_is_broken(edition, name):
    old, new, *says = LAYOUT_CASES[name]
    text = BASE.replace(old, new, 1)
    layout = edition / f"{re.sub(r'[^a-z0-9]+', '-', name)}.yaml"
    layout.write_text(text, encoding="utf-8")
    marker = next((w[1:] for w in says if w.startswith("@")), new)
    says = [w for w in says if not w.startswith("@")]
    line = _line_of(text, marker)
    build = spread("build", "content.yaml", "--layout", layout, "-o", "out",
                   "--rendition", "print", cwd=edition)
    assert_refused(build, layout, line, *says)
    assert " nan" not in build.text  # no second finding measured from the bad number
    assert not (edition / "out" / "content.print.pdf").exists()
    check = spread("check", layout, cwd=edition)  # check LAYOUT runs the same validation
    assert_refused(check, layout, line, *says)
    assert "the layout validates" not in check.text


@pytest.mark.parametrize("gutter", ["-1字", ".inf"])
def test_a_gutter_out_of_range_is_no_fault_of_a_fold_gutter_never_written(edition, gutter):
    """A page of one sheet has no fold: a gutter of -1字 was also refused as «the fold gutter
    must be at least 0 mm», at the grid's line, first of the two messages."""
    text = BASE.replace("gutter: 1.5字", f"gutter: {gutter}", 1)
    layout = edition / "gutter.yaml"
    layout.write_text(text, encoding="utf-8")
    run = spread("check", layout, cwd=edition)
    assert_refused(run, layout, _line_of(text, f"gutter: {gutter}"),
                   f"the gutter must be at least 0 mm and at most 5080 mm, not {gutter}")
    assert "fold" not in run.text, run.text


def test_the_layout_format_takes_exactly_the_kinds_layout_sets():
    """A region's `kind` (template.RegionKind, which the schema and its messages offer) is
    derived from the kinds' options, and layout.kinds refuses to load unless it sets each of
    them: a kind cannot be added to one and forgotten in the other."""
    from typing import get_args, get_type_hints

    from spread.layout.kinds import KINDS
    from spread.template import OPTIONS, Region

    named = get_args(get_type_hints(Region)["kind"])
    assert set(named) == set(OPTIONS) == set(KINDS)


def test_check_layout_reports_every_finding_at_once(edition):
    text = BASE
    for old, new in (("bleed: 3mm", "bleed: -3mm"), ("rgb: [200, 22, 30]", "rgb: [300, 22, 30]"),
                     ("options: {pictogram: heart,", "options: {pictogram: heart, bar: rde,")):
        text = text.replace(old, new, 1)
    layout = edition / "three-faults.yaml"
    layout.write_text(text, encoding="utf-8")
    run = spread("--json", "check", layout, cwd=edition)
    assert run.code == 2, run.text
    error = json.loads(run.out)["error"]
    found = [(e["line"], e["message"]) for e in error["errors"]]
    assert [line for line, _ in found] == sorted(
        _line_of(text, piece) for piece in ("bleed: -3mm", "rgb: [300", "bar: rde"))
    assert all(e["file"] == str(layout) and e["column"] > 0 for e in error["errors"])
    assert (error["line"], error["message"]) == found[0]


def test_a_json_build_error_carries_file_line_and_column(edition):
    text = BASE.replace("options: {pictogram: medal,", "options: {pictogrm: medal,", 1)
    layout = edition / "json.yaml"
    layout.write_text(text, encoding="utf-8")
    run = spread("--json", "build", "content.yaml", "--layout", layout, "-o", "out",
                 cwd=edition)
    error = json.loads(run.out)["error"]
    assert run.code == 2
    assert (error["file"], error["line"]) == (str(layout), _line_of(text, "pictogrm"))
    assert error["column"] == text.splitlines()[error["line"] - 1].index("pictogrm") + 1
    assert error["hint"] == "did you mean 'pictogram'?"


# -- one content item placed by two regions (it would be printed twice) ---------------------

CREDITS = "{kind: credits, columns: 1-8}"
TWICE_CASES = {
    "a section set by two section regions": (
        '{kind: section, columns: 5-8, content: "sections[1]"}', "sections[1]",
        'rows[1].regions[1]', '@content: "sections[1]", split: 2'),
    "a section's chart set again by a chart region": (
        '{kind: chart, columns: 5-8, content: "charts[0]"}', "charts[0]",
        '@chart: "charts[0]"'),
    "a text region over a part of a section region's section": (
        '{kind: text, columns: 5-8, content: "sections[4].intro", style: body}',
        "sections[4].intro", "as part of sections[4]", '@content: "sections[4]", split: 3'),
    "the page's headline in the banner and a headline region": (
        "{kind: headline, columns: 5-8, options: {subhead_style: headline}}", "headline",
        "@kind: banner"),
}


@pytest.mark.parametrize("name", TWICE_CASES)
def test_a_content_item_placed_by_two_regions_is_refused_naming_both(edition, name):
    region, item, *says = TWICE_CASES[name]
    text = BASE.replace(CREDITS, "{kind: credits, columns: 1-4}\n      - " + region, 1)
    layout = edition / f"twice-{re.sub(r'[^a-z0-9]+', '-', name)}.yaml"
    layout.write_text(text, encoding="utf-8")
    first = next(w[1:] for w in says if w.startswith("@"))
    run = spread("build", "content.yaml", "--layout", layout, "-o", "out",
                 "--rendition", "print", cwd=edition)
    assert_refused(run, layout, _line_of(text, region), f"places {item}",
                   f"{layout}:{_line_of(text, first)}:", "printed twice", "hint:",
                   *(w for w in says if not w.startswith("@") and "[" not in w))


def test_a_story_without_its_head_beside_a_headline_region_is_no_double():
    """`head: false` leaves a story's head to a headline region, as the news layout does
    for its lead story: each part is set once, so it binds."""
    from spread import content as content_mod, repeat, template
    from spread.validate import _regions, bind

    layout_path = ROOT / "layout" / "news.yaml"
    content = content_mod.load(str(ROOT / "layout" / "news" / "content.yaml"))
    layout = repeat.expand(template.load(str(layout_path)), content)
    kinds = {(r.kind, r.content, r.options.get("head", True)) for r in _regions(layout)}
    assert {("headline", "", True), ("story", "", False)} <= kinds
    bind(content, layout, str(layout_path))


# -- YAML made to exhaust the reader -------------------------------------------------------

def _alias_bomb() -> str:
    lines = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    return "\n".join(lines) + "\n"


READER_CASES = {
    "an alias bomb": (_alias_bomb(), "more than 50000 values"),
    "nesting a thousand deep": ("a: " + "[" * 1000 + "]" * 1000 + "\n", "nesting deeper"),
    "binary garbage": (None, "not UTF-8 text"),
    "NUL bytes": ("name: x\x00y\n", "NUL bytes"),
    "a list, not a layout": ("- name: x\n- rows: []\n", "expected a mapping"),
    "an empty file": ("", "missing required key 'name'"),
}


@pytest.mark.parametrize("name", READER_CASES)
def test_yaml_made_to_exhaust_the_reader_is_refused(edition, name):
    text, says = READER_CASES[name]
    layout = edition / f"{re.sub(r'[^a-z0-9]+', '-', name)}.yaml"
    if text is None:
        layout.write_bytes(b"name: \xff\xfe\x00\x9c" + bytes(range(256)) * 40)
    else:
        layout.write_text(text, encoding="utf-8")
    run = spread("build", "content.yaml", "--layout", layout, "-o", "out", cwd=edition)
    assert_refused(run, layout, None, says)


# -- picture cases: a content file whose picture is not a picture --------------------------

def _jpeg(size=(1200, 800)) -> bytes:
    buf = io.BytesIO()
    Image.radial_gradient("L").resize(size).convert("RGB").save(buf, "JPEG", quality=90)
    return buf.getvalue()


def _png(size) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buf, "PNG")
    return buf.getvalue()


def _with_profile(mode: str, icc: bytes, fmt: str = "JPEG"):
    """A picture of `mode` that embeds the ICC profile `icc`, whatever it describes."""
    def make(path: Path) -> None:
        Image.new(mode, (1200, 800), (0, 80, 0, 0)[:len(mode)] if mode != "L" else 90).save(
            path, fmt, icc_profile=icc)
    return make


def _srgb() -> bytes:
    from PIL import ImageCms

    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def _cmyk_profile() -> bytes:
    from test_pictures import k_only_profile

    return k_only_profile()


def _pages(path: Path, fmt: str, count: int) -> None:
    """A file of `count` pictures (pages of a TIFF, frames of an animated PNG)."""
    pages = [Image.new("RGB", (1200, 800), (40 * k, 200, 0)) for k in range(count)]
    pages[0].save(path, fmt, save_all=True, append_images=pages[1:])


def _jpeg_of_size(path: Path, width: int, height: int) -> None:
    """A small JPEG whose frame header claims width × height."""
    buf = io.BytesIO()
    Image.new("RGB", (16, 16)).save(buf, "JPEG")
    data = bytearray(buf.getvalue())
    struct.pack_into(">HH", data, data.index(b"\xff\xc0") + 5, height, width)
    path.write_bytes(bytes(data))


def _relabelled(icc: bytes, at: int, value: bytes) -> bytes:
    return icc[:at] + value + icc[at + len(value):]


# name: (file name in the content, how to make it (or None), words, exit code)
PICTURE_CASES = {
    # an embedded profile that contradicts the pixels: once built, colours read wrongly
    "a CMYK JPEG with an sRGB profile": ("cmyk.jpg", lambda p: _with_profile("CMYK", _srgb())(p),
                                        "is CMYK but embeds an ICC profile for RGB colour", 2),
    "an RGB JPEG with a CMYK profile": ("rgb.jpg",
                                        lambda p: _with_profile("RGB", _cmyk_profile())(p),
                                        "is RGB but embeds an ICC profile for CMYK colour", 2),
    "a grey JPEG with an RGB profile": ("grey.jpg", lambda p: _with_profile("L", _srgb())(p),
                                        "is grey but embeds an ICC profile for RGB colour", 2),
    "an RGB PNG with a truncated profile": (
        "cut.png", lambda p: _with_profile("RGB", _srgb()[:100], "PNG")(p),
        "embeds a damaged ICC profile", 2),
    "an RGB JPEG with a device-link profile": (
        "link.jpg", lambda p: _with_profile("RGB", _relabelled(_srgb(), 12, b"link"))(p),
        "of class 'link'", 2),
    # the hunt: pixels whose numbers are no RGB, grey or CMYK (a Lab black came out blue,
    # floats of 0–1 black), a bomb of the size the brief names, files that are no picture
    "a Lab TIFF": ("lab.tif", lambda p: Image.new("LAB", (1200, 800)).save(p, "TIFF"),
                   "is in Lab colour", 2),
    "a TIFF of 32-bit floats": ("float.tif",
                                lambda p: Image.new("F", (1200, 800), 0.5).save(p, "TIFF"),
                                "of 32-bit floating-point samples", 2),
    "a 30 000 × 30 000 PNG header": ("bomb.png", lambda p: png_bomb(p, 30_000, 30_000),
                                     "declares more pixels", 2),
    "a PNG 0 pixels wide": ("zero.png", lambda p: png_bomb(p, 0, 100),
                            "is a PNG file whose header does not read", 2),
    "a GIF named .png": ("anim.png", lambda p: Image.new("P", (1200, 800)).save(p, "GIF"),
                         "not a JPEG, PNG or TIFF", 2),
    "an RGB JPEG whose profile's tables are garbage": (
        "garbage.jpg", lambda p: _with_profile("RGB", _srgb()[:132] + bytes(456))(p),
        "embeds an ICC profile that does not read", 2),
    "a folder": ("photos.jpg", lambda p: p.mkdir(), "is a folder", 2),
    "a truncated JPEG": ("cut.jpg", lambda p: p.write_bytes(_jpeg()[:9000]),
                         "damaged or incomplete", 2),
    "a text file named .png": ("notes.png", lambda p: p.write_text("a caption, not a picture"),
                               "not a JPEG, PNG or TIFF", 2),
    "an empty file": ("empty.jpg", lambda p: p.write_bytes(b""), "an empty file", 2),
    "a PNG cut after its header": ("header.png", lambda p: p.write_bytes(_png((300, 200))[:60]),
                                   "damaged or incomplete", 2),
    "a one-pixel picture in print": ("dot.png", lambda p: p.write_bytes(_png((1, 1))),
                                     "below the 170 ppi minimum for print", 2),
    "a decompression bomb": ("bomb.png", lambda p: png_bomb(p, 100_000, 100_000),
                             "declares more pixels", 2),
    "a path out of the edition": ("../outside.jpg",
                                  lambda p: p.write_bytes(_jpeg()), "outside the content", 2),
    "an absolute path elsewhere": ("/etc/passwd", None, "outside the content", 2),
    "a named pipe": ("pipe.jpg", lambda p: os.mkfifo(p), "not a regular file", 2),
    "a missing picture in print": ("gone.jpg", None, "is missing", 2),
    # the hunt (6): a name beside it in other capitals or with .jpeg was not offered
    "a picture named in other capitals": ("Photo.JPG", lambda p: p.with_name("photo.jpg")
                                          .write_bytes(_jpeg()), "did you mean photo.jpg?", 2),
    "a link to itself": ("loop.jpg", lambda p: p.symlink_to(p.name), "is missing", 2),
    # the hunt (2): files that are no picture, named for what they are; paths no file has
    "a phone's HEIC photo": ("IMG_0001.jpg", lambda p: p.write_bytes(
        b"\0\0\0\x18ftypheic\0\0\0\0mif1heic" + bytes(400)), "is a HEIC/AVIF photo", 2),
    "a WebP named .jpg": ("web.jpg", lambda p: Image.new("RGB", (1200, 800)).save(p, "WEBP"),
                          "is a WebP picture, not a JPEG, PNG or TIFF file", 2),
    "a PDF as a picture": ("chart.pdf", lambda p: p.write_bytes(b"%PDF-1.4\n%%EOF\n"),
                           "is a PDF file", 2),
    "an SVG named .png": ("logo.png", lambda p: p.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"/>'), "an XML or SVG", 2),
    "a JPEG 0 pixels tall": ("flat.jpg", lambda p: _jpeg_of_size(p, 1200, 0),
                             "is a JPEG file whose header does not read", 2),
    "a JPEG header of 65 000 × 65 000": ("huge.jpg", lambda p: _jpeg_of_size(p, 65000, 65000),
                                         "declares more pixels", 2),
    "an address on the web": ("https://example.com/lead.jpg", None, "not from the web", 2),
    "a path in the home folder": ("~/photos/lead.jpg", None, "~ (the home folder) is not read",
                                  2),
    "a path with backslashes": ("photos\\lead.jpg", None, "write / between folders", 2),
    # more than one picture in a file: the first page or frame printed, silently
    "a multi-page TIFF": ("scan.tif", lambda p: _pages(p, "TIFF", 3),
                          "holds 3 pages (a multi-page TIFF); spread would print the first", 2),
    "an animated PNG": ("anim.png", lambda p: _pages(p, "PNG", 2),
                        "holds 2 frames (an animated PNG)", 2),
    # the hunt (3): damage past the header, a link leading out
    "a PNG whose header's checksum fails": ("crc.png", lambda p: p.write_bytes(
        _flipped(_png((1200, 800)), 29)), "is a PNG file whose header does not read", 2),
    "a JPEG damaged in its middle": ("mid.jpg", lambda p: p.write_bytes(_scrambled(_jpeg())),
                                     "damaged or incomplete", 2),
    "a PNG whose compressed pixels are damaged": (
        "zlib.png", lambda p: p.write_bytes(_scrambled(_gradient_png(), after=b"IDAT")),
        "damaged or incomplete", 2),
    "a link to a picture outside the edition": (
        "link.jpg", lambda p: p.symlink_to(_outside(p, _jpeg())),
        "is outside the content file's folder", 2),
    # the hunt (5): 32-bit integer grey was scaled as if 16-bit (printed white, exit 0); a
    # text chunk that inflates past Pillow's bound
    "a TIFF of 32-bit integers": ("int.tif", lambda p: Image.new("I", (1200, 800), 70000)
                                  .save(p, "TIFF"), "of 32-bit integer samples", 2),
    "a PNG whose text chunk is a decompression bomb": (
        "ztxt.png", lambda p: p.write_bytes(_png_with_chunk(
            b"zTXt", b"note\0\0" + zlib.compress(b"a" * 2_000_000))),
        "holds a note or colour profile that unpacks to more than spread reads safely", 2),
    # round 7: a strip was set in its own proportions, a frame 0.01 mm tall, exit 0 (or its
    # page 7.8 km too long); a link to nothing was named by the file it led to
    "a strip of 60 000 × 2 pixels": ("strip.png", lambda p: Image.new("L", (60_000, 2))
                                     .save(p, "PNG"), "30000 times as wide as it is tall", 2),
    "a strip of 1 × 65 000 pixels": ("strip.png", lambda p: Image.new("L", (1, 65_000))
                                     .save(p, "PNG"), "spread sets pictures up to 20 times", 2),
    "a link to nothing in the edition": ("photo.jpg", lambda p: p.symlink_to("gone.jpg"),
                                         "it is a symbolic link to gone.jpg, which does not "
                                         "lead to a file", 2),
    "a link to nothing outside": ("photo.jpg", lambda p: p.symlink_to("/nonexistent/p.jpg"),
                                  "it is a symbolic link to /nonexistent/p.jpg", 2),
}


def _png_with_chunk(kind: bytes, data: bytes) -> bytes:
    """A good 1200 × 800 PNG with one more chunk before its pixels."""
    png = _png((1200, 800))
    at = png.index(b"IDAT") - 4
    chunk = (struct.pack(">I", len(data)) + kind + data
             + struct.pack(">I", zlib.crc32(kind + data)))
    return png[:at] + chunk + png[at:]


def _two_pictures(path: Path) -> None:
    """A JPEG carrying a second picture after its own (MPF): a phone's gain map or depth
    map, a stereo camera's other eye. Pillow opens it as MPO of two frames."""
    red, green = Image.new("RGB", (1200, 800), (200, 10, 10)), Image.new("RGB", (600, 400),
                                                                          (10, 200, 10))
    red.save(path, "MPO", save_all=True, append_images=[green])


def _flipped(data: bytes, at: int) -> bytes:
    return data[:at] + bytes([data[at] ^ 0xFF]) + data[at + 1:]


def _scrambled(data: bytes, after: bytes = b"") -> bytes:
    """The bytes with 200 of them garbled, every seventh a marker byte (0xFF): halfway
    through, or 200 bytes after `after`. (Garbled bytes alone may decode, to garbled
    pixels, as any viewer shows them: nothing says what the picture was.)"""
    start = data.index(after) + 200 if after else len(data) // 2
    garbled = bytes(0xFF if k % 7 == 0 else b ^ 0x55
                    for k, b in enumerate(data[start:start + 200], start))
    return data[:start] + garbled + data[start + 200:]


def _gradient_png() -> bytes:
    buf = io.BytesIO()
    Image.radial_gradient("L").resize((1200, 800)).convert("RGB").save(buf, "PNG")
    return buf.getvalue()


def _outside(path: Path, data: bytes) -> Path:
    """A file of `data` beside the edition's folder, not in it."""
    target = path.parent.parent / "outside.jpg"
    target.write_bytes(data)
    return target

PICTURE_LAYOUT = BASE.split("rows:")[0] + """
  caption: {font: kai, size: 五号, leading: 1.5, align: start}
  credit:  {font: song, size: 六号, leading: 1.4, align: start}
rows:
  - name: banner
    height: 90mm
    regions: [{kind: banner, columns: 1-8}]
  - name: picture
    regions: [{kind: picture, columns: 1-4, content: "pictures[0]"}]
"""



def _picture_page(folder: Path, file: str) -> None:
    """The one-picture edition the picture cases build: PICTURE_LAYOUT and a content file
    showing `file`."""
    (folder / "layout.yaml").write_text(PICTURE_LAYOUT, encoding="utf-8")
    (folder / "content.yaml").write_text(
        f"headline: 图片\npictures:\n  - file: {file}\n    caption: 说明\n", encoding="utf-8")


def _archived_picture(folder: Path, renditions: str) -> Image.Image:
    """Build the one-picture edition in `folder` (exit 0) and read its picture back from the
    archive file, in RGB."""
    import pikepdf

    run = spread("build", "content.yaml", "--layout", "layout.yaml", "-o", "out",
                 "--rendition", renditions, cwd=folder)
    assert run.code == 0, run.text
    with pikepdf.open(folder / "out" / "content.archive.pdf") as pdf:
        image = next(iter(pdf.pages[0].get_images().values()))
        return pikepdf.PdfImage(image).as_pil_image().convert("RGB")


@pytest.mark.parametrize("name", PICTURE_CASES)
def test_a_picture_that_is_no_picture_is_refused_at_its_content_line(tmp_path, name):
    file, make, says, code = PICTURE_CASES[name]
    folder = tmp_path / "edition"
    folder.mkdir()
    if make:
        make(folder / file)
    _picture_page(folder, file)
    run = spread("build", "content.yaml", "--layout", "layout.yaml", "-o", "out",
                 "--rendition", "print", cwd=folder)
    assert_refused(run, "content.yaml", 3, says, code=code)
    assert not (folder / "out" / "content.print.pdf").exists()


def test_the_picture_layout_builds_with_a_good_picture(tmp_path):
    """The picture cases fail for their picture alone: the same files with a good one build."""
    (tmp_path / "photo.jpg").write_bytes(_jpeg((2000, 1400)))
    _picture_page(tmp_path, "photo.jpg")
    run = spread("build", "content.yaml", "--layout", "layout.yaml", "-o", "out",
                 "--rendition", "print", cwd=tmp_path)
    assert run.code == 0, run.text


def _png16(path: Path, alpha: bool) -> None:
    """A 16-bit RGB(A) PNG of one colour, (0x8000, 0x4000, 0x2000) at half opacity."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))

    pixel = b"\x80\x00\x40\x00\x20\x00" + (b"\x80\x00" if alpha else b"")
    rows = b"".join(b"\0" + pixel * 1200 for _ in range(800))
    header = struct.pack(">IIBBBBB", 1200, 800, 16, 6 if alpha else 2, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
                     + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def _palette_with_transparency(path: Path) -> None:
    im = Image.new("P", (1200, 800), 1)
    im.putpalette([255, 0, 0, 0, 255, 0] + [0] * 762)
    im.save(path, "PNG", transparency=1)  # the whole picture is the transparent entry


def _palette_tiff(path: Path) -> None:
    im = Image.new("P", (1200, 800), 1)
    im.putpalette([255, 0, 0, 0, 200, 0] + [0] * 762)
    im.save(path, "TIFF")


def _v4_profile(path: Path) -> None:
    icc = bytearray(_srgb())
    icc[8:10] = b"\x04\x30"  # version 4.3: LittleCMS reads either
    Image.new("RGB", (1200, 800), (20, 120, 200)).save(path, "JPEG", icc_profile=bytes(icc))


# pictures of the odd kinds the hunt tried that spread takes: (file, how to make it, the RGB
# the archive must show at the centre) — printed in the colour they are, never silently other
GOOD_ODD_PICTURES = {
    "a 16-bit RGB PNG": ("deep.png", lambda p: _png16(p, False), (128, 64, 32)),
    "a 16-bit RGBA PNG, half transparent": ("deepa.png", lambda p: _png16(p, True),
                                            (191, 159, 143)),
    "a palette PNG, its colour transparent": ("pal.png", _palette_with_transparency,
                                              (255, 255, 255)),
    "a grey PNG with alpha": ("la.png", lambda p: Image.new("LA", (1200, 800), (128, 200))
                              .save(p, "PNG"), (155, 155, 155)),
    "a CMYK TIFF": ("cmyk.tif", lambda p: Image.new("CMYK", (1200, 800), (0, 128, 128, 0))
                    .save(p, "TIFF", compression="tiff_lzw"), (255, 127, 127)),
    "a JPEG with a version 4 profile": ("v4.jpg", _v4_profile, (20, 120, 200)),
    # the hunt (3)
    "a CMYK JPEG": ("cmyk.jpg", lambda p: Image.new("CMYK", (1200, 800), (0, 255, 255, 0))
                    .save(p, "JPEG"), (255, 0, 0)),
    "a 1-bit PNG": ("bits.png", lambda p: Image.new("1", (1200, 800), 1).save(p, "PNG"),
                    (255, 255, 255)),
    "a 16-bit grey PNG": ("grey16.png", lambda p: Image.new("I;16", (1200, 800), 30000)
                          .save(p, "PNG"), (117, 117, 117)),
    "a TIFF compressed as JPEG": ("jpeg.tif", lambda p: Image.new("RGB", (1200, 800),
                                                                  (20, 120, 200))
                                  .save(p, "TIFF", compression="jpeg"), (20, 120, 200)),
    "a half-transparent RGBA TIFF": ("rgba.tif", lambda p: Image.new(
        "RGBA", (1200, 800), (20, 120, 200, 128)).save(p, "TIFF"), (137, 187, 227)),
    "a PNG with bytes after its end": ("tail.png", lambda p: p.write_bytes(
        _png((1200, 800)) + bytes(range(256)) * 20), (200, 30, 30)),
    "a link to a picture in the edition": ("link.jpg", lambda p: (
        p.with_name("real.jpg").write_bytes(_jpeg()), p.symlink_to("real.jpg")), (0, 0, 0)),
    # the hunt (5): a phone's photo with a gain map was refused as «an animated MPO»
    "a JPEG carrying a second picture (MPO)": ("phone.jpg", _two_pictures, (200, 10, 10)),
    "a progressive JPEG": ("prog.jpg", lambda p: Image.new("RGB", (1200, 800), (20, 120, 200))
                           .save(p, "JPEG", progressive=True), (20, 120, 200)),
    "a palette TIFF": ("pal.tif", lambda p: _palette_tiff(p), (0, 200, 0)),
    "a 1-bit TIFF, fax-compressed": ("fax.tif", lambda p: Image.new("1", (1200, 800), 0).save(
        p, "TIFF", compression="group4"), (0, 0, 0)),
    # the hunt (6): an arithmetic-coded JPEG (libjpeg reads it; made by cjpeg -arithmetic)
    # was passed to the PDF writer as it was, which embedded a 24 × 23 speck of noise
    "an arithmetic-coded JPEG": ("arith.jpg", lambda p: shutil.copy(
        ROOT / "tests" / "data" / "pictures" / "arithmetic.jpg", p), (200, 10, 10)),
    "a JPEG with an EXIF orientation of 99": (
        "odd.jpg", lambda p: Image.new("RGB", (1200, 800), (200, 10, 10)).save(
            p, "JPEG", exif=b"Exif\0\0MM\0*\0\0\0\x08\0\x01\x01\x12\0\x03\0\0\0\x01\0c\0\0"
                          b"\0\0\0\0"), (200, 10, 10)),
}


@pytest.mark.parametrize("name", GOOD_ODD_PICTURES)
def test_an_odd_but_good_picture_prints_in_its_own_colours(tmp_path, name):
    file, make, rgb = GOOD_ODD_PICTURES[name]
    make(tmp_path / file)
    _picture_page(tmp_path, file)
    pixels = _archived_picture(tmp_path, "print,archive")
    centre = pixels.getpixel((pixels.width // 2, pixels.height // 2))
    assert all(abs(a - b) <= 3 for a, b in zip(centre, rgb)), centre


# EXIF whose second tag (ImageDescription, 65535 bytes) runs past the end of the file: Pillow
# skips it and prints «UserWarning: Tag data larger than file. Skipping tag 270», with its own
# source line, on the user's terminal
DAMAGED_EXIF = (b"Exif\0\0MM\0*\0\0\0\x08\0\x02\x01\x12\0\x03\0\0\0\x01\0\x01\0\0"
                b"\x01\x0e\0\x02\0\0\xff\xff\0\0\x01\x00\0\0\0\0")


def test_a_photo_with_damaged_exif_prints_without_a_library_s_warning(tmp_path):
    Image.new("RGB", (1200, 800), (200, 10, 10)).save(tmp_path / "exif.jpg", "JPEG",
                                                       exif=DAMAGED_EXIF)
    _picture_page(tmp_path, "exif.jpg")
    # a new process: pytest records the warnings of its own (and of a forked child)
    done = subprocess.run([sys.executable, "-m", "spread", "build", "content.yaml", "--layout",
                           "layout.yaml", "-o", "out"], cwd=tmp_path, capture_output=True,
                          text=True, timeout=WAIT_SECONDS)
    assert done.returncode == 0, done.stderr
    assert "Warning" not in done.stderr and "PIL" not in done.stderr, done.stderr


def test_the_console_command_itself_refuses_a_broken_layout(edition):
    """One case through `python -m spread` in a new process, as a user runs it."""
    layout = edition / "console.yaml"
    text = BASE.replace("gutter: 1.5字", "gutter: 500mm", 1)
    layout.write_text(text, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "spread", "build", "content.yaml", "--layout",
                           str(layout), "-o", "out"], cwd=edition, capture_output=True,
                          text=True, preexec_fn=lambda: resource.setrlimit(
                              resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS)))
    assert_refused(Run(done.returncode, done.stdout, done.stderr), layout,
                   _line_of(text, "gutter: 500mm"), "gutters of 500mm")


# -- the printer's ICC profile (`output: profile`) -------------------------------------------

def _icc(kind: bytes = b"prtr", space: bytes = b"CMYK", version: int = 2,
         tags: tuple[bytes, ...] = (b"desc", b"A2B0", b"B2A0", b"wtpt", b"cprt"),
         size: int | None = None) -> bytes:
    """An ICC profile's header and tag table, each tag 16 bytes of zeros: enough to be what
    the header says (spread reads the header and the table, never the colour tables)."""
    body = b"".join(tag + struct.pack(">II", 132 + 12 * len(tags) + 16 * i, 16)
                    for i, tag in enumerate(tags))
    length = 132 + len(body) + 16 * len(tags)
    header = (struct.pack(">I", size or length) + b"spre" + bytes((version, 0x10, 0, 0))
              + kind + space + b"Lab " + bytes(12) + b"acsp" + bytes(88))
    return header + struct.pack(">I", len(tags)) + body + bytes(16 * len(tags))


def _cut_short(data: bytes) -> bytes:
    """The profile less its last tag's bytes, its header's length mended to match."""
    return struct.pack(">I", len(data) - 16) + data[4:-16]


SRGB = Path(__import__("pikepdf").__file__).parent / "pdfa" / "data" / "sRGB.icc"
# name: (the file `profile:` names, how to make it, words the message must hold)
PROFILE_CASES = {
    "missing": ("press.icc", None, "cannot open the output profile"),
    "a folder": ("press.icc", lambda p: p.mkdir(), "not a regular file"),
    "/dev/zero": ("/dev/zero", None, "outside the edition folder"),
    "a device inside the edition": ("zero.icc", lambda p: p.symlink_to("/dev/zero"),
                                    "outside the edition folder"),
    "a named pipe": ("press.icc", lambda p: os.mkfifo(p), "not a regular file"),
    "too big": ("press.icc", lambda p: os.truncate(p, 33 * 2**20) if p.write_bytes(_icc())
                else None, "more than the 32 MB"),
    "not an ICC profile": ("press.icc", lambda p: p.write_bytes(b"%PDF-1.4\n" * 40),
                           "is not an ICC profile"),
    "a truncated profile": ("press.icc", lambda p: p.write_bytes(_icc()[:-20]),
                            "is damaged"),
    "an RGB display profile": ("srgb.icc", lambda p: shutil.copy(SRGB, p),
                               "is a display profile, not an output (printer) profile"),
    "an RGB output profile": ("rgb.icc", lambda p: p.write_bytes(_icc(space=b"RGB ")),
                              "describes RGB colour, not CMYK"),
    "a version 4 profile": ("v4.icc", lambda p: p.write_bytes(_icc(version=4)),
                            "reads version 2 profiles"),
    "no A2B0 table": ("bare.icc", lambda p: p.write_bytes(_icc(tags=(b"desc", b"cprt"))),
                      "has no A2B0"),
    "a tag past the end": ("press.icc", lambda p: p.write_bytes(_cut_short(_icc())),
                           "tag runs past the end of the file"),
    "a link to itself": ("press.icc", lambda p: p.symlink_to(p.name),
                         "Too many levels of symbolic links"),
}


def _profile_edition(folder: Path, name: str) -> Path:
    file, make, _ = PROFILE_CASES[name]
    folder.mkdir()
    shutil.copy(CONTENT, folder / "content.yaml")
    if make:
        make(folder / file)
    layout = folder / "layout.yaml"
    layout.write_text(BASE + f"\noutput:\n  profile: {file}\n", encoding="utf-8")
    return layout


@pytest.mark.parametrize("name", PROFILE_CASES)
def test_a_bad_output_profile_is_refused_at_its_layout_line(tmp_path, name):
    layout = _profile_edition(tmp_path / "edition", name)
    line = _line_of(layout.read_text(encoding="utf-8"), "  profile:")
    build = spread("build", "content.yaml", "--layout", "layout.yaml", "-o", "out",
                   "--rendition", "print", cwd=layout.parent)
    assert_refused(build, "layout.yaml", line, PROFILE_CASES[name][2])
    assert not (layout.parent / "out" / "content.print.pdf").exists()
    check = spread("check", "layout.yaml", cwd=layout.parent)  # check LAYOUT reads it too
    assert_refused(check, "layout.yaml", line, PROFILE_CASES[name][2])


def test_a_good_output_profile_is_embedded_in_the_output_intent(tmp_path):
    """The cases fail for their profile alone: a well-formed CMYK output profile builds, is
    embedded as the intent's DestOutputProfile and passes the print preflight."""
    import pikepdf

    folder = tmp_path / "edition"
    folder.mkdir()
    shutil.copy(CONTENT, folder / "content.yaml")
    (folder / "press.icc").write_bytes(_icc())
    (folder / "layout.yaml").write_text(BASE + "\noutput:\n  profile: press.icc\n",
                                        encoding="utf-8")
    run = spread("build", "content.yaml", "--layout", "layout.yaml", "-o", "out",
                 "--rendition", "print", cwd=folder)
    assert run.code == 0, run.text
    with pikepdf.open(folder / "out" / "content.print.pdf") as pdf:
        intent = pdf.Root.OutputIntents[0]
        assert intent.DestOutputProfile.read_bytes() == _icc()
        assert intent.DestOutputProfile.N == 4


def test_the_console_command_itself_refuses_a_bad_profile(tmp_path):
    """One profile case through `python -m spread` in a new process, as a user runs it."""
    layout = _profile_edition(tmp_path / "edition", "an RGB display profile")
    done = subprocess.run([sys.executable, "-m", "spread", "build", "content.yaml", "--layout",
                           "layout.yaml", "-o", "out"], cwd=layout.parent, capture_output=True,
                          text=True, preexec_fn=lambda: resource.setrlimit(
                              resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS)))
    assert_refused(Run(done.returncode, done.stdout, done.stderr), "layout.yaml",
                   _line_of(layout.read_text(encoding="utf-8"), "  profile:"),
                   "is a display profile, not an output (printer) profile")


# -- a page too small for what its rows hold ---------------------------------------------------

@pytest.mark.parametrize("old, new", [
    ("size: [390mm, 545mm]", "size: [390pt, 545pt]"),  # a postcard
    ("body:           {font: song, size: 小四", "body:           {font: song, size: 500pt"),
])
def test_a_page_its_rows_overrun_is_overset_not_a_crash(edition, old, new):
    """The rows' natural heights exceed the page: the spare height to share among growing
    rows is below 0, which the make-up once looked up as a negative number of lines."""
    layout = edition / "small.yaml"
    layout.write_text(BASE.replace(old, new, 1), encoding="utf-8")
    run = spread("build", "content.yaml", "--layout", layout, "-o", "out", "--rendition",
                 "print", cwd=edition)
    assert_refused(run, "content.yaml", None, "overset", code=1)


# -- files that are not files: the reader must not block or read forever ----------------------

def _fifo(path: Path) -> None:
    os.mkfifo(path)


@pytest.mark.parametrize("argv, says", [
    (("build", "pipe.yaml", "--layout", LAYOUT, "-o", "out"), "pipe.yaml"),
    (("build", "content.yaml", "--layout", "pipe.yaml", "-o", "out"), "pipe.yaml"),
    (("build", "/dev/zero", "--layout", LAYOUT, "-o", "out"), "/dev/zero"),
    (("check", "pipe.yaml"), "pipe.yaml"),
    (("dump", "pipe.yaml", "--layout", LAYOUT), "pipe.yaml"),
    (("check", "pipe.pdf"), "pipe.pdf"),
    (("check", "--typography", "pipe.pdf"), "pipe.pdf"),
    (("check", "--typography", "/dev/zero"), "/dev/zero"),
])
def test_a_pipe_or_device_is_refused_unread(tmp_path, argv, says):
    """A named pipe blocks whoever opens it until someone writes; /dev/zero never ends. Both
    are refused before they are opened."""
    shutil.copy(CONTENT, tmp_path / "content.yaml")
    for name in ("pipe.yaml", "pipe.pdf"):
        _fifo(tmp_path / name)
    run = spread(*argv, cwd=tmp_path)
    assert run.code == 2, run.text
    assert "not a regular file" in run.text and says in run.text, run.text
    assert "Traceback" not in run.text and "internal error" not in run.text


def test_a_file_name_that_is_not_utf8_is_refused_before_anything_is_written(tmp_path):
    """Python keeps such a name's bytes as lone surrogates: the file opens, but its name
    cannot go into the edition record, a PDF or a JSON report."""
    name = os.fsdecode(b"c\xff.yaml")
    shutil.copy(CONTENT, tmp_path / name)
    for json_flag in ((), ("--json",)):
        run = spread(*json_flag, "build", name, "--layout", LAYOUT, "-o", "out",
                     cwd=tmp_path)
        assert run.code == 2, run.text
        assert "is not UTF-8 text" in run.text and "Traceback" not in run.text
    assert not (tmp_path / "out").exists()


# -- an edition record (out/NAME.manifest.json) damaged or written by hand --------------------

_RECORD = {"format": "spread edition record 1", "spread": "0", "renditions": ["print"],
           "environment": {}, "outputs": {}}
DAMAGED_RECORDS = {
    "nesting a hundred thousand deep": "[" * 100_000 + "]" * 100_000,
    "no inputs": json.dumps(_RECORD),
    "inputs a number": json.dumps({**_RECORD, "inputs": 5}),
    "an input that is a text": json.dumps({**_RECORD, "inputs": ["content.yaml"]}),
    "a path that is a number": json.dumps({**_RECORD, "inputs": [
        {"kind": "content", "path": 5, "sha256": "0"}]}),
    "outputs a text": json.dumps({**_RECORD, "inputs": [], "outputs": "x"}),
    "stale a number": json.dumps({**_RECORD, "inputs": [], "stale": 5}),
    # the hunt (5): verify rebuilt each rendition named, by name (exit 3: KeyError)
    "a rendition spread has not": json.dumps({**_RECORD, "renditions": ["bogus"], "inputs": [
        {"kind": "content", "path": "content.yaml", "sha256": "0"},
        {"kind": "layout", "path": "layout.yaml", "sha256": "0"}]}),
}


@pytest.mark.parametrize("name", DAMAGED_RECORDS)
def test_a_damaged_edition_record_is_refused_by_verify_and_replaced_by_build(tmp_path, name):
    shutil.copy(CONTENT, tmp_path / "content.yaml")
    record = tmp_path / "out" / "content.manifest.json"
    record.parent.mkdir()
    record.write_text(DAMAGED_RECORDS[name], encoding="utf-8")
    verify = spread("verify", record, cwd=tmp_path)
    assert verify.code == 2, verify.text
    assert "Traceback" not in verify.text and "internal error" not in verify.text
    assert "damaged" in verify.text or "cannot read" in verify.text, verify.text
    build = spread("build", "content.yaml", "--layout", LAYOUT, "-o", "out", "--rendition",
                   "print", cwd=tmp_path)  # a record that does not read claims nothing
    assert build.code == 0, build.text
    assert json.loads(record.read_text(encoding="utf-8"))["renditions"] == ["print"]


@pytest.mark.parametrize("grow", [".nan", ".inf"])
def test_a_chart_that_grows_by_no_finite_factor_is_refused_when_set(edition, grow):
    """NaN compares false with 1, so `grow < 1` once let it through: the chart was drawn
    with a height of NaN and the build said 0. The factor is read when the chart is set
    (check LAYOUT stops short of setting), so the build refuses it, at the region's line."""
    text = BASE.replace("chart_options: {grow: 1.5}", f"chart_options: {{grow: {grow}}}", 1)
    layout = edition / f"grow-{grow[1:]}.yaml"
    layout.write_text(text, encoding="utf-8")
    run = spread("build", "content.yaml", "--layout", layout, "-o", "out", "--rendition",
                 "print", cwd=edition)
    assert_refused(run, layout, _line_of(text, "chart_options: {grow:"),
                   f"chart grow '{grow[1:]}' is not a factor of 1 or more")


# -- spread watch: every file the build reads is watched -------------------------------------

def _watched_edition(folder: Path, layout_line: str) -> Path:
    """An edition folder whose edition.yaml names its layout by `layout_line`; the default
    layout is there as layout.yaml, naming a printer's profile press.icc."""
    folder.mkdir()
    shutil.copy(CONTENT, folder / "content.yaml")
    (folder / "layout.yaml").write_text(BASE + "\noutput:\n  profile: press.icc\n",
                                        encoding="utf-8")
    (folder / "edition.yaml").write_text(f"layout: {layout_line}\n", encoding="utf-8")
    return folder / "content.yaml"


def test_watch_watches_the_profile_and_the_edition_file(tmp_path):
    """`spread watch` without --layout watches the edition.yaml that chose the layout, and
    the printer's profile the layout names: editing either changed the page, while watch
    went on showing the old one."""
    from spread.edition import layout_for
    from spread.watch import Watcher

    content = _watched_edition(tmp_path / "e", "layout.yaml")
    watcher = Watcher(str(content), layout_for(str(content)), str(tmp_path / "out"),
                      ("print",), from_edition=True)
    watcher.watch_inputs()
    watched = {os.path.abspath(p) for p in watcher.paths}
    for name in ("content.yaml", "edition.yaml", "layout.yaml", "press.icc"):
        assert str(content.parent / name) in watched, (name, watched)
    assert str(ROOT / "fonts" / "NotoSerifSC-Regular.ttf") in watched
    (content.parent / "press.icc").write_bytes(b"not yet a profile")
    assert watcher.poll() == [str(content.parent / "press.icc")]


def test_watch_follows_an_edited_edition_file_to_its_new_layout(tmp_path):
    """edition.yaml edited to name another layout: the next build sets the page by it."""
    import pikepdf

    from spread.edition import layout_for
    from spread.watch import Watcher

    content = _watched_edition(tmp_path / "e", "default")
    out = tmp_path / "out"
    watcher = Watcher(str(content), layout_for(str(content)), str(out), ("print",),
                      from_edition=True)
    assert watcher.run(max_builds=1) == 0
    (content.parent / "edition.yaml").write_text("layout: tabloid-spread\n", encoding="utf-8")
    changed = watcher.poll()
    assert changed == [str(content.parent / "edition.yaml")]
    assert watcher.build(changed) == 0
    with pikepdf.open(out / "content.print.pdf") as pdf:
        trim = [float(v) for v in pdf.pages[0].TrimBox]
    assert round((trim[2] - trim[0]) / MM) == 540  # the spread's two pages


def test_a_photo_turned_by_its_exif_orientation_is_printed_upright(tmp_path):
    """A phone's portrait photo is stored landscape with EXIF orientation 6 (turn 90° right):
    printed as the picture the camera saw, taller than wide, its top-left corner mark (blue)
    at the top right."""
    photo = Image.new("RGB", (2400, 1600), (200, 10, 10))
    photo.paste((10, 10, 200), (0, 0, 400, 300))
    exif = Image.Exif()
    exif[0x0112] = 6
    photo.save(tmp_path / "turned.jpg", "JPEG", exif=exif.tobytes())
    _picture_page(tmp_path, "turned.jpg")
    pixels = _archived_picture(tmp_path, "archive")
    assert pixels.height > pixels.width, pixels.size
    top_right = pixels.getpixel((pixels.width - 20, 20))
    assert top_right[2] > 150 > top_right[0], top_right


@pytest.mark.parametrize("name", ["content.proof.png", "content.failed.proof.png"])
def test_a_picture_where_the_build_writes_an_output_is_kept(tmp_path, name):
    """A picture named like an output, built with -o its own folder: the proof (or the
    failure proof) replaced the photo with exit 0, and the next build printed the proof
    as the photo. Refused at the picture's line, the picture as it was, nothing written."""
    (tmp_path / name).write_bytes(_jpeg((2000, 1400)))  # a JPEG named .png: spread reads it
    before = (tmp_path / name).read_bytes()
    _picture_page(tmp_path, name)
    run = spread("build", "content.yaml", "--layout", "layout.yaml", "-o", ".", cwd=tmp_path)
    assert_refused(run, "content.yaml", 3, f"the picture {tmp_path / name} is where this "
                   f"build writes its {name.removeprefix('content.')}", "give -o another folder")
    assert (tmp_path / name).read_bytes() == before
    assert not (tmp_path / "content.print.pdf").exists()


def test_watch_is_not_stopped_by_a_content_file_that_becomes_a_pipe_or_a_folder(tmp_path):
    """The content file replaced by a named pipe: watch opened it to hash it and waited for
    a writer forever, deaf to every later change. A folder or a pipe is a change, the build
    says what is wrong, and the restored file builds again."""
    import threading

    from spread.edition import layout_for
    from spread.watch import Watcher

    content = _watched_edition(tmp_path / "e", "default")
    watcher = Watcher(str(content), layout_for(str(content)), str(tmp_path / "out"),
                      ("print",), from_edition=True)
    assert watcher.run(max_builds=1) == 0
    good = content.read_bytes()
    content.unlink()
    for make in (os.mkfifo, os.mkdir):
        make(content)
        seen: list = []
        poll = threading.Thread(target=lambda: seen.append(watcher.poll()), daemon=True)
        poll.start()
        poll.join(120)  # a safety net only: a poll takes milliseconds
        if poll.is_alive():  # let the blocked reader go before failing
            os.close(os.open(content, os.O_WRONLY | os.O_NONBLOCK))
        assert seen == [[str(content)]], "watch blocked on, or did not notice, the pipe"
        assert watcher.build(seen[0]) == 2
        (os.rmdir if content.is_dir() else os.unlink)(content)
    content.write_bytes(good)
    assert watcher.poll() == [str(content)] and watcher.build([str(content)]) == 0
