"""The package file (数据交换包): a zip of JSON Lines with a signed manifest of checksums.

Layout::

    manifest.json         sender, sequence number, versions, and per file its SHA-256 and rows
    manifest.sig          Ed25519 signature of manifest.json (hex)
    data/<table>.jsonl    the sender's own records, one JSON object a line
    ref/<table>.jsonl     records the sender's records refer to (catalogue, units above it),
                          added by the receiver where missing and never changed by it
    deleted.jsonl         records the sender deleted: {"table": …, "id": …}

The signature covers the manifest, and the manifest covers every file by its checksum, so
one check of each proves the whole package is the sender's, unchanged and complete.

Format 2 (this program's) streams: files are written a row at a time (:class:`Writer`) and
read a row at a time (:meth:`Package.lines`), the manifest written last; the posted records
are in the order they are applied (documents by posting time, movements by depot and
number). Format 1 packages (rows by id) are still read, whole (:attr:`Package.files`).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import uuid
import zipfile
import zlib
from collections.abc import Iterator
from typing import IO, Any

from ledger.core.errors import PackageDamaged, PackageTampered, PackageUnsigned

FORMAT = "ledger-exchange"
FORMAT_VERSION = 2
#: The first format that streams (rows in the order they are applied).
STREAMING = 2
MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
DELETED = "deleted.jsonl"
#: Refuse packages that unpack to more than this (a zip bomb, or not a package at all).
MAX_UNPACKED = 2 * 1024**3
#: Refuse a file of a package larger than this (unpacked), whatever its manifest says.
MAX_MEMBER = 1024**3
#: The manifest and the signature are read before anything is trusted: small limits.
MAX_MANIFEST = 16 * 1024**2
MAX_SIGNATURE = 1024
#: Files in a package at most (one per table and two kinds, and the deletions).
MAX_MEMBERS = 1000
#: Files are unpacked this many bytes at a time.
CHUNK = 1024**2


def data_file(table: str) -> str:
    """The file of a table's own records."""
    return f"data/{table}.jsonl"


def ref_file(table: str) -> str:
    """The file of a table's referenced records."""
    return f"ref/{table}.jsonl"


def write_package(
    manifest: dict[str, Any], files: dict[str, bytes], sign: Any
) -> tuple[bytes, bytes]:
    """Zip ``files`` with ``manifest`` (checksums added here) and its signature.

    Returns:
        The package's bytes and its manifest's bytes.

    Args:
        manifest: the manifest without its ``files`` entry.
        files: file name → content.
        sign: a function returning the signature of the manifest's bytes.
    """
    buffer = io.BytesIO()
    writer = Writer(buffer)
    for name, content in sorted(files.items()):
        writer.write(name, content)
    manifest_bytes = writer.finish(manifest, sign)
    return buffer.getvalue(), manifest_bytes


class Writer:
    """A package written file by file, each a row at a time, its manifest and signature last:
    memory holds one row and a buffer, whatever the package's size."""

    def __init__(self, target: IO[bytes]) -> None:
        self._archive = zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED)
        self._files: dict[str, dict[str, Any]] = {}
        self._open: tuple[str, IO[bytes], Any, list[int]] | None = None
        self._buffer: list[bytes] = []
        self._buffered = 0

    def write(self, name: str, line: bytes) -> None:
        """Add ``line`` (ending in a newline) to the file ``name``, opened on its first row;
        a file is finished when the next one is written to."""
        if self._open is None or self._open[0] != name:
            self._close_file()
            if name in self._files:
                raise ValueError(f"{name} written twice")
            member = self._archive.open(name, "w", force_zip64=True)
            self._open = (name, member, hashlib.sha256(), [0, 0])
        _, _, digest, counts = self._open
        digest.update(line)
        counts[0] += len(line)
        counts[1] += line.count(b"\n")
        self._buffer.append(line)
        self._buffered += len(line)
        if self._buffered >= CHUNK:
            self._drain()

    def _drain(self) -> None:
        if self._open is not None and self._buffer:
            self._open[1].write(b"".join(self._buffer))
        self._buffer, self._buffered = [], 0

    def _close_file(self) -> None:
        if self._open is None:
            return
        self._drain()
        name, member, digest, (size, rows) = self._open
        member.close()
        self._files[name] = {"sha256": digest.hexdigest(), "bytes": size, "rows": rows}
        self._open = None

    def rows(self, name: str) -> int:
        """Rows written to the file ``name`` so far."""
        if self._open is not None and self._open[0] == name:
            return self._open[3][1]
        return int(self._files.get(name, {}).get("rows", 0))

    def finish(self, manifest: dict[str, Any], sign: Any) -> bytes:
        """Write the manifest (with every file's checksum, size and rows) and its signature;
        return the manifest's bytes."""
        self._close_file()
        body = dict(manifest)
        body["files"] = dict(sorted(self._files.items()))
        manifest_bytes = json.dumps(body, ensure_ascii=False, sort_keys=True, indent=1).encode()
        self._archive.writestr(MANIFEST, manifest_bytes)
        self._archive.writestr(SIGNATURE, sign(manifest_bytes).hex())
        self._archive.close()
        return manifest_bytes


class Package:
    """A package opened but not yet trusted: its manifest and signature, read alone.

    Its other files are read only by :meth:`check_files`, once the caller has checked the
    signature: each streamed in bounded chunks, refused when its stored size, its unpacked
    size or its rows differ from what the signed manifest lists (a zip bomb costs nothing).
    """

    def __init__(
        self,
        name: str,
        manifest: dict[str, Any],
        manifest_bytes: bytes,
        signature: bytes,
        archive: zipfile.ZipFile,
        members: dict[str, zipfile.ZipInfo],
    ) -> None:
        self.name = name
        self.manifest = manifest
        self.manifest_bytes = manifest_bytes
        self.signature = signature
        self._archive = archive
        self._members = members
        self._files: dict[str, bytes] | None = None
        self._checked = False

    @property
    def digest(self) -> str:
        """SHA-256 of the manifest: two packages with one number and two digests differ."""
        return hashlib.sha256(self.manifest_bytes).hexdigest()

    @property
    def installation_id(self) -> uuid.UUID:
        """The sending installation."""
        return uuid.UUID(str(self.sender["installation_id"]))

    @property
    def sender(self) -> dict[str, Any]:
        """The manifest's sender block."""
        return dict(self.manifest["sender"])

    @property
    def seq(self) -> int:
        """The package's sequence number at its sender."""
        return int(self.manifest["sequence"])

    @property
    def files(self) -> dict[str, bytes]:
        """The package's files (other than the manifest and signature), checked against the
        manifest (:meth:`check_files`)."""
        if self._files is None:
            self.check_files()
        assert self._files is not None
        return self._files

    @property
    def version(self) -> int:
        """The package's format version (1 when the manifest does not say)."""
        version = self.manifest.get("format_version", 1)
        return version if isinstance(version, int) and not isinstance(version, bool) else 1

    @property
    def streams(self) -> bool:
        """Whether the package is read a row at a time (format 2 on)."""
        return self.version >= STREAMING

    def close(self) -> None:
        """Close the zip (and the file it was opened from)."""
        self._archive.close()

    def check_files(self, *, keep: bool = True) -> None:
        """Every listed file is present with its size, rows and checksum, and nothing else is.

        Each file is unpacked in chunks and hashed; with ``keep`` its content is kept for
        :attr:`files`, without it only the checks are made (:meth:`lines` reads it again).

        Raises:
            PackageTampered: a file is missing, extra, or differs from the manifest.
            PackageDamaged: a file cannot be unpacked, or the manifest lists a file wrongly.
        """
        if self._files is not None or (self._checked and not keep):
            return
        listed: dict[str, Any] = self.manifest.get("files") or {}
        for file_name in self._members:
            if file_name not in listed:
                raise PackageTampered(name=self.name, file=file_name, reason="清单中没有此文件")
        total = 0
        files: dict[str, bytes] = {}
        rows_of: dict[str, int] = {}
        for file_name, entry in sorted(listed.items()):
            size, rows, checksum = _entry(self.name, file_name, entry)
            info = self._members.get(file_name)
            if info is None:
                raise PackageTampered(name=self.name, file=file_name, reason="文件缺失")
            if info.file_size != size:
                reason = f"大小 {info.file_size} 字节，清单为 {size} 字节"
                raise PackageTampered(name=self.name, file=file_name, reason=reason)
            total += size
            if total > MAX_UNPACKED:
                raise PackageDamaged(name=self.name, reason="解压后过大，不是本程序的数据包")
            digest, counted, content = _scan(self._archive, info, size, self.name, keep)
            if digest != checksum:
                raise PackageTampered(name=self.name, file=file_name, reason="校验和不符")
            if counted != rows:
                reason = f"有 {counted} 行，清单为 {rows} 行"
                raise PackageTampered(name=self.name, file=file_name, reason=reason)
            rows_of[file_name] = counted
            if content is not None:
                files[file_name] = content
        self._check_counts(rows_of)
        self._checked = True
        if keep:
            self._files = files

    def listed(self) -> dict[str, int]:
        """The files the manifest lists, with their rows (checked by :meth:`check_files`)."""
        self.check_files(keep=False)
        listed: dict[str, Any] = self.manifest.get("files") or {}
        return {name: int(entry["rows"]) for name, entry in sorted(listed.items())}

    def read(self, file_name: str) -> bytes:
        """One file whole (a small one), checked against the manifest again as it is read."""
        return b"".join(self.lines(file_name, ends=True))

    def lines(self, file_name: str, *, ends: bool = False) -> Iterator[bytes]:
        """The lines of one file, unpacked a chunk at a time and hashed as they go.

        The files were checked already (:meth:`check_files`); the file is hashed again while
        it is read (the file on disk may have changed since), and a difference raises at its
        end, before the caller's transaction can commit what it read.

        Raises:
            PackageTampered: the file differs from the manifest now.
            PackageDamaged: it cannot be unpacked.
        """
        self.check_files(keep=False)
        listed: dict[str, Any] = self.manifest.get("files") or {}
        size, _, checksum = _entry(self.name, file_name, listed.get(file_name))
        info = self._members[file_name]
        digest = hashlib.sha256()
        read, tail = 0, b""
        try:
            with self._archive.open(info) as member:
                while chunk := member.read(CHUNK):
                    read += len(chunk)
                    if read > size:
                        raise PackageTampered(name=self.name, file=file_name, reason="校验和不符")
                    digest.update(chunk)
                    parts = (tail + chunk).split(b"\n")
                    tail = parts.pop()
                    for part in parts:
                        yield part + b"\n" if ends else part
        except (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError, OSError) as error:
            if _bad_crc(error):
                reason = "校验和不符（读取时）"
                raise PackageTampered(name=self.name, file=file_name, reason=reason) from error
            raise PackageDamaged(
                name=self.name, reason=f"{file_name} 无法解压（{error}）"
            ) from error
        except zlib.error as error:
            raise PackageDamaged(
                name=self.name, reason=f"{file_name} 无法解压（{error}）"
            ) from error
        if tail:
            yield tail
        if read != size or digest.hexdigest() != checksum:
            raise PackageTampered(name=self.name, file=file_name, reason="校验和不符（读取时）")

    def _check_counts(self, files: dict[str, int]) -> None:
        """The manifest's record counts (``counts``: per table, ``ref:`` table, ``deleted``)
        agree with the rows of the files."""
        counts = self.manifest.get("counts")
        if counts is None:
            return
        if not isinstance(counts, dict):
            raise PackageDamaged(name=self.name, reason="清单中的记录数格式不对")
        rows = {count_key(name): counted for name, counted in files.items()}
        for key in sorted(set(rows) | set(counts)):
            listed, found = counts.get(key, 0), rows.get(key, 0)
            if listed != found:
                file_name = next((n for n in files if count_key(n) == key), str(key))
                reason = f"清单记录 {listed} 条，文件中有 {found} 条"
                raise PackageTampered(name=self.name, file=file_name, reason=reason)


def count_key(file_name: str) -> str:
    """The key of a file's rows in the manifest's ``counts``."""
    if file_name == DELETED:
        return "deleted"
    prefix, _, rest = file_name.partition("/")
    table = rest.removesuffix(".jsonl")
    return table if prefix == "data" else f"{prefix}:{table}"


def _entry(name: str, file_name: str, entry: Any) -> tuple[int, int, str]:
    """A manifest's listing of one file: its bytes, rows and SHA-256."""
    if not isinstance(entry, dict):
        raise PackageDamaged(name=name, reason=f"清单中 {file_name} 的记录格式不对")
    size, rows, checksum = entry.get("bytes"), entry.get("rows"), entry.get("sha256")
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in (size, rows)):
        raise PackageDamaged(name=name, reason=f"清单中 {file_name} 缺少大小或行数")
    assert isinstance(size, int) and isinstance(rows, int)
    if not 0 <= size <= MAX_MEMBER or not 0 <= rows <= size:
        reason = f"清单中 {file_name} 的大小（{size} 字节）超过上限 {MAX_MEMBER} 字节或不合理"
        raise PackageDamaged(name=name, reason=reason)
    if not isinstance(checksum, str):
        raise PackageDamaged(name=name, reason=f"清单中 {file_name} 缺少校验和")
    return size, rows, checksum


def _scan(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int, name: str, keep: bool
) -> tuple[str, int, bytes | None]:
    """A member's SHA-256 and lines, unpacked in chunks (its content too with ``keep``),
    refused as soon as it grows beyond ``limit`` bytes."""
    if info.file_size > limit:
        reason = f"{info.filename} 解压后 {info.file_size} 字节，超过上限 {limit} 字节"
        raise PackageDamaged(name=name, reason=reason)
    digest = hashlib.sha256()
    parts: list[bytes] = []
    read = lines = 0
    try:
        with archive.open(info) as member:
            while chunk := member.read(CHUNK):
                read += len(chunk)
                if read > limit:
                    reason = f"{info.filename} 解压后超过上限 {limit} 字节"
                    raise PackageDamaged(name=name, reason=reason)
                digest.update(chunk)
                lines += chunk.count(b"\n")
                if keep:
                    parts.append(chunk)
    except (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError, OSError) as error:
        if isinstance(error, PackageDamaged):
            raise
        if _bad_crc(error):
            raise PackageTampered(name=name, file=info.filename, reason="校验和不符") from error
        raise PackageDamaged(name=name, reason=f"{info.filename} 无法解压（{error}）") from error
    except zlib.error as error:
        raise PackageDamaged(name=name, reason=f"{info.filename} 无法解压（{error}）") from error
    return digest.hexdigest(), lines, b"".join(parts) if keep else None


def _bad_crc(error: BaseException) -> bool:
    """Whether zipfile found a member's content differing from its CRC (changed, not cut)."""
    return isinstance(error, zipfile.BadZipFile) and "CRC" in str(error)


def _read(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int, name: str) -> bytes:
    """A member unpacked in chunks, refused as soon as it grows beyond ``limit`` bytes."""
    content = _scan(archive, info, limit, name, keep=True)[2]
    assert content is not None
    return content


Source = bytes | str | os.PathLike[str] | IO[bytes]


def open_package(data: Source, name: str) -> Package:
    """Open a package (its bytes, a file name or an open file) and read its manifest and
    signature only (nothing is trusted yet).

    Raises:
        PackageDamaged: not a zip, truncated, or its manifest is unreadable or too large.
        PackageUnsigned: the signature is missing.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data) if isinstance(data, bytes) else data)
        infos = archive.infolist()
    except (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError, OSError) as error:
        raise PackageDamaged(name=name, reason=f"不是完整的 zip 文件（{error}）") from error
    if len(infos) > MAX_MEMBERS:
        raise PackageDamaged(name=name, reason=f"含有 {len(infos)} 个文件，不是本程序的数据包")
    members: dict[str, zipfile.ZipInfo] = {}
    for info in infos:
        if info.is_dir():
            continue
        if info.filename in members:
            raise PackageDamaged(name=name, reason=f"文件 {info.filename} 出现了两次")
        members[info.filename] = info
    manifest_info = members.pop(MANIFEST, None)
    if manifest_info is None:
        raise PackageDamaged(name=name, reason="缺少清单 manifest.json")
    manifest_bytes = _read(archive, manifest_info, MAX_MANIFEST, name)
    manifest = _manifest(manifest_bytes, name)
    signature_info = members.pop(SIGNATURE, None)
    if signature_info is None:
        raise PackageUnsigned(name=name)
    signature_hex = _read(archive, signature_info, MAX_SIGNATURE, name)
    try:
        signature = bytes.fromhex(signature_hex.decode("ascii").strip())
    except (UnicodeDecodeError, ValueError):
        raise PackageUnsigned(name=name) from None
    if not signature:
        raise PackageUnsigned(name=name)
    return Package(name, manifest, manifest_bytes, signature, archive, members)


def _manifest(manifest_bytes: bytes, name: str) -> dict[str, Any]:
    try:
        manifest = json.loads(manifest_bytes.decode("utf-8"))
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
            raise ValueError("不是数据交换包的清单")
        sender = manifest["sender"]
        if not isinstance(sender, dict):
            raise ValueError("发送方格式不对")
        uuid.UUID(str(sender["installation_id"]))
        sequence = manifest["sequence"]
        if not isinstance(sequence, int) or isinstance(sequence, bool):
            raise ValueError("序号不是整数")
        if not 0 < sequence < 2**31:
            raise ValueError(f"序号 {sequence} 超出范围")
        if not isinstance(manifest.get("files"), dict):
            raise ValueError("清单缺少文件列表")
        since = manifest.get("since_sequence")
        if since is not None and (not isinstance(since, int) or not 0 <= since < 2**31):
            raise ValueError("起始序号不对")
        schema = manifest.get("schema", [])
        if not isinstance(schema, list) or not all(isinstance(r, str) for r in schema):
            raise ValueError("数据结构版本格式不对")
        for key in ("unit_code", "unit_name"):
            if not isinstance(sender.get(key, ""), str):
                raise ValueError(f"发送方的 {key} 不是文字")
        for key in ("kind", "created_at"):
            if not isinstance(manifest.get(key, ""), str):
                raise ValueError(f"{key} 不是文字")
    except (
        UnicodeDecodeError,
        json.JSONDecodeError,
        KeyError,
        TypeError,
        ValueError,
        RecursionError,
    ) as error:
        raise PackageDamaged(name=name, reason=f"清单无法读取（{error}）") from error
    return manifest
