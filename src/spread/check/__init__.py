"""Checks of written files: they re-read what was written, never the page model."""

from __future__ import annotations

from pathlib import Path

import pikepdf

from spread.check.preflight import Issue, Report, check_pdf, preflight
from spread.check.reading import locked, open_source


def check_written(path: str | Path):
    """The check a written PDF asks for: PDF/A and level U for an archive file — one whose
    XMP declares a PDF/A part, or that carries a PDF/A output intent and no PDF/X one (its
    missing XMP is then the first finding) — PDF/X-1a and the newsprint limits for
    anything else."""
    from spread.check.archive import archive_checks, pdfa_part

    try:
        with open_source(path) as source:
            with source.guard():
                archive = pdfa_part(source.pdf) is not None or _archive_intent(source.pdf)
            return archive_checks(source) if archive else preflight(source)
    except pikepdf.PasswordError:
        raise locked(path) from None


def _archive_intent(pdf: pikepdf.Pdf) -> bool:
    kinds = {str(i.get("/S", "")) for i in pdf.Root.get("/OutputIntents", [])
             if isinstance(i, pikepdf.Dictionary)}
    return "/GTS_PDFA1" in kinds and "/GTS_PDFX" not in kinds


__all__ = ["Issue", "Report", "check_pdf", "check_written"]
