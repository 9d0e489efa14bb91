"""File structure (PDF/X-1a:2001, print.md §1): header and cross-reference of PDF 1.3, no
object streams, Info keys, trailer ID, one GTS_PDFX output intent, no encryption, layers,
actions, JavaScript, LZW or JPEG 2000, no PostScript (XObjects or the PS operator), no
transparency or transfer functions, halftones of type 1 or 5 unnamed, no OPI comments, no
alternate image printed in place of an image, no stream read from another file, and no
annotation inside the bleed but a trap network's."""

from __future__ import annotations

import re

import pikepdf

from spread.output.pdfx import PDFX_CONFORMANCE, PDFX_VERSION, profile_problem

_PDF_DATE = re.compile(r"^D:\d{4}(\d{2}){0,5}")


def document(doc) -> None:
    _bytes(doc)
    pdf = doc.pdf
    if pdf.is_encrypted:
        doc.add("encryption", "the file is encrypted; PDF/X forbids encryption")
    if "/Version" in pdf.Root and str(pdf.Root.Version) != "/1.3":
        doc.add("version", f"the catalog declares version {pdf.Root.Version}")
    if len(pdf.pages) == 0:
        doc.add("pages", "the file has no pages")
    _info(doc)
    ids = pdf.trailer.get("/ID")
    if not isinstance(ids, pikepdf.Array) or len(ids) != 2:
        doc.add("id", "the trailer has no /ID")
    _intents(doc)
    for key, rule, what in (("/OCProperties", "layers", "optional content (layers)"),
                            ("/OpenAction", "actions", "an open action"),
                            ("/AA", "actions", "additional actions")):
        if key in pdf.Root:
            doc.add(rule, f"the catalog has {what}{_javascript(pdf.Root[key])}")
    names = pdf.Root.get("/Names")
    if isinstance(names, pikepdf.Dictionary) and "/JavaScript" in names:
        doc.add("actions", "the file contains JavaScript")
    for objgen, entry in doc.source.xref.items():
        if entry.type != 1:
            continue
        obj = pdf.get_object(objgen)
        if isinstance(obj, pikepdf.Stream):
            filters = obj.get("/Filter")
            names = [str(f) for f in filters] if isinstance(filters, pikepdf.Array) \
                else [str(filters)] if filters is not None else []
            if "/LZWDecode" in names:
                doc.add("lzw", "a stream is LZW-compressed")
            if "/JPXDecode" in names:
                doc.add("filter", "a stream is JPEG 2000 (JPXDecode), which PDF 1.3 lacks")
            if "/F" in obj:  # its data is another file's: no exchange is complete without it
                doc.add("external", f"a stream's data is in another file ({_file(obj.F)}); "
                                    "PDF/X-1a holds everything it prints")


def _file(spec) -> str:
    """A file specification as a message names it: its file name, or what it is."""
    if isinstance(spec, pikepdf.Dictionary):
        spec = spec.get("/UF", spec.get("/F", ""))
    return str(spec) if isinstance(spec, pikepdf.String) else "a file specification"


def _javascript(action) -> str:
    """', which runs JavaScript' when an action (or any of a dictionary's actions) is one."""
    actions = action.values() if isinstance(action, pikepdf.Dictionary) and \
        "/S" not in action else [action]
    for a in actions:
        if isinstance(a, pikepdf.Dictionary) and str(a.get("/S", "")) == "/JavaScript":
            return ", which runs JavaScript"
    return ""


def _bytes(doc) -> None:
    header = doc.head[:16].split(b"\n")[0].split(b"\r")[0].decode("latin-1")
    if not header.startswith("%PDF-1.3"):
        doc.add("version", f"the header is {header!r}; PDF/X-1a:2001 needs %PDF-1.3")
    start = doc.tail.rfind(b"startxref")
    offset = doc.tail[start + 9:start + 40].split()[:1] if start >= 0 else []
    if not offset or not offset[0].isdigit() or doc.read_at(int(offset[0]), 4) != b"xref":
        doc.add("xref", "the cross-reference is a stream, not a PDF 1.3 xref table")
    if any(e.type == 2 for e in doc.source.xref.values()):
        doc.add("object-streams", "the file uses object streams, which PDF 1.3 lacks")


def _info(doc) -> None:
    info = doc.pdf.trailer.get("/Info", pikepdf.Dictionary())
    if not isinstance(info, pikepdf.Dictionary):
        info = pikepdf.Dictionary()
    for key, want in (("/GTS_PDFXVersion", PDFX_VERSION),
                      ("/GTS_PDFXConformance", PDFX_CONFORMANCE)):
        value = str(info.get(key, ""))
        if value != want:
            doc.add("info-gts", f"Info {key[1:]} is {repr(value) if value else 'missing'}"
                                f", not {want!r}")
    if not str(info.get("/Title", "")).strip():
        doc.add("info-title", "Info has no Title")
    for key in ("/CreationDate", "/ModDate"):
        if not _PDF_DATE.match(str(info.get(key, ""))):
            doc.add("info-dates", f"Info {key[1:]} is missing or not a PDF date")
    trapped = info.get("/Trapped")
    if not isinstance(trapped, pikepdf.Name) or str(trapped) not in ("/True", "/False"):
        doc.add("trapped", f"Info Trapped is {trapped or 'missing'}; PDF/X needs /True or "
                           "/False")


def _intents(doc) -> None:
    intents = [i for i in doc.pdf.Root.get("/OutputIntents", [])
               if isinstance(i, pikepdf.Dictionary) and str(i.get("/S", "")) == "/GTS_PDFX"]
    if len(intents) != 1:
        doc.add("output-intent", f"the file has {len(intents)} GTS_PDFX output intents, "
                                 "PDF/X needs exactly one")
        return
    intent = intents[0]
    for key in ("/OutputConditionIdentifier", "/Info"):
        if not str(intent.get(key, "")):
            doc.add("output-intent", f"the output intent has no {key[1:]}")
    profile = intent.get("/DestOutputProfile")
    if isinstance(profile, pikepdf.Stream):
        problem = profile_problem(doc.source.stream_bytes(profile))
        if problem:
            doc.add("output-intent", f"the output intent's profile {problem}")
    elif not str(intent.get("/RegistryName", "")):
        doc.add("output-intent", "the output intent names a condition without a "
                                 "RegistryName and embeds no profile")


def page(page) -> None:
    obj = page.obj
    if _transparency_group(obj):
        page.add("transparency", "the page is a transparency group")
    if "/AA" in obj:
        page.add("actions", f"the page has actions{_javascript(obj.AA)}")
    annots = obj.get("/Annots", [])
    for annot in annots if isinstance(annots, pikepdf.Array) else []:
        if isinstance(annot, pikepdf.Dictionary) and ("/A" in annot or "/AA" in annot):
            page.add("actions", "an annotation has an action"
                     + _javascript(annot.get("/A", annot.get("/AA"))))
        _inside(page, annot)


# annotations PDF/X-1a allows inside the bleed: a trap network's (and a printer's mark's,
# which PDF/X keeps outside the trim by its nature)
_ANNOTATIONS_INSIDE = ("/TrapNet", "/PrinterMark")


def _inside(page, annot) -> None:
    """An annotation inside the page's BleedBox (its TrimBox when it has none): a viewer
    draws it over the page, a RIP prints it or not as it likes (a link's box, a form field,
    a note)."""
    if not isinstance(annot, pikepdf.Dictionary):
        return
    kind = str(annot.get("/Subtype", "/?"))
    area = page.box("/BleedBox") or page.box("/TrimBox")
    rect = _box(annot.get("/Rect"))
    if kind in _ANNOTATIONS_INSIDE or area is None or rect is None:
        return
    if rect[0] < area[2] and area[0] < rect[2] and rect[1] < area[3] and area[1] < rect[3]:
        name = "BleedBox" if page.box("/BleedBox") else "TrimBox"
        page.add("annotation", f"a {kind[1:]} annotation lies inside the {name}, where PDF/X-1a "
                               "allows none but a trap network: remove it, or flatten it into "
                               "the page", rect)


def _box(value) -> tuple[float, float, float, float] | None:
    try:
        x0, y0, x1, y1 = (float(v) for v in value)
    except (TypeError, ValueError):
        return None
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


def postscript(page, where: str = "in the content") -> None:
    page.add("postscript", f"PostScript {where} (the PS operator), which PDF/X forbids: a RIP "
                           "runs it, or drops it, unseen by any check")


def _transparency_group(obj) -> bool:
    group = obj.get("/Group")
    return isinstance(group, pikepdf.Dictionary) and str(group.get("/S", "")) == "/Transparency"


def resource(page, kind: str, name: str, obj) -> None:
    if kind == "/ExtGState":
        _ext_gstate(page, name, obj)
    elif kind == "/XObject":
        if "/PS" in (str(obj.get("/Subtype", "")), str(obj.get("/Subtype2", ""))):
            page.add("postscript", f"XObject {name[1:]} is PostScript, which PDF/X forbids "
                                   "(a RIP runs it, or drops it, unseen by any check)")
        subtype = str(obj.get("/Subtype", ""))
        if subtype == "/Form" and _transparency_group(obj):
            page.add("transparency", f"form {name} is a transparency group")
        if "/SMask" in obj:
            page.add("transparency", f"image {name[1:]} has a soft mask (SMask)")
        what = {"/Form": "form", "/Image": "image"}.get(subtype, "XObject")
        if "/OPI" in obj:
            page.add("opi", f"{what} {name[1:]} carries OPI comments (a link to an original "
                            "for the RIP to swap in, unchecked), which PDF/X-1a forbids")
        alternates = obj.get("/Alternates")
        if isinstance(alternates, pikepdf.Array) and any(
                isinstance(a, pikepdf.Dictionary) and bool(a.get("/DefaultForPrinting", False))
                for a in alternates):
            page.add("alternate", f"image {name[1:]} has an alternate image marked "
                                  "DefaultForPrinting: the RIP prints that one, which no rule "
                                  "here checks and PDF/X-1a forbids")


def _ext_gstate(page, name: str, gs) -> None:
    label = f"graphics state {name[1:]}"
    if "/SMask" in gs and str(gs.SMask) != "/None":
        page.add("transparency", f"{label} sets a soft mask")
    for key in ("/CA", "/ca"):
        if key in gs and _float(gs[key]) < 1:
            page.add("transparency", f"{label} sets opacity {key[1:]} {_float(gs[key]):g}")
    if "/BM" in gs:
        modes = [str(m) for m in gs.BM] if isinstance(gs.BM, pikepdf.Array) else [str(gs.BM)]
        if modes and modes[0] not in ("/Normal", "/Compatible"):
            page.add("transparency", f"{label} sets blend mode {modes[0][1:]}")
    for key in ("/TR", "/TR2"):
        if key in gs and str(gs[key]) != "/Default":
            page.add("transfer", f"{label} sets a transfer function")
    if "/HT" in gs:
        _halftone(page, label, gs.HT)


def _halftone(page, label: str, ht) -> None:
    """PDF/X-1a allows halftones of type 1 (a spot function) and 5 (one per colorant), none
    of them named: a named one is a screening the RIP picks by name, or not."""
    if not isinstance(ht, pikepdf.Dictionary | pikepdf.Stream):
        return  # /Default: the device's own
    kind = ht.get("/HalftoneType")
    if kind not in (1, 5):
        page.add("halftone", f"{label} sets a halftone of type {kind}; PDF/X-1a allows types "
                             "1 and 5")
    parts = [ht] + ([v for k, v in ht.items() if k not in ("/Type", "/HalftoneType")
                     and isinstance(v, pikepdf.Dictionary | pikepdf.Stream)]
                    if kind == 5 else [])
    for part in parts:
        if "/HalftoneName" in part:
            page.add("halftone", f"{label} sets a named halftone (HalftoneName "
                                 f"{part.HalftoneName}), which PDF/X-1a forbids")
            return


def _float(value) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return 1.0
