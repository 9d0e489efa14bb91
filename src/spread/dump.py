"""Canonical dumps of the intermediate models, one line (or one JSON record) per thing, stable
between runs: golden tests stay readable and a layout bug shows up in a diff. The text and the
JSON are made from the same records, so they cannot disagree."""

from __future__ import annotations

import dataclasses

from spread.compose import Rules, Run, Style, compose
from spread.page import Image, Page, Rect, Rule, Shape, TextRun
from spread.schema import yaml_fields

MEASURES = (9, 12, 16, 24)  # 字: a narrow column to a wide one


def content_records(content) -> list[dict]:
    """Every text of the content with its document path, in reading order."""
    records: list[dict] = []

    def walk(obj, path: str) -> None:
        if isinstance(obj, str):
            if obj:
                records.append({"path": path, "value": obj})
        elif isinstance(obj, list):
            for i, item in enumerate(obj):
                walk(item, f"{path}[{i}]")
        elif dataclasses.is_dataclass(obj):
            for f in yaml_fields(obj):
                walk(getattr(obj, f.name), f"{path}.{f.name}" if path else f.name)
        elif obj is not None and not isinstance(obj, bool):
            records.append({"path": path, "value": obj})

    walk(content, "")
    return records


def content_dump(content) -> str:
    return "".join(f"{r['path']}: {r['value']}\n" for r in content_records(content))


def page_record(page: Page) -> dict:
    """The page model: its boxes, then every item in drawing order, positions in pt."""
    return {"page": page.name, "media": _box(page.media), "bleed": _box(page.bleed),
            "trim": _box(page.trim), "folds": [round(x, 2) for x in page.folds],
            "items": [_item(item) for item in page.items]}


def page_dump(page: Page, notes: list[str] | tuple[str, ...] = ()) -> str:
    """The page model line by line, then layout's make-up report (holes, short columns,
    lines off the grid) from its notes."""
    record = page_record(page)
    out = [f"page {record['page']}"]
    out += [f"{name} {_numbers(record[name])}" for name in ("media", "bleed", "trim")]
    if record["folds"]:
        out.append(f"folds {_numbers(record['folds'])}")
    out += [_item_line(item) for item in record["items"]]
    out += [note for note in notes if note.startswith("make-up: ")]
    return "\n".join(out) + "\n"


def _box(box) -> list[float]:
    return [round(v, 2) for v in (box.x, box.y, box.width, box.height)]


def _numbers(values) -> str:
    return " ".join(f"{v:.2f}" for v in values)


def _item(item) -> dict:
    if isinstance(item, TextRun):
        s = item.style
        return {"kind": "text", "x": round(item.xs[0], 2), "y": round(item.y, 2),
                "font": f"{s.font}/{item.face}", "size": s.size, "colour": item.colour.name,
                "scale": s.scale, "text": item.chars}
    if isinstance(item, Rect):
        return {"kind": "rect", "box": _box(item.box),
                "fill": item.fill.name if item.fill else None,
                "stroke": item.stroke.name if item.stroke else None}
    if isinstance(item, Rule):
        return {"kind": "rule", "from": [round(item.x1, 2), round(item.y1, 2)],
                "to": [round(item.x2, 2), round(item.y2, 2)], "width": item.width,
                "colour": item.colour.name}
    if isinstance(item, Shape):
        paint = item.fill or item.stroke
        return {"kind": "shape", "ops": len(item.path), "colour": paint.name if paint else None}
    if isinstance(item, Image):
        return {"kind": "image", "box": _box(item.box), "path": str(item.path)}
    return {"kind": type(item).__name__}


def _item_line(r: dict) -> str:
    kind = r["kind"]
    if kind == "text":
        scale = f" scale={r['scale']:g}" if r["scale"] != 1 else ""
        return (f"text {r['x']:.2f} {r['y']:.2f} {r['font']} {r['size']:g}pt "
                f"{r['colour']}{scale} {r['text']}")
    if kind == "rect":
        paint = " ".join(f"{k}={r[k]}" for k in ("fill", "stroke") if r[k])
        return f"rect {_numbers(r['box'])} {paint}"
    if kind == "rule":
        return f"rule {_numbers(r['from'] + r['to'])} {r['width']:g}pt {r['colour']}"
    if kind == "shape":
        return f"shape {r['ops']} ops {r['colour'] or '-'}"
    if kind == "image":
        return f"image {_numbers(r['box'])} {r['path']}"
    return f"item {kind}"


def content_paragraphs(content) -> list[str]:
    """The running texts of the content in reading order, emphasis and plain marks removed."""
    out = [content.lead] if isinstance(content.lead, str) else list(content.lead)
    for s in content.sections:
        out += [s.intro, *s.body, *(s.report.items if s.report else [])]
    out += [i.text for i in content.honour_roll.items] if content.honour_roll else []
    return [t.replace("**", "").replace("`", "") for t in out if t]


def compose_records(texts: list[str], style: Style, indent: float, fonts,
                    measures=MEASURES) -> list[dict]:
    """Each text set justified at each measure (in characters of `style`): one record per
    composed line, the indent and the mean gap between glyph boxes in em."""
    out = []
    for chars in measures:
        rules = Rules(measure=chars * style.size, first_indent=indent)
        for k, text in enumerate(texts):
            for j, line in enumerate(compose([Run(text, style)], rules, fonts)):
                out.append({"measure": chars, "paragraph": k, "line": j, "text": line.text,
                            "justified": line.justified, "split_keep": line.split_keep,
                            "hyphenated": line.hyphenated, "broken_rule": line.broken_rule,
                            "scale": round(1 + line.scaled, 3),
                            "indent_em": round(line.start / style.size, 3),
                            "gap_em": round(_spacing(line, style.size), 3)})
    return out


def compose_dump(texts: list[str], style: Style, indent: float, fonts,
                 measures=MEASURES) -> str:
    """The composed lines as text: a heading per measure, then per line `paragraph.line`,
    flags (J justified, K a number cut from its unit, H hyphenated, ! a line made by
    breaking a rule), the indent and the mean gap in em, the glyphs' scale where the line
    is set narrower or wider (×0.962), and the text."""
    out = []
    for chars in measures:
        out.append(f"# {chars}字 ({chars * style.size:g} pt), {style.font} {style.size:g}pt")
        for r in compose_records(texts, style, indent, fonts, (chars,)):
            flags = "".join(f if on else "." for f, on in (
                ("J", r["justified"]), ("K", r["split_keep"]), ("H", r["hyphenated"]),
                ("!", bool(r["broken_rule"]))))
            scale = f" ×{r['scale']:.3f}" if r["scale"] != 1 else ""
            out.append(f"{r['paragraph']}.{r['line']} {flags} {r['indent_em']:3.1f} "
                       f"{r['gap_em']:+.3f}{scale} |{r['text']}")
    return "\n".join(out) + "\n"


def _spacing(line, size: float) -> float:
    """The mean gap between glyph boxes in em (CJK–Latin spaces included)."""
    g = [x for x in line.glyphs if x.char != " "]
    gaps = [b.box - (a.box + a.width) for a, b in zip(g, g[1:])]
    return sum(gaps) / len(gaps) / size if gaps else 0.0
