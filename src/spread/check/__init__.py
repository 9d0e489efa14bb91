"""Checks of written files: the preflight re-reads what was written, never the page model."""

from spread.check.preflight import Issue, Report, check_pdf

__all__ = ["Issue", "Report", "check_pdf"]
