"""Repeated rows: a row with `repeat` becomes the rows its content's items need, each item
with its share of the grid's columns and its content path; a repeat over something that is
not a list, or over more items than the row takes, is refused at its place."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from spread import content as content_mod
from spread import repeat, template
from spread.errors import InputError

from conftest import ROOT

COMMEMORATIVE = ROOT / "layout" / "commemorative.yaml"


def sections(n: int) -> str:
    items = "".join(f"  - title: 栏目{i}\n    intro: 第{i}段。\n" for i in range(n))
    return f"headline: 标题\nsections:\n{items}" if n else "headline: 标题\nsections: []\n"


def expanded(n: int, layout_path=COMMEMORATIVE) -> template.Layout:
    layout = template.load(str(layout_path))
    return repeat.expand(layout, content_mod.load("content.yaml", sections(n)))


@given(st.integers(0, 40), st.integers(1, 8))
def test_items_share_the_rows_evenly_the_fuller_below(n, across):
    counts = repeat.shares(n, across)
    assert sum(counts) == n and all(1 <= c <= across for c in counts)
    assert counts == sorted(counts) and (not counts or counts[-1] - counts[0] <= 1)
    assert len(counts) == -(-n // across)


@given(st.integers(1, 12), st.data())
def test_items_share_the_columns_exactly_the_wider_first(columns, data):
    count = data.draw(st.integers(1, columns))
    spans = repeat.spans(columns, count)
    assert spans[0][0] == 1 and spans[-1][1] == columns
    assert all(b[0] == a[1] + 1 for a, b in zip(spans, spans[1:]))
    widths = [last - first + 1 for first, last in spans]
    assert widths == sorted(widths, reverse=True) and widths[0] - widths[-1] <= 1


def test_three_sections_one_across_the_page_then_two_side_by_side():
    layout = expanded(3)
    rows = {row.name: row for row in layout.rows}
    assert "sections" not in rows and all(row.repeat is None for row in layout.rows)
    first, second = rows["sections-1"], rows["sections-2"]
    assert [(r.columns, r.content, r.split) for r in first.regions] == [
        ("1-8", "sections[0]", 4)]
    assert [(r.columns, r.content, r.split) for r in second.regions] == [
        ("1-4", "sections[1]", 2), ("5-8", "sections[2]", 2)]
    # `each` in turn, merged into the options as written
    spaced = {"fill": "space", "space_at": "paragraphs", "max_space": 1}
    assert first.regions[0].options == {**spaced, "pictogram": "medal",
                                        "chart": "charts[0]", "chart_options": {"grow": 1.5}}
    assert second.regions[1].options == {**spaced, "pictogram": "heart"}
    assert first.grow and second.grow


def test_one_section_keeps_the_rows_name_and_none_sets_no_row():
    assert [r.name for r in expanded(1).rows if r.name.startswith("sections")] == ["sections"]
    assert not [r for r in expanded(0).rows if r.name.startswith("sections")]


def test_a_layout_without_repeats_is_returned_as_it_is():
    layout = template.load(str(ROOT / "layout" / "default.yaml"))
    assert repeat.expand(layout, content_mod.load(str(ROOT / "content.yaml"))) is layout


def test_more_items_than_the_row_takes_are_refused_at_the_first_too_many():
    with pytest.raises(InputError) as caught:
        expanded(7)
    error = caught.value
    assert "takes at most 6" in error.message and "7 sections" in error.message
    assert error.where.file == "content.yaml" and error.where.path == "sections[6]"
    assert error.where.line == 3 + 2 * 6  # the seventh section, two lines each
    assert "most" in error.hint


def layout_with(row: str) -> str:
    text = COMMEMORATIVE.read_text(encoding="utf-8")
    start = text.index("  - name: sections")
    end = text.index("  - name: honour")
    return text[:start] + row + text[end:]


@pytest.mark.parametrize("row, line, message", [
    ("  - name: sections\n    repeat: {content: headline}\n    regions: [{kind: section}]\n",
     "repeat: {content: headline}", "'headline' is not a list of the content"),
    ("  - name: sections\n    repeat: {content: sections, across: 0}\n"
     "    regions: [{kind: section}]\n", "across: 0", "across must be 1 or more"),
    ("  - name: sections\n    repeat: {content: sections}\n"
     "    regions: [{kind: section, columns: 1-4}]\n", "columns: 1-4",
     "takes its columns from the items of sections"),
    ("  - name: sections\n    repeat: {content: sections, each: [{pictogrm: medal}]}\n"
     "    regions: [{kind: section}]\n", "pictogrm", "did you mean 'pictogram'"),
    ("  - name: sections\n    repeat: {content: sections}\n"
     "    regions: [{kind: section}, {kind: section}]\n", "regions:",
     "one region per item, not 2"),
])
def test_a_repeat_the_layout_cannot_have_is_refused_at_its_line(row, line, message, tmp_path):
    text = layout_with(row)
    path = tmp_path / "layout.yaml"
    path.write_text(text, encoding="utf-8")
    layout, findings = template.read(str(path))
    assert len(findings) == 1, findings
    error = findings[0]
    assert message in str(error)
    written = text.splitlines()[error.where.line - 1]
    assert line in written, (written, str(error))


def pictures(n: int) -> str:
    items = "".join(f"  - file: photos/photo{i}.jpg\n    caption: 第{i}张。\n" for i in range(n))
    return f"headline: 标题\npictures:\n{items}"


@pytest.mark.parametrize("n", [4, 6, 8])
def test_the_photo_page_sets_any_number_of_photos_in_one_gallery(n):
    """The photo page's rows are the gallery's to choose, by the photos' proportions
    (layout.pictures.gallery): its layout repeats nothing."""
    layout = repeat.expand(template.load(str(ROOT / "layout" / "photo.yaml")),
                           content_mod.load("content.yaml", pictures(n)))
    photos = [row for row in layout.rows if row.name.startswith("photos")]
    assert [[(r.kind, r.content, r.columns) for r in row.regions] for row in photos] == [
        [("gallery", "pictures", "1-6")]]


def test_two_shapes_for_one_count_are_refused(tmp_path):
    row = ("  - name: sections\n    repeat: {content: sections, shapes: [[1, 2], [2, 1]]}\n"
           "    regions: [{kind: section}]\n")
    path = tmp_path / "layout.yaml"
    path.write_text(layout_with(row), encoding="utf-8")
    _, findings = template.read(str(path))
    assert [f.message for f in findings] == ["repeat: shapes [1, 2] and [2, 1] both set 3 items"]


# -- a repeat inside a stack: sections one above another beside a sidebar ---------------------

@pytest.mark.parametrize("row, line, message", [
    ("  - name: sections\n    regions:\n      - {kind: section, columns: 1-6, repeat: "
     "{content: sections}}\n", "repeat: {content", "only a stack repeats its region"),
    ("  - name: sections\n    regions:\n      - kind: stack\n        columns: 1-6\n"
     "        repeat: {content: sections, across: 2}\n        regions: [{kind: section}]\n",
     "across: 2", "a stack sets its items one above another"),
    ("  - name: sections\n    regions:\n      - kind: stack\n        columns: 1-6\n"
     "        repeat: {content: sections}\n        regions: [{kind: section, content: "
     "\"sections[0]\"}]\n", "content:", "takes its content from the items of sections"),
])
def test_a_stack_repeat_the_layout_cannot_have_is_refused_at_its_line(row, line, message,
                                                                      tmp_path):
    test_a_repeat_the_layout_cannot_have_is_refused_at_its_line(row, line, message, tmp_path)


NEWS = ROOT / "layout" / "news.yaml"
SIDEBAR = """  - name: lead
    space_after: 6mm
    regions:
      - {kind: picture, columns: 1-6, content: "pictures[0]", options: {fit: fill, aspect: "12:5"}}
      - {kind: story, columns: 7-12, split: 2, options: {head: false, fill: space}}
  - name: stories
    grow: true
    space_after: 4mm
    regions:
      - kind: stack
        columns: 1-8
        repeat: {content: sections, most: 4, measure: 4}
        regions:
          - kind: story
            grow: true
            options: {fill: space, head_rule: rule, photo_after: 0, divider: rule,
                      headline_style: story_headline, photo_options: {fit: fill, aspect: "4:3"}}
      - {kind: picture, columns: 9-12, content: "pictures[1]", options: {fit: fill, aspect: "3:4"}}
"""


def sidebar_edition(folder, n: int):
    """The news starter on a layout whose stories stand one above another in columns 1–8,
    a photo column beside them (columns 9–12); n stories."""
    import shutil

    import yaml

    text = NEWS.read_text(encoding="utf-8").replace("../fonts/", f"{ROOT}/fonts/")
    start, end = text.index("  - name: lead-alone"), text.index("  - name: credits")
    (folder / "layout.yaml").write_text(text[:start] + SIDEBAR + text[end:], encoding="utf-8")
    shutil.copytree(ROOT / "layout" / "news", folder, dirs_exist_ok=True)
    data = yaml.safe_load((folder / "content.yaml").read_text(encoding="utf-8"))
    data["pictures"].append({"file": "photos/reading.jpg", "caption": "二楼阅览区。",
                             "credit": "本报记者 王六 摄"})
    data["sections"] = [dict(data["sections"][k % 2], title=f"第{k + 1}条", pictures=[],
                             body=data["sections"][k % 2]["body"][:4 // n + 1])
                        for k in range(n)]
    (folder / "content.yaml").write_text(yaml.safe_dump(data, allow_unicode=True,
                                                        sort_keys=False), encoding="utf-8")
    return folder / "content.yaml", folder / "layout.yaml"


@pytest.mark.parametrize("n", [1, 3])
def test_stories_repeat_one_above_another_beside_a_photo_column(n, tmp_path, capsys):
    import pypdfium2 as pdfium

    from spread import cli

    content, layout = sidebar_edition(tmp_path, n)
    expanded = repeat.expand(template.load(str(layout)), content_mod.load(str(content)))
    (stack, photo) = next(row for row in expanded.rows if row.name == "stories").regions
    assert [(r.content, r.split, r.columns) for r in stack.regions] == [
        (f"sections[{k}]", 2, "1-8") for k in range(n)]  # the stack's columns, named
    code = cli.main(["build", str(content), "--layout", str(layout), "-o",
                     str(tmp_path / "out"), "--rendition", "print"])
    assert code == 0, capsys.readouterr().err
    pdf = pdfium.PdfDocument(tmp_path / "out" / "content.print.pdf")
    try:
        page = pdf[0]
        text = page.get_textpage()
        found = [text.search(f"第{k + 1}条").get_next() for k in range(n)]
        boxes = [text.get_charbox(index) for index, _ in found]
        images = [o.get_bounds() for o in page.get_objects()
                  if o.type == pdfium.raw.FPDF_PAGEOBJ_IMAGE]
    finally:
        pdf.close()
    sidebar = max(images, key=lambda box: box[0])  # the photo column, right of the stories
    assert all(box[2] < sidebar[0] for box in boxes)  # every story's head left of it
    assert [box[1] for box in boxes] == sorted((box[1] for box in boxes), reverse=True)
    assert sidebar[3] - sidebar[1] > 100  # a column-tall photo, not a stamp


def _halves(layout_path, lengths: list[int]) -> list[int]:
    """How many of these stories (the first with a photo) each half of the news page takes."""
    items = "".join(f"  - title: 第{i}条\n    body:\n      - {'字' * n}\n"
                    + ("    pictures:\n      - file: photos/a.jpg\n" if i == 0 else "")
                    for i, n in enumerate(lengths))
    content = content_mod.load("content.yaml", "headline: 标题\nlead:\n  - " + "文" * 600
                               + "\npictures:\n  - file: photos/lead.jpg\nsections:\n" + items)
    layout = repeat.expand(template.load(str(layout_path)), content)
    (row,) = [r for r in layout.rows if r.name.startswith("halves")]
    return [sum(1 for r in top.walk() if r.kind == "story" and r.content)
            for top in row.regions]


def test_the_halves_weigh_a_story_s_photo_as_wide_as_its_story_sets_it(tmp_path):
    """Once a photo spanning its story's two text columns weighed as one a column wide (a
    tenth of a column's height), so a half whose first story spans its photo ran long: now
    a photo weighs the lines it takes across the width the story sets it at — four stories
    of 300 characters, the first with a photo, share the halves two and two with the photo
    in a column, one and three with it across its story."""
    news = ROOT / "layout" / "news.yaml"
    text = news.read_text(encoding="utf-8")
    column = "          photo_after: 0            # photos at the top of the first column\n"
    assert column in text
    span = tmp_path / "news.yaml"
    span.write_text(text.replace(column, column + "          photo_place: span\n")
                    .replace("../fonts/", f"{ROOT}/fonts/"), encoding="utf-8")
    assert _halves(news, [300] * 4) == [2, 2]
    assert _halves(span, [300] * 4) == [1, 3]


def test_a_layout_s_variants_are_its_make_ups_for_the_counts(tmp_path):
    """Rows with a `when` variant are alternative make-ups: the variants whose rows hold for
    the content's counts, in order; a layout expanded for one keeps its rows and those of
    no variant, and by default the first's."""
    news = template.load(str(ROOT / "layout" / "news.yaml"))

    def names(layout):
        return [row.name.rsplit("-", 1)[0] if row.name[-1].isdigit() else row.name
                for row in layout.rows]

    photo = "pictures:\n  - file: lead.jpg\n"  # the make-ups with a lead photo
    for n, expected in ((1, [None]), (2, ["halves", "wide"]), (3, ["halves", "wide"]),
                        (4, ["halves"])):
        content = content_mod.load("content.yaml", sections(n) + photo)
        assert repeat.variants(news, content) == expected, n
        # without one, a single make-up sets the lead story in the photo's place
        assert repeat.variants(news, content_mod.load("content.yaml", sections(n))) == [None]
    content = content_mod.load("content.yaml", sections(2) + photo)
    assert "halves" in names(repeat.expand(news, content))
    wide = names(repeat.expand(news, content, "wide"))
    assert "lead-wide" in wide and "halves" not in wide and "folio" in wide
