"""Reading a PDF for a check with bounded work, whatever the file holds.

A check opens the file, refuses it as *damaged* when pikepdf had to repair it (a truncated
file opens by reconstruction: its findings would be about the repair, not the file), then
measures every stream's decoded size before anything decodes one, and counts content
operators as it interprets them. The bounds, each reported as "too large to check" when
passed (exit 2, like a damaged file):

| what | bound |
| --- | --- |
| file size | `MAX_FILE_BYTES` (1 GiB) |
| pages | `MAX_PAGES` (200) |
| objects (the cross-reference table) | `MAX_OBJECTS` (500 000) |
| one stream, decoded | `MAX_STREAM_BYTES` (64 MiB) |
| all streams, decoded | `MAX_DECODED_BYTES` (512 MiB) |
| content operators on one page (forms counted each time drawn) | `MAX_PAGE_OPERATORS` (250 000) |
| content operators in the file | `MAX_OPERATORS` (500 000) |
| one image | `MAX_IMAGE_PIXELS` (40 million) |
| forms inside forms | `MAX_FORM_DEPTH` (12) |
| text shown on one page (string bytes, forms counted each time drawn) | `MAX_PAGE_TEXT_BYTES` (1 MiB) |

Measuring inflates each Flate stream once through a `zlib.decompressobj` with a
`max_length`, keeping nothing, so memory stays at a chunk and time at the decoded size;
filters whose output cannot be measured that way (LZW, RunLength) are accepted only when
their largest possible output is within the bounds. Work is then proportional to
decoded bytes + operators + image pixels, each capped: on a 2-core CI machine a check
of a file at every bound takes well under a minute, and its memory stays under 1 GB
(`benchmarks/check.py` prints the figures).
"""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pikepdf
from pikepdf import ObjectType

from spread.errors import InputError, Location

MAX_FILE_BYTES = 1 << 30
MAX_PAGES = 200
MAX_OBJECTS = 500_000
MAX_STREAM_BYTES = 64 << 20
MAX_DECODED_BYTES = 512 << 20
MAX_PAGE_OPERATORS = 250_000
MAX_OPERATORS = 500_000
MAX_IMAGE_PIXELS = 40_000_000
MAX_FORM_DEPTH = 12
MAX_PAGE_TEXT_BYTES = 1 << 20  # a 对开 page of 小五 shows about 60 kB

_CHUNK = 1 << 20
# filters whose output is no larger than their input (ASCII encodings) or that
# qpdf leaves encoded (image codecs, decoded only by the image rules, pixel-bounded)
_SHRINKING = {"/ASCIIHexDecode", "/AHx", "/ASCII85Decode", "/A85"}
_CODECS = {"/DCTDecode", "/DCT", "/JPXDecode", "/CCITTFaxDecode", "/CCF", "/JBIG2Decode"}
# the most one input byte can become: a run-length byte pair, an LZW 12-bit code
_GROWTH = {"/RunLengthDecode": 64, "/RL": 64, "/LZWDecode": 4096, "/LZW": 4096}


# what qpdf says around the damage it repairs, which says nothing of the damage itself
_NARRATION = {"file is damaged", "Attempting to reconstruct cross-reference table"}


class Damaged(InputError):
    """A file pikepdf reads only by repairing it, or with an object of the wrong shape."""

    def __init__(self, path, problem: str):
        super().__init__(f"the file is damaged: {problem}", Location(str(path)),
                         hint="was it cut short while being written or copied? export it "
                              "again from the program that made it")


class TooLarge(InputError):
    """A file past one of the bounds that keep a check's time and memory in hand."""

    def __init__(self, path, problem: str):
        super().__init__(f"the file is too large to check: {problem}", Location(str(path)),
                         hint="spread checks newspaper pages; split the file, or check it "
                              "with the plant's own preflight")


def unreadable(path, exc: Exception) -> InputError:
    """A file that is not a PDF pikepdf can read: the user's input, not a bug. The message
    names the file once (its location does): qpdf's own words start with the path again."""
    said = str(exc).replace(f"{path}: ", "").replace(f"{path} ", "")
    return InputError(f"the file is not a readable PDF (its reader reports: {said})",
                      Location(str(path)),
                      hint="is it damaged, or cut short while being written?")


def locked(path) -> InputError:
    """A PDF with a password to open it: nothing in it can be read, so nothing checked."""
    return InputError("the file is encrypted with a password: spread cannot open it to check "
                      "it",
                      Location(str(path)),
                      hint="remove the password (open it with the password and save it "
                           "without one, or `qpdf --decrypt --password=… in.pdf out.pdf`) "
                           "and check that copy; a print file must not be encrypted at all")


class Source:
    """An open PDF and the work spent reading it. A file not yet written (a build checks
    its renditions before they replace the edition) is read from its bytes, `data`; its
    path then only names it."""

    def __init__(self, path, pdf: pikepdf.Pdf, data: bytes | None = None):
        self.path = str(path)
        self.pdf = pdf
        self.data = data
        self.operators = 0  # in the whole file
        self.page_operators = 0  # on the page being interpreted
        self.decoded = 0
        self.xref: dict = {}  # (number, generation) → pikepdf.XrefEntry
        self.actual_text = False  # whether marked content carries /ActualText (seen so far)

    def damaged(self, problem: str) -> Damaged:
        return Damaged(self.path, problem)

    def too_large(self, problem: str) -> TooLarge:
        return TooLarge(self.path, problem)

    def repairs(self) -> None:
        """Refuse the file if pikepdf has repaired anything while reading it so far."""
        said = [w.removeprefix(self.pdf.filename).lstrip(":, ") for w in self.pdf.get_warnings()]
        # what is wrong, without qpdf's narration of the repair it made (which spread does
        # not keep: the file is refused)
        warnings = [w for w in said if w not in _NARRATION] or said
        if warnings:
            shown = "; ".join(warnings[:3]) + (f" (and {len(warnings) - 3} more)"
                                               if len(warnings) > 3 else "")
            raise self.damaged(shown)

    @contextmanager
    def guard(self):
        """An object of the wrong shape met while checking (a name where a number
        belongs, a missing required key) makes the file damaged, not spread broken."""
        try:
            yield
        except (InputError, pikepdf.PasswordError):
            raise
        except _MALFORMED as exc:
            raise self.damaged(f"an object is not what PDF says it is ({type(exc).__name__}: "
                               f"{exc})") from exc

    def start_page(self) -> None:
        self.page_operators = 0

    def file(self) -> str | io.BytesIO:
        """The file again, for a reader of its own (pikepdf's PDF/A validator)."""
        return self.path if self.data is None else io.BytesIO(self.data)

    def read_at(self, offset: int, n: int) -> bytes:
        """`n` bytes of the file from `offset`."""
        if self.data is not None:
            return self.data[offset:offset + n]
        with open(self.path, "rb") as fh:
            fh.seek(offset)
            return fh.read(n)

    def size(self) -> int:
        return len(self.data) if self.data is not None else Path(self.path).stat().st_size

    def count_operator(self, number: int) -> None:
        self.operators += 1
        self.page_operators += 1
        if self.page_operators > MAX_PAGE_OPERATORS:
            raise self.too_large(f"page {number} has more than {MAX_PAGE_OPERATORS:,} content "
                                 "operators (forms counted each time they are drawn)")
        if self.operators > MAX_OPERATORS:
            raise self.too_large(f"more than {MAX_OPERATORS:,} content operators in all")

    def instructions(self, stream, number: int) -> Iterator[tuple[list, str]]:
        """(operands, operator) of a page's or form's content, counted against the bounds.
        Inline images come as ([their dictionary], 'INLINE IMAGE')."""
        parser = _Grouper()
        try:
            if isinstance(stream, pikepdf.Page):
                stream.parse_contents(parser)
            else:
                pikepdf.Object._parse_stream(stream, parser)
        except _TooManyOperators:
            raise self.too_large(f"page {number} has more than {MAX_PAGE_OPERATORS:,} content "
                                 "operators") from None
        except pikepdf.PdfError as exc:
            raise self.damaged(f"page {number}'s content cannot be read ({exc})") from None
        for instruction in parser.instructions:
            self.count_operator(number)
            yield instruction

    def stream_bytes(self, stream: pikepdf.Stream) -> bytes:
        """A stream's decoded data (already measured by `open_source`, so bounded)."""
        try:
            return stream.read_bytes()
        except pikepdf.PdfError as exc:
            raise self.damaged(f"a stream cannot be decoded ({exc})") from None


def count_page_work(source: Source, page: pikepdf.Page, number: int,
                    on_show: Callable[[object, bytes], None] | None = None) -> None:
    """Count a page's content operators and the bytes of text it shows, forms counted
    each time drawn, against the bounds (TooLarge past one), before a reader that has no
    bounds of its own (pdfium's text page) is given the page. `on_show(font, data)` is
    told of each show operator in the order drawn (forms where drawn, as pdfium lists its
    page objects): the font dictionary in force (Tf, kept by q and Q) and the bytes shown."""
    source.start_page()
    with source.guard():
        _count_stream(source, page, page.obj.get("/Resources"), number, 0, [0], None,
                      on_show)


_SHOWS = {"Tj", "TJ", "'", '"'}


def _count_stream(source: Source, stream, resources, number: int, depth: int,
                  shown: list[int], font, on_show) -> None:
    if depth > MAX_FORM_DEPTH:
        raise source.damaged(f"page {number} draws forms inside forms more than "
                             f"{MAX_FORM_DEPTH} deep (a form drawing itself?)")
    saved = []  # the fonts in force at each q, restored by its Q
    for operands, op in source.instructions(stream, number):
        if op in _SHOWS:
            strings = list(_strings(operands[-1:]))
            data = b"".join(bytes(s) for s in strings)
            shown[0] += len(data)
            if shown[0] > MAX_PAGE_TEXT_BYTES:
                raise source.too_large(f"page {number} shows more than "
                                       f"{MAX_PAGE_TEXT_BYTES >> 10} KiB of text")
            # a TJ of moves alone (spread's pen moves for readers that follow the pen) makes
            # no page object of pdfium's: not one of the shows its objects are matched with
            if on_show is not None and (strings or op != "TJ"):
                on_show(font, data)
        elif op == "Tf" and operands and on_show is not None:
            fonts = resources.get("/Font") if isinstance(resources, pikepdf.Dictionary) \
                else None
            font = fonts.get(str(operands[0])) if isinstance(fonts, pikepdf.Dictionary) \
                else None
        elif op == "BDC" and len(operands) == 2 and not source.actual_text:
            props = operands[1]
            if isinstance(props, pikepdf.Name) and isinstance(resources, pikepdf.Dictionary):
                named = resources.get("/Properties")
                props = named.get(str(props)) if isinstance(named, pikepdf.Dictionary) else None
            source.actual_text = isinstance(props, pikepdf.Dictionary) and "/ActualText" in props
        elif op == "q":
            saved.append(font)
        elif op == "Q" and saved:
            font = saved.pop()
        elif op == "Do" and operands and isinstance(resources, pikepdf.Dictionary):
            xobjects = resources.get("/XObject")
            form = xobjects.get(str(operands[0])) if isinstance(
                xobjects, pikepdf.Dictionary) else None
            if isinstance(form, pikepdf.Stream) and form.get("/Subtype") == "/Form":
                _count_stream(source, form, form.get("/Resources", resources), number,
                              depth + 1, shown, font, on_show)


def _strings(operands: list) -> Iterator[pikepdf.String]:
    for o in operands:
        if isinstance(o, pikepdf.String):
            yield o
        elif isinstance(o, pikepdf.Array):
            yield from (x for x in o if isinstance(x, pikepdf.String))


_MALFORMED = (pikepdf.PdfError, AttributeError, KeyError, IndexError, TypeError, ValueError,
              struct.error, RecursionError, zlib.error, OverflowError, ZeroDivisionError)


class _Grouper(pikepdf.StreamParser):
    """Tokens grouped into instructions as qpdf reads them. Kept per stream: a stream is at
    most MAX_STREAM_BYTES, and interpretation stops at the operator bounds."""

    def __init__(self):
        super().__init__()
        self.instructions: list[tuple[list, str]] = []
        self.operands: list = []
        self.inline: dict | None = None

    def handle_object(self, obj, offset, length):
        if isinstance(obj, pikepdf.Object) and obj._type_code == ObjectType.operator:
            op = str(obj)
            if op == "BI":
                self.operands = []
            elif op == "ID":
                self.inline = _inline_dict(self.operands)
            elif op == "EI":
                self.instructions.append(([self.inline or {}], "INLINE IMAGE"))
                self.inline = None
            else:
                self.instructions.append((self.operands, op))
                if len(self.instructions) > MAX_PAGE_OPERATORS:
                    raise _TooManyOperators
            self.operands = []
        elif isinstance(obj, pikepdf.Object) and obj._type_code == ObjectType.inlineimage:
            pass  # the image data: its dictionary says all the rules need
        else:
            self.operands.append(obj)

    def handle_eof(self):
        pass


class _TooManyOperators(Exception):
    pass


_INLINE_KEYS = {"/W": "/Width", "/H": "/Height", "/CS": "/ColorSpace", "/IM": "/ImageMask",
                "/BPC": "/BitsPerComponent", "/F": "/Filter"}


def _inline_dict(operands: list) -> dict:
    """An inline image's dictionary, its abbreviated keys spelled out."""
    out = {}
    for key, value in zip(operands[::2], operands[1::2]):
        name = str(key)
        out[_INLINE_KEYS.get(name, name)] = value
    return out


@contextmanager
def open_source(path: str | Path, data: bytes | None = None):
    """The file opened for checking: not damaged, within the bounds, every stream measured.
    With `data`, the file's bytes before they are written as `path`. Raises Damaged,
    TooLarge, pikepdf.PasswordError (for the caller to report) or an InputError for a file
    that is no PDF."""
    path = Path(path)
    try:
        size = path.stat().st_size if data is None else len(data)
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}") from None
    if size > MAX_FILE_BYTES:
        raise TooLarge(path, f"{size:,} bytes, more than the {MAX_FILE_BYTES:,} spread reads")
    try:
        pdf = pikepdf.open(path if data is None else io.BytesIO(data))
    except pikepdf.PasswordError:
        raise
    except (pikepdf.PdfError, RuntimeError, ValueError) as exc:
        raise unreadable(path, exc) from None
    with pdf:
        source = Source(path, pdf, data)
        _measure(source)
        yield source
        source.repairs()  # a repair noticed only while reading: the findings are void


def _measure(source: Source) -> None:
    """Refuse a damaged file, then check every bound that can be known before reading."""
    pdf = source.pdf
    try:
        table = pdf.get_xref_table()
    except pikepdf.PdfError as exc:
        raise source.damaged(f"its cross-reference table cannot be read ({exc})") from None
    source.repairs()
    source.xref = table
    if len(table) > MAX_OBJECTS:
        raise source.too_large(f"{len(table):,} objects, more than {MAX_OBJECTS:,}")
    # object streams first: reading any object inside one decodes the whole stream
    holders = sorted({e.obj_stream_number for e in table.values()
                      if e.type == 2 and e.obj_stream_number})
    for number in holders:
        _measure_object(source, (number, 0))
    for objgen, entry in table.items():
        if entry.type == 1:
            _measure_object(source, objgen)
    try:
        pages = len(pdf.pages)
    except (pikepdf.PdfError, RuntimeError) as exc:
        raise source.damaged(f"its page tree cannot be read ({exc})") from None
    source.repairs()
    if pages > MAX_PAGES:
        raise source.too_large(f"{pages} pages, more than the {MAX_PAGES} spread checks in "
                               "one file")


def _measure_object(source: Source, objgen: tuple[int, int]) -> None:
    try:
        obj = source.pdf.get_object(objgen)
    except (pikepdf.PdfError, ValueError) as exc:
        raise source.damaged(f"object {objgen[0]} {objgen[1]} cannot be read ({exc})") \
            from None
    if not isinstance(obj, pikepdf.Stream):
        return
    size = decoded_size(source, obj)
    source.decoded += size
    if source.decoded > MAX_DECODED_BYTES:
        raise source.too_large(f"its streams decode to more than {MAX_DECODED_BYTES >> 20} "
                               "MiB in all")


def decoded_size(source: Source, stream: pikepdf.Stream) -> int:
    """The bytes `stream.read_bytes()` would give, found without holding them; TooLarge
    past MAX_STREAM_BYTES."""
    what = f"object {stream.objgen[0]} {stream.objgen[1]}"
    filters, parms = _filters(stream)
    try:
        data = stream.read_raw_bytes()
    except pikepdf.PdfError as exc:
        raise source.damaged(f"{what} cannot be read ({exc})") from None
    size = len(data)
    for i, name in enumerate(filters):
        if name in _CODECS:
            break  # left encoded by read_bytes(); images bound their own pixels
        if name in ("/FlateDecode", "/Fl"):
            _check_predictor(source, parms[i], what)
            if i == len(filters) - 1 or filters[i + 1] in _CODECS:
                size = _inflated_size(source, data, what)
                break
            data = _inflate(source, data, what)
            size = len(data)
        elif name in _SHRINKING:
            try:
                data = _decode_ascii(name, data)
            except ValueError as exc:
                raise source.damaged(f"{what} is not valid {name[1:]} ({exc})") from None
            size = len(data)
        elif name in _GROWTH:
            size = len(data) * _GROWTH[name]
            if i != len(filters) - 1 and filters[i + 1] not in _CODECS:
                raise source.too_large(f"{what} chains {name[1:]} with more filters")
        else:
            raise source.damaged(f"{what} has an unknown filter {name}")
        if size > MAX_STREAM_BYTES:
            break
    if size > MAX_STREAM_BYTES:
        raise source.too_large(f"{what} decodes to more than {MAX_STREAM_BYTES >> 20} MiB "
                               "(a compression bomb?)")
    return size


def _filters(stream) -> tuple[list[str], list]:
    f = stream.get("/Filter")
    filters = [str(x) for x in f] if isinstance(f, pikepdf.Array) else [] if f is None \
        else [str(f)]
    p = stream.get("/DecodeParms")
    parms = list(p) if isinstance(p, pikepdf.Array) else [p] * len(filters)
    return filters, (parms + [None] * len(filters))[:len(filters)]


def _check_predictor(source: Source, parms, what: str) -> None:
    """qpdf allocates a predictor's row before reading any data: bound the row."""
    if not isinstance(parms, pikepdf.Dictionary) or int(parms.get("/Predictor", 1)) < 2:
        return
    row = (int(parms.get("/Columns", 1)) * int(parms.get("/Colors", 1))
           * int(parms.get("/BitsPerComponent", 8)))
    if not 0 < row <= MAX_STREAM_BYTES * 8:
        raise source.damaged(f"{what} has a predictor row of {row} bits")


def _inflated_size(source: Source, data: bytes, what: str) -> int:
    """Inflate chunk by chunk, counting and dropping the output, stopping past the bound."""
    inflater = zlib.decompressobj()
    size, pending = 0, data
    try:
        while pending and size <= MAX_STREAM_BYTES:
            size += len(inflater.decompress(pending, _CHUNK))
            pending = inflater.unconsumed_tail
            if inflater.eof:
                break
        if size <= MAX_STREAM_BYTES and not inflater.eof:
            size += len(inflater.flush())
    except zlib.error:
        return size  # qpdf decodes what it can of a broken stream and warns: repairs()
    return size


def _inflate(source: Source, data: bytes, what: str) -> bytes:
    inflater = zlib.decompressobj()
    try:
        out = inflater.decompress(data, MAX_STREAM_BYTES + 1)
    except zlib.error as exc:
        raise source.damaged(f"{what} is not valid Flate data ({exc})") from None
    return out


def _decode_ascii(name: str, data: bytes) -> bytes:
    import base64
    import binascii

    if name in ("/ASCIIHexDecode", "/AHx"):
        digits = bytes(c for c in data.split(b">")[0] if c not in b" \t\r\n\f\0")
        return binascii.unhexlify(digits + b"0" * (len(digits) % 2))
    body = data.strip().removeprefix(b"<~").split(b"~>")[0]
    return base64.a85decode(body, ignorechars=b" \t\r\n\f\0")
