"""Renditions of one page model: each returns its files as {suffix: bytes}."""

from __future__ import annotations

from spread import __version__
from spread.render import DrawSettings, draw


def _title(content) -> str:
    return content.headline + (content.kicker or "")


def print_rendition(page, fonts, content, layout, content_path) -> dict[str, bytes]:
    settings = DrawSettings(colour="cmyk", title=_title(content), subject=layout.name,
                            creator=f"spread {__version__}")
    return {"print.pdf": draw([page], fonts, settings)}


RENDITIONS = {"print": print_rendition}
