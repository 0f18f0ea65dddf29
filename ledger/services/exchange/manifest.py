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
"""

from __future__ import annotations

import hashlib
import io
import json
import uuid
import zipfile
from dataclasses import dataclass
from typing import Any

from ledger.core.errors import PackageDamaged, PackageTampered, PackageUnsigned

FORMAT = "ledger-exchange"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
DELETED = "deleted.jsonl"
#: Refuse packages that unpack to more than this (a zip bomb, or not a package at all).
MAX_UNPACKED = 2 * 1024**3


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
    body = dict(manifest)
    body["files"] = {
        name: {
            "sha256": hashlib.sha256(content).hexdigest(),
            "bytes": len(content),
            "rows": content.count(b"\n"),
        }
        for name, content in sorted(files.items())
    }
    manifest_bytes = json.dumps(body, ensure_ascii=False, sort_keys=True, indent=1).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MANIFEST, manifest_bytes)
        archive.writestr(SIGNATURE, sign(manifest_bytes).hex())
        for name, content in sorted(files.items()):
            archive.writestr(name, content)
    return buffer.getvalue(), manifest_bytes


@dataclass(frozen=True)
class Package:
    """A package opened but not yet trusted: its manifest, signature and files."""

    name: str
    manifest: dict[str, Any]
    manifest_bytes: bytes
    signature: bytes
    files: dict[str, bytes]

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

    def check_files(self) -> None:
        """Every listed file is present with its checksum, and nothing else is.

        Raises:
            PackageTampered: a file is missing, extra, or differs from the manifest.
        """
        listed: dict[str, Any] = self.manifest.get("files") or {}
        for file_name, entry in listed.items():
            content = self.files.get(file_name)
            if content is None:
                raise PackageTampered(name=self.name, file=file_name, reason="文件缺失")
            if hashlib.sha256(content).hexdigest() != entry.get("sha256"):
                raise PackageTampered(name=self.name, file=file_name, reason="校验和不符")
        for file_name in self.files:
            if file_name not in listed:
                raise PackageTampered(name=self.name, file=file_name, reason="清单中没有此文件")


def open_package(data: bytes, name: str) -> Package:
    """Unzip a package and read its manifest (nothing is trusted yet).

    Raises:
        PackageDamaged: not a zip, truncated, or its manifest is unreadable.
        PackageUnsigned: the signature is missing.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            if sum(i.file_size for i in infos) > MAX_UNPACKED:
                raise PackageDamaged(name=name, reason="解压后过大，不是本程序的数据包")
            files = {i.filename: archive.read(i) for i in infos if not i.is_dir()}
    except (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError) as error:
        raise PackageDamaged(name=name, reason=f"不是完整的 zip 文件（{error}）") from error
    manifest_bytes = files.pop(MANIFEST, None)
    if manifest_bytes is None:
        raise PackageDamaged(name=name, reason="缺少清单 manifest.json")
    manifest = _manifest(manifest_bytes, name)
    signature_hex = files.pop(SIGNATURE, None)
    if not signature_hex:
        raise PackageUnsigned(name=name)
    try:
        signature = bytes.fromhex(signature_hex.decode("ascii").strip())
    except (UnicodeDecodeError, ValueError):
        raise PackageUnsigned(name=name) from None
    return Package(name, manifest, manifest_bytes, signature, files)


def _manifest(manifest_bytes: bytes, name: str) -> dict[str, Any]:
    try:
        manifest = json.loads(manifest_bytes.decode("utf-8"))
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
            raise ValueError("不是数据交换包的清单")
        uuid.UUID(str(manifest["sender"]["installation_id"]))
        int(manifest["sequence"])
        if not isinstance(manifest.get("files"), dict):
            raise ValueError("清单缺少文件列表")
    except (UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError, ValueError) as error:
        raise PackageDamaged(name=name, reason=f"清单无法读取（{error}）") from error
    return manifest
