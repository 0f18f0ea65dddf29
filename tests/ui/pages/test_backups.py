"""The backup window: settings, a backup now, a checked restore that keeps the replaced file."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from ledger.core.actor import Actor
from ledger.core.enums import Level, Role
from ledger.models import OrgUnit
from ledger.models.engine import open_database
from ledger.services.backup.rotation import automatic_backup
from ledger.ui.context import AppContext
from ledger.ui.pages.backups import BackupDialog
from ledger.ui.settings import BACKUP_FOLDER, BACKUP_KEEP, BACKUP_ON_EXIT


def test_settings_are_saved_and_backups_listed(qtbot, ctx, town, tmp_path: Path) -> None:
    dialog = BackupDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.folder.setText(str(tmp_path / "备份"))
    dialog.keep.setValue(5)
    dialog.on_exit.setChecked(False)
    dialog.save_settings()
    assert ctx.settings.get(BACKUP_FOLDER) == str(tmp_path / "备份")
    assert ctx.settings.get(BACKUP_KEEP) == 5 and not ctx.settings.get(BACKUP_ON_EXIT)
    automatic_backup(ctx.db.path, tmp_path / "备份")
    dialog.refresh()
    assert len(dialog.model.rows) == 1


def test_backup_now_and_restore(qtbot, ctx, town, tmp_path: Path, recorder) -> None:
    dialog = BackupDialog(ctx)
    qtbot.addWidget(dialog)
    copy = tmp_path / "copy.db"
    dialog.backup_now(str(copy))
    assert copy.exists() and "已备份到" in recorder.texts("info")[-1]
    with ctx.db.transaction(ctx.actor) as s:
        s.add(OrgUnit(code="410122999", name="后来的镇", level=Level.TOWN))
    recorder.answers.append(True)
    dialog.restore(str(copy))
    assert dialog.restored == Path(ctx.db.path)
    assert "原数据库保留为" in recorder.texts("info")[-1]
    db = open_database(ctx.db.path)
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(OrgUnit)) == 3
    db.dispose()
    assert any("-replaced-" in p.name for p in Path(ctx.db.path).parent.iterdir())


def test_a_damaged_backup_is_refused_and_nothing_changes(
    qtbot, ctx, town, tmp_path: Path, recorder
) -> None:
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    ctx.db.dispose()  # closing folds the write-ahead log in; compare the file from then on
    before = Path(ctx.db.path).read_bytes()
    dialog = BackupDialog(ctx)
    qtbot.addWidget(dialog)
    recorder.answers.append(True)
    dialog.restore(str(bad))
    assert "不能用" in recorder.texts("refusal")[-1] and dialog.restored is None
    assert Path(ctx.db.path).read_bytes() == before


def test_rights_decide_the_buttons(qtbot, sqlite_db, settings) -> None:
    for role, backup, restore in [
        (Role.ADMIN, True, True),
        (Role.OFFICE, True, False),
        (Role.KEEPER, False, False),
        (Role.VIEWER, False, False),
    ]:
        dialog = BackupDialog(AppContext(sqlite_db, Actor("x", role), settings))
        qtbot.addWidget(dialog)
        assert dialog.backup_button.isEnabled() is backup
        assert dialog.restore_button.isEnabled() is restore
