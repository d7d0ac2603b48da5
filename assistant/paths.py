"""Where content, catalogs and user data live. Nothing here is fetched from the network."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def content_dir(override: str | os.PathLike | None = None) -> Path:
    return Path(override or os.environ.get("VEIVISER_CONTENT_DIR") or ROOT / "content")


def locales_dir(override: str | os.PathLike | None = None) -> Path:
    return Path(override or os.environ.get("VEIVISER_LOCALES_DIR") or ROOT / "locales")


def data_dir(override: str | os.PathLike | None = None) -> Path:
    """The user's data directory (platformdirs), or --data-dir / VEIVISER_DATA_DIR."""
    chosen = override or os.environ.get("VEIVISER_DATA_DIR")
    if chosen:
        return Path(chosen).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("veiviser", appauthor=False))
