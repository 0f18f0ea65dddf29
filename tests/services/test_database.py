"""Opening and closing the ledger for the GUI: the clean-close stamp and the file check."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import make_url

from ledger.core.dburl import shown_target
from ledger.core.errors import DatabaseCorrupt
from ledger.models.engine import Database
from ledger.models.failures import closed_cleanly
from ledger.services.database.opening import check_file, close_ledger, open_ledger


def test_closing_the_ledger_marks_the_file_closed_cleanly(
    sqlite_template: Path, tmp_path: Path
) -> None:
    path = tmp_path / "ledger.db"
    shutil.copy(sqlite_template, path)
    db = open_ledger(path)
    assert not closed_cleanly(path)  # copied in: never closed by the program
    assert close_ledger(db)
    assert closed_cleanly(path)
    db = open_ledger(path)
    assert not closed_cleanly(path)  # open now: its log is there
    assert close_ledger(db) and closed_cleanly(path)


def test_a_sound_file_passes_the_file_check(db: Database) -> None:
    with db.read() as session:
        assert check_file(session) == []


def test_the_file_check_finds_damage_an_open_after_a_clean_close_did_not_look_for(
    sqlite_template: Path, tmp_path: Path
) -> None:
    path = tmp_path / "ledger.db"
    shutil.copy(sqlite_template, path)
    db = open_ledger(path)
    with db.transaction() as session:  # enough rows for pages in the middle of the file
        session.execute(text("CREATE TABLE filler (x TEXT)"))
        for _ in range(200):
            session.execute(text("INSERT INTO filler VALUES (:x)"), {"x": "填" * 400})
    assert close_ledger(db)
    stat = path.stat()
    with path.open("r+b") as handle:  # a failing disk: same size, same modification time
        handle.seek(stat.st_size // 2 // 4096 * 4096)
        handle.write(bytes(range(256)) * 32)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    try:  # the damage is not looked for after a clean close, unless the open reads that page
        db = open_ledger(path)
    except DatabaseCorrupt as refusal:  # the ledger-file check met the damaged page itself
        found = [refusal.message]
    else:
        try:
            with db.read() as session:
                try:
                    found = [d.detail for d in check_file(session)]
                except DatabaseCorrupt as refusal:  # too damaged to list page by page
                    found = [refusal.message]
        finally:
            db.dispose()
    assert found and all("损坏" in problem for problem in found)


def test_a_database_url_is_shown_without_its_password() -> None:
    url = "postgresql+psycopg://ledger:s3cret-pw@10.0.0.5:5432/county"
    shown = shown_target(url)
    assert "s3cret-pw" not in shown and shown.startswith("postgresql+psycopg://ledger:")
    assert shown.endswith("@10.0.0.5:5432/county")
    assert shown_target("/data/ledger.db") == "/data/ledger.db"
    assert "s3cret" not in shown_target("postgresql://u:s3cret@[bad")  # even when unparsable
    assert shown_target("postgresql://u:p@ss/w@h/db?sslmode=require") == (
        "postgresql://u:***@h/db?sslmode=require"
    )
    assert shown_target("postgresql://ledger@h/db") == "postgresql://ledger@h/db"  # no password
    engine_style = make_url(url).render_as_string(hide_password=True)
    assert shown == engine_style  # as SQLAlchemy shows it
