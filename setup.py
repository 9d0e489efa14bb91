"""The wheel carries spread's own edition beside the code: the top-level layout/ and fonts/
folders and the starter content.yaml are copied into the package as spread/_bundle/ when the
package is built, so the checkout keeps its layout and an installed spread finds them with
importlib.resources (spread.bundle). An editable install copies nothing: there spread.bundle
reads the checkout's own folders.

Everything else about the package is in pyproject.toml.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
# what an installed spread needs at run time; fonts/build.py only rebuilds the fonts
BUNDLE = ("layout", "fonts", "content.yaml")
LEFT_OUT = shutil.ignore_patterns("*.py", "__pycache__", ".*")


class BuildWithBundle(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib) / "spread" / "_bundle"
        shutil.rmtree(target, ignore_errors=True)  # a stale bundle from an earlier build
        for name in BUNDLE:
            source = HERE / name
            if source.is_dir():
                shutil.copytree(source, target / name, ignore=LEFT_OUT)
            else:
                target.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, target / name)


setup(cmdclass={"build_py": BuildWithBundle})
