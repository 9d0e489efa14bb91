"""spread: Chinese newspaper pages from YAML content, composed to clreq and written as PDF."""

__version__ = "0.1.0"
