"""Screenshots of every main screen: ``python -m devtools.screenshots OUTDIR``.

Opens the main window on the demo county (built in a temporary database unless ``--db``
names one; a new file there gives the screens of an empty ledger), shows each section (the
home page first), the main dialogs, the list behind a home-page alert and the county view,
and saves a PNG of each, so that a person can look at what users see. Runs offscreen;
Chinese needs a CJK font installed.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from ledger.core.actor import Actor
from ledger.core.enums import DocType, Role
from ledger.services.database.opening import Database, open_ledger
from ledger.services.org import rescue_teams as teams
from ledger.services.stock.queries import StockFilter, StockRow, stock_on_hand
from ledger.ui import extensions, i18n, messages
from ledger.ui.app import application, main_window
from ledger.ui.context import AppContext
from ledger.ui.main_window import MainWindow
from ledger.ui.settings import Settings

SIZE = (1366, 820)
DEMO_DAY = date(2026, 11, 22)


def demo_database(folder: Path) -> Path:
    """Build the demo county into a new database in ``folder``."""
    from ledger.core.actor import SYSTEM
    from ledger.services.demo import build_demo

    path = folder / "demo.db"
    db = open_ledger(path, create=True)
    with db.transaction(SYSTEM) as session:
        build_demo(session, SYSTEM, today=DEMO_DAY)
    db.dispose()
    return path


def settle(app: QApplication, rounds: int = 8) -> None:
    """Let pending paints and queued work happen."""
    for _ in range(rounds):
        app.processEvents()


def save(widget: QWidget, path: Path) -> Path:
    """Grab ``widget`` into ``path``."""
    if not widget.grab().save(str(path)):
        raise OSError(path)
    return path


def sections(app: QApplication, window: MainWindow, out: Path) -> list[Path]:
    """A picture of every section that has a page."""
    saved = []
    for number, section in enumerate(extensions.SECTIONS, start=1):
        if window.show_section(section.key) is None:
            continue
        settle(app)
        saved.append(save(window, out / f"{number:02d}_{section.key}.png"))
    return saved


def dialogs(app: QApplication, ctx: AppContext, out: Path) -> list[Path]:
    """Pictures of the document form (an issue with suggested lots), a stock card, a member."""
    from ledger.ui.dialogs.card import StockCardDialog
    from ledger.ui.dialogs.document_form import DocumentDialog
    from ledger.ui.dialogs.teams import MemberDialog

    saved: list[Path] = []
    rows = ctx.read(lambda s: stock_on_hand(s, StockFilter(), limit=400))
    with_lots = _busiest(rows)
    if with_lots is not None:
        form = DocumentDialog(ctx, DocType.ISSUE, with_lots.depot_id)
        form.resize(*SIZE)
        form.show()
        _type_line(app, form, with_lots.item_code, str(_more_than_first_lot(rows, with_lots)))
        saved.append(save(form, out / "20_issue_form.png"))
        form.lines.clear()
        form.doc_type.set_value(DocType.STOCKTAKE)
        if form.stocktake.task is not None:
            form.stocktake.task.worker.wait()
        settle(app, 20)
        saved.append(save(form, out / "21_stocktake_form.png"))
        form.done(0)
        card = StockCardDialog(ctx, with_lots.depot_id, with_lots.item_id)
        card.resize(1100, 650)
        card.show()
        settle(app)
        saved.append(save(card, out / "22_stock_card.png"))
        card.done(0)
    team = next(iter(ctx.read(lambda s: teams.teams(s, ctx.actor))), None)
    if team is not None:
        member = MemberDialog(ctx, team.id)
        member.name.setText("张三")
        member.id_number.setText("41010519491231002X")
        member.phone.setText("1381234567")
        member.show()
        settle(app)
        saved.append(save(member, out / "23_member_editor.png"))
        member.done(0)
    return saved


def home(app: QApplication, window: MainWindow, out: Path) -> list[Path]:
    """The home page scrolled to its charts, the list behind its first alert with any, and the
    county view (全县汇总) with its charts per town."""
    from PySide6.QtWidgets import QScrollArea

    from ledger.services.reporting.dashboard import Alert
    from ledger.ui.dialogs.exchange import CountyDialog
    from ledger.ui.pages.home import HomePage

    saved: list[Path] = []
    page = window.show_section("home")
    if not isinstance(page, HomePage):
        return saved
    settle(app, 20)
    scroll = page.findChild(QScrollArea)
    if scroll is not None:
        bar = scroll.verticalScrollBar()
        bar.setValue(bar.maximum())
        settle(app)
        saved.append(save(window, out / "24_home_lower.png"))
        bar.setValue(0)
    counts = page.overview.counts if page.overview is not None else {}
    alert = next((a for a in Alert if counts.get(a)), Alert.EXPIRED)
    listed = page.open_alert(alert)
    settle(app)
    saved.append(save(listed, out / "25_alert_list.png"))
    listed.done(0)
    county = CountyDialog(window.ctx, window)
    county.show()
    settle(app)
    saved.append(save(county, out / "26_county_view.png"))
    county.done(0)
    return saved


def _busiest(rows: list[StockRow]) -> StockRow | None:
    counts: dict[tuple[object, object], int] = {}
    for row in rows:
        counts[(row.depot_id, row.item_id)] = counts.get((row.depot_id, row.item_id), 0) + 1
    best = max(counts, key=lambda k: counts[k], default=None)
    return next((r for r in rows if (r.depot_id, r.item_id) == best), None)


def _more_than_first_lot(rows: list[StockRow], first: StockRow) -> int:
    lots = [r for r in rows if (r.depot_id, r.item_id) == (first.depot_id, first.item_id)]
    return int(lots[0].quantity) + max(1, int(lots[1].quantity) // 2) if len(lots) > 1 else 1


def _type_line(app: QApplication, form: object, code: str, quantity: str) -> None:
    from PySide6.QtTest import QTest

    grid = form.grid  # type: ignore[attr-defined]
    grid.start()
    for text in (code, "", quantity):
        editor = grid.indexWidget(grid.currentIndex())
        if editor is None:
            break
        if text:
            QTest.keyClicks(editor, text)
        QTest.keyClick(editor, Qt.Key.Key_Return)
        settle(app)


def take(out: Path, db_path: Path, language: str = "zh_CN") -> list[Path]:
    """Save every screenshot of the database at ``db_path`` into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    app = application()
    i18n.install(app, language)
    db: Database = open_ledger(db_path)
    settings = Settings(Path(tempfile.mkdtemp()) / "settings.ini")
    actor = Actor("demo", Role.ADMIN, "演示管理员")
    saved: list[Path] = []
    with messages.record():
        window = main_window(db, actor, settings, today=DEMO_DAY)
        window.resize(*SIZE)
        window.show()
        saved += sections(app, window, out)
        saved += dialogs(app, window.ctx, out)
        saved += home(app, window, out)
        window.close()
    db.dispose()
    return saved


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and take the screenshots."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--db", type=Path, help="数据库文件（默认：新建演示数据库）")
    parser.add_argument("--language", default="zh_CN", choices=sorted(i18n.LANGUAGES))
    args = parser.parse_args(argv)
    db_path = args.db or demo_database(Path(tempfile.mkdtemp()))
    for path in take(args.outdir, db_path, args.language):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
