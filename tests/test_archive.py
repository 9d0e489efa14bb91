"""The archive rendition read back from its bytes: PDF/A-2b by pikepdf's validator, level U by
spread's own checks, its metadata, its text in reading order, and identical bytes from
identical inputs."""

from __future__ import annotations

import dataclasses
import re
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest

from conftest import CONTENT, LAYOUT, SEED, shared
from spread import __version__
from spread import content as content_mod
from spread import template
from spread.build import compose_page
from spread.check.archive import (check_archive, extracted_text, level_u_findings,
                                  parse_to_unicode, pdfa_findings)
from spread.output import pdfa, stamp
from spread.render import DrawSettings, draw
from spread.renditions import RENDITIONS

@pytest.fixture(scope="module")
def archive_pdf(default_build) -> Path:
    return default_build.outputs["archive.pdf"]


@pytest.fixture(scope="module")
def composed():
    return compose_page(str(CONTENT), str(LAYOUT))


def test_passes_pdfa_2b_validation_and_level_u(archive_pdf):
    report = check_archive(archive_pdf)
    assert report.ok, report.format()


def test_reportlab_alone_fails_what_the_archive_passes(tmp_path, composed):
    """The same drawing without the PDF/A rewrite: the checks are not vacuous."""
    page, fonts, _, _, _ = composed
    raw = tmp_path / "raw.pdf"
    raw.write_bytes(draw([page], fonts, DrawSettings(colour="rgb")))
    rules = {f.rule for f in pdfa_findings(raw)}
    assert "ISO_19005_2:6.6.2.1-1" in rules  # no XMP metadata
    assert "spread:level-U/forbidden" in {f.rule for f in level_u_findings(raw)}


def test_level_u_finds_an_unmapped_code_and_notdef(tmp_path, archive_pdf):
    """Show a code the subset has neither a Unicode value nor a glyph for."""
    bad = tmp_path / "bad.pdf"
    with pikepdf.open(archive_pdf) as pdf:
        page = pdf.pages[0]
        name = next(iter(page.resources.Font.keys()))
        font = page.resources.Font[name]
        code = 0  # ReportLab's subsets keep code 0 for .notdef; the archive unmaps it
        assert code not in parse_to_unicode(font.ToUnicode.read_bytes())
        page.contents_add(pdf.make_stream(b"BT %s 10 Tf <%02X> Tj ET" % (name.encode(), code)))
        pdf.save(bad)
    rules = {f.rule for f in level_u_findings(bad)}
    assert {"spread:level-U/unmapped", "spread:level-U/notdef"} <= rules


def test_level_u_finds_a_font_without_tounicode(tmp_path, archive_pdf):
    bad = tmp_path / "bad.pdf"
    with pikepdf.open(archive_pdf) as pdf:
        font = next(iter(pdf.pages[0].resources.Font.values()))
        del font.ToUnicode
        pdf.save(bad)
    assert [f.rule for f in level_u_findings(bad)] == ["spread:level-U/tounicode"]


def test_parse_to_unicode_reads_ranges_as_well_as_chars():
    cmap = (b"2 beginbfchar\n<01> <753B>\n<02> <D840DC00>\nendbfchar\n"
            b"2 beginbfrange\n<10> <12> <4E00>\n<20> <21> [<005D> <0041>]\nendbfrange\n")
    assert parse_to_unicode(cmap) == {1: "画", 2: "\U00020000", 0x10: "一", 0x11: "丁",
                                      0x12: "丂", 0x20: "]", 0x21: "A"}


def test_metadata_xmp_info_language_and_output_intent(archive_pdf, composed):
    content = composed[3]
    title = content.headline + content.kicker
    when = stamp(content)  # the fixed default, unless the run sets SOURCE_DATE_EPOCH
    with pikepdf.open(archive_pdf) as pdf:
        xmp = pdf.Root.Metadata.read_bytes().decode("utf-8")
        meta = pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False)
        assert meta.pdfa_status == "2B"
        assert meta["dc:title"] == title
        assert meta["dc:language"] == {"zh-CN"}
        assert meta["xmp:CreatorTool"] == f"spread {__version__}"
        xmp_date = when.when.strftime("%Y-%m-%dT%H:%M:%S+00:00")
        assert meta["xmp:CreateDate"] == meta["xmp:ModifyDate"] == xmp_date
        header = re.search(r"<\?xpacket begin=(.*?)\?>", xmp).group(1)
        assert "bytes=" not in header and "encoding=" not in header
        info = pdf.docinfo
        assert str(info.Title) == title and str(info.Creator) == f"spread {__version__}"
        assert str(info.CreationDate) == str(info.ModDate) == when.pdf()
        assert "/Trapped" not in info and "/Author" not in info
        assert str(pdf.Root.Lang) == "zh-CN"
        (intent,) = pdf.Root.OutputIntents
        assert intent.S == pikepdf.Name.GTS_PDFA1
        assert intent.DestOutputProfile.read_bytes() == pdfa.srgb_profile()
        assert int(intent.DestOutputProfile.N) == 3
        assert all("/Trans" not in page.obj for page in pdf.pages)


def test_file_syntax_endstream_eol_and_nothing_after_eof(archive_pdf):
    data = archive_pdf.read_bytes()
    assert data.count(b"endstream") == len(re.findall(rb"(?:\r\n|\r|\n)endstream", data))
    assert data.endswith(b"%%EOF\n")
    assert re.match(rb"%PDF-1\.\d\n%[\x80-\xff]{4}", data)


def test_edition_data_and_date_reach_the_metadata(tmp_path, composed, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    page, fonts, _, content, layout = composed
    edition = content_mod.Edition(paper="奉化日报", date="2021-12-01", page="第5版",
                                  page_title="纪念特刊")
    content = dataclasses.replace(content, edition=edition)
    target = tmp_path / "edition.pdf"
    target.write_bytes(RENDITIONS["archive"](page, fonts, content, layout, str(CONTENT), None)
                       ["archive.pdf"])
    with pikepdf.open(target) as pdf:
        meta = pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False)
        assert meta["xmp:CreateDate"] == "2021-12-01T00:00:00+00:00"
        assert meta["dc:publisher"] == {"奉化日报"}
        assert meta["dc:description"] == "奉化日报\u30002021-12-01\u3000第5版\u3000纪念特刊"
        assert str(pdf.docinfo.Subject) == meta["dc:description"]
    assert check_archive(target).ok


def test_source_date_epoch_dates_the_file_and_bytes_repeat(composed, monkeypatch):
    page, fonts, _, content, layout = composed
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1638316800")  # 2021-12-01T00:00:00Z
    make = RENDITIONS["archive"]
    first = make(page, fonts, content, layout, str(CONTENT), None)["archive.pdf"]
    assert first == make(page, fonts, content, layout, str(CONTENT), None)["archive.pdf"]
    assert b"<xmp:CreateDate>2021-12-01T00:00:00+00:00</xmp:CreateDate>" in first


def test_extracted_text_is_the_content_in_the_layouts_reading_order(archive_pdf):
    """Reading order is the layout's: rows top to bottom, regions left to right in a row.
    So the 数说 figures (content `figures`, drawn text) follow the lead, and the honour roll,
    which shares a row with 关心关爱, comes between that section and 文化文明. The list
    markers the layout draws (● ◆ ◇) are part of the text a reader extracts."""
    content = content_mod.load(str(CONTENT))
    layout = template.load(str(LAYOUT))
    expected = "".join(text for row in layout.rows for region in row.regions
                       for text in _region_text(content, region))
    got = _squeeze(extracted_text(archive_pdf))
    expected = _squeeze(expected)
    if got != expected:
        at = next((i for i, (a, b) in enumerate(zip(got, expected)) if a != b),
                  min(len(got), len(expected)))
        pytest.fail(f"extracted text departs from the content at {at}:\n"
                    f"  expected …{expected[max(0, at - 20):at + 30]}\n"
                    f"  extracted …{got[max(0, at - 20):at + 30]}")


def test_seed_coverage_tool_finds_every_item(archive_pdf):
    """The outside tool's second opinion (every line of the source text, fuzzily)."""
    tool, seed = shared("tools/seed_coverage.py"), shared(SEED)
    run = subprocess.run([sys.executable, str(tool), str(seed), str(archive_pdf)],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _resolve(content, path: str):
    obj = content
    for name, index in re.findall(r"([A-Za-z_]+)|\[(\d+)\]", path):
        obj = getattr(obj, name) if name else obj[int(index)]
    return obj


def _chart_text(chart) -> list[str]:
    """A chart reads bar by bar: label, then figure."""
    return [t for bar in chart.bars for t in (bar.label, bar.figure)]


def _region_text(content, region) -> list[str]:
    """What a region of the given kind shows, in its own order."""
    kind = region.kind
    if kind == "folio":
        e = content.edition
        return [e.paper, e.date, e.page, e.page_title]
    if kind == "banner":
        return [content.headline, content.kicker]
    if kind == "text":
        body = _resolve(content, region.content)
        return body if isinstance(body, list) else [body]
    if kind == "figures":
        return [t for f in _resolve(content, region.content or "figures")
                for t in (f.figure, f.label)]
    if kind == "section":
        section = _resolve(content, region.content)
        report = section.report
        bullet = region.options.get("bullet", "●")
        chart = region.options.get("chart")
        return [section.title, section.intro] + (
            [report.title] + [bullet + item for item in report.items] if report else []) + (
            _chart_text(_resolve(content, chart)) if chart else [])
    if kind == "chart":
        return _chart_text(_resolve(content, region.content))
    if kind == "honour_roll":
        roll = _resolve(content, region.content or "honour_roll")
        return [roll.title] + [t for item in roll.items for t in
                               ["◆" + item.text] + ["◇" + sub.text for sub in item.items]]
    if kind == "credits":
        c = content.credits
        return [f"{label}：{name}" for label, name in
                (("责任编辑", c.editor), ("美编", c.designer), ("校对", c.proofreader)) if name]
    raise AssertionError(f"no reading rule for region kind {kind}")
