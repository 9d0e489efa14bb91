"""The composer's tests' common ground: a paragraph in the body style (10 pt 宋, the fake
metrics of fake_metrics.py) set at a measure given in 字, and what to read of its lines."""

from __future__ import annotations

from fake_metrics import fonts

from spread.compose import Rules, Run, Style, compose

SIZE = 10.0
BODY = Style("song", SIZE)


def set_text(text: str, chars: float, **kw) -> list:
    return compose([Run(text, BODY)], Rules(measure=chars * SIZE, **kw), fonts)


def texts(lines) -> list[str]:
    return [ln.text for ln in lines]


def line_ends(lines) -> list[int]:
    """The index in the text of each non-final line's last character."""
    return [max(g.index for g in ln.glyphs if g.index >= 0) for ln in lines[:-1]]
