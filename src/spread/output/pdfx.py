"""PDF/X-1a:2001 (ISO 15930-1) file structure around ReportLab's drawing.

ReportLab draws the page in DeviceCMYK with embedded fonts but writes none of the PDF/X
structure; this module rewrites its bytes with pikepdf: PDF 1.3 header and classic xref
table, the GTS Info keys, one GTS_PDFX output intent, fixed dates and a deterministic /ID.
"""

from __future__ import annotations

import io
import os
import stat
from pathlib import Path

import pikepdf

from spread.errors import InputError, Location, SpreadError
from spread.fonts.locate import allowed_roots
from spread.output import Stamp
from spread.template import Layout, Output

PDFX_VERSION = "PDF/X-1:2001"
PDFX_CONFORMANCE = "PDF/X-1a:2001"


def to_pdfx(data: bytes, layout: Layout, title: str, stamp: Stamp,
            profile: bytes | None) -> bytes:
    """ReportLab's PDF bytes as PDF/X-1a:2001 bytes for the layout's printing condition,
    with the printer's profile as `load_profile` read it (None: the condition by name)."""
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
    """The layout's output profile, read and checked, or None for a registered condition.
    Refused at the `output: profile` line of the layout unless it is a regular file of a
    bounded size inside the edition folder (like fonts and pictures: a layout anyone hands
    over cannot pull an arbitrary file of the machine into the PDF) that is an ICC profile a
    PDF/X-1a:2001 output intent can carry."""
    name = layout.output.profile
    if not name:
        return None
    layout_path = layout.where.file if layout.where else "layout.yaml"
    # realpath, not Path.resolve, which raises on a loop of links (then reported unreadable)
    path = Path(os.path.realpath(Path(layout_path).resolve().parent / name))
    shown = name if Path(name) == path else f"{name} ({path})"

    def refuse(message: str, hint: str = _PROFILE_HINT) -> InputError:
        where, excerpt = _profile_place(layout_path)  # the layout read again only to refuse
        return InputError(message, where, hint=hint, excerpt=excerpt)

    edition = allowed_roots(layout_path, [])[0]  # the edition folder, as for fonts
    if not path.is_relative_to(edition):
        raise refuse(f"the output profile {name} is outside the edition folder {edition}",
                     hint="copy the printer's profile into the edition folder")
    try:
        st = os.stat(path)
    except OSError as exc:
        raise refuse(f"cannot open the output profile {shown}: {exc.strerror}",
                     hint="the path is relative to the layout file") from None
    if not stat.S_ISREG(st.st_mode):
        raise refuse(f"the output profile {shown} is not a regular file",
                     hint="name the printer's .icc or .icm file")
    if st.st_size > MAX_PROFILE_BYTES:
        raise refuse(f"the output profile {name} is {st.st_size / 2**20:.0f} MB, more than "
                     f"the {MAX_PROFILE_BYTES // 2**20} MB spread reads")
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_PROFILE_BYTES + 1)
    except OSError as exc:
        raise refuse(f"cannot read the output profile {shown}: {exc.strerror}") from None
    problem = profile_problem(data)
    if problem:
        raise refuse(f"the output profile {name} {problem}")
    return data


def _profile_place(layout_path: str) -> tuple[Location, str]:
    """Where `profile:` is written in the layout file (its value), with that line quoted."""
    from spread import yamlsource

    try:
        node, source = yamlsource.load(layout_path)
    except SpreadError:  # a layout made in code, or gone since it was read: its own place
        return Location(layout_path), ""
    for key in ("output", "profile"):
        if node.kind != "mapping" or key not in node.value:
            return node.where, ""
        node = node.value[key]
    return node.where, source.excerpt(node.where.line, node.where.column)


# The largest press profiles (33-point CMYK tables, as for GRACoL or ISOnewspaper26v4) are a
# few MB; a file many times that is not a profile, and a PDF should not carry it.
MAX_PROFILE_BYTES = 32 * 2**20
_PROFILE_HINT = ("PDF/X-1a:2001 (ISO 15930-1) takes an ICC version 2 CMYK output (printer) "
                 "profile, as a printer supplies for its press; or leave out `profile` to "
                 "declare the registered condition alone")
# ICC.1:1998-09 §6.1.5 profile/device classes
_CLASSES = {b"scnr": "an input (scanner)", b"mntr": "a display", b"prtr": "an output",
            b"link": "a device link", b"spac": "a colour space conversion",
            b"abst": "an abstract", b"nmcl": "a named colour"}


def profile_problem(data: bytes) -> str:
    """Why an ICC profile cannot be a PDF/X-1a:2001 destination profile; '' when it can.

    ISO 15930-1 (through PDF 1.3) wants an output profile of the ICC.1:1998-09 (version 2)
    format, for the CMYK the file is printed in; a profile whose header or tag table does
    not match its length is damaged, and an output profile without its A2B0 table (the
    press's CMYK into the connection space, which proofing uses) is incomplete."""
    if len(data) < 132 or data[36:40] != b"acsp":
        return "is not an ICC profile (no 'acsp' signature in its header)"
    declared = int.from_bytes(data[0:4], "big")
    if declared != len(data):
        return f"is damaged: its header gives {declared} bytes, the file has {len(data)}"
    kind = data[12:16]
    if kind != b"prtr":
        what = _CLASSES.get(kind, f"a '{kind.decode('latin-1').strip()}'")
        return f"is {what} profile, not an output (printer) profile"
    if data[16:20] != b"CMYK":
        return f"describes {data[16:20].decode('latin-1').strip()} colour, not CMYK"
    if data[8] != 2:
        return f"is ICC version {data[8]}; PDF 1.3 (PDF/X-1a:2001) reads version 2 profiles"
    if data[20:24] not in (b"XYZ ", b"Lab "):
        return "has no XYZ or Lab connection space"
    count = int.from_bytes(data[128:132], "big")
    if 132 + 12 * count > len(data):
        return f"is damaged: its table of {count} tags runs past the end of the file"
    tags = set()
    for i in range(count):
        entry = data[132 + 12 * i:144 + 12 * i]
        offset, size = int.from_bytes(entry[4:8], "big"), int.from_bytes(entry[8:12], "big")
        if offset + size > len(data):
            return (f"is damaged: its '{entry[:4].decode('latin-1')}' tag runs past the end "
                    "of the file")
        tags.add(entry[:4])
    for tag, what in ((b"desc", "description"), (b"A2B0", "A2B0 (CMYK to connection space)")):
        if tag not in tags:
            return f"has no {what} tag, which every ICC output profile carries"
    return ""
