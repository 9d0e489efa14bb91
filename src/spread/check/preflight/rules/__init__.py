"""The preflight's rules, one module per family, in the order their findings are listed.

A rule module defines any of these hooks, each called with what it judges:

- `document(doc)`: the file (header, cross-reference, Info, output intent, catalog);
- `page(page)`: a page's dictionary (boxes, annotations, transparency group);
- `resources(page, resources, owner)`: every resource dictionary, the page's and those of
  its forms, patterns and Type 3 fonts (`owner` names which: "the page", "form Fm0");
- `resource(page, kind, name, obj)`: every font, graphics state, form, image and pattern in
  a page's resources, at any depth, used or not — a plant's preflight reads them all;
- `colour(page, op, space, label)`: a colour space chosen by the content;
- `paint(page, paint)`: every mark the content makes (`interpreter.Paint`);
- `inline_image(page, image, gs)`: an inline image's dictionary;
- `postscript(page)`: the PS operator, PostScript run by the RIP alone.
"""

from spread.check.preflight.rules import boxes, colours, fonts, images, ink, overprint, \
    sizes, structure

RULES = (structure, boxes, fonts, colours, ink, overprint, sizes, images)


def hooks(name: str) -> tuple:
    """The rules' functions for one hook, in RULES order."""
    return tuple(getattr(rule, name) for rule in RULES if hasattr(rule, name))
