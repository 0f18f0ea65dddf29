"""Start-up on a bad or busy database: the reason is shown, another file can be chosen, the
failed file is left untouched, and a second window on the same file is told so."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

from sqlalchemy import select

from ledger.core.enums import Level
from ledger.core.errors import LedgerError
from ledger.models import OrgUnit
from ledger.models.failures import closed_cleanly
from ledger.services.backup.rotation import backups
from ledger.services.backup.sqlite import backup_database
from ledger.services.database.instance_lock import InstanceLock
from ledger.services.database.opening import create_ledger
from ledger.ui.dialogs.open_problem import OpenProblemDialog
from ledger.ui.settings import BACKUP_FOLDER, BACKUP_KEEP
from ledger.ui.startup import (
    backup_on_exit,
    may_restore_over,
    open_interactively,
    restore_over,
)


class Chooser:
    """Answers the start-up question like a user would, remembering what it was told."""

    def __init__(self, *answers: str | None) -> None:
        self.answers = list(answers)
        self.reasons: list[str] = []
        self.restorable: list[bool] = []

    def __call__(self, error: LedgerError, target: str) -> str | None:
        self.reasons.append(error.message)
        self.restorable.append(may_restore_over(error))
        return self.answers.pop(0)


def test_a_damaged_file_offers_another_and_stays_untouched(
    sqlite_template: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "坏.db"
    shutil.copy(sqlite_template, bad)
    with bad.open("r+b") as handle:
        handle.seek(100)
        handle.write(b"\xff" * 4000)
    digest = hashlib.sha256(bad.read_bytes()).hexdigest()
    good = tmp_path / "好.db"
    create_ledger(good)  # as the dialog's 新建数据库 does
    chooser = Chooser(str(good))
    opened = open_interactively(str(bad), chooser)
    assert opened is not None
    db, lock = opened
    try:
        assert db.path == str(good) and lock is not None and lock.held
        assert len(chooser.reasons) == 1 and "数据库" in chooser.reasons[0]
        assert hashlib.sha256(bad.read_bytes()).hexdigest() == digest
        with InstanceLock(bad) as probe:  # the failed file's lock was given back
            assert probe.held
    finally:
        db.dispose()
        lock.release()


def test_a_second_window_is_told_and_may_quit(tmp_path: Path) -> None:
    path = tmp_path / "ledger.db"
    create_ledger(path)
    first = open_interactively(str(path), Chooser())
    assert first is not None
    chooser = Chooser(None)
    try:
        assert open_interactively(str(path), chooser) is None
        assert "已在另一个程序窗口中打开" in chooser.reasons[0]
        assert chooser.restorable == [False]  # never restore over a file in use
    finally:
        first[0].dispose()
        assert first[1] is not None
        first[1].release()
    second = open_interactively(str(path), Chooser())
    assert second is not None
    second[0].dispose()
    assert second[1] is not None
    second[1].release()


def test_the_dialog_offers_restore_only_with_a_restorer(qtbot, tmp_path: Path) -> None:
    plain = OpenProblemDialog("数据库已损坏", str(tmp_path / "a.db"))
    qtbot.addWidget(plain)
    assert plain.restore_button.isHidden()
    assert "原文件没有被改动" in plain.findChildren(type(plain.reason))[1].text()
    plain.choose(str(tmp_path / "b.db"))
    assert plain.choice == str(tmp_path / "b.db")
    restoring = OpenProblemDialog("数据库已损坏", str(tmp_path / "a.db"), lambda b, t: t)
    qtbot.addWidget(restoring)
    assert not restoring.restore_button.isHidden()


def test_a_damaged_file_can_be_replaced_by_a_backup(sqlite_template: Path, tmp_path: Path) -> None:
    path = tmp_path / "ledger.db"
    shutil.copy(sqlite_template, path)
    first = open_interactively(str(path), Chooser())
    assert first is not None
    with first[0].transaction() as s:
        s.add(OrgUnit(code="410122100", name="城关镇", level=Level.TOWN))
    backup_database(path, tmp_path / "昨天.db")
    first[0].dispose()
    assert first[1] is not None
    first[1].release()
    with path.open("r+b") as handle:
        handle.seek(100)
        handle.write(b"\xff" * 4000)

    def restore(error: LedgerError, target: str) -> str | None:
        assert may_restore_over(error)
        return str(restore_over(tmp_path / "昨天.db", Path(target)))

    opened = open_interactively(str(path), restore)
    assert opened is not None
    db, lock = opened
    with db.read() as s:
        assert [u.name for u in s.scalars(select(OrgUnit))] == ["城关镇"]
    db.dispose()
    assert lock is not None
    lock.release()
    kept = [p.name for p in tmp_path.iterdir() if "-replaced-" in p.name]
    assert len(kept) == 1  # the damaged file is kept, not deleted


def test_closing_backs_up_into_the_chosen_folder(sqlite_db, settings, tmp_path: Path, qapp) -> None:
    folder = tmp_path / "自动备份"
    settings.set(BACKUP_FOLDER, str(folder))
    settings.set(BACKUP_KEEP, 2)
    for n in range(3):
        with sqlite_db.transaction() as s:
            s.add(OrgUnit(code=f"C{n}", name=f"第{n}镇", level=Level.TOWN))
        backup_on_exit(sqlite_db, settings)
    assert len(backups(folder, Path(sqlite_db.path))) == 2


START = """
import sys
from pathlib import Path
from ledger.ui.app import application, local_actor, main_window
from ledger.ui.settings import Settings
from ledger.ui.startup import close_interactively, open_interactively
app = application()
db, lock = open_interactively(sys.argv[1], lambda error, target: None)
window = main_window(db, local_actor(), Settings(Path(sys.argv[2])))
window.show()
app.processEvents()
heavy = ("alembic", "openpyxl", "reportlab", "cryptography", "PySide6.QtPdf")
print(sorted({m for m in sys.modules for h in heavy if m == h or m.startswith(h + ".")}))
print(window.current_section())
close_interactively(db, lock)
"""


def test_the_main_window_starts_without_the_heavy_libraries_and_closes_cleanly(
    sqlite_template: Path, tmp_path: Path
) -> None:
    path = tmp_path / "ledger.db"
    shutil.copy(sqlite_template, path)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    run = subprocess.run(
        [sys.executable, "-c", START, str(path), str(tmp_path / "settings.ini")],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    loaded, section = run.stdout.split("\n")[:2]
    assert loaded == "[]"  # Excel, PDF, Alembic, signing: loaded when first used
    assert section == "home"  # the home page (工作台) is the first page
    assert closed_cleanly(path)  # the next start skips the full page check
