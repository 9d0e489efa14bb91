"""The registry of region kinds: the name a layout's region gives as its `kind` → the
function that builds it (ctx, region, x, top, width, height) → Built."""

from __future__ import annotations

from spread.layout import articles, charts, display, pictures, structure

KINDS = {"stack": structure.stack, "decoration": structure.decoration,
         "banner": display.banner, "figures": display.figures, "text": articles.text,
         "section": articles.section, "honour_roll": articles.honour_roll,
         "folio": structure.folio, "credits": structure.credits, "chart": charts.chart,
         "picture": pictures.picture}
