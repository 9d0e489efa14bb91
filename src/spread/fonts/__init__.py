"""Fonts by role: loading faces, metrics for the composer, fallback chains, coverage."""

from spread.fonts.faces import Face, FontSet, RoleFonts

__all__ = ["Face", "FontSet", "RoleFonts"]
