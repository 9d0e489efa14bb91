"""PDF/X-1a:2001 (ISO 15930-1) file structure around ReportLab's drawing.

ReportLab draws the page in DeviceCMYK with embedded fonts but writes none of the PDF/X
structure; this module rewrites its bytes with pikepdf: PDF 1.3 header and classic xref
table, the GTS Info keys, one GTS_PDFX output intent, fixed dates and a deterministic /ID.
"""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf

from spread.errors import InputError
from spread.output import Stamp
from spread.template import Layout, Output

PDFX_VERSION = "PDF/X-1:2001"
PDFX_CONFORMANCE = "PDF/X-1a:2001"


def to_pdfx(data: bytes, layout: Layout, title: str, stamp: Stamp) -> bytes:
    """ReportLab's PDF bytes as PDF/X-1a:2001 bytes for the layout's printing condition."""
    profile = load_profile(layout)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        _info(pdf, title, stamp)
        pdf.Root.OutputIntents = pikepdf.Array([_intent(pdf, layout.output, profile)])
        for page in pdf.pages:
            _tidy_page(page)
        out = io.BytesIO()
        pdf.save(out, force_version="1.3", fix_metadata_version=False,
                 object_stream_mode=pikepdf.ObjectStreamMode.disable,
                 compress_streams=True, deterministic_id=True)
    return out.getvalue()


def _info(pdf: pikepdf.Pdf, title: str, stamp: Stamp) -> None:
    old = pdf.trailer.get("/Info", pikepdf.Dictionary())
    info = pikepdf.Dictionary(
        Title=pikepdf.String(title),
        CreationDate=pikepdf.String(stamp.pdf()),
        ModDate=pikepdf.String(stamp.pdf()),
        Trapped=pikepdf.Name("/False"),  # spread does no trapping; /Unknown is not allowed
        GTS_PDFXVersion=pikepdf.String(PDFX_VERSION),
        GTS_PDFXConformance=pikepdf.String(PDFX_CONFORMANCE),
    )
    for key in ("/Subject", "/Creator", "/Producer"):
        if str(old.get(key, "")):
            info[key] = old[key]
    pdf.trailer.Info = pdf.make_indirect(info)


def _intent(pdf: pikepdf.Pdf, output: Output, profile: bytes | None) -> pikepdf.Dictionary:
    """The registered condition by name; with a printer's profile, the profile itself."""
    intent = pikepdf.Dictionary(
        Type=pikepdf.Name.OutputIntent,
        S=pikepdf.Name.GTS_PDFX,
        OutputConditionIdentifier=pikepdf.String(output.condition),
        OutputCondition=pikepdf.String(output.info),
        Info=pikepdf.String(output.info),
        RegistryName=pikepdf.String(output.registry),
    )
    if profile is not None:
        intent.DestOutputProfile = pdf.make_stream(profile, N=4)
    return pdf.make_indirect(intent)


def _tidy_page(page: pikepdf.Page) -> None:
    obj = page.obj
    if "/TrimBox" not in obj or "/BleedBox" not in obj:
        raise ValueError("PDF/X needs TrimBox and BleedBox on every page; draw with boxes=True")
    # ReportLab writes an empty page transition dictionary: meaningless for print
    if "/Trans" in obj and len(obj.Trans) == 0:
        del obj.Trans


def load_profile(layout: Layout) -> bytes | None:
    """The layout's output profile, read and checked, or None for a registered condition."""
    name = layout.output.profile
    if not name:
        return None
    base = Path(layout.where.file).parent if layout.where else Path(".")
    path = Path(name) if Path(name).is_absolute() else base / name
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read the output profile {path}: {exc.strerror}",
                         layout.where) from None
    problem = profile_problem(data)
    if problem:
        raise InputError(f"the output profile {path} {problem}", layout.where,
                         hint="PDF/X-1a:2001 needs an ICC version 2 CMYK output (printer) "
                              "profile, as printers supply for their press")
    return data


def profile_problem(data: bytes) -> str:
    """Why an ICC profile cannot be a PDF/X-1a:2001 destination profile; '' when it can."""
    if len(data) < 128 or data[36:40] != b"acsp":
        return "is not an ICC profile"
    if data[12:16] != b"prtr":
        return f"is a '{data[12:16].decode('latin-1').strip()}' profile, not an output profile"
    if data[16:20] != b"CMYK":
        return f"describes {data[16:20].decode('latin-1').strip()}, not CMYK"
    if data[8] > 2:
        return f"is ICC version {data[8]}; PDF 1.3 reads version 2 profiles"
    return ""
