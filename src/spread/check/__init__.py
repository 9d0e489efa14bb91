"""Checks of written files: they re-read what was written, never the page model."""

from __future__ import annotations

import re
from pathlib import Path

from spread.check.preflight import Issue, Report, check_pdf

_PDFA_PART = re.compile(rb"pdfaid:part\s*(?:=\s*[\"']|>)\s*(\d)")


def check_written(path: str | Path):
    """The check a written PDF asks for: PDF/A and level U for an archive file (its XMP
    declares a PDF/A part), PDF/X-1a and the newsprint limits for anything else."""
    from spread.check.archive import check_archive

    head = Path(path).read_bytes()
    return check_archive(path) if _PDFA_PART.search(head) else check_pdf(path)


__all__ = ["Issue", "Report", "check_pdf", "check_written"]
