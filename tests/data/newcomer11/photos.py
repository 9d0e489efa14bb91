"""The newcomer's pictures, round 11: drawn by the earlier rounds' photos.py (loaded from
beside this file, nothing copied) and saved under this round's names. `draw(name, folder)`
writes an edition's into `folder/photos/`."""

from __future__ import annotations

import importlib.util
from pathlib import Path

HERE = Path(__file__).parent


def _round(number: int):
    """tests/data/newcomerN/photos.py, loaded as a module."""
    spec = importlib.util.spec_from_file_location(
        f"newcomer{number}_photos", HERE.parent / f"newcomer{number}" / "photos.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _pictures() -> dict:
    eight, nine, ten = _round(8), _round(9), _round(10)
    return {
        # the interview: her head and shoulders, and the hillside her round crosses
        "renwu": {"portrait.jpg": lambda p: nine._portrait(p, 2),
                  "round.jpg": ten._tea_garden},
        # the service page: the weather office's map of the cold front
        "fuwu": {"cloud.png": ten._map},
        # the year's events: a hall of the new station (the packing hall stands in), the old
        # street's quay, the new school
        "dashiji": {"station.jpg": ten._packing, "street.jpg": nine._port,
                    "school.jpg": eight.campus},
    }


def draw(name: str, folder: Path) -> None:
    photos = Path(folder) / "photos"
    photos.mkdir(exist_ok=True)
    for file, make in _pictures()[name].items():
        make(photos / file)


if __name__ == "__main__":
    import sys

    for name in sys.argv[1:] or _pictures():
        draw(name, HERE / name)
