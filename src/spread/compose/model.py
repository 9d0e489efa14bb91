"""The composer's boundary types: styled runs and rules in, lines of positioned glyphs out.

All lengths are PostScript points except where a name says em.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


class FontMetrics(Protocol):
    """What the composer needs to know of a font, in ems of its size."""

    def advance(self, ch: str) -> float:
        """The glyph's advance width."""

    def blank(self, ch: str) -> tuple[float, float]:
        """Empty space left and right of the glyph's ink inside its advance."""


@dataclass(frozen=True)
class Style:
    """How a run of text looks: a font role, a size, a colour, tracking and horizontal scale."""

    font: str
    size: float
    color: str = "text"
    tracking: float = 0.0  # extra space after each character, in em
    scale: float = 1.0  # horizontal scale of the glyphs: 0.8 is 长体, 1.2 扁体
    overprint: bool = True


@dataclass(frozen=True)
class Run:
    """Text in one style."""

    text: str
    style: Style


@dataclass(frozen=True)
class Rules:
    """How a paragraph is set."""

    measure: float  # line length in pt
    align: str = "justify"  # justify | start | centre | end (the last line of justify: start)
    first_indent: float = 0.0  # pt before the first line
    indent: float = 0.0  # pt before every other line (a hanging indent when < first_indent)
    punctuation: str = "全角"  # 全角 | 开明 | 半角
    latin_space: float = 0.25  # em between Han and Latin/digits; shrinks to 1/8, grows to 1/3
    trim_opening_at_line_start: bool = True  # an opening mark at line start loses its ½ em blank
    no_orphan: bool = True  # the last line keeps at least two characters besides punctuation
    hyphenate: bool = True  # a Latin word may break at a hyphen the composer adds (not where
    # the style's fonts draw no hyphen)

    def __post_init__(self):
        if self.align not in ("justify", "start", "centre", "end"):
            raise ValueError(f"align must be justify, start, centre or end, not {self.align!r}")
        if self.punctuation not in ("全角", "开明", "半角"):
            raise ValueError(f"punctuation must be 全角, 开明 or 半角, not {self.punctuation!r}")
        if self.measure <= 0:
            raise ValueError(f"the measure must be positive, not {self.measure}")


@dataclass(frozen=True)
class Glyph:
    """One character placed on a line. `x` is the drawing origin from the line's start edge;
    `box` and `width` are the space it is given (a trimmed mark is drawn left of its box)."""

    char: str
    x: float
    box: float
    width: float
    style: Style
    index: int  # position in the paragraph's text; -1 for a hyphen the composer added


@dataclass(frozen=True)
class Line:
    """A composed line: its glyphs, where it starts, how wide it is set and the measure."""

    glyphs: tuple[Glyph, ...]
    start: float  # indent from the column's start edge
    width: float  # from `start` to the end of the last glyph's box
    measure: float  # the space available after `start`
    final: bool  # the paragraph's last line
    justified: bool  # set exactly to the measure
    broken_rule: str = ""  # set when the line could only be made by breaking a rule
    split_keep: bool = False  # ends inside a number and its unit, a date, an address or a
    # standard's number: a counted last resort
    scaled: float = 0.0  # its glyphs set wider or narrower: -0.03 is at 97% of their width
    spacing: float = 0.0  # em each gap it opens was opened by to justify it
    unavoidable: bool = False  # spread past ¼ em, and no setting of its paragraph is not
    cut_needed: bool = False  # split_keep, and every setting within ¼ em (where none is,
    # within its paragraph's loosest line) cuts as many

    @property
    def hyphenated(self) -> bool:
        """Ends in a hyphen the composer added (a glyph with no place in the text)."""
        return bool(self.glyphs) and self.glyphs[-1].index < 0

    @property
    def text(self) -> str:
        return "".join(g.char for g in self.glyphs)

    @property
    def size(self) -> float:
        return max((g.style.size for g in self.glyphs), default=0.0)
