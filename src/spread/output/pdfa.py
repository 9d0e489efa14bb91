"""PDF/A-2b (ISO 19005-2) file structure around ReportLab's RGB drawing, level U in substance.

ReportLab draws the archive page in DeviceRGB with embedded TrueType subsets and ToUnicode
maps, but writes none of the PDF/A structure and two things PDF/A forbids (`endstream`
without an end-of-line before it, an empty /Trans on the page). This module rewrites its
bytes with pikepdf: XMP metadata and a matching Info dictionary, /Lang, one GTS_PDFA1 output
intent with the sRGB profile, ToUnicode maps without placeholder entries, and a save with the
settings pikepdf's PDF/A validator assumes, plus a deterministic /ID.

The sRGB profile is the one pikepdf ships for PDF/A output intents (LittleCMS-generated,
ICC version 2, its copyright tag reads "no copyright, use freely"). Pillow's
`ImageCms.createProfile("sRGB")` was the other candidate, but LittleCMS stamps the clock into
its header (bytes 24–35 differ between two runs), which would break reproducible editions.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from importlib import resources
from xml.sax.saxutils import escape

import pikepdf
from pikepdf import Array, Dictionary, Name, String
from pikepdf.pdfa import resolve_save_kwargs

from spread.output import Stamp, stamp

FLAVOUR = "2b"
LANGUAGE = "zh-CN"
OUTPUT_CONDITION = "sRGB IEC61966-2.1"
# Unicode values a ToUnicode entry must never give (ISO 19005-2 6.2.11.7.2, level U)
FORBIDDEN_UNICODE = frozenset({0x0000, 0xFEFF, 0xFFFE})
_CMAP_BLOCK = 100  # entries per beginbfchar block: the CMap format's limit
_XMP_PACKET_ID = "W5M0MpCehiHzreSzNTczkc9d"  # the fixed id every XMP packet carries


@dataclass(frozen=True)
class ArchiveMetadata:
    """What the archive file says about itself, in XMP and in the Info dictionary."""

    title: str  # headline and kicker
    creator_tool: str  # spread and its version
    stamp: Stamp  # the edition's date, SOURCE_DATE_EPOCH or the fixed default
    edition: str = ""  # the folio line as printed: paper, date, page, page title
    paper: str = ""  # the newspaper's name, the edition's publisher
    language: str = LANGUAGE


def metadata(content, creator_tool: str) -> ArchiveMetadata:
    """The archive metadata of a page's content: title, folio line and date."""
    return ArchiveMetadata(title=content.headline + content.kicker, creator_tool=creator_tool,
                           stamp=stamp(content), edition="\u3000".join(content.edition.parts()),
                           paper=content.edition.paper)


def srgb_profile() -> bytes:
    """The sRGB ICC profile pikepdf ships for PDF/A output intents."""
    return resources.files("pikepdf.pdfa").joinpath("data", "sRGB.icc").read_bytes()


def to_pdfa(data: bytes, meta: ArchiveMetadata) -> bytes:
    """ReportLab's RGB PDF bytes as PDF/A-2b bytes."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        pdf.Root.Metadata = pdf.make_stream(xmp(meta).encode("utf-8"), Type=Name.Metadata,
                                            Subtype=Name.XML)
        pdf.Root.Lang = String(meta.language)
        pdf.Root.OutputIntents = Array([_output_intent(pdf)])
        pdf.trailer.Info = pdf.make_indirect(_info(meta))
        for page in pdf.pages:
            _tidy_page(pdf, page)
        out = io.BytesIO()
        # the validator's pinned settings (no content normalisation, no XMP rewrite), and
        # no object streams: every object stays readable by the plainest PDF reader
        pdf.save(out, **resolve_save_kwargs(
            FLAVOUR, deterministic_id=True,
            object_stream_mode=pikepdf.ObjectStreamMode.disable))
    return out.getvalue()


def _output_intent(pdf: pikepdf.Pdf) -> pikepdf.Object:
    return pdf.make_indirect(Dictionary(
        Type=Name.OutputIntent,
        S=Name.GTS_PDFA1,
        OutputConditionIdentifier=String(OUTPUT_CONDITION),
        Info=String(OUTPUT_CONDITION),
        DestOutputProfile=pdf.make_stream(srgb_profile(), N=3),
    ))


def _info(meta: ArchiveMetadata) -> Dictionary:
    """The Info entries, each equal to its XMP counterpart (no empty or print-only keys)."""
    info = Dictionary(Title=String(meta.title), Creator=String(meta.creator_tool),
                      Producer=String(meta.creator_tool),
                      CreationDate=String(meta.stamp.pdf()), ModDate=String(meta.stamp.pdf()))
    if meta.edition:
        info.Subject = String(meta.edition)
    return info


def _tidy_page(pdf: pikepdf.Pdf, page: pikepdf.Page) -> None:
    obj = page.obj
    # ReportLab writes an empty page transition dictionary, which means nothing
    if "/Trans" in obj and len(obj.Trans) == 0:
        del obj.Trans
    for font in page.resources.get("/Font", Dictionary()).values():
        if "/ToUnicode" in font:
            font.ToUnicode = pdf.make_stream(clean_to_unicode(font.ToUnicode.read_bytes()))


def xmp(meta: ArchiveMetadata) -> str:
    """The XMP packet: PDF/A identification, Dublin Core, dates and tool; only properties
    of the schemas PDF/A-2 predefines, so no extension schema is needed."""
    when = meta.stamp.when.strftime("%Y-%m-%dT%H:%M:%S+00:00")
    props = [
        "<pdfaid:part>2</pdfaid:part>",
        "<pdfaid:conformance>B</pdfaid:conformance>",
        "<dc:format>application/pdf</dc:format>",
        f"<dc:title>{_alt(meta.title)}</dc:title>",
        f"<dc:language><rdf:Bag><rdf:li>{escape(meta.language)}</rdf:li></rdf:Bag>"
        "</dc:language>",
    ]
    if meta.edition:
        props.append(f"<dc:description>{_alt(meta.edition)}</dc:description>")
    if meta.paper:
        props.append(f"<dc:publisher><rdf:Bag><rdf:li>{escape(meta.paper)}</rdf:li></rdf:Bag>"
                     "</dc:publisher>")
    props += [
        f"<xmp:CreateDate>{when}</xmp:CreateDate>",
        f"<xmp:ModifyDate>{when}</xmp:ModifyDate>",
        f"<xmp:MetadataDate>{when}</xmp:MetadataDate>",
        f"<xmp:CreatorTool>{escape(meta.creator_tool)}</xmp:CreatorTool>",
        f"<pdf:Producer>{escape(meta.creator_tool)}</pdf:Producer>",
    ]
    body = "\n   ".join(props)
    # the packet header carries neither bytes= nor encoding= (ISO 19005-2 6.6.2.1)
    return (f'<?xpacket begin="\ufeff" id="{_XMP_PACKET_ID}"?>\n'
            '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
            ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
            '  <rdf:Description rdf:about=""\n'
            '    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"\n'
            '    xmlns:dc="http://purl.org/dc/elements/1.1/"\n'
            '    xmlns:xmp="http://ns.adobe.com/xap/1.0/"\n'
            '    xmlns:pdf="http://ns.adobe.com/pdf/1.3/">\n'
            f"   {body}\n"
            "  </rdf:Description>\n"
            " </rdf:RDF>\n"
            "</x:xmpmeta>\n"
            '<?xpacket end="r"?>')


def _alt(text: str) -> str:
    return f'<rdf:Alt><rdf:li xml:lang="x-default">{escape(text)}</rdf:li></rdf:Alt>'


# -- ToUnicode ---------------------------------------------------------------------------------

_BFCHAR_BLOCK = re.compile(rb"beginbfchar(.*?)endbfchar", re.S)
_PAIR = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>")


def clean_to_unicode(cmap: bytes) -> bytes:
    """A ToUnicode CMap without the entries that give no text, in blocks of at most 100.

    ReportLab maps every unused code of a subset to U+0000 and writes all codes in one
    block; PDF/A level U forbids U+0000 (and U+FEFF, U+FFFE) as a Unicode value and the CMap
    format allows 100 entries a block. A CMap with ranges is not ReportLab's and is kept."""
    if b"beginbfrange" in cmap or b"beginbfchar" not in cmap:
        return cmap
    pairs = [(src, dst) for block in _BFCHAR_BLOCK.findall(cmap)
             for src, dst in _PAIR.findall(block) if _gives_text(dst)]
    head = cmap[:cmap.index(b"beginbfchar")]
    head = head[:head.rstrip().rfind(b"\n") + 1]  # drop the old block's count line
    tail = cmap[cmap.rindex(b"endbfchar") + len(b"endbfchar"):]
    blocks = []
    for i in range(0, len(pairs), _CMAP_BLOCK):
        chunk = pairs[i:i + _CMAP_BLOCK]
        lines = b"\n".join(b"<%s> <%s>" % (src.upper(), dst.upper()) for src, dst in chunk)
        blocks.append(b"%d beginbfchar\n%s\nendbfchar" % (len(chunk), lines))
    return head + b"\n".join(blocks) + tail


def _gives_text(hex_dst: bytes) -> bool:
    """A UTF-16BE destination that decodes to text with none of the forbidden values."""
    try:
        text = bytes.fromhex(hex_dst.decode("ascii")).decode("utf-16-be")
    except ValueError:
        return False
    return bool(text) and not any(ord(ch) in FORBIDDEN_UNICODE for ch in text)
