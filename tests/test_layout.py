"""Layout is data: the page follows its template, and text that does not fit is an error
that names the item, its region and the overflow — never silently dropped."""

from __future__ import annotations

import re
from dataclasses import replace

import pikepdf
import pypdfium2 as pdfium
import pytest
import yaml

from conftest import CONTENT, LAYOUT, ROOT
from spread.build import build
from spread.errors import OversetError
from spread.units import MM


def copy_layout(tmp_path, edit) -> str:
    """The default layout with `edit` applied, its font paths still resolving."""
    text = LAYOUT.read_text(encoding="utf-8").replace("../fonts/", f"{LAYOUT.parent.parent}/fonts/")
    data = yaml.safe_load(text)
    edit(data)
    path = tmp_path / "layout.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return str(path)


def test_a_longer_section_fails_naming_it_and_keeps_the_old_output(tmp_path):
    out = tmp_path / "out"
    first = build(str(CONTENT), str(LAYOUT), str(out), ("print",))
    before = first.outputs["print.pdf"].read_bytes()
    text = CONTENT.read_text(encoding="utf-8")
    intro = "五年来，区总工会坚持围绕中心、服务大局，"
    long = text.replace(intro, intro + "团结带领全区广大职工服务改革发展，" * 40, 1)
    content = tmp_path / "content.yaml"
    content.write_text(long, encoding="utf-8")
    with pytest.raises(OversetError) as err:
        build(str(content), str(LAYOUT), str(out), ("print",))
    msg = str(err.value)
    assert "sections[0]" in msg and "content.yaml:" in msg
    assert "region 'section'" in msg and "mm too long" in msg and "characters" in msg
    assert (out / "content.print.pdf").read_bytes() == before


def test_changing_only_the_layout_changes_the_page(tmp_path):
    def smaller(data):
        data["page"]["size"] = ["400mm", "560mm"]
        data["grid"]["columns"] = 8
    result = build(str(CONTENT), copy_layout(tmp_path, smaller), str(tmp_path / "o"), ("print",))
    with pikepdf.open(result.outputs["print.pdf"]) as pdf:
        trim = [float(v) for v in pdf.pages[0].obj["/TrimBox"]]
    assert trim[2] - trim[0] == pytest.approx(400 * MM, abs=0.01)
    text = pdfium.PdfDocument(str(result.outputs["print.pdf"]))[0].get_textpage().get_text_range()
    assert "晒晒成绩单" in text and "荣誉榜" in re.sub(r"\s", "", text)


def test_a_fixed_region_that_is_too_small_names_the_item(tmp_path):
    def squeeze(data):
        for row in data["rows"]:
            if row["name"] == "lead":
                row["height"] = "20mm"
    with pytest.raises(OversetError) as err:
        build(str(CONTENT), copy_layout(tmp_path, squeeze), str(tmp_path / "o"), ("print",))
    msg = str(err.value)
    assert re.search(r"lead\[\d\]", msg) and "line(s)" in msg and "character(s) over" in msg


def _longer_first_section(tmp_path, times: int) -> str:
    intro = "五年来，区总工会坚持围绕中心、服务大局，"
    text = CONTENT.read_text(encoding="utf-8").replace(
        intro, intro + "团结带领全区广大职工服务改革发展，" * times, 1)
    path = tmp_path / "content.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def _shrink_sections(data):
    for row in data["rows"]:
        for region in row["regions"]:
            if region["kind"] == "section":
                region["fit"] = {"policy": "shrink", "min_size": 0.9, "min_leading": 0.9}


def test_copyfit_shrinks_within_its_floors_and_says_so(tmp_path):
    layout = copy_layout(tmp_path, _shrink_sections)
    result = build(_longer_first_section(tmp_path, 16), layout, str(tmp_path / "o"), ("print",))
    notes = [n for n in result.notes if n.startswith("copyfit: sections[0]")]
    assert notes and "size" in notes[0]
    text = pdfium.PdfDocument(str(result.outputs["print.pdf"]))[0].get_textpage().get_text_range()
    assert "团结带领全区广大职工服务改革发展" in re.sub(r"\s", "", text)


def test_copyfit_past_its_floors_is_still_an_overset_error(tmp_path):
    layout = copy_layout(tmp_path, _shrink_sections)
    with pytest.raises(OversetError) as err:
        build(_longer_first_section(tmp_path, 60), layout, str(tmp_path / "o"), ("print",))
    assert "sections[0]" in str(err.value)


def test_a_fixed_frame_with_shrink_refits_the_lead(tmp_path):
    def lead_fixed(data):
        for row in data["rows"]:
            if row["name"] == "lead":
                row["height"] = "38mm"
                row["regions"][0]["fit"] = {"policy": "shrink", "min_size": 0.85}
    result = build(str(CONTENT), copy_layout(tmp_path, lead_fixed), str(tmp_path / "o"),
                   ("print",))
    assert any(n.startswith("copyfit: lead") for n in result.notes), result.notes


def test_a_rendition_failing_late_writes_nothing(tmp_path):
    """Renditions are all made before any is written: print refusing a missing picture after
    the proof was made leaves every previous output untouched."""
    out = tmp_path / "out"
    first = build(str(CONTENT), str(LAYOUT), str(out), ("proof", "print"))
    before = {p: p.read_bytes() for p in first.outputs.values()}
    text = CONTENT.read_text(encoding="utf-8") + "\npictures:\n  - {file: gone.jpg, caption: 图}\n"
    content = tmp_path / "content.yaml"
    content.write_text(text, encoding="utf-8")

    def with_picture(data):
        data["page"]["size"][1] = "600mm"  # room for the extra row
        data["styles"]["caption"] = {"font": "kai", "size": "五号"}
        data["styles"]["credit"] = {"font": "song", "size": "小五"}
        data["rows"].insert(2, {"name": "picture", "regions": [
            {"kind": "picture", "columns": "1-2", "content": "pictures[0]",
             "options": {"height": "20mm"}}]})
    from spread.errors import SpreadError

    with pytest.raises(SpreadError) as err:
        build(str(content), copy_layout(tmp_path, with_picture), str(out), ("proof", "print"))
    assert "gone.jpg is missing" in str(err.value)
    assert {p: p.read_bytes() for p in first.outputs.values()} == before


def _page_text(result) -> str:
    pdf = pdfium.PdfDocument(str(result.outputs["print.pdf"]))
    return re.sub(r"\s", "", pdf[0].get_textpage().get_text_range())


def test_a_stack_sets_regions_one_above_the_other(tmp_path):
    def stacked(data):
        row = next(r for r in data["rows"] if r["name"] == "sections-3")
        section = row["regions"][0]
        # gap 0: on the page grid the tint and its gap take a whole line of the little
        # height the page has to spare
        row["regions"][0] = {"kind": "stack", "columns": section["columns"],
                             "options": {"gap": 0}, "regions": [
            {"kind": "decoration", "height": "6mm", "options": {"tint": "cream",
                                                               "rule_below": "red"}},
            {**{k: v for k, v in section.items() if k != "columns"}, "grow": True}]}
    result = build(str(CONTENT), copy_layout(tmp_path, stacked), str(tmp_path / "o"),
                   ("print",))
    from spread.page import Rect, TextRun

    tints = [i for i in result.page.items if isinstance(i, Rect) and i.fill is not None
             and i.fill.name == "cream" and abs(i.box.height - 6 * MM) < 0.01]
    assert len(tints) == 1
    title = next(i for i in result.page.items if isinstance(i, TextRun) and i.chars == "文化文明")
    assert title.y < tints[0].box.y  # the section sits under the decoration
    assert "打造家门口职工文化阵地" in _page_text(result)


def test_a_linked_frame_takes_what_does_not_fit(tmp_path):
    def linked(data):
        rows = data["rows"]
        lead = next(r for r in rows if r["name"] == "lead")
        lead["height"] = "24mm"  # three lines of the lead, four grid lines with its space
        lead["regions"][0]["name"] = "lead-first"
        rows.insert(rows.index(lead) + 2, {"name": "lead-continued", "space_after": "4mm",
                                           "regions": [{"kind": "text", "columns": "1-8",
                                                        "split": 3, "style": "lead",
                                                        "follows": "lead-first"}]})
    result = build(str(CONTENT), copy_layout(tmp_path, linked), str(tmp_path / "o"),
                   ("print",))
    text = _page_text(result)
    from spread import content as content_mod

    lead = "".join(content_mod.load(str(CONTENT)).lead)
    start, end = text.index(lead[:10]), text.index(lead[-10:])
    assert start < text.index("1445家") < end  # the lead resumes below the figures
    figures = text.index("1445家")
    resumed = text.index("建会率和职工入会率", figures) + len("建会率和职工入会率")
    assert lead in text[:figures] + text[resumed:]  # whole, in order, around the panel


def test_a_linked_frame_needs_a_fixed_height_before_it(tmp_path):
    def loose(data):
        lead = next(r for r in data["rows"] if r["name"] == "lead")
        lead["regions"][0]["name"] = "lead-first"
        data["rows"].append({"name": "more", "regions": [
            {"kind": "text", "columns": "1-8", "split": 3, "follows": "lead-first"}]})
    from spread.errors import InputError

    with pytest.raises(InputError) as err:
        build(str(CONTENT), copy_layout(tmp_path, loose), str(tmp_path / "o"), ("print",))
    assert "needs a fixed height" in str(err.value)


def test_figures_marked_in_the_content_stand_out(tmp_path):
    """emphasis: marked — only what the content marks with ** is set in the figure style."""
    text = CONTENT.read_text(encoding="utf-8").replace("开展“三重一新”劳动竞赛80余次",
                                                       "开展“三重一新”**劳动竞赛80余次**", 1)
    content = tmp_path / "content.yaml"
    content.write_text(text, encoding="utf-8")

    def marked(data):
        for row in data["rows"]:
            for region in row["regions"]:
                if region["kind"] == "section":
                    region.setdefault("options", {})["emphasis"] = "marked"
    result = build(str(content), copy_layout(tmp_path, marked), str(tmp_path / "o"), ("print",))
    from spread.page import TextRun

    red = "".join(i.chars for i in result.page.items
                  if isinstance(i, TextRun) and i.colour.name == "red" and i.style.font == "hei"
                  and i.style.size == 12.0)
    assert "劳动竞赛80余次" in red and "41场次" not in red
    assert "**" not in _page_text(result)


def test_a_baseline_grid_lines_up_neighbouring_columns(tmp_path):
    def grid(data):
        data["composition"]["baseline_grid"] = True
        data["styles"]["honour_item"]["leading"] = 1.3  # one grid line, not two
        data["page"]["size"][1] = "600mm"  # lines rounded up to the grid need room
        for row in data["rows"]:
            for region in row["regions"]:
                region.get("options", {}).pop("fill", None)
                region.get("options", {}).pop("chart", None)  # bars keep their own pitch
        data["omits"] = ["charts[0]"]  # left off on purpose
    result = build(str(CONTENT), copy_layout(tmp_path, grid), str(tmp_path / "o"), ("print",))
    from spread.page import TextRun

    runs = [i for i in result.page.items if isinstance(i, TextRun)]
    top = next(r.y for r in runs if r.chars == "建功立业")
    bottom = next(r.y for r in runs if r.chars == "关心关爱")
    pitch = 12.0 * 1.55
    # the first row of sections: four text columns of two modules side by side
    ys = sorted({r.y for r in runs if r.style.size == 12.0 and bottom < r.y < top})
    steps = [(b - a) / pitch for a, b in zip(ys, ys[1:])]
    assert len(ys) > 8 and all(abs(s - round(s)) < 0.01 for s in steps), steps


# -- the layout model knows every option ------------------------------------------------------

def test_every_option_a_region_kind_reads_is_typed_in_the_model():
    """Kinds read their options by name (blocks.option); each name is a field of the kinds'
    option sets, so the loader refuses a misspelt one and the schema offers it."""
    import ast
    import dataclasses

    from spread.template import OPTIONS

    known = {f.name for cls in OPTIONS.values() for f in dataclasses.fields(cls)}
    read = set()
    for path in (ROOT / "src" / "spread" / "layout").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", "") == "option"
                    and isinstance(node.args[1], ast.Constant)):
                read.add(node.args[1].value)
    assert read and read <= known, sorted(read - known)


def test_the_pictograms_the_model_offers_are_the_ones_drawn():
    import typing

    from spread.layout import ornament
    from spread.template import Pictogram

    assert set(typing.get_args(Pictogram)) - {""} == set(ornament._PICTOGRAMS)


def test_the_published_schema_takes_both_layouts_and_refuses_a_misspelt_option():
    import json

    import jsonschema


    schema = json.loads((ROOT / "docs" / "schema" / "layout.schema.json").read_text("utf-8"))
    check = jsonschema.Draft202012Validator(schema)
    for name in ("default.yaml", "tabloid-spread.yaml"):
        data = yaml.safe_load((ROOT / "layout" / name).read_text(encoding="utf-8"))
        assert not list(check.iter_errors(data)), name
        data["rows"][-2]["regions"][0]["options"]["pictogrm"] = "book"
        assert any("pictogrm" in e.message for e in check.iter_errors(data)), name


@pytest.mark.parametrize("copyfit", [False, True])
def test_re_solving_row_heights_never_re_composes_text(tmp_path, monkeypatch, copyfit):
    """Every region is measured, the row heights solved — spare height shared out, and with
    copyfit a row re-measured at each step — and each region then set at its height: each
    text is composed once for its rules, however often its row is solved again."""
    from spread.build import compose_page
    from spread.layout import context

    calls = []

    def counted(runs, rules, fonts):
        calls.append((tuple(runs), rules))
        return compose(runs, rules, fonts)

    compose = context.compose
    monkeypatch.setattr(context, "compose", counted)
    if copyfit:  # a first section too long for its row: the sections shrink step by step
        content = _longer_first_section(tmp_path, 16)
        layout = copy_layout(tmp_path, _shrink_sections)
    else:
        content, layout = str(CONTENT), str(LAYOUT)
    notes = compose_page(content, layout)[2]
    assert any(n.startswith("copyfit: sections[0]") for n in notes) == copyfit
    assert len(calls) > 50
    assert len(set(calls)) == len(calls), "a text composed again for the same rules"


def _regions_measured(content: str, layout: str):
    """Each region of a page (a stack's too) with its context, as the row solver measures
    it: the page seen from its columns at the type area's top."""
    from spread.layout import KINDS
    from spread.layout.context import Context
    from spread.layout.geometry import geometry
    from spread.validate import read

    inputs = read(content, layout)
    geo = geometry(inputs.layout)
    ctx = Context(inputs.content, inputs.layout, inputs.fonts, page_box=geo, kinds=KINDS)
    for i, row in enumerate(inputs.layout.rows):
        for j, top in enumerate(row.regions):
            for region in top.walk():
                x, width = geo.columns(region if region.columns else top)
                yield ctx.for_region(f"rows[{i}].regions[{j}]", ctx.copyfit,
                                     geo.seen_from(x, geo.area.top)), region, width


@pytest.mark.parametrize("name", ["default", "tabloid-spread", "news", "photo"])
def test_a_region_measured_is_its_frame_set_at_its_natural_height(name):
    """No kind has a "measure or place" switch: with no height given a region sets its
    items at its natural height, and set again at that height it is the same frame."""
    from spread.layout.blocks import build

    layout = ROOT / "layout" / f"{name}.yaml"
    content = layout.parent / name / "content.yaml" if name in ("news", "photo") else CONTENT
    kinds = set()
    for ctx, region, width in _regions_measured(str(content), str(layout)):
        measured = build(ctx, region, width, None)
        if measured.height == 0:  # nothing to show (no folio fields)
            continue
        kinds.add(region.kind)
        assert measured.items, f"{region.kind} measured as a bare size"
        again = build(ctx, region, width, measured.height)
        assert again == measured, region.kind
    assert kinds >= {"banner", "section", "figures", "honour_roll"} if name == "default" else kinds


def test_characters_no_font_draws_travel_in_the_frame_that_sets_them(tmp_path):
    """A region measured and thrown away reports nothing: the characters no font draws are
    carried by the frame that set them, and the page reports those of its placed frames —
    the same, however often its rows were measured."""
    from spread.layout import set_page
    from spread.layout.blocks import build as set_region
    from spread.validate import read

    intro = re.search(r"\n    intro: (.*)\n", CONTENT.read_text(encoding="utf-8")).group(1)
    content = tmp_path / "content.yaml"
    content.write_text(CONTENT.read_text(encoding="utf-8").replace(intro, "𠮷" + intro, 1),
                       encoding="utf-8")
    found = []
    for ctx, region, width in _regions_measured(str(content), str(LAYOUT)):
        frame = set_region(ctx, region, width, None)
        assert not ctx.missing  # the context it was set in keeps nothing
        found += frame.missing
    (ch, role, where), = found
    assert ch == "𠮷" and where.path == "sections[0].intro" and where.line
    inputs = read(str(content), str(LAYOUT))
    first, again = (set_page(inputs.content, inputs.layout, inputs.fonts) for _ in range(2))
    assert first.problems[0].error.message == again.problems[0].error.message
    assert first.problems[0].error.message.count("𠮷") == 1
    assert first.page == again.page and first.notes == again.notes


def test_a_followed_region_hands_its_rest_on_in_its_frame(tmp_path):
    """The lines a linked frame takes over are data: the frame of the region it follows
    carries them (Frame.overflow), and laying the page out twice gives the same page."""
    from spread.layout import set_page
    from spread.layout.blocks import build as set_region
    from spread.validate import read

    def linked(data):
        rows = data["rows"]
        lead = next(r for r in rows if r["name"] == "lead")
        lead["height"] = "24mm"
        lead["regions"][0]["name"] = "lead-first"
        rows.insert(rows.index(lead) + 2, {"name": "lead-continued", "regions": [
            {"kind": "text", "columns": "1-8", "split": 3, "style": "lead",
             "follows": "lead-first"}]})
    layout = copy_layout(tmp_path, linked)
    for ctx, region, width in _regions_measured(str(CONTENT), layout):
        if region.name == "lead-first":
            frame = set_region(replace(ctx, followed=frozenset({"lead-first"})), region,
                               width, 24 * MM)
            (name, lines, _), = frame.overflow
            assert name == "lead-first" and lines and not frame.problems
    inputs = read(str(CONTENT), layout)
    first, again = (set_page(inputs.content, inputs.layout, inputs.fonts) for _ in range(2))
    assert first.page == again.page and not first.problems


@pytest.mark.parametrize("name", ["default", "tabloid-spread"])
def test_a_region_is_set_once_at_each_height(name, monkeypatch):
    """A region is measured as its frame at its natural height; the make-up weighs each way
    of sharing the spare height on the growing rows set at trial heights; a row is placed
    as it was set at the height chosen, not set again: no region of a row is set twice at
    one height (its natural height when measured) and copyfit step."""
    from spread.layout import kinds, set_page
    from spread.validate import read

    settings = []

    def counted(kind):
        def setting(ctx, region, width, height):
            frame = kind(ctx, region, width, height)
            if re.fullmatch(r"rows\[\d+\]\.regions\[\d+\]", ctx.path):
                settings.append((ctx.path, frame.height if height is None else height,
                                 ctx.adjust))
            return frame
        return setting

    for kind, function in list(kinds.KINDS.items()):
        monkeypatch.setitem(kinds.KINDS, kind, counted(function))
    inputs = read(str(CONTENT), str(ROOT / "layout" / f"{name}.yaml"))
    set_page(inputs.content, inputs.layout, inputs.fonts)
    assert len(settings) > len(inputs.layout.rows)
    assert len(set(settings)) == len(settings), "a region set again at the same height"


def _without_report_styles(folder) -> str:
    """The default layout with no report_title or report_item style, nor the 数说 row."""
    data = yaml.safe_load(LAYOUT.read_text(encoding="utf-8").replace(
        "../fonts/", f"{ROOT}/fonts/"))
    del data["styles"]["report_title"], data["styles"]["report_item"]
    data["rows"] = [row for row in data["rows"] if row["name"] != "figures"]
    path = folder / "no-report-styles.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return str(path)


def test_a_section_without_a_report_needs_no_report_styles(tmp_path):
    """A section region asks the layout for the report's styles only when the content has a
    report (a profile's sections of paragraphs need none); a report then missing its style
    is an error at the region naming the style and what it sets."""
    from spread.errors import InputError

    layout = _without_report_styles(tmp_path)
    content = yaml.safe_load(CONTENT.read_text(encoding="utf-8"))
    del content["figures"], content["charts"]  # their sources are reports' items
    reported = tmp_path / "reported.yaml"
    reported.write_text(yaml.safe_dump(content, allow_unicode=True), encoding="utf-8")
    for section in content["sections"]:
        section.pop("report", None)
        section["body"] = [section.get("intro") or "五年来，区总工会坚持围绕中心、服务大局。"] * 2
    plain = tmp_path / "plain.yaml"
    plain.write_text(yaml.safe_dump(content, allow_unicode=True), encoding="utf-8")
    result = build(str(plain), layout, str(tmp_path / "plain"), ("print",), check=False)
    assert pdfium.PdfDocument(result.outputs["print.pdf"])[0].get_textpage().count_chars()
    with pytest.raises(InputError) as err:
        build(str(reported), layout, str(tmp_path / "full"), ("print",), check=False)
    assert "report_item" in str(err.value) or "report_title" in str(err.value)
    assert "sections[" in str(err.value)
