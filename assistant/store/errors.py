"""Storage faults, each with a message for the user (a gettext msgid), a hint and an exit code.

The store never translates: a front end shows ``exc.translate(t)`` (the same as
``user_message``, as for every :class:`assistant.errors.VeiviserError`).
"""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

from assistant.errors import VeiviserError
from assistant.i18n.catalog import N_

EXIT_STORAGE = 3  # a storage problem: nothing was changed, the user can fix it and try again


class StorageError(VeiviserError):
    """Base of the store's errors, in the project's one error family. ``message`` is a msgid with
    ``{path}`` and other fields."""

    code = "unusable"
    message = N_("The database {path} cannot be used: {reason}")
    exit_code = EXIT_STORAGE
    maybe_saved = False  # True: the change may have been made (the message says so)

    def __init__(self, path: Path | str, detail: str = "", **fields):
        self.path = Path(path)
        self.where = str(path)  # as given: a database URL keeps its "//" (a Path would drop one)
        self.detail = detail
        self.fields = fields
        Exception.__init__(self, f"{self.code}: {path} {detail}".strip())  # keeps the class's msgid

    def translate(self, t) -> str:
        return t.format(self.message, path=self.where, reason=self.detail, **self.fields)

    def user_message(self, translator) -> str:
        return self.translate(translator)


class StoreError(StorageError):
    """Kept for callers that catch ``StoreError``: every store error is one."""


class DatabaseLocked(StoreError):
    code = "locked"
    message = N_("The database {path} is busy: another program is using it. Nothing was changed. "
                 "Close the other Veiviser and try again.")


class DiskFull(StoreError):
    code = "full"
    message = N_("The disk is full, so {path} could not be saved. Nothing saved before was changed. "
                 "Free some space and try again.")


class ReadOnly(StoreError):
    code = "readonly"
    message = N_("{path} can only be read, not written. Nothing was changed. Choose a folder you can "
                 "write to.")


class NoPermission(StoreError):
    code = "permission"
    message = N_("You do not have permission to use {path}. Nothing was changed. Check who owns it, "
                 "or choose another folder.")


class NotAFolder(StoreError):
    code = "notdir"
    message = N_("{path} is a file, not a folder. Nothing was changed. Choose another folder.")


class NewerDatabase(StoreError):
    code = "newer"
    message = N_("The database {path} was made by a newer version of Veiviser. It was not "
                 "changed. Update Veiviser, or use --data-dir to work in another folder.")


class ForeignDatabase(StoreError):
    code = "foreign"
    message = N_("{path} is not a Veiviser database. It was not changed. Choose another folder "
                 "with --data-dir.")


class BadRow(StoreError):
    code = "badrow"
    message = N_("A saved answer in {path} cannot be read (organisation {id}, {key}). Nothing was "
                 "changed.")


class SessionGone(StoreError):
    code = "gone"
    message = N_("Organisation {id} was deleted in another window. This answer was not saved.")


class DatabaseUnavailable(StoreError):
    code = "unavailable"
    message = N_("The database server {path} cannot be reached. Nothing was changed. Try again in a "
                 "moment, or ask whoever runs the server.")


class CommitUnknown(StoreError):
    """The connection broke while the database was committing: the change may or may not have
    been made. Saving the same answer again is safe (the answer is stored once; its history
    may show it twice)."""

    code = "commit-unknown"
    maybe_saved = True
    message = N_("The connection to the database server {path} broke while your answer was being saved. "
                 "It may have been saved, or not. Save it again to be sure.")


# SQLite's primary result codes (the low byte of the extended code)
SQLITE_PERM, SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY = 3, 5, 6, 8
SQLITE_IOERR, SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN = 10, 11, 13, 14
SQLITE_CONSTRAINT, SQLITE_AUTH, SQLITE_NOTADB = 19, 23, 26
CORRUPTION = (SQLITE_CORRUPT, SQLITE_NOTADB)


def sqlite_code(exc: BaseException) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF


def from_sqlite(exc: sqlite3.Error, path: Path) -> StoreError:
    """The user's view of a SQLite error that is not corruption."""
    code = sqlite_code(exc)
    detail = str(exc)
    if code in (SQLITE_BUSY, SQLITE_LOCKED):
        return DatabaseLocked(path, detail)
    if code == SQLITE_FULL:
        return DiskFull(path, detail)
    if code == SQLITE_READONLY:
        return ReadOnly(path, detail)
    if code in (SQLITE_PERM, SQLITE_AUTH):
        return NoPermission(path, detail)
    if code in (SQLITE_CANTOPEN, SQLITE_IOERR):
        # SQLite hides the errno: look at the folder and the file ourselves
        return from_os(OSError(_probe_errno(path), detail), path)
    return StoreError(path, detail)


def from_os(exc: OSError, path: Path | None = None) -> StoreError:
    where = Path(path or exc.filename or "")
    number = exc.errno
    detail = exc.strerror or str(exc)
    if number in (errno.ENOSPC, errno.EDQUOT):
        return DiskFull(where, detail)
    if number == errno.EROFS:
        return ReadOnly(where, detail)
    if number in (errno.EACCES, errno.EPERM):
        return NoPermission(where, detail)
    if number in (errno.ENOTDIR, errno.EEXIST):
        return NotAFolder(_first_file(where), detail)
    return StoreError(where, detail)


def _first_file(path: Path) -> Path:
    """The part of ``path`` that is a file where a folder should be."""
    for part in reversed([path, *path.parents]):
        if part.exists() and not part.is_dir():
            return part
    return path


def _probe_errno(path: Path) -> int:
    import os

    folder = path.parent
    if _first_file(folder) != folder or (folder.exists() and not folder.is_dir()):
        return errno.ENOTDIR
    for target, mode in ((folder, os.W_OK | os.X_OK), (path, os.R_OK | os.W_OK)):
        if target.exists() and not os.access(target, mode):
            try:
                st = os.statvfs(target)
                if st.f_flag & os.ST_RDONLY:
                    return errno.EROFS
            except OSError:
                pass
            return errno.EACCES
    try:
        if os.statvfs(folder).f_flag & os.ST_RDONLY:
            return errno.EROFS
        if os.statvfs(folder).f_bavail == 0:
            return errno.ENOSPC
    except OSError:
        pass
    return errno.EIO
