"""Private, atomic files: documents and exports.

- Folders Veiviser creates are 0700 and files 0600 (``private=False`` follows the umask).
- A file is written to a temporary name beside it, flushed to disk (fsync), then renamed over
  the final name, and the folder is fsynced: a reader sees the old file or the new one, never
  half of one. A temporary file left by a killed process is removed on the next start.
- Each organisation's documents are in a folder named after it (safe characters only) and its
  number, so ``sessions delete`` can find and remove them.
"""

from __future__ import annotations

import os
import re
import shutil
import unicodedata
from collections.abc import Callable
from pathlib import Path

TEMP_RE = re.compile(r"^\.(?P<name>.+)\.veiviser-(?P<pid>\d+)\.tmp$")
OLD_TEMP_RE = re.compile(r"^.+\.(md|txt|html|docx|json)\.tmp$")  # left by older versions
FILE_MODE, DIR_MODE = 0o600, 0o700


def make_folder(folder: Path, private: bool = True) -> None:
    """Create ``folder`` and missing parents; those created are 0700 (existing ones are left)."""
    missing = []
    for part in [folder, *folder.parents]:
        if part.is_dir():
            break
        missing.append(part)
    for part in reversed(missing):
        try:
            os.mkdir(part, DIR_MODE if private else 0o777)
        except FileExistsError:
            if not part.is_dir():
                raise NotADirectoryError(20, "Not a directory", str(part)) from None
            continue
        if private:
            os.chmod(part, DIR_MODE)  # mkdir's mode is masked by the umask


def write_atomic(path: Path, fill: Callable[[Path], object], private: bool = True) -> None:
    """Let ``fill(tmp)`` write the content to a temporary file, then put it in place durably."""
    tmp = path.with_name(f".{path.name}.veiviser-{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE if private else 0o666)
    os.close(fd)
    try:
        if private:
            os.chmod(tmp, FILE_MODE)
        fill(tmp)
        fd = os.open(tmp, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    fsync_folder(path.parent)


def write_bytes_atomic(path: Path, data: bytes, private: bool = True) -> None:
    write_atomic(path, lambda tmp: tmp.write_bytes(data), private)


def fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_temp(folder: Path, recursive: bool = False) -> list[Path]:
    """Remove temporary files that no running process is writing. Returns what was removed."""
    removed: list[Path] = []
    try:
        if not folder.is_dir():
            return removed
        entries = list(folder.rglob("*") if recursive else folder.iterdir())
    except OSError:  # a folder we may not read: nothing of ours to clean there
        return removed
    for entry in entries:
        m = TEMP_RE.match(entry.name)
        stale = (m is not None and not _alive(int(m["pid"]))) or OLD_TEMP_RE.match(entry.name)
        try:
            if stale and entry.is_file() and not entry.is_symlink():
                entry.unlink()
                removed.append(entry)
        except OSError:
            pass
    return removed


def safe_name(text: str, limit: int = 60) -> str:
    """A folder name any file system accepts: letters and digits in any script, and dashes."""
    text = unicodedata.normalize("NFC", text)
    out = []
    for ch in text:
        cat = unicodedata.category(ch)
        out.append(ch if cat[0] in "LN" or cat == "Mn" else "-")
    name = re.sub(r"-{2,}", "-", "".join(out)).strip("-")
    while len(name.encode("utf-8")) > limit * 2:  # file systems count bytes, at most 255
        name = name[:-1]
    return name[:limit].strip("-") or "organisation"


def documents_folder(root: Path, name: str, session_id: int) -> Path:
    return root / f"{safe_name(name)}-{session_id}"


def session_folders(root: Path, session_id: int) -> list[Path]:
    """Every document folder of one organisation (also under an earlier name)."""
    if not root.is_dir():
        return []
    suffix = f"-{session_id}"
    return sorted(p for p in root.iterdir() if p.is_dir() and not p.is_symlink() and p.name.endswith(suffix)
                  and not p.name[: -len(suffix)].endswith("-"))


def remove_folders(folders: list[Path]) -> list[Path]:
    for folder in folders:
        shutil.rmtree(folder)
    return folders
