"""ToUnicode CMaps as code → text (their bfchar and bfrange blocks)."""

from __future__ import annotations

import re

REPLACEMENT = "\ufffd"  # what a converter writes for a character it lost
_BLOCK = re.compile(rb"begin(bfchar|bfrange)(.*?)end\1", re.S)
_HEX = re.compile(rb"<([0-9A-Fa-f]*)>|\[|\]")
MAX_ENTRIES = 1 << 20  # codes read from one CMap: a hostile bfrange cannot run away
MAX_BYTES = 8 << 20  # of a CMap read (a CJK font's map is well under 1 MB)


def parse_to_unicode(cmap: bytes) -> dict[int, str]:
    """A ToUnicode CMap as code → text (one-byte or multi-byte codes alike; a code's value
    is its big-endian number). Text that is not UTF-16 becomes U+FFFD."""
    out: dict[int, str] = {}
    left = [MAX_ENTRIES]
    cmap = cmap[:MAX_BYTES]
    for kind, body in _BLOCK.findall(cmap):
        if left[0] <= 0:
            break
        # brackets stay str, values become bytes: a value such as <5D> is not a bracket
        tokens = [m.group(0).decode() if m.group(1) is None
                  else bytes.fromhex(m.group(1).decode() + "0" * (len(m.group(1)) % 2))
                  for m in _HEX.finditer(body)]
        if kind == b"bfchar":
            for src, dst in zip(tokens[::2], tokens[1::2]):
                if isinstance(src, bytes) and isinstance(dst, bytes):
                    out[int.from_bytes(src, "big")] = _utf16(dst)
            left[0] -= len(tokens) // 2
        else:
            _ranges(tokens, out, left)
    return out


def _ranges(tokens: list, out: dict[int, str], left: list[int]) -> None:
    i = 0
    while i + 2 < len(tokens) and left[0] > 0:
        lo, hi = tokens[i], tokens[i + 1]
        if not isinstance(lo, bytes) or not isinstance(hi, bytes):
            i += 1
            continue
        lo, hi = int.from_bytes(lo, "big"), int.from_bytes(hi, "big")
        hi = min(hi, lo + left[0] - 1)
        left[0] -= max(hi - lo + 1, 1)
        if tokens[i + 2] == "[":  # <lo> <hi> [<dst> <dst> ...]: one value per code
            try:
                end = tokens.index("]", i + 3)
            except ValueError:
                end = len(tokens)
            for code, dst in zip(range(lo, hi + 1), tokens[i + 3:end]):
                if isinstance(dst, bytes):
                    out[code] = _utf16(dst)
            i = end + 1
        elif isinstance(tokens[i + 2], bytes) and len(tokens[i + 2]) >= 2:
            # <lo> <hi> <dst>: consecutive values from dst, the last unit incremented
            start = tokens[i + 2]
            for k, code in enumerate(range(lo, hi + 1)):
                unit = (int.from_bytes(start[-2:], "big") + k) & 0xFFFF
                out[code] = _utf16(start[:-2] + unit.to_bytes(2, "big"))
            i += 3
        else:
            i += 3


def _utf16(data: bytes) -> str:
    return data.decode("utf-16-be", errors="replace")
