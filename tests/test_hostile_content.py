"""Hostile content: broken content files, each made here, built through the console entry
point (`spread.cli.main`, output captured) in one child process under a CPU-time limit.
Each must end with its documented exit code — 2 for input that does not validate, 1 for text
that does not fit (overset) or text lying on another element — with a message that names
file:line:column, no traceback, no "internal error", and no file written."""

from __future__ import annotations

import json
import re
import resource
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import CONTENT, LAYOUT, ROOT

CPU_SECONDS = 300  # for the whole corpus, which takes a few seconds: a bound on work, not time
DEFAULT = CONTENT.read_text(encoding="utf-8")
NOGLYPH = "\U000F0001"  # supplementary private use: no font has a glyph there


def edit(*pairs: str, text: str = DEFAULT) -> str:
    """The default content with each (old, new) replaced once; old must be there."""
    for old, new in zip(pairs[::2], pairs[1::2]):
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


SIXTH = "  - title: 第六节\n    intro: 多出来的一节。\n\n# Correction 6"
ITEM = "参与职工7.7万余人次"  # 建功立业 item 1, which a 数说 figure quotes
BAR = "劳模63名"  # 建功立业 item 2, which the chart quotes

# name → (content text or bytes, exit code, what the message says)
CASES: dict[str, tuple[str | bytes, int, str]] = {
    # item 1: content the layout does not place
    "a sixth section": (edit("# Correction 6", SIXTH), 2, "sections[5] «第六节»"),
    "a picture the layout has no region for": (
        DEFAULT + "pictures:\n  - file: photo.jpg\n    caption: 会场\n", 2, "pictures[0]"),
    # item 2: fixed-size elements
    "an 8-character headline": (edit("headline: 画说工会这五年", "headline: 画说工会这五年了吗"),
                                1, "the banner (columns 1-8)"),
    "a 17-character headline": (edit("headline: 画说工会这五年",
                                     "headline: 画说工会这五年画说工会这五年画说工"), 1, "mm over"),
    "a section title too long for its tab": (
        edit("- title: 文化文明", "- title: " + "文化文明" * 5), 1, "tab"),
    "a folio line too long for the page": (
        edit('paper: ""', "paper: " + "奉化日报" * 40), 1, "edition line"),
    "an honour roll title too long for the page": (
        edit("title: 荣誉榜", "title: " + "荣誉榜" * 30), 1, "honour_roll makes the page"),
    # item 3: line breaks in values
    "a literal block in a section title": (
        edit("- title: 建功立业", "- title: |\n      建功\n      立业"), 2, "line break"),
    "a blank line inside a lead paragraph": (
        edit("  - 五年秉持初心，笃然奋进；", "  - |\n    五年秉持初心。\n\n    笃然奋进；"), 2,
        "blank line"),
    "a literal block making the headline two lines": (
        edit("headline: 画说工会这五年", "headline: |\n  画说工会\n  这五年"), 1, "2 line(s)"),
    "a line separator in a figure label": (
        edit("label: 参与职工", 'label: "参与\\u2028职工"'), 2, "line break"),
    # item 4: control and format characters, missing glyphs
    "NUL in the headline": (edit("headline: 画说工会这五年", 'headline: "画说\\0工会"'), 2, "U+0000"),
    "BEL in the headline": (edit("headline: 画说工会这五年", 'headline: "画说\\a工会"'), 2, "U+0007"),
    "a zero-width space in the headline": (
        edit("headline: 画说工会这五年", "headline: 画说\u200b工会"), 2, "U+200B"),
    "a right-to-left override in the headline": (
        edit("headline: 画说工会这五年", "headline: 画说\u202e工会"), 2, "U+202E"),
    "a byte-order mark inside a value": (
        edit("kicker: ——喜迎", "kicker: ——\ufeff喜迎"), 2, "U+FEFF"),
    "a tab inside the kicker": (edit("kicker: ——喜迎区工会第一次代表大会",
                                     'kicker: "——\\t喜迎区工会第一次代表大会"'), 2, "U+0009"),
    "a lone surrogate": (edit("headline: 画说工会这五年", 'headline: "画说\\ud800工会"'), 2,
                         "U+D800"),
    # item 9: a file with a headline and nothing else
    "a headline-only file": ("headline: 画说工会这五年\n", 2, "sections[0]"),
    # wrong types and broken references
    "lead as a mapping": (edit("lead:\n", "lead:\n  first:\n", text=DEFAULT.replace(
        "\n  - 五年秉持", "\n    - 五年秉持").replace("\n  - 回眸", "\n    - 回眸").replace(
        "\n  - 时值", "\n    - 时值")), 2, "expected a list"),
    "report items as one text": (
        "headline: 画说\nsections:\n  - title: 甲\n    report:\n      items: 一项\n", 2,
        "expected a list"),
    "a figure that does not occur in its item": (
        edit("figure: 1445家", "figure: 1446家"), 2, "does not occur"),
    "a figure quoting an item that is not there": (
        edit("from: {section: 关心关爱, item: 5}", "from: {section: 关心关爱, item: 50}"), 2,
        "no item 50"),
    "a figure quoting a section that is not there": (
        edit("from: {section: 关心关爱, item: 5}", "from: {section: 关爱, item: 5}"), 2,
        "not on the page"),
    "an unclosed emphasis mark": (edit("评选模范集体49家", "评选模范集体**49家"), 2, "**"),
    "an empty headline": (edit("headline: 画说工会这五年", 'headline: "  "'), 2, "empty"),
    "an empty file": ("", 2, "missing required key 'headline'"),
    "a duplicate key": (edit("kicker: ——", "kicker: 一\nkicker: ——"), 2, "duplicate key"),
    "a misspelt key": (edit("headline: 画说", "headlin: 画说"), 2, "did you mean 'headline'"),
    "a chart of one bar": (
        edit("      - {figure: 15名, label: 凤麓工匠, from: {section: 建功立业, item: 2}}\n"
             "      - {figure: 2名", "      - {figure: 2名").replace(
            "      - {figure: 25名, label: 闪亮星职工, from: {section: 建功立业, item: 2}}\n", "")
        .replace("      - {figure: 6名, label: 首席工人, from: {section: 建功立业, item: 2}}\n", "")
        .replace("      - {figure: 85名, label: 技术能手, from: {section: 建功立业, item: 2}}\n", "")
        .replace("      - {figure: 2名, label: 港城工匠, from: {section: 建功立业, item: 2}}\n", ""),
        2, "1 bar(s)"),
    # files that are not what they claim
    "bytes that are not UTF-8": (DEFAULT.encode("utf-8")[:200] + b"\xff\xfe\x00garbage", 2,
                                 "not UTF-8"),
    "a file over the size bound": ("headline: 大\nlead:\n" + "  - 很长的一段。\n" * 200_000, 2,
                                   "MB"),
    "nesting far too deep": (
        "headline: 深\nhonour_roll:\n  items:\n" + "".join(
            "  " * (k + 1) + "- text: 层\n" + "  " * (k + 2) + "items:\n" for k in range(70)),
        2, "nesting"),
    "an alias bomb": (
        "headline: 炸\na: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\n"
        "c: &c [*b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c]\n"
        "e: [*d, *d, *d, *d, *d, *d, *d, *d]\n", 2, "50000"),
}

# item 4 again: a character no font has, in each element of the page — each role's chain
GLYPH_CASES = {
    "headline": ("headline: 画说工会这五年", f"headline: 画说{NOGLYPH}工会"),
    "kicker": ("kicker: ——喜迎", f"kicker: ——{NOGLYPH}喜迎"),
    "lead": ("  - 五年秉持初心", f"  - 五年{NOGLYPH}秉持初心"),
    "section title (tab)": ("- title: 文化文明", f"- title: 文化{NOGLYPH}文明"),
    "intro": ("intro: 五年来，区总工会坚持", f"intro: 五年来，{NOGLYPH}区总工会坚持"),
    "report item": ("开展“三重一新”劳动竞赛", f"开展“三重一新”{NOGLYPH}劳动竞赛"),
    "report title": ("      title: 晒晒成绩单：\n      items:\n        - 区镇两级",
                     f"      title: 晒晒{NOGLYPH}成绩单：\n      items:\n        - 区镇两级"),
    "honour roll title (vertical)": ("title: 荣誉榜", f"title: 荣誉{NOGLYPH}榜"),
    "honour roll item": ("text: 浙江省工会财务先进单位", f"text: 浙江省工会{NOGLYPH}财务先进单位"),
    "figure label (数说)": (ITEM, f"参与职工{NOGLYPH}7.7万余人次", "label: 参与职工",
                          f"label: 参与职工{NOGLYPH}"),
    "chart label": (BAR, f"劳模{NOGLYPH}63名", "label: 劳模,", f"label: 劳模{NOGLYPH},"),
    "folio": ('paper: ""', f"paper: 奉化{NOGLYPH}日报"),
    "credits": ('editor: ""', f"editor: 张{NOGLYPH}三"),
}
for element, pairs in GLYPH_CASES.items():
    CASES[f"a character no font has in the {element}"] = (edit(*pairs), 2, "U+F0001")

LOCATED = re.compile(r"(content\.yaml|default\.yaml|layout\.yaml):\d+:\d+")
FILE_LEVEL = {"a file over the size bound"}  # the whole file is the place: no line to name

DRIVER = textwrap.dedent("""
    import contextlib, io, json, sys
    from spread.cli import main

    results = {}
    for case in json.load(sys.stdin):
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(case["args"])
        results[case["name"]] = {"code": code, "stdout": out.getvalue(), "stderr": err.getvalue()}
    json.dump(results, sys.stdout)
""")


def _limit_cpu() -> None:
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))


def run_corpus(cases: list[dict]) -> dict:
    """Each case through spread.cli.main, in one child process under the CPU limit."""
    done = subprocess.run([sys.executable, "-c", DRIVER], input=json.dumps(cases),
                          capture_output=True, text=True, cwd=ROOT, preexec_fn=_limit_cpu)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> dict:
    base = tmp_path_factory.mktemp("hostile")
    cases = []
    for i, (name, (text, _, _)) in enumerate(CASES.items()):
        folder = base / f"case{i}"
        folder.mkdir()
        path = folder / "content.yaml"
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        cases.append({"name": name, "args": ["build", str(path), "--layout", str(LAYOUT),
                                             "-o", str(folder / "out"), "--rendition", "print"]})
    return {"results": run_corpus(cases), "base": base,
            "folders": {c["name"]: Path(c["args"][1]).parent for c in cases}}


def test_the_corpus_is_large_enough():
    assert len(CASES) >= 40


@pytest.mark.parametrize("name", list(CASES))
def test_broken_content_is_refused_where_it_stands(corpus, name):
    _, code, says = CASES[name]
    result = corpus["results"][name]
    shown = result["stdout"] + result["stderr"]
    assert result["code"] == code, shown
    assert "Traceback" not in shown and "internal error" not in shown, shown
    assert LOCATED.search(result["stderr"]) or (
        name in FILE_LEVEL and "content.yaml: " in result["stderr"]), shown
    assert says in result["stderr"], shown
    assert not (corpus["folders"][name] / "out").exists()  # nothing written
