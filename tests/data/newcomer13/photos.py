"""The newcomer's pictures, round 13, drawn with Pillow (nothing downloaded): the front
page's lead photo — the first cars crossing the new cable-stayed bridge over the river at
morning, its two towers and their fans of stays, the city on the far bank.
`draw(name, folder)` writes an edition's into `folder/photos/`."""

from __future__ import annotations

import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter


def _sky(d: ImageDraw.ImageDraw, w: int, h: int, top: tuple, bottom: tuple) -> None:
    for y in range(h):
        t = y / max(1, h - 1)
        d.line([(0, y), (w, y)], fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom)))


def _bridge(path: Path) -> None:
    """A cable-stayed bridge across a wide river in morning light: two A-shaped towers,
    their stays fanning down to the deck, a line of cars on it, the far bank's towers."""
    rnd = random.Random(13)
    w, h = 2400, 1600
    im = Image.new("RGB", (w, h))
    d = ImageDraw.Draw(im)
    _sky(d, w, 900, (120, 168, 214), (238, 214, 180))
    for x in range(0, w, 70):  # the far bank's buildings
        top = 700 + rnd.randint(-180, 60)
        d.rectangle([x, top, x + 60, 900], fill=(150 + rnd.randint(-20, 20), 160, 176))
    for y in range(900, h):  # the river, darker towards us
        t = (y - 900) / (h - 900)
        d.line([(0, y), (w, y)], fill=(int(90 - 40 * t), int(128 - 50 * t), int(150 - 40 * t)))
    deck = 1010
    d.rectangle([0, deck, w, deck + 34], fill=(212, 210, 204))  # the deck
    d.rectangle([0, deck + 34, w, deck + 60], fill=(120, 118, 116))
    for tx in (700, 1700):  # the towers and their stays
        d.polygon([(tx - 70, deck + 60), (tx - 12, 220), (tx + 12, 220), (tx + 70, deck + 60),
                   (tx + 40, deck + 60), (tx, 300), (tx - 40, deck + 60)], fill=(226, 224, 220))
        for k in range(1, 12):
            for side in (-1, 1):
                d.line([(tx, 260 + k * 22), (tx + side * k * 46, deck)], fill=(245, 245, 240),
                       width=3)
        for k in range(8):  # its pier's reflection
            d.line([(tx - 60, deck + 80 + k * 40), (tx + 60, deck + 80 + k * 40)],
                   fill=(200, 200, 196), width=6)
    for x in range(40, w, 110):  # the first cars
        colour = rnd.choice(((200, 30, 30), (240, 240, 236), (30, 40, 60), (60, 110, 180)))
        d.rounded_rectangle([x, deck - 26, x + 70, deck + 4], radius=8, fill=colour)
    for _ in range(400):  # glints on the water
        x, y = rnd.randint(0, w), rnd.randint(deck + 80, h)
        d.line([(x, y), (x + rnd.randint(10, 40), y)], fill=(246, 226, 190), width=2)
    im.filter(ImageFilter.GaussianBlur(1.0)).save(path, quality=92)


_PICTURES = {"touban": {"bridge.jpg": _bridge}}


def draw(name: str, folder: Path) -> None:
    photos = Path(folder) / "photos"
    photos.mkdir(exist_ok=True)
    for file, make in _PICTURES[name].items():
        make(photos / file)


if __name__ == "__main__":
    import sys

    for name in sys.argv[1:] or _PICTURES:
        draw(name, Path(__file__).parent / name)
