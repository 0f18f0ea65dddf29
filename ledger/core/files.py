"""Writing an output file whole or not at all: a temporary file in the same folder, then rename.

A full disk or a failed write leaves no partial file under the name the user asked for (and an
older file of that name as it was); the refusal says so in Chinese.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from ledger.core.errors import OutputNotWritten

T = TypeVar("T")


def write_whole(path: Path, write: Callable[[Path], T]) -> T:
    """Run ``write(temporary path)`` and rename the result to ``path``; return what it returned.

    Raises:
        OutputNotWritten: the file could not be written (a full disk, no permission); nothing
            was left at ``path``.
    """
    path = Path(path)
    try:
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    except OSError as error:
        raise OutputNotWritten(path=str(path), reason=_reason(error)) from error
    os.close(handle)
    temp = Path(name)
    try:
        result = write(temp)
        with temp.open("rb+") as done:
            os.fsync(done.fileno())
        os.replace(temp, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise OutputNotWritten(path=str(path), reason=_reason(error)) from error
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    return result


def _reason(error: OSError) -> str:
    import errno

    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return "磁盘空间已满"
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "没有写入权限（文件夹或磁盘只读）"
    return error.strerror or str(error)
