"""Fonts by role: CFF and collection faces converted through the on-disk cache, fallback chains,
missing characters with their YAML locations, licences (fsType), the font report and
synthetic bold/oblique. Fonts are made on the fly with fontTools' FontBuilder; pages are tiny
layouts built end to end and read back from the PDF."""

from __future__ import annotations

import io
import re
import unicodedata
from decimal import Decimal
from pathlib import Path

import pikepdf
import pypdfium2
import pytest
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.boundsPen import BoundsPen
from fontTools.pens.t2CharStringPen import T2CharStringPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont

from spread import content as content_mod
from spread import template
from spread.build import build, load_fonts
from spread.errors import InputError, MissingGlyphError
from spread.fonts.cache import VERSION, FontCache
from spread.fonts.faces import Face, FontSet, RoleFonts
from spread.fonts.report import font_report, lenient
from spread.layout import lay_out

ROOT = Path(__file__).resolve().parent.parent
SONG = ROOT / "fonts" / "NotoSerifSC-Regular.ttf"
RARE = "\U00020BB7"  # 𠮷: in no standard the bundled fonts cover
NAMES = "镕喆堃昇珺玥瑄犇垚赟祎彧旻琇"  # 通用规范汉字表 levels 2 and 3, none in GB 2312
TEXT = "吉祥的字"


@pytest.fixture(autouse=True)
def cache(tmp_path, monkeypatch) -> Path:
    """Every test gets an empty font cache of its own."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("SPREAD_CACHE", str(folder))
    return folder


def make_font(path: Path, chars: str, *, cff: bool = False, family: str = "Spread Test",
              style: str = "Regular", weight: int = 400, fs_type: int = 0, licence: str = "",
              advance: int = 1000, ps: str = "") -> Path:
    """A font mapping each of `chars` to a box inked from 0.1 to 0.9 em; its PostScript
    name is `ps`, by default made of the family and style."""
    names = [".notdef"] + [f"u{ord(c):X}" for c in chars]
    fb = FontBuilder(1000, isTTF=not cff)
    fb.setupGlyphOrder(names)
    fb.setupCharacterMap({ord(c): n for c, n in zip(chars, names[1:])})
    ps = ps or f"{family}-{style}".replace(" ", "")
    if cff:
        strings = {}
        for n in names:
            pen = T2CharStringPen(advance, None)
            _box(pen, advance)
            strings[n] = pen.getCharString()
        fb.setupCFF(ps, {"FullName": f"{family} {style}"}, strings, {})
    else:
        glyphs = {}
        for n in names:
            pen = TTGlyphPen(None)
            _box(pen, advance)
            glyphs[n] = pen.glyph()
        fb.setupGlyf(glyphs)
    fb.setupHorizontalMetrics({n: (advance, advance // 10) for n in names})
    fb.setupHorizontalHeader(ascent=880, descent=-120)
    name = {"familyName": family, "styleName": style, "psName": ps}
    if licence:
        name["licenseDescription"] = licence
    fb.setupNameTable(name)
    fb.setupOS2(sTypoAscender=880, sTypoDescender=-120, usWinAscent=880, usWinDescent=120,
                fsType=fs_type, usWeightClass=weight)
    fb.setupPost()
    fb.save(str(path))
    return path


def _box(pen, advance: int) -> None:
    # clockwise for TrueType; the direction does not matter for these tests
    pen.moveTo((advance // 10, -50))
    pen.lineTo((advance // 10, 750))
    pen.lineTo((advance * 9 // 10, 750))
    pen.lineTo((advance * 9 // 10, -50))
    pen.closePath()


def report_of(content, layout, fonts):
    """`spread fonts`: the page laid out leniently, then the report of what draws it."""
    return font_report(lay_out(content, layout, lenient(fonts))[0], layout, fonts)


def tiny_page(tmp_path: Path, text: str, chain: list[dict], *, styles: dict | None = None,
              name: str = "page") -> tuple[Path, Path]:
    """A one-region layout setting `text` as its lead in role `song` (the `chain`), and its
    content file. Returns (content, layout)."""
    import yaml

    layout = {
        "name": "tiny",
        "page": {"size": ["120mm", "60mm"], "bleed": "3mm",
                 "margins": {"top": "10mm", "bottom": "10mm", "left": "10mm", "right": "10mm"}},
        "grid": {"columns": 2, "gutter": "1字", "unit": "五号"},
        "fonts": {"song": chain},
        "palette": {"text": {"cmyk": [0, 0, 0, 100], "rgb": [35, 31, 32], "overprint": True}},
        "styles": styles or {"body": {"font": "song", "size": "12pt", "align": "start"}},
        "rows": [{"name": "text", "regions": [
            {"kind": "text", "columns": "1-2", "content": "lead",
             "style": next(iter(styles or {"body": 0}))}]}],
        "omits": ["headline"],  # the content format requires one; this page sets the lead
    }
    layout_path = tmp_path / f"{name}.layout.yaml"
    layout_path.write_text(yaml.safe_dump(layout, allow_unicode=True), encoding="utf-8")
    content_path = tmp_path / f"{name}.yaml"
    content_path.write_text(f"headline: 测试\nlead:\n  - {text}\n", encoding="utf-8")
    return content_path, layout_path


def built(tmp_path: Path, content: Path, layout: Path):
    result = build(str(content), str(layout), str(tmp_path / "out"))
    return result, result.outputs["print.pdf"]


def pdf_text(path: Path) -> str:
    doc = pypdfium2.PdfDocument(str(path))
    try:
        return doc[0].get_textpage().get_text_range()
    finally:
        doc.close()


def embedded_fonts(path: Path) -> dict[str, pikepdf.Dictionary]:
    """BaseFont (subset tag and identity tag dropped) → font file of every font on the first
    page."""
    with pikepdf.open(path) as pdf:
        out = {}
        for font in pdf.pages[0].Resources.Font.values():
            descriptor = font.FontDescriptor
            assert "/FontFile2" in descriptor, f"{font.BaseFont} is not embedded as TrueType"
            name = re.fullmatch(r"/[A-Z]{6}\+(.+)-[0-9A-F]{8}", str(font.BaseFont))[1]
            out[name] = descriptor.FontFile2.read_bytes()
        return out


# --- CFF outlines ---------------------------------------------------------------------------

def test_cff_font_embeds_and_its_text_extracts(tmp_path, cache):
    otf = make_font(tmp_path / "Test.otf", TEXT, cff=True, family="Spread CFF")
    content, layout = tiny_page(tmp_path, TEXT, [{"file": str(otf)}])
    _, pdf = built(tmp_path, content, layout)

    assert TEXT in pdf_text(pdf)
    fonts = embedded_fonts(pdf)
    assert list(fonts) == ["SpreadCFF-Regular"]
    assert "glyf" in TTFont(io.BytesIO(fonts["SpreadCFF-Regular"]))  # converted outlines
    assert len(list((cache / VERSION / "ttf").glob("*.ttf"))) == 1


def test_second_build_takes_cff_conversion_and_metrics_from_the_cache(tmp_path, cache):
    otf = make_font(tmp_path / "Test.otf", TEXT, cff=True)
    content, layout = tiny_page(tmp_path, TEXT, [{"file": str(otf)}])
    _, first = built(tmp_path, content, layout)
    first_bytes = first.read_bytes()
    converted = next((cache / VERSION / "ttf").glob("*.ttf"))
    stamp = converted.stat().st_mtime_ns

    fonts = load_fonts(template.load(str(layout)), str(layout))
    face = fonts.role("song").faces[0]
    assert face.has("吉") and face.advance("吉") == 1.0 and face.blank("吉") == (0.1, 0.1)
    assert face.truetype_for(TEXT) == str(converted)
    assert face._font is None  # the source font was never parsed
    assert converted.stat().st_mtime_ns == stamp

    _, second = built(tmp_path, content, layout)
    assert second.read_bytes() == first_bytes


def test_a_damaged_cache_entry_is_rebuilt(tmp_path, cache):
    otf = make_font(tmp_path / "Test.otf", TEXT, cff=True)
    content, layout = tiny_page(tmp_path, TEXT, [{"file": str(otf)}])
    _, pdf = built(tmp_path, content, layout)
    good = pdf.read_bytes()
    converted = next((cache / VERSION / "ttf").glob("*.ttf"))
    converted.write_bytes(converted.read_bytes()[:200])  # a write cut short
    for record in (cache / VERSION / "faces").glob("*.json"):
        record.write_text("{not json", encoding="utf-8")

    _, again = built(tmp_path, content, layout)
    assert again.read_bytes() == good
    assert TTFont(converted)["glyf"]


# --- collections ----------------------------------------------------------------------------

@pytest.fixture
def collection(tmp_path) -> Path:
    """A .ttc of two faces that cover different characters, so the chosen one shows."""
    a = make_font(tmp_path / "a.ttf", "甲丙", family="Spread Alpha")
    b = make_font(tmp_path / "b.otf", "乙丙", family="Spread Beta", cff=True)
    ttc = TTCollection()
    ttc.fonts = [TTFont(a), TTFont(b)]
    path = tmp_path / "Test.ttc"
    ttc.save(str(path))
    return path


@pytest.mark.parametrize("member", [1, "Spread Beta", "spreadbeta-REGULAR"])
def test_collection_member_is_chosen_by_index_or_name(tmp_path, collection, member):
    content, layout = tiny_page(tmp_path, "乙丙", [{"file": str(collection), "face": member}])
    _, pdf = built(tmp_path, content, layout)
    assert "乙丙" in pdf_text(pdf)
    assert list(embedded_fonts(pdf)) == ["SpreadBeta-Regular"]


def test_collection_without_a_member_or_with_an_unknown_one_is_refused(tmp_path, collection):
    for face, problem in ((None, "the layout must say which face"), ("Gamma", "no face named 'Gamma'"),
                          (5, "no face 5")):
        spec = {"file": str(collection)} | ({} if face is None else {"face": face})
        content, layout = tiny_page(tmp_path, "丙", [spec])
        with pytest.raises(InputError, match=problem) as err:
            build(str(content), str(layout), str(tmp_path / "out"))
        assert "Spread Alpha" in str(err.value) and "Spread Beta" in str(err.value)


# --- licences -------------------------------------------------------------------------------

def test_a_font_whose_fstype_forbids_embedding_is_refused(tmp_path):
    font = make_font(tmp_path / "Restricted.ttf", TEXT, family="Spread Locked", fs_type=0x0002)
    content, layout = tiny_page(tmp_path, TEXT, [{"file": str(font)}])
    with pytest.raises(InputError, match=r"forbids embedding \(OS/2 fsType 0x0002") as err:
        build(str(content), str(layout), str(tmp_path / "out"))
    assert "Spread Locked" in str(err.value) and str(font) in str(err.value)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("fs_type, problem", [(0x0100, "forbids subsetting"),
                                               (0x0200, "allows only bitmap embedding")])
def test_fonts_that_may_not_be_subset_or_embedded_as_outlines_are_refused(tmp_path, fs_type,
                                                                        problem):
    font = make_font(tmp_path / "Odd.ttf", TEXT, fs_type=fs_type)
    face = Face(str(font), "song.0", cache=FontCache(tmp_path / "c"))
    with pytest.raises(InputError, match=problem):
        FontSet({"song": RoleFonts("song", [face])}).check_embeddable()


def test_a_missing_font_file_is_an_input_error_at_its_layout_line(tmp_path):
    content, layout = tiny_page(tmp_path, TEXT, [{"file": str(tmp_path / "nowhere.otf")}])
    with pytest.raises(InputError, match="cannot open the font .*nowhere.otf: No such file"
                       ) as err:
        build(str(content), str(layout), str(tmp_path / "out"))
    assert str(err.value).startswith(f"{layout}:3:5 (fonts.song[0]): ")


def test_editable_embedding_is_allowed(tmp_path):
    font = make_font(tmp_path / "Editable.ttf", TEXT, fs_type=0x0008)
    face = Face(str(font), "song.0", cache=FontCache(tmp_path / "c"))
    FontSet({"song": RoleFonts("song", [face])}).check_embeddable()


# --- missing characters and fallback chains -------------------------------------------------

def test_a_character_no_font_has_fails_with_its_code_point_and_yaml_location(tmp_path):
    content, layout = tiny_page(tmp_path, f"吉祥的{RARE}字", [{"file": str(SONG)}])
    with pytest.raises(MissingGlyphError) as err:
        build(str(content), str(layout), str(tmp_path / "out"))
    message = str(err.value)
    # the lead item is written on line 3, its text starting at column 5: 𠮷 is its fourth
    assert f"'{RARE}' (U+20BB7) at {content}:3:8 (lead[0])" in message
    assert "the song fonts (Noto Serif CJK SC" in message
    assert "fallback chain" in message


def test_a_fallback_font_draws_what_the_first_lacks(tmp_path):
    fallback = make_font(tmp_path / "Rare.ttf", RARE, family="Spread Rare", advance=800)
    text = f"吉祥的{RARE}字"
    content, layout = tiny_page(tmp_path, text, [{"file": str(SONG)}, {"file": str(fallback)}])
    result, pdf = built(tmp_path, content, layout)

    assert text in pdf_text(pdf)
    assert set(embedded_fonts(pdf)) == {"NotoSerifCJKsc-Regular", "SpreadRare-Regular"}
    runs = [(r.chars, r.face, r.xs) for r in result.page.items if hasattr(r, "face")]
    assert [(c, f) for c, f, _ in runs] == [("吉祥的", "song.0"), (RARE, "song.1"),
                                            ("字", "song.0")]
    # the composer measured 𠮷 with the fallback's advance (0.8 em of 12 pt)
    assert runs[2][2][0] - runs[1][2][0] == pytest.approx(0.8 * 12)


# --- fallback by identity, not by name ------------------------------------------------------

BUNDLED_PS = "NotoSerifCJKsc-Regular"  # the PostScript name of fonts/NotoSerifSC-Regular.ttf


def embedded_glyph_boxes(pdf: Path) -> dict[str, int]:
    """For each character the page's fonts map back (ToUnicode), the number of contours of the
    glyph it is drawn with: 0 would be a blank, and the test fonts draw one box each."""
    from fontTools.ttLib import TTFont as Font

    out = {}
    with pikepdf.open(pdf) as doc:
        for font in doc.pages[0].Resources.Font.values():
            embedded = Font(io.BytesIO(font.FontDescriptor.FontFile2.read_bytes()))
            cmap = embedded["cmap"].getcmap(1, 0).cmap  # code → glyph, as ReportLab writes it
            text = font.ToUnicode.read_bytes().decode("latin-1").split("beginbfchar")[1]
            for code, uni in re.findall(r"<([0-9A-F]{2})> <([0-9A-F]+)>", text):
                if int(code, 16) not in cmap:  # ReportLab's table has 128 codes, used or not
                    continue
                glyph = embedded["glyf"][cmap[int(code, 16)]]
                out[bytes.fromhex(uni).decode("utf-16-be")] = glyph.numberOfContours
    return out


def test_a_fallback_with_the_bundled_faces_postscript_name_draws_its_own_glyphs(tmp_path):
    twin = make_font(tmp_path / "Twin.ttf", RARE, ps=BUNDLED_PS, advance=800)
    text = f"吉祥的{RARE}字"
    content, layout = tiny_page(tmp_path, text, [{"file": str(SONG)}, {"file": str(twin)}])
    result = build(str(content), str(layout), str(tmp_path / "out"), ("print", "archive"))

    for pdf in (result.outputs["print.pdf"], result.outputs["archive.pdf"]):
        assert text in pdf_text(pdf)
        with pikepdf.open(pdf) as doc:
            names = [str(f.BaseFont) for f in doc.pages[0].Resources.Font.values()]
        assert len(names) == len(set(names)) == 2  # two fonts, two names, one PostScript name
        assert {n.split("+")[1].rsplit("-", 1)[0] for n in names} == {BUNDLED_PS}
        assert embedded_glyph_boxes(pdf)[RARE] == 1  # the twin's box, not the bundled .notdef
    assert result.ok


@pytest.mark.parametrize("cff", [False, True])
def test_a_fallback_that_draws_nothing_is_harmless(tmp_path, cff):
    idle = make_font(tmp_path / ("Idle.otf" if cff else "Idle.ttf"), "乙丙", cff=cff,
                     family="Spread Idle")
    content, layout = tiny_page(tmp_path, TEXT, [{"file": str(SONG)}, {"file": str(idle)}])
    result, pdf = built(tmp_path, content, layout)
    assert TEXT in pdf_text(pdf)
    assert list(embedded_fonts(pdf)) == [BUNDLED_PS]


def test_two_faces_of_one_name_in_one_process_stay_apart(tmp_path):
    """A second build in the same process (spread watch) with another font of the same name
    gets that font, not the one registered first."""
    first = make_font(tmp_path / "One.ttf", "吉祥", ps="SpreadSame-Regular")
    second = make_font(tmp_path / "Two.ttf", "的字", ps="SpreadSame-Regular")
    for font, text in ((first, "吉祥"), (second, "的字")):
        content, layout = tiny_page(tmp_path, text, [{"file": str(font)}], name=font.stem)
        _, pdf = built(tmp_path, content, layout)
        assert pdf_text(pdf).strip() == text
        assert set(embedded_glyph_boxes(pdf)) == set(text)


@pytest.fixture
def rare_collection(tmp_path) -> Path:
    """A CFF .otc whose second member, named like the bundled 宋, has 𠮷."""
    a = make_font(tmp_path / "a.otf", "甲", family="Spread Other", cff=True)
    b = make_font(tmp_path / "b.otf", RARE + "吉", family="Spread Rare", cff=True,
                  ps=BUNDLED_PS)
    otc = TTCollection()
    otc.fonts = [TTFont(a), TTFont(b)]
    path = tmp_path / "Rare.otc"
    otc.save(str(path))
    return path


def test_a_rare_character_builds_with_a_collection_member_as_fallback(tmp_path,
                                                                      rare_collection):
    text = f"吉祥的{RARE}字"
    content, layout = tiny_page(tmp_path, text, [
        {"file": str(SONG)}, {"file": str(rare_collection), "face": "Spread Rare"}])
    result = build(str(content), str(layout), str(tmp_path / "out"), ("print", "archive"))
    runs = [(r.chars, r.face) for r in result.page.items if hasattr(r, "face")]
    assert (RARE, "song.1") in runs
    for pdf in (result.outputs["print.pdf"], result.outputs["archive.pdf"]):
        assert text in pdf_text(pdf)
        assert embedded_glyph_boxes(pdf)[RARE] == 1
    assert result.ok


# --- the font report ------------------------------------------------------------------------

def test_report_lists_roles_faces_coverage_missing_and_licence(tmp_path):
    fallback = make_font(tmp_path / "Rare.ttf", RARE, family="Spread Rare",
                         licence="Licensed under the Spread Test Licence. Embedding allowed.")
    content, layout = tiny_page(tmp_path, f"吉祥的{RARE}字{RARE}",
                                [{"file": str(SONG)}, {"file": str(fallback)}])
    lay = template.load(str(layout))
    report = report_of(content_mod.load(str(content)), lay, load_fonts(lay, str(layout)))
    song = report.to_dict()["roles"][0]
    assert (song["role"], song["chars"], song["occurrences"]) == ("song", 5, 6)
    assert [(f["file"], f["chars"], f["occurrences"]) for f in song["faces"]] == [
        ("NotoSerifSC-Regular.ttf", 4, 4), ("Rare.ttf", 1, 2)]
    assert song["faces"][0]["licence"].startswith("This Font Software is licensed under the SIL")
    rows = [line.split() for line in report.format().splitlines()]
    assert rows[1][:2] == ["song", "1"]
    assert " ".join(rows[1][2:]) == ("NotoSerifSC-Regular.ttf Noto Serif CJK SC / Regular "
                                     "4/5 (80%) SIL Open Font License, Version 1.1")
    assert " ".join(rows[2]) == "2 Rare.ttf Spread Rare / Regular 1/5 (20%) Spread Test Licence"
    assert report.missing == {}


def test_report_lists_missing_characters_instead_of_failing(tmp_path):
    bare = make_font(tmp_path / "Bare.ttf", "吉字", family="Spread Bare")
    (tmp_path / "manifest.yaml").write_text(
        "fonts:\n- file: Bare.ttf\n  licence: Spread Test Licence 2.0\n", encoding="utf-8")
    content, layout = tiny_page(tmp_path, f"吉{RARE}字", [{"file": str(bare)}])
    lay = template.load(str(layout))
    report = report_of(content_mod.load(str(content)), lay, load_fonts(lay, str(layout)))
    assert report.missing == {"song": RARE}
    assert f"missing in song: {RARE} U+20BB7" in report.format()
    assert report.roles[0].faces[0].licence == "Spread Test Licence 2.0"  # from the manifest


def test_report_on_the_default_content_finds_nothing_missing(root):
    layout = template.load(str(root / "layout" / "default.yaml"))
    fonts = load_fonts(layout, str(root / "layout" / "default.yaml"))
    report = report_of(content_mod.load(str(root / "content.yaml")), layout, fonts)
    assert report.missing == {}
    assert all(f.chars == r.chars for r in report.roles for f in r.faces if r.chars)
    assert "every character of the content has a font" in report.format()


def test_report_gives_each_roles_coverage_of_the_standards(root):
    layout = template.load(str(root / "layout" / "default.yaml"))
    fonts = load_fonts(layout, str(root / "layout" / "default.yaml"))
    report = report_of(content_mod.load(str(root / "content.yaml")), layout, fonts)
    coverage = {r.role: r.coverage for r in report.roles}
    for role in ("song", "song_heavy", "hei", "kai"):
        assert [coverage[role][f"tongyong_{level}"] for level in (1, 2, 3)] == [
            (3500, 3500), (3000, 3000), (1605, 1605)]
        assert coverage[role]["gb2312"] == (7445, 7445)
    for role in ("song", "hei"):  # GBK less ≒ (U+2252), which Noto CJK SC lacks
        assert coverage[role]["gbk"] == (21790, 21791)
    lines = report.format().splitlines()
    assert lines[lines.index("") + 1].split() == ["coverage", "通用规范一级", "二级", "三级",
                                                  "GB", "2312", "GBK"]
    assert "song        3500/3500     3000/3000  1605/1605  7445/7445  21790/21791" in lines


def test_report_lists_the_characters_each_face_sets(tmp_path):
    content, layout = tiny_page(tmp_path, f"吉{NAMES}", [{"file": str(SONG)}])
    lay = template.load(str(layout))
    report = report_of(content_mod.load(str(content)), lay, load_fonts(lay, str(layout)))
    assert report.roles[0].faces[0].sets == "".join(sorted("吉" + NAMES))
    assert ("song face 1 sets hanzi beyond GB 2312: " + "".join(sorted(NAMES))
            in report.format())


# --- synthetic bold and oblique -------------------------------------------------------------

def _operators(pdf: Path) -> list[tuple[str, list]]:
    """The page's content stream as (operator, operands), numbers as floats."""
    with pikepdf.open(pdf) as doc:
        return [(str(op), [float(x) if isinstance(x, (int, Decimal)) else x for x in operands])
                for operands, op in pikepdf.parse_content_stream(doc.pages[0])]


def test_synthetic_bold_and_oblique_only_where_the_family_lacks_them(tmp_path):
    regular = make_font(tmp_path / "Regular.ttf", TEXT, family="Spread Plain")
    styles = {"strong": {"font": "song", "size": "12pt", "weight": "bold", "align": "start"},
              "slanted": {"font": "song", "size": "12pt", "slant": "oblique"}}
    content, layout = tiny_page(tmp_path, TEXT, [{"file": str(regular)}], styles=styles)
    lay = template.load(str(layout))
    assert lay.styles["strong"].font == "song+bold"
    assert lay.styles["slanted"].font == "song+oblique"
    _, pdf = built(tmp_path, content, layout)
    ops = _operators(pdf)
    assert ("Tr", [2.0]) in ops
    assert ("w", [pytest.approx(12 / 30)]) in ops

    report = report_of(content_mod.load(str(content)), lay, load_fonts(lay, str(layout)))
    assert "synthetic bold for role song+bold (Regular.ttf), styles strong" in report.notes
    assert "synthetic oblique for role song+oblique (Regular.ttf), styles slanted" in \
        report.format()

    # the same request on a face that is bold draws it as it is
    bold = make_font(tmp_path / "Bold.ttf", TEXT, family="Spread Plain", style="Bold",
                     weight=700)
    content, layout = tiny_page(tmp_path, TEXT, [{"file": str(bold)}], styles=styles,
                                name="bold")
    _, pdf = built(tmp_path, content, layout)
    assert ("Tr", [2.0]) not in _operators(pdf)


def test_oblique_skews_the_text_matrix(tmp_path):
    regular = make_font(tmp_path / "Regular.ttf", TEXT)
    styles = {"slanted": {"font": "song", "size": "12pt", "slant": "oblique"}}
    content, layout = tiny_page(tmp_path, TEXT, [{"file": str(regular)}], styles=styles)
    _, pdf = built(tmp_path, content, layout)
    placed = [args for op, args in _operators(pdf) if op == "Tm" and args[4:] != [0, 0]]
    assert placed and all(m[2] == pytest.approx(0.2126, abs=1e-4) for m in placed)
    assert TEXT in pdf_text(pdf)


def test_cache_folder_follows_spread_cache(cache):
    assert FontCache().root == cache


# --- Latin, pinyin and symbols of the bundled faces -----------------------------------------

STRESS = ROOT / "tests" / "data" / "stress" / "content.yaml"
# Names and words a newspaper meets, pinyin with its tone marks (ê̄ ê̌ have no precomposed
# form), and the signs of figures and units; each is drawn by the body and heading faces.
LATIN_SAMPLE = (
    "Ångström Dvořák Čapek Škoda Žižka Štěpánek Kraków Gdańsk Erdoğan Müller Zürich "
    "Genève naïve café façade Œuvre Ørsted Þór "
    "ā á ǎ à ō ó ǒ ò ē é ě è ī í ǐ ì ū ú ǔ ù ǖ ǘ ǚ ǜ ü ê ê̄ ê̌ ế ề ḿ ń ň ǹ ɑ ɡ "
    "Nguyễn Phạm Thị Hồ Chí Minh Đà Nẵng "
    "€100 £5 ¥8 $3 ₩ 12.5％ −3 ±0.5 3×4 8÷2 ≤ ≥ ≈ ≠ ∞ √2 ½ ¼ ¹²³ ℃ ℉ № ™ ℡ ‰ ° "
    "Ⅰ Ⅱ Ⅻ ⅰ ① ⑳ ⑴ ⒈ ❶ → ← ↑ ↓ ⇒ ‼ ⁇ ⁈ ⁉ ′ ″ § ¶ † ‡ • … ‥ ⸺ ㎡ ㎞ ㎏ ㊣ ㈠ 〒 〓 ￠ ﹪"
)
BODY_AND_HEADING_ROLES = ("song", "song_heavy", "hei")


def _inked(path: Path) -> set[int]:
    """The code points the font draws with a glyph that has outlines."""
    with TTFont(path) as font:
        glyf = font["glyf"]
        return {cp for cp, name in font.getBestCmap().items() if glyf[name].numberOfContours}


def test_the_body_and_heading_faces_draw_the_stress_text_and_a_latin_sample(root):
    layout = template.load(str(root / "layout" / "default.yaml"))
    fonts = load_fonts(layout, str(root / "layout" / "default.yaml"))
    # the whole stress file, its comments too: they name the cases still to add to it
    wanted = {ch for ch in STRESS.read_text(encoding="utf-8") + LATIN_SAMPLE
              if ch.isprintable() and not ch.isspace()}
    for role in BODY_AND_HEADING_ROLES:
        chain = fonts(role)
        assert not [ch for ch in wanted if chain.face_for(ch) is None], role
        inked = _inked(chain.faces[0].path)
        assert "".join(sorted(ch for ch in wanted if ord(ch) not in inked)) == "", role


def test_the_latin_sample_prints_and_extracts_in_the_body_face(tmp_path):
    small = {"body": {"font": "song", "size": "7pt", "align": "start"}}
    content, layout = tiny_page(tmp_path, f"'{LATIN_SAMPLE}'", [{"file": str(SONG)}],
                                styles=small)
    _, pdf = built(tmp_path, content, layout)
    text = "".join(pdf_text(pdf).split())
    for word in LATIN_SAMPLE.split():
        assert word in text


def test_the_manifest_counts_each_faces_unicode_blocks_from_its_file(root):
    import yaml

    manifest = yaml.safe_load((root / "fonts" / "manifest.yaml").read_text(encoding="utf-8"))
    ranges = manifest["blocks"]["ranges"]
    assert {"Latin-1 Supplement", "Latin Extended-A", "General Punctuation",
            "Currency Symbols", "Letterlike Symbols", "Number Forms", "Arrows",
            "Mathematical Operators", "Enclosed Alphanumerics", "CJK Symbols and Punctuation",
            "Halfwidth and Fullwidth Forms"} <= set(ranges)
    for entry in manifest["fonts"]:
        with TTFont(root / "fonts" / entry["file"], lazy=True) as font:
            have = set(font.getBestCmap())
        assert set(entry["blocks"]) == set(ranges)
        for block, span in ranges.items():
            lo, hi = (int(end[2:], 16) for end in span.split("-"))
            count = int(entry["blocks"][block].split("/")[0])
            assert count == sum(1 for cp in have if lo <= cp <= hi), (entry["file"], block)
        # Latin-1 whole in every face: names and signs of Western Europe
        assert entry["blocks"]["Latin-1 Supplement"] == "96/96"


def _outline_font(path: Path, glyphs: dict[str, tuple[int, list[list[tuple[int, int]]]]]):
    """A glyf font of polygons: char -> (advance, contours)."""
    fb = FontBuilder(1000, isTTF=True)
    names = {ch: f"g{ord(ch):04X}" for ch in glyphs}
    fb.setupGlyphOrder([".notdef", *names.values()])
    fb.setupCharacterMap({ord(ch): name for ch, name in names.items()})
    drawn = {".notdef": TTGlyphPen(None).glyph()}
    for ch, (_, contours) in glyphs.items():
        pen = TTGlyphPen(None)
        for contour in contours:
            pen.moveTo(contour[0])
            for point in contour[1:]:
                pen.lineTo(point)
            pen.closePath()
        drawn[names[ch]] = pen.glyph()
    fb.setupGlyf(drawn)
    fb.setupHorizontalMetrics({".notdef": (500, 0), **{   # lsb = xMin, as a font has it
        names[ch]: (advance, min(x for c in contours for x, _ in c))
        for ch, (advance, contours) in glyphs.items()}})
    fb.setupHorizontalHeader(ascent=880, descent=-120)
    fb.setupOS2()
    fb.setupPost()
    fb.setupNameTable({"familyName": "Accent Test", "styleName": "Regular"})
    fb.save(str(path))
    return TTFont(str(path))


def _box_at(x0, y0, x1, y1):
    return [(x0, y0), (x0, y1), (x1, y1), (x1, y0)]


def test_accented_letters_are_built_from_the_fonts_own_letter_and_accent(tmp_path):
    from spread.fonts.convert import compose_accented

    caron = _box_at(200, 600, 300, 700)
    font = _outline_font(tmp_path / "accents.ttf", {
        "e": (500, [_box_at(50, 0, 450, 500)]),
        "ě": (500, [_box_at(50, 0, 450, 500), caron]),   # e + caron
        "r": (400, [_box_at(50, 0, 350, 505)]),          # as tall as e: takes its caron
        "d": (500, [_box_at(50, 0, 450, 750)]),          # an ascender: finds no donor
        "α": (500, [_box_at(50, 0, 450, 500)]),          # Greek: never composed
    })
    added = compose_accented(font, [ord(c) for c in "řďǎ\u03ac"])
    assert [(a["char"], a["base"], a["donor"]) for a in added] == [("ř", "r", "ě")]
    glyph = font["glyf"][font.getBestCmap()[ord("ř")]]
    coords, ends, _ = glyph.getCoordinates(font["glyf"])
    points = [tuple(map(int, p)) for p in coords]
    # r's own outline, then the caron moved by the centres' difference (200 - 250) and
    # lifted by the tops' (505 - 500)
    assert points[:4] == _box_at(50, 0, 350, 505)
    assert sorted(points[4:]) == sorted(_box_at(150, 605, 250, 705))
    assert font["hmtx"][font.getBestCmap()[ord("ř")]][0] == 400


# Superscripts and subscripts: the figures, signs and parentheses of U+2070-208E (the
# assigned ones), CO₂ and 5×10⁸ in any face.
SCRIPTS = [chr(cp) for cp in range(0x2070, 0x208F) if unicodedata.category(chr(cp)) != "Cn"]
BUNDLED = sorted((ROOT / "fonts").glob("*.ttf"))


def _ink(font: TTFont, char: str) -> tuple[float, float, float, float]:
    pen = BoundsPen(font.getGlyphSet())
    font.getGlyphSet()[font.getBestCmap()[ord(char)]].draw(pen)
    return pen.bounds


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_every_bundled_face_sets_super_and_subscript_figures_and_signs(path):
    with TTFont(path) as font:
        cmap, glyf, hmtx = font.getBestCmap(), font["glyf"], font["hmtx"]
        assert "".join(c for c in SCRIPTS if ord(c) not in cmap) == ""
        for char in SCRIPTS:
            glyph = glyf[cmap[ord(char)]]
            if not glyph.isComposite():
                continue                          # the face's own design
            # a composite is the face's own full-size glyph (⁵ of 5, ₍ of (), made smaller
            full = unicodedata.decomposition(char).split()[1]
            [component] = glyph.components
            assert component.glyphName == cmap[int(full, 16)], char
            (across, skew), (slant, up) = component.transform
            assert 0.4 < up < 0.8 and 0.4 < across < 0.8 and skew == slant == 0, char
        # made ones stand where the face's own ¹ ² ³ stand: tops and feet within 3% em, one
        # width for all figures
        upem = font["head"].unitsPerEm
        superior = [_ink(font, c) for c in "¹²³⁰⁵⁶⁷⁸⁹"]
        inferior = [_ink(font, c) for c in "₀₁₂₃₄₅₆₇₈₉"]
        for boxes in (superior, inferior):
            assert max(b[3] for b in boxes) - min(b[3] for b in boxes) < 0.03 * upem
            assert max(b[1] for b in boxes) - min(b[1] for b in boxes) < 0.03 * upem
        assert min(b[1] for b in superior) > max(b[3] for b in inferior) - 0.2 * upem
        assert len({hmtx[cmap[ord(c)]][0] for c in "¹²³⁰⁴⁵⁶⁷⁸⁹₀₁₂₃₄₅₆₇₈₉"}) == 1


def test_the_bundled_body_face_builds_its_scripts_from_its_own_figures():
    with TTFont(SONG) as font:
        cmap, glyf = font.getBestCmap(), font["glyf"]
        for char, full in (("₂", "2"), ("⁸", "8"), ("⁻", "−"), ("₀", "0")):
            glyph = glyf[cmap[ord(char)]]
            assert glyph.isComposite() and glyph.components[0].glyphName == cmap[ord(full)]
        # ¹ ² ³ ⁴ are Noto's own drawings
        assert not any(glyf[cmap[ord(c)]].isComposite() for c in "¹²³⁴")


def test_scripts_are_scaled_and_raised_as_the_fonts_own_superior_figures(tmp_path):
    from spread.fonts.convert import compose_scripts

    font = _outline_font(tmp_path / "scripts.ttf", {
        "1": (500, [_box_at(100, 0, 400, 700)]),
        "2": (500, [_box_at(50, 0, 450, 700)]),
        "+": (600, [_box_at(100, 100, 500, 500)]),
        "¹": (300, [_box_at(75, 400, 225, 750)]),      # 1 at half size, raised 400
        "²": (300, [_box_at(50, 400, 250, 750)]),
    })
    font["OS/2"].ySubscriptYOffset = 75
    added = {a["char"]: a for a in compose_scripts(font, [ord(c) for c in "²³⁺₂₊x"])}
    assert sorted(added) == ["⁺", "₂", "₊"]              # ² is there, 3 and x are not
    # half size, raised 400 / lowered by the OS/2 offset, 25 units each side (as ¹ ² have)
    assert [(a["scale"], a["dy"], a["advance"], a["dx"]) for a in added.values()] == [
        (0.5, 400, 350, 25), (0.5, -75, 300, 25), (0.5, -75, 350, 25)]
    cmap, glyf = font.getBestCmap(), font["glyf"]
    glyph = glyf[cmap[ord("₂")]]
    assert [c.glyphName for c in glyph.components] == [cmap[ord("2")]]
    assert _ink(font, "₂") == (50, -75, 250, 275)
    assert font["hmtx"][cmap[ord("₂")]][0] == 300


def test_co2_and_powers_of_ten_set_in_the_body_song_and_read_back(tmp_path):
    from spread.cli import main

    paragraph = "CO₂排放量为5×10⁸吨，x⁻¹与m₀"
    content, layout = tiny_page(tmp_path, paragraph, [{"file": str(SONG)}])
    assert main(["build", str(content), "--layout", str(layout),
                 "-o", str(tmp_path / "out")]) == 0
    pdf = tmp_path / "out" / "page.print.pdf"
    assert "".join(pdf_text(pdf).split()) == paragraph
    assert set(embedded_fonts(pdf)) and all(
        "NotoSerif" in name for name in embedded_fonts(pdf))
