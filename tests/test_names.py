"""Names in the news: the bundled faces set the rare characters of people's and places' names
(通用规范汉字表 beyond GB 2312) in every element of both bundled layouts with no font
configuration, draw no .notdef, and every one extracts from the print and archive PDFs; a
character beyond the bundle (𠮷) fails without a fallback and builds with one."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import edition_files
from spread.build import build
from spread.errors import MissingGlyphError
from test_fonts import (NAMES, RARE, ROOT, cache, embedded_glyph_boxes,  # noqa: F401
                        pdf_text, rare_collection)

NAMED = {  # the default content with the names in headline, kicker, body, figures, honours
    "headline: 画说工会这五年": f"headline: {NAMES[:7]}",
    "kicker: ——喜迎区工会第一次代表大会": f"kicker: ——{NAMES[7:]}",
    "团结带领全区广大职工服务改革发展": f"{NAMES}发展",
    "- text: 浙江省创建劳动关系和谐企业先进组织单位": f"- text: {NAMES}先进单位",
    "label: 全区基层工会": f"label: {NAMES[:7]}",
    "- 全区基层工会数1445家": f"- {NAMES[:7]}数1445家",
    "label: 创业就业贷款": f"label: {NAMES[7:]}",
    "发放创业就业贷款9343万元": f"发放{NAMES[7:]}9343万元",
    "title: 维权维稳": f"title: {NAMES[:4]}",  # section titles: 黑
    "title: 文化文明": f"title: {NAMES[10:]}",
}


def _notdef_check(pdf: Path, chars: str) -> str:
    tool = ROOT.parent / "shared" / "tools" / "notdef_check.py"
    if not tool.exists():
        pytest.skip("../shared/tools/notdef_check.py is not beside this checkout")
    run = subprocess.run([sys.executable, str(tool), str(pdf), chars], capture_output=True,
                         text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    return run.stdout.strip().splitlines()[-1]


@pytest.mark.parametrize("layout_name", ["default.yaml", "tabloid-spread.yaml"])
def test_names_beyond_gb2312_set_everywhere_with_no_font_configuration(tmp_path, layout_name):
    text = (ROOT / "content.yaml").read_text(encoding="utf-8")
    for old, new in NAMED.items():
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    content = tmp_path / "content.yaml"
    content.write_text(text, encoding="utf-8")
    result = build(str(content), str(ROOT / "layout" / layout_name), str(tmp_path / "out"),
                   ("print", "archive"))
    assert result.ok
    styles = {}
    for run in result.page.items:
        if hasattr(run, "face") and set(run.chars) & set(NAMES):
            styles.setdefault(run.style.font, set()).update(set(run.chars) & set(NAMES))
    # body 宋, headline display 宋, section titles 黑, kicker, figure labels and honours 楷
    assert set(styles) == {"song", "song_heavy", "hei", "kai"}
    assert styles["song"] == styles["kai"] == set(NAMES)
    for name in ("print.pdf", "archive.pdf"):
        pdf = result.outputs[name]
        extracted = "".join(pdf_text(pdf).split())
        for part in (NAMES[:7], NAMES[7:], NAMES + "发展", NAMES + "先进单位"):
            assert part in extracted, (name, part)
        assert _notdef_check(pdf, NAMES).startswith("notdef: 0 bad codes")


def test_a_rare_headline_character_fails_without_a_fallback_and_builds_with_one(
        tmp_path, rare_collection):
    text = (ROOT / "content.yaml").read_text(encoding="utf-8").replace(
        "headline: 画说工会这五年", f"headline: 画说{RARE}这五年")
    (tmp_path / "content.yaml").write_text(text, encoding="utf-8")
    spec = yaml.safe_load((ROOT / "layout" / "default.yaml").read_text(encoding="utf-8"))
    for chain in spec["fonts"].values():
        chain[0]["file"] = str(ROOT / "fonts" / Path(chain[0]["file"]).name)
    (tmp_path / "layout").mkdir()
    layout = tmp_path / "layout" / "default.yaml"
    layout.write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
    with pytest.raises(MissingGlyphError, match="U\\+20BB7"):
        build(str(tmp_path / "content.yaml"), str(layout), str(tmp_path / "out"))
    assert not edition_files(tmp_path / "out")  # only the failure proof

    spec["fonts"]["song_heavy"].append({"file": "../Rare.otc", "face": "Spread Rare"})
    layout.write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
    result = build(str(tmp_path / "content.yaml"), str(layout), str(tmp_path / "out"),
                   ("print", "archive"))
    assert result.ok
    for name in ("print.pdf", "archive.pdf"):
        # pdfium may read the fallback's run out of line (the test font's vertical metrics
        # differ from Noto's), so each side of the font change is looked for on its own
        extracted = "".join(pdf_text(result.outputs[name]).split())
        assert "画说" in extracted and f"{RARE}这五年" in extracted
        assert embedded_glyph_boxes(result.outputs[name])[RARE] == 1
