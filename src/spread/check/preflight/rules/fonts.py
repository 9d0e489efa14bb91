"""Fonts: every font embedded (Type 3 glyphs are content, inside the file by definition),
and no ToUnicode entry maps a code to U+FFFD, the replacement character — text that
was lost before the file was written."""

from __future__ import annotations

import pikepdf

from spread.check.tounicode import REPLACEMENT, parse_to_unicode


def resource(page, kind: str, name: str, font) -> None:
    if kind != "/Font":
        return
    subtype = str(font.get("/Subtype", ""))
    if subtype == "/Type3":
        return
    descendants = font.get("/DescendantFonts")
    target = descendants[0] if subtype == "/Type0" and isinstance(descendants, pikepdf.Array) \
        and len(descendants) else font
    fd = target.get("/FontDescriptor") if isinstance(target, pikepdf.Dictionary) else None
    base = str(target.get("/BaseFont", font.get("/BaseFont", name))
               if isinstance(target, pikepdf.Dictionary) else name)[1:]
    if not isinstance(fd, pikepdf.Dictionary) or \
            not any(k in fd for k in ("/FontFile", "/FontFile2", "/FontFile3")):
        page.add("font-embedded", f"font {base} ({name[1:]}) is not embedded")
    cmap = font.get("/ToUnicode")
    if isinstance(cmap, pikepdf.Stream):
        lost = sorted(code for code, text in
                      parse_to_unicode(page.doc.source.stream_bytes(cmap)).items()
                      if REPLACEMENT in text)
        if lost:
            page.add("tounicode-lost", f"font {base} ({name[1:]}) maps {_codes(lost)} to "
                                       "U+FFFD: their text is lost to search and copying")


def _codes(codes: list[int]) -> str:
    shown = " ".join(f"<{c:02X}>" for c in codes[:8])
    return ("code " if len(codes) == 1 else "codes ") + shown + \
        (f" and {len(codes) - 8} more" if len(codes) > 8 else "")
