"""Vertical setting (竖排) for headlines and labels: characters top to bottom, columns right
to left, punctuation in its vertical presentation form (U+FE10–FE19, U+FE30–FE44)."""

from __future__ import annotations

from dataclasses import dataclass

from spread.compose.classes import may_end, may_start
from spread.compose.model import FontMetrics, Run, Style

# mainland practice: quotes become corner brackets, the rest their vertical forms
VERTICAL_FORMS = {
    "，": "︐", "、": "︑", "。": "︒", "：": "︓", "；": "︔", "！": "︕", "？": "︖",
    "（": "︵", "）": "︶", "｛": "︷", "｝": "︸", "〔": "︹", "〕": "︺", "【": "︻", "】": "︼",
    "《": "︽", "》": "︾", "〈": "︿", "〉": "﹀", "「": "﹁", "」": "﹂", "『": "﹃", "』": "﹄",
    "“": "﹁", "”": "﹂", "‘": "﹃", "’": "﹄", "〖": "︗", "〗": "︘", "—": "︱", "…": "︙",
}


@dataclass(frozen=True)
class VGlyph:
    """A character in a vertical column: `x` from the column's left edge, `y` of its em box
    top below the column's top, both in pt."""

    char: str
    source: str  # the character as written (before its vertical form)
    x: float
    y: float
    style: Style
    index: int


@dataclass(frozen=True)
class VColumn:
    glyphs: tuple[VGlyph, ...]
    height: float
    width: float  # the widest em in the column


def compose_vertical(runs: list[Run], height: float, fonts) -> list[VColumn]:
    """Set runs top to bottom in columns at most `height` tall; columns read right to left.
    A closing mark never starts a column and an opening mark never ends one."""
    metrics = fonts if callable(fonts) else fonts.__getitem__
    chars = [(ch, r.style) for r in runs for ch in r.text]
    columns: list[VColumn] = []
    start = 0
    while start < len(chars):
        end = _column_end(chars, start, height)
        columns.append(_column(chars, start, end, metrics))
        start = end
    return columns


def _pitch(style: Style) -> float:
    return style.size * (1 + style.tracking)


def _column_end(chars, start: int, height: float) -> int:
    used, end = 0.0, start
    while end < len(chars) and (end == start or used + chars[end][1].size <= height + 1e-6):
        used += _pitch(chars[end][1])
        end += 1
    # prohibitions hold down the column too: pull a character over rather than break a rule
    while start + 1 < end < len(chars) and (not may_start(chars[end][0])
                                            or not may_end(chars[end - 1][0])):
        end -= 1
    return end


def _column(chars, start: int, end: int, metrics) -> VColumn:
    width = max(style.size for _, style in chars[start:end])
    glyphs, y = [], 0.0
    for i in range(start, end):
        ch, style = chars[i]
        shown = VERTICAL_FORMS.get(ch, ch)
        advance = metrics(style.font).advance(shown) * style.size
        glyphs.append(VGlyph(shown, ch, (width - advance) / 2, y, style, i))
        y += _pitch(style)
    return VColumn(tuple(glyphs), y - (chars[end - 1][1].tracking * chars[end - 1][1].size), width)


__all__ = ["compose_vertical", "VColumn", "VGlyph", "VERTICAL_FORMS", "FontMetrics"]
