"""Canonical text dumps of the intermediate models, one line per thing, stable between runs:
golden tests stay readable and a layout bug shows up in a diff."""

from __future__ import annotations

import dataclasses

from spread.page import Image, Page, Rect, Rule, Shape, TextRun


def content_dump(content) -> str:
    """Every text of the content with its document path, in reading order."""
    lines: list[str] = []

    def walk(obj, path: str) -> None:
        if isinstance(obj, str):
            if obj:
                lines.append(f"{path}: {obj}")
        elif isinstance(obj, list):
            for i, item in enumerate(obj):
                walk(item, f"{path}[{i}]")
        elif dataclasses.is_dataclass(obj):
            for f in dataclasses.fields(obj):
                if f.name not in ("where", "locations"):
                    walk(getattr(obj, f.name), f"{path}.{f.name}" if path else f.name)
        elif obj is not None and not isinstance(obj, bool):
            lines.append(f"{path}: {obj}")

    walk(content, "")
    return "\n".join(lines) + "\n"


def page_dump(page: Page) -> str:
    """The page model: its boxes, then every item in drawing order, positions in pt."""
    out = [f"page {page.name}", f"media {_box(page.media)}", f"bleed {_box(page.bleed)}",
           f"trim {_box(page.trim)}"]
    if page.folds:
        out.append("folds " + " ".join(f"{x:.2f}" for x in page.folds))
    out += [_item(item) for item in page.items]
    return "\n".join(out) + "\n"


def _box(box) -> str:
    return f"{box.x:.2f} {box.y:.2f} {box.width:.2f} {box.height:.2f}"


def _item(item) -> str:
    if isinstance(item, TextRun):
        s = item.style
        return (f"text {item.xs[0]:.2f} {item.y:.2f} {s.font}/{item.face} {s.size:g}pt "
                f"{item.colour.name}{' scale=%g' % s.scale if s.scale != 1 else ''} "
                f"{item.chars}")
    if isinstance(item, Rect):
        paint = " ".join(p for p in (item.fill and f"fill={item.fill.name}",
                                     item.stroke and f"stroke={item.stroke.name}") if p)
        return f"rect {_box(item.box)} {paint}"
    if isinstance(item, Rule):
        return (f"rule {item.x1:.2f} {item.y1:.2f} {item.x2:.2f} {item.y2:.2f} "
                f"{item.width:g}pt {item.colour.name}")
    if isinstance(item, Shape):
        colour = (item.fill or item.stroke).name if (item.fill or item.stroke) else "-"
        return f"shape {len(item.path)} ops {colour}"
    if isinstance(item, Image):
        return f"image {_box(item.box)} {item.path}"
    return f"item {type(item).__name__}"
