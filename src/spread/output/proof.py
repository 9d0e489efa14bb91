"""The proof: the print artwork on a larger sheet with crop and registration marks, a CMYK
colour bar and a slug line outside the bleed, an optional watermark under the artwork, and
a PNG of the sheet for people without a PDF viewer.

The marks are ordinary page items placed around the page (negative coordinates lie left of
or below the bleed), drawn by render.py like the artwork, with the page's embedded fonts.
ReportLab's own cropMarks would scale the artwork and leave the boxes where they were.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import replace
from pathlib import Path

import pypdfium2 as pdfium

from spread import __version__
from spread.compose.model import Style
from spread.errors import InputError
from spread.fonts import FontSet
from spread.output import Stamp, stamp
from spread.output.pdfx import to_pdfx
from spread.page import Box, Colour, Page, Rect, Rule, Shape, TextRun
from spread.render import DrawSettings, draw
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


def proof_rendition(page: Page, fonts: FontSet, content, layout, content_path: str,
                    title: str) -> dict[str, bytes]:
    """proof.pdf (PDF/X structure, marks outside the bleed) and proof.png."""
    spec = layout.output.proof
    margin = spec.margin.pt()
    when = stamp(content)
    sheet = Box(page.bleed.x - margin, page.bleed.y - margin,
                page.bleed.width + 2 * margin, page.bleed.height + 2 * margin)
    items = (*watermark(page, fonts, spec.watermark, layout), *page.items,
             *marks(page, sheet, margin, fonts, slug_text(content, layout, content_path, when)))
    settings = DrawSettings(colour="cmyk", title=f"{title} (proof)", subject=layout.name,
                            creator=f"spread {__version__}", media=sheet,
                            offset=(-sheet.x, -sheet.y), proof=True)
    pdf = to_pdfx(draw([replace(page, items=items)], fonts, settings), layout,
                  f"{title} (proof)", when)
    return {"proof.pdf": pdf, "proof.png": picture(pdf, spec.resolution)}


def slug_text(content, layout, content_path: str, when: Stamp) -> tuple[str, str, str]:
    """What the slug says, in three parts: the file and edition, the build time, the hash."""
    digest = hashlib.sha256(Path(content_path).read_bytes()).hexdigest()
    edition = [v for v in (content.edition.paper, content.edition.date, content.edition.page,
                           content.edition.page_title) if v]
    return (" · ".join([Path(content_path).name, *edition, layout.name]),
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
    """One line of text at natural advances, one run per drawing face; spaces only advance."""
    runs: list[TextRun] = []
    chars, xs, current = [], [], None
    for ch in text:
        face = _face(fonts, ch)
        if ch != " " and face is not current and chars:
            runs.append(_run(chars, xs, y, size, current, colour))
            chars, xs = [], []
        if ch != " ":
            current = face
            chars.append(ch)
            xs.append(x)
        x += face.advance(ch) * size
    if chars:
        runs.append(_run(chars, xs, y, size, current, colour))
    return runs


def _run(chars, xs, y, size, face, colour) -> TextRun:
    role = face.key.rsplit(".", 1)[0]  # faces are keyed role.index
    return TextRun("".join(chars), tuple(xs), y, Style(role, size, colour.name), face.key,
                   colour)


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
