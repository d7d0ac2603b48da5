"""Where content, catalogs and user data live. Nothing here is fetched from the network."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGED = Path(__file__).resolve().parent / "_data"  # content/ and locales/ inside an installed wheel


def shipped(name: str) -> Path:
    """A folder that ships with Veiviser: the source tree's top-level one (where authors edit it),
    or in an installed package (``pip install .``, pipx) the copy the wheel carries."""
    source = ROOT / name
    if source.is_dir() and (ROOT / "pyproject.toml").is_file():
        return source
    packaged = PACKAGED / name
    return packaged if packaged.is_dir() else source


def content_dir(override: str | os.PathLike | None = None) -> Path:
    return Path(override or os.environ.get("VEIVISER_CONTENT_DIR") or shipped("content"))


def locales_dir(override: str | os.PathLike | None = None) -> Path:
    return Path(override or os.environ.get("VEIVISER_LOCALES_DIR") or shipped("locales"))


def data_dir(override: str | os.PathLike | None = None) -> Path:
    """The user's data directory (platformdirs), or --data-dir / VEIVISER_DATA_DIR."""
    chosen = override or os.environ.get("VEIVISER_DATA_DIR")
    if chosen:
        return Path(chosen).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("veiviser", appauthor=False))
