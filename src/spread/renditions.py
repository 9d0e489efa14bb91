"""Renditions of one page model: each returns its files as {suffix: bytes}. Each is made
from the page and what validation read for it: the fonts, the content and its file, the
layout, and the printer's profile (`output.pdfx.load_profile`: None when the layout names
none), which the PDF/X files carry in their output intent."""

from __future__ import annotations

from spread import __version__
from spread.output import stamp
from spread.output.pdfx import to_pdfx
from spread.output.proof import failure_rendition as _failure
from spread.output.proof import proof_rendition as _proof
from spread.page import split_at_folds
from spread.render import DrawSettings, draw


def _title(content) -> str:
    return content.headline + (content.kicker or "")


def print_rendition(page, fonts, content, layout, content_path, profile) -> dict[str, bytes]:
    """PDF/X-1a. A spread is written whole and, for the plant, as single pages cut at the
    fold (print-pages.pdf)."""
    settings = DrawSettings(colour="cmyk", title=_title(content), subject=layout.name,
                            creator=f"spread {__version__}")

    def pdfx(pages) -> bytes:
        return to_pdfx(draw(pages, fonts, settings), layout, _title(content), stamp(content),
                       profile)

    files = {"print.pdf": pdfx([page])}
    if page.folds:
        files["print-pages.pdf"] = pdfx(split_at_folds(page))
    return files


def proof_rendition(page, fonts, content, layout, content_path, profile) -> dict[str, bytes]:
    return _proof(page, fonts, content, layout, content_path, _title(content), profile)


def failure_proof(page, problems, makeup, fonts, content, layout, content_path,
                  profile) -> dict[str, bytes]:
    """A failed build's proof: the page as far as it was set, its problems marked."""
    return _failure(page, problems, makeup, fonts, content, layout, content_path,
                    _title(content), profile)


def archive_rendition(page, fonts, content, layout, content_path, profile) -> dict[str, bytes]:
    """PDF/A-2b in RGB with the sRGB output intent, never the printer's `profile`: no free
    newsprint profile can be shipped."""
    from spread.output import pdfa

    meta = pdfa.metadata(content, f"spread {__version__}")
    settings = DrawSettings(colour="rgb", title=meta.title, subject=layout.name,
                            creator=meta.creator_tool, searchable=True)
    return {"archive.pdf": pdfa.to_pdfa(draw([page], fonts, settings), meta)}


RENDITIONS = {"print": print_rendition, "proof": proof_rendition, "archive": archive_rendition}


def rendition_of(suffix: str) -> str:
    """The rendition that writes a file: print.pdf and print-pages.pdf are print's."""
    return suffix.split(".")[0].split("-")[0]
