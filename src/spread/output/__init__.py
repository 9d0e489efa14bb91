"""File-level output: PDF/X structure for the print file, the proof sheet and its picture.

Every date written into an output comes from `stamp()`, never from the clock, so the same
inputs give the same bytes.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import datetime, timezone

# 2000-01-01T00:00:00Z, the date ReportLab writes in invariant mode
DEFAULT_EPOCH = 946684800
_DATE = re.compile(r"(\d{4})\D{1,3}(\d{1,2})\D{1,3}(\d{1,2})")


@dataclass(frozen=True)
class Stamp:
    """The date an output carries, and where it came from (shown on the proof's slug)."""

    when: datetime
    source: str  # SOURCE_DATE_EPOCH | edition date | fixed default

    def pdf(self) -> str:
        """As a PDF date string."""
        return self.when.strftime("D:%Y%m%d%H%M%S+00'00'")

    def text(self) -> str:
        return f"{self.when:%Y-%m-%d %H:%M} UTC ({self.source})"


def stamp(content) -> Stamp:
    """SOURCE_DATE_EPOCH when the build sets it; else the edition's printed date; else a
    fixed default. An edition date that cannot be read as year-month-day counts as absent."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return Stamp(datetime.fromtimestamp(int(epoch), timezone.utc), "SOURCE_DATE_EPOCH")
    m = _DATE.search(content.edition.date)
    if m:
        try:
            return Stamp(datetime(*map(int, m.groups()), tzinfo=timezone.utc), "edition date")
        except ValueError:  # 2021-13-45: not a date
            pass
    return Stamp(datetime.fromtimestamp(DEFAULT_EPOCH, timezone.utc), "fixed default date")
