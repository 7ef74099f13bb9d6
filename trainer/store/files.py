"""Writing files safely: to a temporary name beside the target, then renamed into place.

A full disk or a crash never leaves a half-written file over a good one, and a
failure becomes a StoreError with advice.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from trainer.store.database import FILE_MODE, fsync_folder, translate


@contextlib.contextmanager
def atomic_output(path: Path, doing: str, durable: bool = False) -> Iterator[Path]:
    """A temporary path beside ``path``; renamed over it if the block succeeds.

    ``durable``: fsync the file and its folder, so the new file survives a power cut.
    """
    path = Path(path)
    tmp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=path.suffix, dir=path.parent)
        os.close(fd)
        os.chmod(tmp, FILE_MODE)  # mkstemp makes it private; these are ordinary files
        yield Path(tmp)
        if durable:
            fd = os.open(tmp, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        os.replace(tmp, path)
        tmp = None
        if durable:
            fsync_folder(path.parent)
    except OSError as exc:
        raise translate(exc, doing) from None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def write_atomically(path: Path, data: bytes, doing: str) -> None:
    """Write ``data`` to ``path`` durably and all at once."""
    with atomic_output(path, doing, durable=True) as tmp:
        tmp.write_bytes(data)
