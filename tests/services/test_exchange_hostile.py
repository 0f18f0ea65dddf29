"""Hostile exchange packages: zip bombs cost nothing before the signature is checked, and
malformed but signed packages are refused in Chinese, never with a traceback (issue 22)."""

from __future__ import annotations

import hashlib
import io
import json
import subprocess
import sys
import textwrap
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ledger.core.errors import (
    LedgerError,
    PackageDamaged,
    PackageSignatureInvalid,
    PackageTampered,
    PackageUnsigned,
)
from ledger.services.exchange import manifest, signing
from tests.services.exchange_world import (
    Office,
    fingerprint,
    put_rows,
    resign,
    rows_of,
    set_up_town,
)
from tests.services.test_exchange import make_db, world  # noqa: F401 - fixtures

ROOT = Path(__file__).resolve().parents[2]


def sign_as(office: Office, body: dict[str, Any], files: dict[str, bytes]) -> bytes:
    """A package whose manifest is ``body`` exactly (its ``files`` listing as given, right or
    wrong), signed with ``office``'s key: what a town that means harm can make."""
    with office.tx() as s:
        identity = signing.installation(s)
        assert identity is not None
        key = signing.private_key(identity, office.keys)
    manifest_bytes = json.dumps(body, ensure_ascii=False, sort_keys=True).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(manifest.MANIFEST, manifest_bytes)
        archive.writestr(manifest.SIGNATURE, signing.sign(key, manifest_bytes).hex())
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def opened(data: bytes) -> tuple[dict[str, Any], dict[str, bytes]]:
    package = manifest.open_package(data, "x")
    return dict(package.manifest), dict(package.files)


def listing(content: bytes) -> dict[str, Any]:
    return {
        "sha256": hashlib.sha256(content).hexdigest(),
        "bytes": len(content),
        "rows": content.count(b"\n"),
    }


# --- zip bombs --------------------------------------------------------------------------


def bomb(size: int, signature: bytes = b"\x01" * 64, listed: int | None = None) -> bytes:
    """A package of one member of ``size`` zero bytes (a few hundred KB zipped)."""
    buffer = io.BytesIO()
    body = {
        "format": manifest.FORMAT,
        "format_version": 1,
        "sender": {"installation_id": "6f1c0f8e-3c1a-4a43-9a3e-2f7e0c7d1a11", "unit_code": "1"},
        "sequence": 1,
        "files": {"data/teams.jsonl": {"sha256": "0" * 64, "bytes": listed or size, "rows": 0}},
    }
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(manifest.MANIFEST, json.dumps(body))
        archive.writestr(manifest.SIGNATURE, signature.hex())
        with archive.open("data/teams.jsonl", "w", force_zip64=True) as member:
            chunk = b"\0" * 2**20
            for _ in range(size // 2**20):
                member.write(chunk)
    return buffer.getvalue()


BOMB_SCRIPT = textwrap.dedent(
    """
    import resource, sys
    from tests.services.test_exchange_hostile import bomb
    from ledger.core.errors import PackageDamaged, PackageTampered
    from ledger.services.exchange import manifest

    data = bomb(768 * 2**20)
    assert len(data) < 2 * 2**20, len(data)
    vm = int(next(l for l in open("/proc/self/status") if l.startswith("VmSize")).split()[1])
    limit = vm * 1024 + 256 * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    package = manifest.open_package(data, "bomb.zip")  # reads the manifest and signature only
    assert package.signature == b"\\x01" * 64
    manifest.MAX_MEMBER = 64 * 2**20
    try:
        package.check_files()
    except PackageDamaged as error:
        assert "超过上限" in str(error), str(error)
    else:
        raise AssertionError("a member beyond the limit was read")
    lying = manifest.open_package(bomb(768 * 2**20, listed=1000), "lying.zip")
    try:
        lying.check_files()
    except PackageTampered as error:
        assert "清单为 1000 字节" in str(error), str(error)
    else:
        raise AssertionError("a member larger than its listing was read")
    print("bounded")
    """
)


def test_a_zip_bomb_costs_nothing_before_the_signature_and_is_refused_after() -> None:
    """In a subprocess with its address space limited: a regression fails there, with a
    MemoryError, instead of taking pytest down."""
    done = subprocess.run(
        [sys.executable, "-c", BOMB_SCRIPT],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "bounded"


def test_an_unsigned_bomb_is_refused_at_the_county_without_unpacking(
    world: tuple[Office, Office, Office],  # noqa: F811
) -> None:
    county, _, _ = world
    data = bomb(256 * 2**20)
    before = fingerprint(county)
    tracemalloc.start()
    try:
        with pytest.raises((PackageSignatureInvalid, LedgerError)):
            county.receive(data, "bomb.zip")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 32 * 2**20, peak
    assert fingerprint(county) == before


# --- malformed but signed ---------------------------------------------------------------


def _bad_rows(name: str, value: bytes) -> Callable[[dict[str, Any], dict[str, bytes]], None]:
    def change(body: dict[str, Any], files: dict[str, bytes]) -> None:
        files[name] = value

    return change


def _team_value(column: str, value: Any) -> Callable[[dict[str, Any], dict[str, bytes]], None]:
    def change(body: dict[str, Any], files: dict[str, bytes]) -> None:
        teams = rows_of(files, manifest.data_file("teams"))
        teams[0][column] = value
        put_rows(files, manifest.data_file("teams"), teams)

    return change


def _line_value(column: str, value: Any) -> Callable[[dict[str, Any], dict[str, bytes]], None]:
    def change(body: dict[str, Any], files: dict[str, bytes]) -> None:
        name = manifest.data_file("document_lines")
        lines = rows_of(files, name)
        lines[0][column] = value
        put_rows(files, name, lines)

    return change


def _body(key: str, value: Any) -> Callable[[dict[str, Any], dict[str, bytes]], None]:
    def change(body: dict[str, Any], files: dict[str, bytes]) -> None:
        body[key] = value

    return change


MALFORMED: dict[str, Callable[[dict[str, Any], dict[str, bytes]], None]] = {
    "not UTF-8": _bad_rows(manifest.data_file("teams"), b"\xff\xfe{}\n"),
    "not JSON": _bad_rows(manifest.data_file("teams"), b"{not json\n"),
    "a list, not a record": _bad_rows(manifest.data_file("teams"), b"[1, 2]\n"),
    "deeply nested": _bad_rows(manifest.data_file("teams"), b"[" * 100_000 + b"\n"),
    "an unknown table": _bad_rows("data/nothing.jsonl", b"{}\n"),
    "a huge quantity": _line_value("quantity", "1e308"),
    "NaN": _line_value("quantity", "NaN"),
    "an integer beyond 64 bits": _line_value("line_no", 2**70),
    "a name too long": _team_value("name", "队" * 5000),
    "a date out of range": _team_value("founded_on", "99999-01-01"),
    "a bad deletion": _bad_rows(manifest.DELETED, b'{"table": 1}\n'),
    "a sequence beyond any": _body("sequence", 2**80),
    "a sequence as text": _body("sequence", "1"),
    "a sender as text": _body("sender", "城关镇"),
    "a schema as a number": _body("schema", 5),
    "a kind as a list": _body("kind", ["full"]),
}


@pytest.mark.parametrize("how", list(MALFORMED))
def test_a_malformed_signed_package_is_refused_in_chinese(
    world: tuple[Office, Office, Office],  # noqa: F811
    how: str,
) -> None:
    county, a, _ = world
    set_up_town(a, "A")
    package = resign(a, a.export().data, MALFORMED[how])
    before = fingerprint(county)
    with pytest.raises(LedgerError) as refused:
        county.receive(package)
    message = str(refused.value)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in message), message
    assert "Traceback" not in message
    assert len(message) < 600
    assert fingerprint(county) == before


def test_the_manifests_counts_are_checked_against_the_files(
    world: tuple[Office, Office, Office],  # noqa: F811
) -> None:
    county, a, _ = world
    set_up_town(a, "A")
    body, files = opened(a.export().data)
    name = manifest.data_file("teams")
    entry = listing(files[name])
    before = fingerprint(county)
    for wrong, words in (
        ({"rows": entry["rows"] + 1}, "清单为"),
        ({"bytes": entry["bytes"] + 5}, "清单为"),
        ({"bytes": "many"}, "缺少大小或行数"),
        ({"bytes": 2**62}, "超过上限"),
    ):
        listed = dict(body["files"], **{name: dict(entry, **wrong)})
        package = sign_as(a, dict(body, files=listed), files)
        with pytest.raises((PackageTampered, PackageDamaged), match=words):
            county.receive(package)
    counted = dict(body["counts"], teams=body["counts"]["teams"] + 1)
    with pytest.raises(PackageTampered, match="清单记录 2 条，文件中有 1 条"):
        county.receive(sign_as(a, dict(body, counts=counted), files))
    listed = dict(body["files"], **{name: "not a listing"})
    with pytest.raises(PackageDamaged, match="记录格式不对"):
        county.receive(sign_as(a, dict(body, files=listed), files))
    assert fingerprint(county) == before
    county.receive(sign_as(a, body, files))  # the same, listed rightly, is taken


def test_a_package_without_a_signature_value_is_unsigned(
    world: tuple[Office, Office, Office],  # noqa: F811
) -> None:
    county, a, _ = world
    data = a.export().data
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            content = b"" if info.filename == manifest.SIGNATURE else source.read(info)
            target.writestr(info.filename, content)
    with pytest.raises(PackageUnsigned):
        county.receive(buffer.getvalue())
