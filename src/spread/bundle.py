"""What spread carries besides its code: its own layouts, the fonts they name and the starter
content — the checkout's top-level layout/, fonts/ and content.yaml.

An installed wheel holds them as package data in spread/_bundle/ (setup.py copies them there
when the wheel is built); an editable install or a plain checkout reads the top-level folders
themselves. Either way the bundle is a folder with the checkout's shape, so the layouts'
relative font paths (../fonts/…) hold in both.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from spread.errors import InputError

LAYOUT_SUFFIXES = (".yaml", ".yml")


def root() -> Path:
    """The folder holding layout/, fonts/ and content.yaml."""
    installed = resources.files("spread") / "_bundle"
    if isinstance(installed, Path) and (installed / "layout").is_dir():
        return installed
    # src/spread/bundle.py in a checkout: the checkout is two folders above the package
    checkout = Path(__file__).resolve().parents[2]
    if (checkout / "layout").is_dir() and (checkout / "pyproject.toml").is_file():
        return checkout
    raise InputError("spread's own layouts and fonts are not installed with it",
                     hint="reinstall spread from its wheel, or install the checkout with "
                          "`pip install -e .`")


def layouts() -> dict[str, Path]:
    """spread's own layouts by name: `default` is layout/default.yaml."""
    folder = root() / "layout"
    return {p.stem: p for p in sorted(folder.iterdir()) if p.suffix in LAYOUT_SUFFIXES}


def is_layout_name(text: str) -> bool:
    """A bare name (`default`, `tabloid-spread`) rather than a path: no folder, no suffix."""
    return bool(text) and "/" not in text and "\\" not in text and "." not in text


def layout(name: str) -> Path:
    """One of spread's own layouts by name, or an error listing them."""
    known = layouts()
    if name in known:
        return known[name]
    from spread.schema import did_you_mean

    close = did_you_mean(name, list(known))
    raise InputError(f"spread has no layout called '{name}'",
                     hint=(f"{close} " if close else "") + "its layouts: " + ", ".join(known))
