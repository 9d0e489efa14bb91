"""spread's Chinese line composer: pure functions from styled runs to positioned glyphs."""

from spread.compose.model import FontMetrics, Glyph, Line, Rules, Run, Style
from spread.compose.paragraph import compose

__all__ = ["compose", "FontMetrics", "Glyph", "Line", "Rules", "Run", "Style"]
