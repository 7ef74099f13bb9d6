"""Writing files safely: to temporary names beside the targets, then renamed into place.

A full disk or a crash never leaves a half-written file over a good one, a failure
becomes a StoreError that says what went wrong in plain words, and an export of
several files is all-or-nothing: every file is written first, and only then are they
all renamed into place (a failure before that removes every temporary file).

A target that is a symbolic link is written through (the file it points to is
replaced, the link stays); folders, devices, pipes and sockets are refused, and a
missing folder is never created: the user is told instead.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

from trainer.store.database import FILE_MODE, fsync_folder, translate
from trainer.store.errors import StoreError

_NO_WRITE = (errno.EACCES, errno.EPERM, errno.EROFS)


def os_error_of(exc: BaseException) -> OSError | None:
    """The OSError behind ``exc`` (libraries such as XlsxWriter wrap it in their own)."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, OSError) and current.errno is not None:
            return current
        for arg in getattr(current, "args", ()):
            if isinstance(arg, OSError) and arg.errno is not None:
                return arg
        current = current.__cause__ or current.__context__
    return None


def file_error(exc: BaseException, path: Path) -> StoreError:
    """A plain message for a failure to write ``path`` (never a library's own wording)."""
    found = os_error_of(exc) or exc
    code = getattr(found, "errno", None)
    if code == errno.ENOSPC or code == errno.EDQUOT:
        return StoreError(
            f"Could not write {path}: the disk is full.",
            "Free some space, or choose another place, then try again. No file was changed.",
        )
    if code in _NO_WRITE:
        return StoreError(
            f"Could not write {path}: the folder {path.parent} cannot be written to.",
            "Choose a folder you may write to. No file was changed.",
        )
    if code == errno.ENOENT:
        return StoreError(
            f"Could not write {path}: the folder {path.parent} does not exist.",
            "Create the folder first, or choose another place for the file.",
        )
    if code == errno.ENOTDIR:
        return StoreError(
            f"Could not write {path}: part of that path is a file, not a folder.",
            "Choose a folder that exists.",
        )
    if isinstance(found, OSError):
        return translate(found, f"write {path}")
    return StoreError(f"Could not write {path}: {found}", "No file was changed.")


def check_target(path: Path) -> Path:
    """The file to replace when writing ``path``: the path itself, or where its symbolic
    link points. Refuses folders, devices, pipes, sockets and missing folders."""
    path = Path(path)
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    try:
        info = os.stat(target)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise file_error(exc, path) from None
    if info is not None:
        if stat.S_ISDIR(info.st_mode):
            raise StoreError(f"Cannot write {path}: it is a folder.", "Name a file to write.")
        if not stat.S_ISREG(info.st_mode):
            raise StoreError(
                f"Cannot write {path}: it is not an ordinary file (a device, pipe or socket).",
                "Name an ordinary file (or use --out - for standard output).",
            )
    if not target.parent.is_dir():
        raise StoreError(
            f"Cannot write {path}: the folder {target.parent} does not exist.",
            "Create the folder first, or choose another place for the file.",
        )
    return target


class OutputBatch:
    """Temporary files for a set of targets; see :func:`atomic_outputs`."""

    def __init__(self, durable: bool) -> None:
        self.durable = durable
        self.pending: list[tuple[Path, Path, Path]] = []  # (temporary, target, as named)

    def add(self, path: Path) -> Path:
        """A new temporary file that becomes ``path`` when the batch succeeds."""
        named = Path(path)
        target = check_target(named)
        try:
            fd, tmp = tempfile.mkstemp(
                prefix=f".{target.stem}.", suffix=f"{target.suffix}.part", dir=target.parent
            )
            os.close(fd)
            self.pending.append((Path(tmp), target, named))
            os.chmod(tmp, FILE_MODE)  # mkstemp makes it private; these are ordinary files
        except OSError as exc:
            raise file_error(exc, named) from None
        return Path(tmp)

    def commit(self) -> None:
        for tmp, _target, named in self.pending:
            if self.durable:
                try:
                    fd = os.open(tmp, os.O_RDONLY)
                    try:
                        os.fsync(fd)
                    finally:
                        os.close(fd)
                except OSError as exc:
                    raise file_error(exc, named) from None
        while self.pending:
            tmp, target, named = self.pending[0]
            try:
                os.replace(tmp, target)
            except OSError as exc:
                raise file_error(exc, named) from None
            self.pending.pop(0)
            if self.durable:
                with contextlib.suppress(OSError):
                    fsync_folder(target.parent)

    def discard(self) -> None:
        for tmp, _target, _named in self.pending:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        self.pending.clear()


@contextlib.contextmanager
def atomic_outputs(durable: bool = False) -> Iterator[OutputBatch]:
    """Write several files all-or-nothing::

        with atomic_outputs() as batch:
            write(batch.add(Path("a.csv")))
            write(batch.add(Path("b.csv")))

    Every file is complete before any is renamed into place; if anything fails, every
    temporary file is removed and the old files are left as they were.
    """
    batch = OutputBatch(durable)
    try:
        yield batch
        batch.commit()
    except StoreError:
        raise
    except OSError as exc:
        failed = batch.pending[-1][2] if batch.pending else Path(exc.filename or ".")
        for tmp, _target, named in batch.pending:  # the file being written, if it says
            if exc.filename and Path(exc.filename) == tmp:
                failed = named
        raise file_error(exc, failed) from None
    finally:
        batch.discard()


@contextlib.contextmanager
def atomic_output(path: Path, doing: str = "", durable: bool = False) -> Iterator[Path]:
    """A temporary path beside ``path``; renamed over it if the block succeeds.

    ``durable``: fsync the file and its folder, so the new file survives a power cut.
    ``doing`` is kept for callers that name the action; messages name the file.
    """
    with atomic_outputs(durable) as batch:
        tmp = batch.add(Path(path))
        try:
            yield tmp
        except OSError as exc:
            raise file_error(exc, Path(path)) from None


def write_atomically(path: Path, data: bytes, doing: str = "") -> None:
    """Write ``data`` to ``path`` durably and all at once."""
    with atomic_output(path, doing, durable=True) as tmp:
        tmp.write_bytes(data)
