"""Which content packs to load: one helper for every front end (terminal UI, plain, ``run``,
``grants``, ``check``, and the web server), so they all read the same option the same way.

In order, the first that gives any folder wins:

1. ``--content-pack DIR`` on the command line (repeatable);
2. ``VEIVISER_CONTENT_PACKS``: folders separated by the system's path separator (``:``);
3. ``content_packs = ["...", ...]`` in ``veiviser.toml`` in the data folder (relative folders
   are read from the data folder).
"""

from __future__ import annotations

import argparse
import os
import tomllib
from pathlib import Path

CONFIG_FILE = "veiviser.toml"
ENV = "VEIVISER_CONTENT_PACKS"


def add_argument(parser: argparse.ArgumentParser, suppress: bool = False) -> None:
    parser.add_argument("--content-pack", action="append", metavar="DIR",
                        default=argparse.SUPPRESS if suppress else None,
                        help="a municipality's content pack folder (repeatable; or "
                             f"{ENV}, or content_packs in {CONFIG_FILE} in the data folder)")


class ConfigError(ValueError):
    pass


def pack_dirs(given: list[str] | None, data_dir: Path | None) -> list[Path]:
    """The pack folders to load. Raises :class:`ConfigError` for a broken config file."""
    if given:
        return [Path(d).expanduser() for d in given]
    env = os.environ.get(ENV, "").strip()
    if env:
        return [Path(d).expanduser() for d in env.split(os.pathsep) if d.strip()]
    if data_dir is None:
        return []
    config = Path(data_dir) / CONFIG_FILE
    if not config.is_file():
        return []
    try:
        with config.open("rb") as fh:
            data = tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{config}: {exc}") from exc
    packs = data.get("content_packs", [])
    if not isinstance(packs, list) or not all(isinstance(p, str) for p in packs):
        raise ConfigError(f"{config}: content_packs must be a list of folder names")
    return [(config.parent / Path(p).expanduser()) for p in packs]
