"""What keeps a laid-out page from press, each with its place on the page.

Layout sets the page as far as it can go: a region whose text does not fit keeps what fits
and sets the rest aside (composed, at the region's measure) instead of stopping. The build
reports the first problem as today's error after the failure proof has shown them all on
the page — the overset text in the pasteboard, each region outlined.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spread.errors import SpreadError
from spread.page import Box, Item
from spread.template import Region


@dataclass(frozen=True)
class Problem:
    """One problem of the page: the error the build reports, and where it shows."""

    error: SpreadError  # message, file:line:column, hint and exit code, as a build says them
    region: str = ""  # the region it lies in, as a person finds it in the layout
    frame: Box | None = None  # that region's frame on the page; None: no place on the page
    # the text that did not fit, set at the region's measure in columns of its frame's
    # height, from (0, 0) at the block's top left (it belongs beside the page, not on it)
    overset: tuple[Item, ...] = ()
    block: tuple[float, float] = (0.0, 0.0)  # that block's width and height
    amount: str = ""  # how much is over, as the proof labels it
    marks: tuple[Box, ...] = ()  # places on the page to mark (characters no font draws)
    item: str = ""  # the content item that does not fit (sections[2], lead), for the page
    lines: int = 0  # how much of it is over, as the page's message counts it
    chars: int = 0

    def moved(self, dx: float, dy: float) -> Problem:
        """The problem in the coordinates of the frame that holds the one it was found in."""
        return replace(self, frame=self.frame.moved(dx, dy) if self.frame else None,
                       marks=tuple(box.moved(dx, dy) for box in self.marks))


def quoted(region: Region) -> str:
    """A region as a message quotes it: 'section sections[0]', or 'story' for one that
    names no content (the page's lead story) — never with a trailing space."""
    return "region '" + " ".join(p for p in (region.kind, region.content) if p) + "'"


def tall(height: float) -> str:
    """A frame's height as a message says it: a frame its other parts more than fill (a
    story's head and photos) has no room at all, never a negative height."""
    return f"{height / 2.835:.1f} mm tall" if height >= 0.05 * 2.835 else "with no room at all"


def amount_over(lines: int, chars: int) -> str:
    """How much of an item is over, as a message counts it: its lines and characters, or
    for lines that hold no text (a chart or photo at its flow's end) that they hold none."""
    if chars:
        return f"{lines} line{'s' * (lines != 1)}, {chars} character{'s' * (chars != 1)}"
    return f"{lines} line{'s' * (lines != 1)} (a chart or photo, no text)"


def region_name(region: Region) -> str:
    """A region as a person finds it in the layout."""
    what = " ".join(p for p in (region.kind, region.name or region.content) if p)
    return f"{what} ({place(region)})"


def place(region: Region) -> str:
    """Where a region stands, as a message says it: its columns, or for one inside a stack
    (which takes the stack's columns) its line of the layout."""
    if region.columns:
        return f"columns {region.columns}"
    line = f" at layout line {region.where.line}" if region.where and region.where.line else ""
    return f"in its stack's columns{line}"

