"""What a written PDF declares itself to be, read back from its bytes for the edition record."""

from __future__ import annotations

import hashlib
import io

import pikepdf
from pikepdf import Dictionary, Name

_COLOUR_OPERATORS = {"rg": "DeviceRGB", "RG": "DeviceRGB", "k": "DeviceCMYK",
                     "K": "DeviceCMYK", "g": "DeviceGray", "G": "DeviceGray"}


def declared(data: bytes) -> dict:
    """What a PDF says it is, for the edition record: its PDF/A or PDF/X identification,
    its output intents (with a hash of any embedded profile) and the colour spaces its pages
    paint and place images in."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        meta = pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False)
        info = pdf.trailer.get("/Info", Dictionary())
        standard = [s for s in (f"PDF/A-{meta.pdfa_status}" if meta.pdfa_status else "",
                                str(info.get("/GTS_PDFXConformance", ""))) if s]
        return {"pdf_version": pdf.pdf_version, "standard": standard,
                "output_intents": [_intent(oi) for oi in pdf.Root.get("/OutputIntents", [])],
                "colour_spaces": sorted({space for page in pdf.pages
                                         for space in _colour_spaces(page)})}


def _intent(intent: pikepdf.Object) -> dict:
    out = {"subtype": str(intent.get("/S", ""))[1:],
           "condition": str(intent.get("/OutputConditionIdentifier", ""))}
    if "/DestOutputProfile" in intent:
        out["profile_sha256"] = hashlib.sha256(
            intent.DestOutputProfile.read_bytes()).hexdigest()
    return out


def _colour_spaces(page: pikepdf.Page) -> set[str]:
    spaces = set()
    named = page.resources.get("/ColorSpace", Dictionary())
    for operands, operator in pikepdf.parse_content_stream(page, "rg RG k K g G cs CS"):
        op = str(operator)
        if op in _COLOUR_OPERATORS:
            spaces.add(_COLOUR_OPERATORS[op])
        else:
            spaces.add(_family(named.get(str(operands[0]), operands[0])))
    for xobject in page.resources.get("/XObject", Dictionary()).values():
        if xobject.get("/Subtype") == Name.Image and "/ColorSpace" in xobject:
            spaces.add(_family(xobject.ColorSpace))
    return spaces


def _family(space: pikepdf.Object) -> str:
    """A colour space's family name: DeviceRGB, ICCBased, Separation, ..."""
    return str(space[0] if isinstance(space, pikepdf.Array) else space)[1:]
