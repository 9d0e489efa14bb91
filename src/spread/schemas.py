"""The published JSON Schemas of the two input formats, generated from the dataclasses the
loader decodes into (spread.schema.json_schema), so the schema an editor validates against
and the loader cannot disagree. docs/schema/*.schema.json are this module's output:
`spread schema content -o docs/schema/content.schema.json` (and layout) after a model change.
"""

from __future__ import annotations

import json

from spread.schema import json_schema

TITLES = {"content": "spread content file (content.yaml)",
          "layout": "spread layout template (layout/*.yaml)"}


def model(name: str):
    from spread.content import Content
    from spread.template import Layout

    return {"content": Content, "layout": Layout}[name]


def schema(name: str) -> dict:
    body = json_schema(model(name))
    return {"$schema": body.pop("$schema"), "title": TITLES[name], **body}


def schema_text(name: str) -> str:
    """The schema as written to docs/schema: stable key order, UTF-8, a final newline."""
    return json.dumps(schema(name), ensure_ascii=False, indent=2) + "\n"
