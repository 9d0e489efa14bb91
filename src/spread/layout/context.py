"""What every block of the page needs: resolved styles and colours, the composer, the fonts,
and where each content item is written (for errors)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from spread.compose import compose
from spread.compose.model import Line, Rules, Run, Style
from spread.compose.paragraph import CEILING
from spread.content import Content, is_variation_selector
from spread.errors import Location
from spread.fonts import FontSet
from spread.layout.geometry import Geometry
from spread.page import Adjust, Colour, TextRun
from spread.template import Layout, StyleSpec

MARK = "**"  # content marks emphasis explicitly: 开展劳动竞赛**80余次**
PLAIN = "`"  # and a span that is not a figure: 引进`A320`系列客机

# ascent of the em box above the baseline (OpenType sTypoAscender of CJK fonts: 0.88 em)
ASCENT = 0.88


@dataclass(frozen=True)
class TextStyle:
    """A layout style resolved to points: what the composer and the flow need."""

    name: str
    style: Style
    leading: float  # line pitch, pt
    indent: float  # first line, pt
    hang: float  # other lines, pt
    align: str
    space_before: float  # pt
    space_after: float  # pt


@dataclass(frozen=True)
class Copyfit:
    """Copyfit as data: the step each region is set at, by the region's place in the layout
    (its path, e.g. rows[3].regions[0]); a region not named is set as the layout styles it."""

    steps: dict[str, Adjust] = field(default_factory=dict)

    def of(self, path: str) -> Adjust:
        return self.steps.get(path, Adjust())

    def tightened(self, steps: dict[str, Adjust]) -> Copyfit:
        """This copyfit with the regions `steps` names set at their steps."""
        return Copyfit({**self.steps, **steps})


def inner_path(parent: str, k: int) -> str:
    """The layout path of the k-th region in a row or a stack at path `parent`."""
    return f"{parent}.regions[{k}]"


def shrink_steps(fit) -> list[Adjust]:
    """Copyfit steps in order: size down to its floor, then tracking, then leading."""
    steps, size, tracking, leading = [], 1.0, 0.0, 1.0
    while size - 0.025 >= fit.min_size - 1e-9:
        size -= 0.025
        steps.append(Adjust(size, tracking, leading))
    while tracking - 0.01 >= fit.min_tracking - 1e-9:
        tracking -= 0.01
        steps.append(Adjust(size, tracking, leading))
    while leading - 0.025 >= fit.min_leading - 1e-9:
        leading -= 0.025
        steps.append(Adjust(size, tracking, leading))
    return steps


def set_width(line: Line) -> float:
    """How wide a line's text is set, from its first glyph's box to its last's end (the
    line's width counts a centred or flush-right line's offset too)."""
    return line.width - line.glyphs[0].box if line.glyphs else 0.0


def _draws(face, ch: str) -> bool:
    """Whether the face's character map has a glyph for the character."""
    return face is not None and ord(ch) in face.coverage


def _split_at_breaks(runs: list[Run]) -> list[list[Run]]:
    """The runs cut at each line break, the breaks themselves dropped."""
    segments: list[list[Run]] = [[]]
    for run in runs:
        parts = run.text.split("\n")
        for k, part in enumerate(parts):
            if k:
                segments.append([])
            if part:
                segments[-1].append(Run(part, run.style))
    return segments


@dataclass
class Context:
    """The page's inputs and what setting its regions collects; a region is set in a copy
    naming it (`for_region`), whose copyfit step its styles take. What setting one region
    notes and finds (notes, characters no font draws) goes in lists blocks.build gives it
    afresh, which its Frame then carries: a frame measured and thrown away reports nothing."""

    content: Content
    layout: Layout
    fonts: FontSet
    page_box: Geometry | None = None  # the page, seen from the frame of the region being set
    followed: frozenset[str] = frozenset()  # names of regions a linked frame follows
    path: str = ""  # the layout path of the region being set
    copyfit: Copyfit = field(default_factory=Copyfit)
    missing: list[tuple[str, str, Location]] = field(default_factory=list)  # see Frame
    notes: list[str] = field(default_factory=list)  # the page's; a region's go in its Frame
    # name → (lines, measure) a followed region leaves, known before any row is measured
    continued: dict[str, tuple] = field(default_factory=dict)
    composed: dict[tuple, list[Line]] = field(default_factory=dict)  # (runs, rules) → lines
    # what the fonts say, asked once a page: (role, text) → characters no face draws, and
    # (role, character) → the face that draws it
    undrawn: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    faces: dict[tuple[str, str], object] = field(default_factory=dict)
    colours: dict[str, Colour] = field(default_factory=dict)  # the palette's, by name
    # the page's regions as set, by (layout path, the copyfit steps under it, height): a
    # region set again at a height it was set at is the same frame (layout._set_frame)
    frames: dict[tuple, object] = field(default_factory=dict)
    kinds: dict[str, Callable] = field(default_factory=dict)  # kind → builder: layout.kinds
    problems: list = field(default_factory=list)  # layout.problems.Problem of the page
    trying: int = 0  # inside a copyfit attempt: an overset raises, so it can tighten
    # in a staggered row (layout.stagger): the depths below the type area's top of the heads
    # already placed, and how many body lines a head of this region keeps from them
    avoid: tuple[float, ...] = ()
    stagger: int = 0

    def for_region(self, path: str, copyfit: Copyfit, page: Geometry) -> Context:
        """The context a region is set in: its path, the copyfit it is set under and the page
        seen from its frame (where the bleed and the folds lie for a region that reaches
        them); the composed lines stay shared, its notes and missing characters travel in its
        frame (blocks.build)."""
        return replace(self, path=path, copyfit=copyfit, page_box=page)

    def avoiding(self, heads: tuple[float, ...], lines: int) -> Context:
        """This context in a staggered row: its stacks keep their heads `lines` body lines
        from the depths `heads` (layout.stagger)."""
        return replace(self, avoid=heads, stagger=lines)

    def within(self, x: float, top: float) -> Context:
        """This region's context seen from a frame set inside its own at (x, top)."""
        return replace(self, page_box=self.page_box.seen_from(x, top))

    def refitted(self, step: Adjust) -> Context:
        """This region's context with the region set at a tighter copyfit step."""
        return replace(self, copyfit=self.copyfit.tightened({self.path: step}))

    @property
    def adjust(self) -> Adjust:
        """The copyfit step of the region being set."""
        return self.copyfit.of(self.path)

    @property
    def unit(self) -> float:
        return self.layout.grid.unit.pt()

    @property
    def body_pitch(self) -> float | None:
        """The body style's line pitch as the layout sets it (copyfit aside): the page's
        grid step, and the step vertical justification adds space in; None for a layout
        with no body style."""
        spec = self.layout.styles.get("body")
        return spec.leading * spec.size.pt(self.unit) if spec else None

    @property
    def grid(self) -> float | None:
        """The baseline grid's step, or None when the layout sets no grid (or no body)."""
        return self.body_pitch if self.layout.composition.baseline_grid else None

    def colour(self, name: str) -> Colour:
        if name in self.colours:
            return self.colours[name]
        spec = self.layout.palette.get(name)
        if spec is None:
            from spread.errors import InputError

            raise InputError(f"colour '{name}' is not in the layout's palette",
                             self.layout.where, hint="colours: " + ", ".join(self.layout.palette))
        self.colours[name] = Colour(name, tuple(v / 100 for v in spec.cmyk),
                                    tuple(v / 255 for v in spec.rgb), spec.overprint)
        return self.colours[name]

    def rule(self, weight: str) -> float:
        """A named rule weight of the layout, in pt."""
        return getattr(self.layout.rules, weight).pt(self.unit)

    def style(self, name: str, size_factor: float = 1.0) -> TextStyle:
        spec: StyleSpec = self.layout.styles[name]
        size = spec.size.pt(self.unit) * size_factor * self.adjust.size
        style = Style(spec.font, size, spec.colour, spec.tracking + self.adjust.tracking,
                      spec.scale)
        leading = spec.leading * size * self.adjust.leading
        return TextStyle(name, style, leading, spec.indent * size, spec.hang * size,
                         spec.align, spec.space_before * spec.leading * size,
                         spec.space_after * spec.leading * size)

    def runs(self, text: str, style: TextStyle, path: str,
             emphasis: tuple[Callable[[str], list] | None, TextStyle] | None = None
             ) -> list[Run]:
        """The text as styled runs. Text marked **so** in the content is emphasised; with
        `emphasis` (figures, style), the unmarked figures `figures(text)` finds (whole
        tokens: 1,234.5万元, +38℃) are emphasised too — None means marked text only. Text
        marked `so` is never a figure (a model number, a standard's year): the backticks go."""
        spans, strong = emphasis if emphasis else (None, style)
        runs: list[Run] = []
        for k, part in enumerate(text.split(MARK)):
            if k % 2:  # between a pair of marks
                runs.append(Run(part.replace(PLAIN, ""), strong.style))
                continue
            for j, piece in enumerate(part.split(PLAIN)):
                pos = 0
                for a, b in spans(piece) if spans and not j % 2 else ():
                    if a > pos:
                        runs.append(Run(piece[pos:a], style.style))
                    runs.append(Run(piece[a:b], strong.style))
                    pos = b
                if pos < len(piece):
                    runs.append(Run(piece[pos:], style.style))
        runs = [replace(r, text=self._without_selectors(r.text, path)) for r in runs]
        runs = [r for r in runs if r.text]
        for run in runs:
            self.check_glyphs(run.text, run.style.font, path)
        return runs

    def _without_selectors(self, text: str, path: str) -> str:
        """The text without its variation selectors, each noted: a variation sequence
        (葛 + U+E0100) asks a font for a variant of its base character, which the PDF
        writer cannot select; Unicode's fallback is the base character itself."""
        if not any(is_variation_selector(ch) for ch in text):
            return text
        kept: list[str] = []
        for ch in text:
            if not is_variation_selector(ch):
                kept.append(ch)
                continue
            after = f" after {kept[-1]}" if kept else ""
            self.notes.append(f"{self.content.location_of(path, ch)}: variation selector "
                              f"U+{ord(ch):04X}{after} ignored: the base character is set, "
                              "not a font's variant of it")
        return "".join(kept)

    def check_glyphs(self, text: str, role: str, path: str) -> None:
        """Note each character of `text` that no face of the role's chain draws, with where
        it is written; the page's placed frames carry them (Frame.missing), and layout stops
        on them before anything is drawn."""
        if (role, text) not in self.undrawn:
            chain = self.fonts.role(role)
            # a space character other than the composer's word space is drawn, so it needs
            # a glyph of its own (the chain's check looks past spaces)
            drawn_spaces = [ch for ch in set(text) if ch.isspace() and ch not in " \n"
                            and not _draws(chain.face_for(ch), ch)]
            self.undrawn[role, text] = self.fonts.missing(role, text) + sorted(drawn_spaces)
        for ch in self.undrawn[role, text]:
            self.missing.append((ch, role, self.content.location_of(path, ch)))

    def compose(self, runs: list[Run], style: TextStyle, measure: float,
                first_indent: float | None = None) -> list[Line]:
        """The runs set as lines; a line break in the text (content keeps one only where a
        field allows it) ends a line there, and the text after it starts a line at the
        paragraph's indent for other lines."""
        comp = self.layout.composition
        rules = Rules(measure=measure, align=style.align,
                      first_indent=style.indent if first_indent is None else first_indent,
                      indent=style.hang, punctuation=comp.punctuation,
                      latin_space=comp.latin_space, no_orphan=comp.no_orphan,
                      # a hyphen no face draws is not added (it was refused with no place)
                      hyphenate=all(self.face_for(r.style.font, "-") for r in runs))
        lines: list[Line] = []
        for k, segment in enumerate(_split_at_breaks(runs)):
            segment_rules = rules if k == 0 else replace(rules, first_indent=rules.indent)
            # rows are measured before they are placed, with the same text and rules:
            # compose once
            key = (tuple(segment), segment_rules)
            if key not in self.composed:
                self.composed[key] = compose(segment, segment_rules, self.fonts)
            lines += self.composed[key]
        return lines

    def draw_line(self, line: Line, x: float, baseline: float) -> list[TextRun]:
        """A composed line as text runs, split wherever the style or the drawing face changes."""
        if line.scaled:  # the composer's copyfit of one line (its glyphs' width), reported
            self.notes.append(f"glyph scaling: {self.path} “{line.text}” set at "
                              f"{1 + line.scaled:.1%} of its glyphs' width")
        if line.split_keep:  # the composer's last resort, counted (issue 13: ≤ 1 in 100 lines)
            why = ("every setting of its paragraph within ¼ em (where none is, no looser) cuts "
                   "as many: reword it, or widen the column" if line.cut_needed
                   else "nothing better fitted the measure")
            self.notes.append(f"unit break: {self.path} “{line.text}” ends inside a figure "
                              f"or before its unit, or inside an address or a code; {why}")
        if line.spacing > CEILING:  # what a proofreader marks: said, so it can be rewritten
            why = ("no setting of its paragraph keeps every line within ¼ em: reword it, or "
                   "widen the column" if line.unavoidable else "the least bad setting of "
                   "its paragraph; the others cut a number, a unit or a date")
            self.notes.append(f"loose line: {self.path} “{line.text}” opens its gaps by "
                              f"{line.spacing:.2f} em; {why}")
        out: list[TextRun] = []
        glyphs, key, last = [], None, None
        left = x + line.start
        spaced = False  # a space of the text after the last glyph taken
        for g in line.glyphs:
            ch = g.char
            if ch == " " or ch == "\u3000" and not g.width:
                spaced = bool(glyphs)  # a space is not drawn, nor an ideographic one set at
                continue  # no width (at a line's end, or typed as a paragraph's indent)
            style = g.style
            face = self.faces.get((style.font, ch)) or self.face_for(style.font, ch)
            k = (style, face.key if face else "")
            if k != key and glyphs:
                out.append(self._run(glyphs, left, baseline, key, not line.justified, last,
                                     spaced))
                last, glyphs = glyphs[-1], []
            key, spaced = k, False
            glyphs.append(g)
        if glyphs:
            out.append(self._run(glyphs, left, baseline, key, not line.justified, last,
                                 spaced))
        return out

    def draw_column(self, column, x: float, top: float) -> list[TextRun]:
        """A vertical column as one text run per glyph style, glyphs stacked downward."""
        out: list[TextRun] = []
        for g in column.glyphs:
            face = self.face_for(g.style.font, g.char)
            baseline = top - g.y - ASCENT * g.style.size
            out.append(TextRun(g.char, (x + g.x,), baseline, g.style, face.key if face else "",
                               self.colour(g.style.color)))
        return out

    def face_for(self, role: str, ch: str):
        """The face of the role's chain that draws the character (None: none does)."""
        key = (role, ch)
        if key not in self.faces:
            self.faces[key] = self.fonts.role(role).face_for(ch)
        return self.faces[key]

    def _run(self, glyphs, left, baseline, key, spread: bool, before=None,
             spaced: bool = False) -> TextRun:
        """The glyphs as one run; `before`: the last glyph of the line's run before it;
        `spaced`: a space of the text follows the last glyph."""
        style, face = key
        return TextRun("".join(g.char for g in glyphs), tuple([left + g.x for g in glyphs]),
                       baseline, style, face, self.colour(style.color), (),
                       _readings(glyphs, spread), _apart(glyphs),
                       before is not None and not _parted(before, glyphs[0]), spaced)


# a gap wider than this (em) between two characters with nothing between them in the text,
# on a line the composer did not justify, is a spreading of the text (张　三, a name spread to
# its cell), which readers that go by gaps take for a word space
SPREAD = 0.5


def _readings(glyphs, spread: bool) -> tuple[tuple[int, int, str], ...]:
    """The stretches of a run's glyphs that read otherwise than their characters: a hyphen the
    composer added reads as nothing; on a line spread rather than justified (`spread`),
    glyphs the text has side by side and SPREAD apart read as written, without a space."""
    out = []
    start = 0
    for k, g in enumerate(glyphs):
        if g.index < 0:
            out.append((k, k + 1, ""))
        if spread and k + 1 < len(glyphs) and not _parted(g, glyphs[k + 1]) \
                and glyphs[k + 1].box - g.box - g.width > SPREAD * g.style.size:
            continue  # the stretch goes on
        if k > start:
            out.append((start, k + 1, "".join(h.char for h in glyphs[start:k + 1])))
        start = k + 1
    return tuple(sorted(out))


def _apart(glyphs) -> tuple[int, ...]:
    """The glyphs the text has something before that is not drawn (a space, another item)."""
    return tuple(k for k in range(1, len(glyphs)) if _parted(glyphs[k - 1], glyphs[k]))


def _parted(g, after) -> bool:
    """Whether the text has something between two glyphs (a hyphen the composer added, index
    -1, follows its letter directly)."""
    return after.index >= 0 and (g.index < 0 or after.index != g.index + 1)
