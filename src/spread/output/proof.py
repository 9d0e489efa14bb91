"""The proof: the print artwork on a larger sheet with crop and registration marks, a CMYK
colour bar and a slug line outside the bleed, an optional watermark under the artwork, and
a PNG of the sheet for people without a PDF viewer.

The marks are ordinary page items placed around the page (negative coordinates lie left of
or below the bleed), drawn by render.py like the artwork, with the page's embedded fonts.
ReportLab's own cropMarks would scale the artwork and leave the boxes where they were.

A failed build's proof is the same sheet around the page as far as layout set it, widened
for what must be seen: each problem's region framed in red and numbered, the text that did
not fit set beside the page in red frames with its amount, characters no font draws boxed
where they stand, make-up holes outlined, and the problems listed above the page.
"""

from __future__ import annotations

import hashlib
import io
import math
from dataclasses import replace
from pathlib import Path

import pypdfium2 as pdfium

from spread import __version__
from spread.compose.model import Style
from spread.errors import InputError
from spread.fonts import FontSet
from spread.output import Stamp, stamp
from spread.output.pdfx import to_pdfx
from spread.page import Box, Colour, Image, Item, Page, Rect, Rule, Shape, TextRun, moved
from spread.render import DrawSettings, draw
from spread.template import MAX_PROOF_PIXELS
from spread.units import MM

HAIRLINE = 0.25  # pt: the width of every mark
GAP = 1 * MM  # crop marks start this far outside the bleed, so trimming never shows them
SLUG_SIZE = 12.0  # pt, the largest the slug is set: readable on a 50 ppi picture too
# all four inks: marks that must show on every separation
REGISTRATION = Colour("registration", (1.0, 1.0, 1.0, 1.0), (0.0, 0.0, 0.0))
PAPER = Colour("paper", (0.0, 0.0, 0.0, 0.0), (1.0, 1.0, 1.0))
SLUG = Colour("slug", (0.0, 0.0, 0.0, 1.0), (0.0, 0.0, 0.0), overprint=True)
WATERMARK = Colour("watermark", (0.0, 0.2, 0.0, 0.0), (1.0, 0.8, 1.0))
TINTS = (1.0, 0.75, 0.5, 0.25)
# overprint patches: the first ink knocks out, the others overprint it
OVERPRINTS = ((0, 1), (0, 2), (1, 2), (0, 1, 2))
RICH_BLACK = (0.6, 0.4, 0.4, 1.0)  # the large-area black: 240%, the newsprint limit
# a failure proof's marks: red for what stops the page, blue for make-up holes
PROBLEM = Colour("problem", (0.0, 1.0, 1.0, 0.0), (0.9, 0.1, 0.1))
HOLE = Colour("hole", (1.0, 0.4, 0.0, 0.0), (0.0, 0.45, 0.85))
FRAME = 1.5  # pt: the width of a problem's frame
LABEL_SIZE = 14.0  # pt, the largest a problem's label is set
LABEL_SMALLEST = 8.0  # pt, the smallest: a longer label is cut short
LISTED = 12  # problems listed above the page; the rest are counted


def proof_rendition(page: Page, fonts: FontSet, content, layout, content_path: str,
                    title: str, profile: bytes | None) -> dict[str, bytes]:
    """proof.pdf (PDF/X structure, marks outside the bleed) and proof.png."""
    spec = layout.output.proof
    margin = spec.margin.pt()
    when = stamp(content)
    sheet = _grown(page.bleed, margin)
    items = (*watermark(page, fonts, spec.watermark, layout), *page.items,
             *marks(page, sheet, margin, fonts, slug_text(content, layout, content_path, when)))
    pdf = _sheet(page, items, sheet, fonts, layout, f"{title} (proof)", when, profile)
    return {"proof.pdf": pdf, "proof.png": picture(pdf, spec.resolution)}


def failure_rendition(page: Page, problems: list, makeup, fonts: FontSet, content, layout,
                      content_path: str, title: str, profile: bytes | None
                      ) -> dict[str, bytes]:
    """failed.proof.pdf and .png: the page as far as it was set, with its problems
    (layout.problems.Problem) and its make-up holes (`makeup`, a MakeupReport or None)
    marked. The same sheet as the proof's, widened for the overset text beside the page."""
    spec = layout.output.proof
    margin = spec.margin.pt()
    when = stamp(content)
    base = _grown(page.bleed, margin)
    marked = problem_marks(page, problems, base, margin, fonts)
    if makeup is not None:
        marked += hole_marks(makeup, [p.frame for p in problems if p.frame], fonts)
    marked += problem_list(problems, Box(base.x, base.top, base.width, 0.0), fonts)
    sheet = _around([base] + [box for item in marked if (box := _extent(item))], margin / 2)
    place, edition, digest = slug_text(content, layout, content_path, when)
    items = (*_drawable(page.items, fonts), *marked,
             *marks(page, sheet, margin, fonts, (f"FAILED BUILD · {place}", edition, digest)))
    pdf = _sheet(page, items, sheet, fonts, layout, f"{title} (failed proof)", when,
                 profile)
    # a sheet widened for the overset may need a lower resolution to stay within the
    # pixels a proof is drawn in
    fit = math.sqrt(MAX_PROOF_PIXELS / (sheet.width * sheet.height)) * 72
    return {"failed.proof.pdf": pdf, "failed.proof.png": picture(pdf, min(spec.resolution, fit))}


def _sheet(page: Page, items, sheet: Box, fonts: FontSet, layout, title: str, when: Stamp,
           profile: bytes | None) -> bytes:
    """The items on a sheet around the page, as a PDF with the page's boxes."""
    settings = DrawSettings(colour="cmyk", title=title, subject=layout.name,
                            creator=f"spread {__version__}", media=sheet,
                            offset=(-sheet.x, -sheet.y), proof=True, searchable=True)
    return to_pdfx(draw([replace(page, items=tuple(items))], fonts, settings), layout, title,
                   when, profile)


# -- a failed build's marks -----------------------------------------------------------------

def problem_marks(page: Page, problems: list, sheet: Box, margin: float,
                  fonts: FontSet) -> list[Item]:
    """Each problem with a place: its region framed and numbered; the text that did not fit
    set beside the page, right of the sheet, one lane per region, level with the region's
    top, framed, labelled with its amount and led back to its region; characters no font
    draws boxed where they stand."""
    items: list[Item] = []
    lane = sheet.right + margin / 2
    pad = 3.0
    for n, problem in enumerate(problems, 1):
        items += [Rect(_grown(box, FRAME), stroke=PROBLEM, line_width=FRAME)
                  for box in problem.marks]
        if problem.frame is None:
            if problem.marks:  # numbered just above the first place it marks
                first = _grown(problem.marks[0], FRAME)
                items += _tag(str(n), first.right, first.top + 1.3 * LABEL_SIZE, fonts)
            continue
        frame = problem.frame
        items.append(Rect(frame, stroke=PROBLEM, line_width=FRAME))
        items += _tag(str(n), frame.x, frame.top, fonts)
        if not problem.overset:  # a fixed element left empty, or text on another: say which
            if not problem.marks and frame.height > 2 * LABEL_SIZE:
                items += _label(_said(problem.error), frame.x + pad,
                                frame.top - 1.2 * LABEL_SIZE, frame.width - 2 * pad, fonts)
            continue
        width, height = problem.block
        top = max(frame.top, sheet.y + height + 2 * pad)  # on the sheet's height if it can
        x = lane + pad
        items += [moved(item, x, top) for item in problem.overset]
        block = Box(x - pad, top - height - pad, width + 2 * pad, height + 2 * pad)
        items.append(Rect(block, stroke=PROBLEM, line_width=FRAME))
        items += _label(f"{n}. overset: {problem.amount} — {problem.region}", block.x,
                        block.top + 0.4 * LABEL_SIZE, block.width, fonts)
        # led from the page's edge level with the region: a line across the page would
        # cross its text
        items.append(Rule(page.bleed.right, frame.top, block.x, block.top, PROBLEM,
                          HAIRLINE * 2, dash=(4.0, 3.0)))
        lane = block.right + margin / 2
    return items


def hole_marks(makeup, frames: list[Box], fonts: FontSet) -> list[Item]:
    """The make-up report's holes outlined in blue, dashed, each labelled — but those in a
    problem's frame, which the problem explains (a region left empty)."""
    items: list[Item] = []
    for finding in makeup.of("hole"):
        b = finding.box
        if any(f.contains(Box(b.x + b.width / 2, b.y + b.height / 2, 0, 0)) for f in frames):
            continue
        corners = [(b.x, b.y), (b.right, b.y), (b.right, b.top), (b.x, b.top), (b.x, b.y)]
        items += [Rule(x1, y1, x2, y2, HOLE, FRAME, dash=(6.0, 4.0))
                  for (x1, y1), (x2, y2) in zip(corners, corners[1:])]
        size = min(LABEL_SIZE, b.height / 3)
        items += text_runs(_printable("hole", fonts), b.x + size / 2, b.top - 1.2 * size, size,
                           fonts, HOLE)
    return items


def problem_list(problems: list, band: Box, fonts: FontSet) -> list[Item]:
    """What stops the page, one line a problem, above the sheet's top edge (`band.y`)."""
    lines = ["不能付印 NOT FOR PRESS: the build failed; the page as far as it was set"]
    for n, problem in enumerate(problems[:LISTED], 1):
        where = f"{problem.error.where}: " if problem.error.where else ""
        lines.append(f"{n}. {where}{_said(problem.error)}")
    if len(problems) > LISTED:
        lines.append(f"… and {len(problems) - LISTED} more")
    items: list[Item] = []
    y = band.y + 0.6 * LABEL_SIZE
    for line in reversed(lines):
        items += _label(line, band.x, y, band.width, fonts)
        y += 1.5 * LABEL_SIZE
    return items


def _said(error) -> str:
    """An error's message on one line."""
    return " ".join(error.message.split())


def _label(text: str, x: float, baseline: float, width: float, fonts: FontSet) -> list:
    """One red line, at LABEL_SIZE or smaller to fit `width`, and cut short with … where
    even the smallest size is too large."""
    text = _printable(text, fonts)
    size = max(LABEL_SMALLEST, min(LABEL_SIZE, width / max(_width(text, fonts), 1.0)))
    if _width(text, fonts) * size > width:
        ellipsis = "…" if _face(fonts, "…") else ""
        text = text[:int(len(text) * width / (_width(text, fonts) * size))]  # near, at once
        while text and (_width(text, fonts) + (_width(ellipsis, fonts) if ellipsis else 0)
                        ) * size > width:
            text = text[:-1]
        text += ellipsis
    return text_runs(text, x, baseline, size, fonts, PROBLEM)


def _tag(text: str, right: float, top: float, fonts: FontSet) -> list[Item]:
    """A problem's number in paper white on red, left of a frame's top left corner."""
    text = _printable(text, fonts)
    size = LABEL_SIZE
    width = _width(text, fonts) * size + size * 0.6
    box = Box(right - width, top - 1.3 * size, width, 1.3 * size)
    return [Rect(box, fill=PROBLEM),
            *text_runs(text, box.x + size * 0.3, box.y + 0.3 * size, size, fonts, PAPER)]


def _drawable(items, fonts: FontSet) -> list[Item]:
    """The page's items without the characters no face draws (they are boxed instead)."""
    faces = {f.key: f for f in fonts.faces()}
    out: list[Item] = []
    for item in items:
        if not isinstance(item, TextRun):
            out.append(item)
            continue
        face = faces.get(item.face)
        keep = [k for k, ch in enumerate(item.chars) if face is not None and face.has(ch)]
        if len(keep) == len(item.chars):
            out.append(item)
        elif keep:
            out.append(item.only(keep))
    return out


def _grown(box: Box, by: float) -> Box:
    return Box(box.x - by, box.y - by, box.width + 2 * by, box.height + 2 * by)


def _extent(item: Item) -> Box | None:
    """Roughly what an item covers: enough to make the sheet hold it."""
    if isinstance(item, TextRun):
        size = item.style.size
        ys = item.ys or (item.y,)
        return Box(min(item.xs), min(ys) - 0.2 * size, max(item.xs) + size - min(item.xs),
                   max(ys) - min(ys) + 1.2 * size)
    if isinstance(item, (Rect, Image)):
        return item.box
    if isinstance(item, Rule):
        return Box(min(item.x1, item.x2), min(item.y1, item.y2), abs(item.x2 - item.x1),
                   abs(item.y2 - item.y1))
    xs = [v for op in item.path for v in op[1::2]]
    ys = [v for op in item.path for v in op[2::2]]
    return Box(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)) if xs else None


def _around(boxes: list[Box], margin: float) -> Box:
    """The least box holding `boxes`, the first as it is and the others `margin` clear."""
    first, rest = boxes[0], [_grown(b, margin) for b in boxes[1:]]
    x0 = min([first.x] + [b.x for b in rest])
    y0 = min([first.y] + [b.y for b in rest])
    x1 = max([first.right] + [b.right for b in rest])
    y1 = max([first.top] + [b.top for b in rest])
    return Box(x0, y0, x1 - x0, y1 - y0)


def slug_text(content, layout, content_path: str, when: Stamp) -> tuple[str, str, str]:
    """What the slug says, in three parts: the file and edition, the build time, the hash."""
    digest = hashlib.sha256(Path(content_path).read_bytes()).hexdigest()
    return (" · ".join([Path(content_path).name, *content.edition.parts(), layout.name]),
            f"built {when.text()}", f"content sha256 {digest}")


def marks(page: Page, sheet: Box, margin: float, fonts: FontSet,
          slug: tuple[str, str, str]) -> list:
    """Everything outside the bleed: crop and registration marks, colour bar, slug."""
    bleed, trim = page.bleed, page.trim
    r = margin * 0.2
    centres = [(bleed.x - margin / 2, trim.y + trim.height / 2),
               (bleed.right + margin / 2, trim.y + trim.height / 2),
               (trim.x + trim.width / 2, bleed.top + margin / 2),
               (trim.x + trim.width / 2, bleed.y - margin / 2)]
    items = crop_marks(trim, bleed, min(10 * MM, margin - 2 * GAP))
    for cx, cy in centres:
        items += registration_mark(cx, cy, r)
    middle = trim.x + trim.width / 2
    clear = 1.4 * r + 5 * MM  # keep the bar and the slug this far from a centre mark
    size = margin / 3
    items += colour_bar(trim.x + 10 * MM, bleed.y - margin / 2 - size / 2, size)
    left, right = (trim.x + 10 * MM, middle - clear), (middle + clear, trim.right - 10 * MM)
    top, bottom = bleed.top + margin / 2, bleed.y - margin / 2
    items += slug_runs(slug, fonts, [(left, top), (right, top), (right, bottom)])
    return items


def crop_marks(trim: Box, bleed: Box, length: float) -> list[Rule]:
    """Lines along the trim edges, starting outside the bleed at each corner."""
    out = []
    for y, outward in ((trim.y, -1), (trim.top, 1)):
        for x, side in ((trim.x, -1), (trim.right, 1)):
            edge_x = bleed.x if side < 0 else bleed.right
            edge_y = bleed.y if outward < 0 else bleed.top
            hx = edge_x + side * GAP
            vy = edge_y + outward * GAP
            out.append(Rule(hx, y, hx + side * length, y, REGISTRATION, HAIRLINE))
            out.append(Rule(x, vy, x, vy + outward * length, REGISTRATION, HAIRLINE))
    return out


def registration_mark(cx: float, cy: float, r: float) -> list:
    """A circle and cross in all inks, with a solid centre crossed in paper white."""
    arm = 1.4 * r
    inner = 0.45 * r
    return [Shape(_circle(cx, cy, r), stroke=REGISTRATION, line_width=HAIRLINE),
            Rule(cx - arm, cy, cx + arm, cy, REGISTRATION, HAIRLINE),
            Rule(cx, cy - arm, cx, cy + arm, REGISTRATION, HAIRLINE),
            Shape(_circle(cx, cy, inner), fill=REGISTRATION),
            Rule(cx - inner, cy, cx + inner, cy, PAPER, HAIRLINE),
            Rule(cx, cy - inner, cx, cy + inner, PAPER, HAIRLINE)]


def _circle(cx: float, cy: float, r: float) -> tuple[tuple, ...]:
    k = 0.5523 * r  # Bézier control distance for a quarter circle
    return (("M", cx + r, cy), ("C", cx + r, cy + k, cx + k, cy + r, cx, cy + r),
            ("C", cx - k, cy + r, cx - r, cy + k, cx - r, cy),
            ("C", cx - r, cy - k, cx - k, cy - r, cx, cy - r),
            ("C", cx + k, cy - r, cx + r, cy - k, cx + r, cy), ("Z",))


def colour_bar(x: float, y: float, size: float) -> list[Rect]:
    """Each ink solid and in tints, overprints of the chromatic inks, and the rich black."""
    patches: list[list[Colour]] = [[_ink({i: t})] for i in range(4) for t in TINTS]
    patches += [[_ink({inks[0]: 1.0})] + [_ink({i: 1.0}, overprint=True) for i in inks[1:]]
                for inks in OVERPRINTS]
    patches.append([_ink(dict(enumerate(RICH_BLACK)))])
    return [Rect(Box(x + n * size, y, size, size), fill=colour)
            for n, layers in enumerate(patches) for colour in layers]


def _ink(values: dict[int, float], overprint: bool = False) -> Colour:
    cmyk = tuple(values.get(i, 0.0) for i in range(4))
    c, m, y, k = cmyk
    name = " ".join(f"{'CMYK'[i]}{round(v * 100)}" for i, v in values.items())
    return Colour(name, cmyk, ((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k)),
                  overprint)


def slug_runs(slug: tuple[str, ...], fonts: FontSet, places: list) -> list[TextRun]:
    """The slug's parts in their places ((start, end), middle y), at one size that fits all."""
    parts = [(_printable(text, fonts), place) for text, place in zip(slug, places)]
    size = min([SLUG_SIZE] + [(b - a) / _width(text, fonts) for text, ((a, b), _) in parts])
    return [run for text, ((a, _), y) in parts
            # 0.35 em below the middle centres the CJK em box on the band
            for run in text_runs(text, a, y - 0.35 * size, size, fonts, SLUG)]


def watermark(page: Page, fonts: FontSet, text: str, layout) -> list[TextRun]:
    """The watermark across the trim, drawn first so the artwork covers it, never the reverse."""
    if not text:
        return []
    missing = [ch for ch in text if _face(fonts, ch) is None]
    if missing:
        raise InputError(f"no font of the layout draws {''.join(missing)!r} of the proof "
                         "watermark", layout.where, hint="output: proof: watermark")
    trim = page.trim
    size = min(0.8 * trim.width / _width(text, fonts), 0.5 * trim.height)
    x = trim.x + (trim.width - _width(text, fonts) * size) / 2
    y = trim.y + trim.height / 2 - 0.35 * size
    return text_runs(text, x, y, size, fonts, WATERMARK)


def text_runs(text: str, x: float, y: float, size: float, fonts: FontSet,
              colour: Colour) -> list[TextRun]:
    """One line of text at natural advances, one run per drawing face; spaces only advance
    (each run says which of its glyphs one comes before, for readers to find)."""
    runs: list[TextRun] = []
    chars, xs, apart, current = [], [], [], None
    spaced = False
    for ch in text:
        face = _face(fonts, ch)
        if ch != " " and face is not current and chars:
            runs.append(_run(chars, xs, apart, y, size, current, colour))
            chars, xs, apart = [], [], []
        if ch != " ":
            current = face
            if spaced and chars:
                apart.append(len(chars))
            chars.append(ch)
            xs.append(x)
        spaced = ch == " "
        x += face.advance(ch) * size
    if chars:
        runs.append(_run(chars, xs, apart, y, size, current, colour))
    return runs


def _run(chars, xs, apart, y, size, face, colour) -> TextRun:
    role = face.key.rsplit(".", 1)[0]  # faces are keyed role.index
    return TextRun("".join(chars), tuple(xs), y, Style(role, size, colour.name), face.key,
                   colour, apart=tuple(apart))


def _face(fonts: FontSet, ch: str):
    return next((f for f in fonts.faces() if f.has(ch)), None)


def _width(text: str, fonts: FontSet) -> float:
    """In ems."""
    return sum(_face(fonts, ch).advance(ch) for ch in text)


def _printable(text: str, fonts: FontSet) -> str:
    """The slug quotes file names: what no font draws becomes '?' rather than a blank — or
    is left out where the layout's fonts have no '?' either (a font with no Latin)."""
    mark = "?" if _face(fonts, "?") else ""
    return "".join(ch if _face(fonts, ch) else mark for ch in text)


def picture(pdf: bytes, resolution: float) -> bytes:
    """The first page as PNG at `resolution` ppi; Pillow writes no time or software chunks."""
    doc = pdfium.PdfDocument(pdf)
    try:
        image = doc[0].render(scale=resolution / 72).to_pil().convert("RGB")
    finally:
        doc.close()
    buf = io.BytesIO()
    image.save(buf, "PNG", dpi=(resolution, resolution))
    return buf.getvalue()
