"""Importing a workbook: all or nothing, every error at once, a second import changes nothing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select

from ledger.core.actor import SYSTEM
from ledger.core.enums import EquipmentStatus, Gender, Level, Reason
from ledger.io.importer import import_workbook, validate_workbook
from ledger.models import Balance, Document, Equipment, Item, Member, OrgUnit, PerCapitaNorm
from ledger.models.engine import Database
from ledger.services.closing.periods import close_period, month
from ledger.services.stock.opening import OPENING_NOTE
from ledger.services.stock.stocktake import Count, StocktakeInput, post_stocktake
from ledger.services.verify import checks as verify
from tests.io.books import VALID, snapshot, valid_book, write_book

D = date.fromisoformat


def test_a_valid_workbook_is_imported_whole(db: Database, tmp_path: Path) -> None:
    result = import_workbook(db, SYSTEM, valid_book(tmp_path / "a.xlsx"), on=date(2026, 1, 5))
    assert result.ok, result.errors
    assert result.summary is not None
    assert result.summary.of("units").created == 3
    assert result.summary.of("stock").created == 3
    with db.read() as s:
        village = s.scalar(select(OrgUnit).where(OrgUnit.code == "410102001001"))
        assert village is not None and village.level is Level.VILLAGE
        assert village.parent is not None and village.parent.code == "410102001000"
        li = s.scalar(select(Member).where(Member.name == "李丽"))
        assert li is not None and li.gender is Gender.FEMALE
        assert li.birth_date == date(1949, 12, 31)
        receipt = s.scalar(select(Document).where(Document.note == OPENING_NOTE))
        assert receipt is not None and receipt.doc_date == date(2026, 1, 5)
        assert len(receipt.lines) == 3
        bags = s.scalar(select(Balance).join(Item).where(Item.code == "001"))
        assert bags is not None and bags.quantity == Decimal(1000) and bags.lot == "L2024"
        phone = s.scalar(select(Equipment).where(Equipment.serial == "SN-0001"))
        assert phone is not None and phone.status is EquipmentStatus.IN_USE
        assert phone.holder_team is not None and phone.next_due_on == date(2024, 3, 31)


def test_a_second_import_of_the_same_workbook_changes_nothing(db: Database, tmp_path: Path) -> None:
    path = valid_book(tmp_path / "a.xlsx")
    assert import_workbook(db, SYSTEM, path).ok
    before = snapshot(db)
    again = import_workbook(db, SYSTEM, path)
    assert again.ok and again.summary is not None
    assert not again.summary.changed
    assert again.summary.of("stock").unchanged == 3
    assert snapshot(db) == before


def test_new_opening_rows_are_posted_and_old_ones_are_not_posted_twice(
    db: Database, tmp_path: Path
) -> None:
    assert import_workbook(db, SYSTEM, valid_book(tmp_path / "a.xlsx")).ok
    more = [*VALID["期初库存"], ["K01", "001", 300, "L2025", None, None]]
    result = import_workbook(db, SYSTEM, valid_book(tmp_path / "b.xlsx", 期初库存=more))
    assert result.ok and result.summary is not None
    assert result.summary.of("stock").created == 1
    assert result.summary.of("stock").unchanged == 3
    with db.read() as s:
        total = sum(b.quantity for b in s.scalars(select(Balance)))
    assert total == Decimal(1000 + 50 + 2 + 300)


def test_a_different_opening_quantity_for_stock_already_there_is_refused(
    db: Database, tmp_path: Path
) -> None:
    assert import_workbook(db, SYSTEM, valid_book(tmp_path / "a.xlsx")).ok
    before = snapshot(db)
    changed = [["K01", "001", 999, "L2024", None, None]]
    result = import_workbook(db, SYSTEM, valid_book(tmp_path / "b.xlsx", 期初库存=changed))
    assert not result.ok
    (error,) = result.errors
    assert (error.sheet, error.row, error.column, error.value) == ("期初库存", 2, "数量", "999")
    assert "只能登记一次" in error.reason and "1000条" in error.reason
    assert snapshot(db) == before


def test_every_error_of_the_workbook_is_listed_and_nothing_is_written(
    db: Database, tmp_path: Path
) -> None:
    units = [
        ["410102000000", "中原区", "县", None, None, "防汛重点；会飞", None],
        ["410102001000", "林山寨街道", "乡", "999999999999", None, None, None],
        ["410102001001", "前进村", "村", "410102001000", "很多", None, None],
    ]
    items = [
        ["001", "编织袋", "", "条", "防汛抗旱", None, None, "否"],
        ["001", "编织袋2", "", "条", "防汛抗旱", None, None, "否"],
        ["002", "卫星电话", "", "台儿", "太空", None, None, "是"],
        ["003", "救生衣", "", "件", "防汛抗旱", None, None, "否"],
    ]
    path = valid_book(tmp_path / "bad.xlsx", 组织机构=units, 物资目录=items)
    before = snapshot(db)
    result = import_workbook(db, SYSTEM, path)
    assert snapshot(db) == before
    found = {(e.sheet, e.row, e.column) for e in result.errors}
    assert ("组织机构", 2, "标志") in found
    assert ("组织机构", 3, "上级区划代码") in found
    assert ("组织机构", 4, "常住人口") in found
    assert ("物资目录", 3, "物资编码") in found
    assert ("物资目录", 4, "计量单位") in found
    assert ("物资目录", 4, "类别") in found
    flag = next(e for e in result.errors if e.column == "标志")
    assert "会飞" in flag.reason and "森林防灭火任务" in flag.reason
    duplicate = next(e for e in result.errors if e.sheet == "物资目录" and e.row == 3)
    assert "第2行" in duplicate.reason


def test_validation_alone_writes_nothing(db: Database, tmp_path: Path) -> None:
    before = snapshot(db)
    with db.read() as session:
        result = validate_workbook(session, valid_book(tmp_path / "a.xlsx"))
    assert result.ok and result.summary is None
    assert snapshot(db) == before


def test_a_code_the_database_gives_another_name_is_a_duplicate(
    db: Database, tmp_path: Path
) -> None:
    assert import_workbook(db, SYSTEM, valid_book(tmp_path / "a.xlsx")).ok
    items = [["001", "救生圈", "", "条", "防汛抗旱", None, None, "否"]]
    result = import_workbook(db, SYSTEM, write_book(tmp_path / "b.xlsx", {"物资目录": items}))
    (error,) = result.errors
    assert error.column == "物资编码" and "编织袋" in error.reason


def test_an_item_with_stock_cannot_change_its_unit(db: Database, tmp_path: Path) -> None:
    assert import_workbook(db, SYSTEM, valid_book(tmp_path / "a.xlsx")).ok
    items = [["001", "编织袋", "", "个", "防汛抗旱", None, None, "否"]]
    result = import_workbook(db, SYSTEM, write_book(tmp_path / "b.xlsx", {"物资目录": items}))
    (error,) = result.errors
    assert error.column == "计量单位" and "条" in error.reason


def test_sheets_may_come_one_at_a_time_and_refer_to_the_database(
    db: Database, tmp_path: Path
) -> None:
    first = {k: VALID[k] for k in ("组织机构", "物资目录", "仓库")}
    assert import_workbook(db, SYSTEM, write_book(tmp_path / "a.xlsx", first)).ok
    second = {"期初库存": VALID["期初库存"]}
    result = import_workbook(db, SYSTEM, write_book(tmp_path / "b.xlsx", second))
    assert result.ok and result.summary is not None
    assert result.summary.of("stock").created == 3


def test_a_missing_column_keeps_what_the_database_holds(db: Database, tmp_path: Path) -> None:
    assert import_workbook(db, SYSTEM, valid_book(tmp_path / "a.xlsx")).ok
    headers = {"组织机构": ["区划代码", "名称", "级别", "上级区划代码"]}
    rows = {"组织机构": [["410102000000", "中原区", "县", None]]}
    result = import_workbook(db, SYSTEM, write_book(tmp_path / "b.xlsx", rows, headers))
    assert result.ok and result.summary is not None
    assert result.summary.of("units").unchanged == 1
    with db.read() as s:
        county = s.scalar(select(OrgUnit).where(OrgUnit.code == "410102000000"))
        assert county is not None and county.population == 500000


def test_zero_opening_quantities_are_skipped(db: Database, tmp_path: Path) -> None:
    stock = [*VALID["期初库存"], ["K01", "001", 0, "L0", None, None]]
    result = import_workbook(db, SYSTEM, valid_book(tmp_path / "a.xlsx", 期初库存=stock))
    assert result.ok and result.summary is not None
    assert result.summary.zero_skipped == 1
    assert result.summary.of("stock").created == 3


def test_equipment_must_be_a_serial_tracked_item_held_by_a_known_code(
    db: Database, tmp_path: Path
) -> None:
    equipment = [
        ["SN-1", "001", "T001", "在用", None, None],
        ["SN-2", "002", "NOBODY", None, None, None],
    ]
    result = import_workbook(db, SYSTEM, valid_book(tmp_path / "a.xlsx", 装备=equipment))
    reasons = {(e.row, e.column): e.reason for e in result.errors}
    assert "按序列号管理" in reasons[(2, "物资编码")]
    assert "配备单位" in reasons[(3, "配备单位")]


def test_a_unit_cannot_sit_below_a_unit_of_its_own_level(db: Database, tmp_path: Path) -> None:
    units = [
        ["410102001000", "甲镇", "乡镇", None, None, None, None],
        ["410102002000", "乙镇", "乡镇", "410102001000", None, None, None],
        ["410102003000", "丙村", "村", "410102003000", None, None, None],
    ]
    result = import_workbook(db, SYSTEM, write_book(tmp_path / "a.xlsx", {"组织机构": units}))
    reasons = {e.row: e.reason for e in result.errors}
    assert "应高于本级" in reasons[3]
    assert "不能是自己" in reasons[4]


def test_references_to_rows_with_errors_are_not_reported_twice(
    db: Database, tmp_path: Path
) -> None:
    items = [["001", "编织袋", "", "条", "不知道", None, None, "否"], *VALID["物资目录"][1:]]
    result = import_workbook(db, SYSTEM, valid_book(tmp_path / "a.xlsx", 物资目录=items))
    assert [(e.sheet, e.column) for e in result.errors] == [("物资目录", "类别")]


def test_a_viewer_may_not_import(db: Database, tmp_path: Path) -> None:
    from ledger.core.actor import Actor
    from ledger.core.enums import Role

    before = snapshot(db)
    result = import_workbook(db, Actor("guest", Role.VIEWER), valid_book(tmp_path / "a.xlsx"))
    (error,) = result.errors
    assert "无权导入" in error.reason
    assert snapshot(db) == before


def test_a_unit_is_bound_to_an_installed_norm_profile_only(db: Database, tmp_path: Path) -> None:
    units = [
        ["410102000000", "中原区", "县", None, None, None, "henan-2021-66"],
        ["410102001000", "林山寨街道", "乡镇", "410102000000", None, None, "no-such-plan"],
    ]
    result = import_workbook(db, SYSTEM, write_book(tmp_path / "a.xlsx", {"组织机构": units}))
    (error,) = result.errors
    assert (error.row, error.column, error.value) == (3, "规划", "no-such-plan")
    assert "henan-2021-66" in error.reason


def test_an_unknown_code_typed_as_a_number_says_its_zeros_may_be_lost(
    db: Database, tmp_path: Path
) -> None:
    first = {k: VALID[k] for k in ("组织机构", "物资目录", "仓库")}
    assert import_workbook(db, SYSTEM, write_book(tmp_path / "a.xlsx", first)).ok
    stock = [["K01", 9, 5, None, None, None]]
    result = import_workbook(db, SYSTEM, write_book(tmp_path / "b.xlsx", {"期初库存": stock}))
    (error,) = result.errors
    assert (error.column, error.value) == ("物资编码", "9")
    assert "开头的 0" in error.reason


def test_opening_stock_the_posting_would_refuse_is_listed_before_anything_is_written(
    db: Database, tmp_path: Path
) -> None:
    assert import_workbook(db, SYSTEM, valid_book(tmp_path / "a.xlsx"), on=D("2026-05-01")).ok
    with db.transaction(SYSTEM) as s:
        close_period(s, SYSTEM, "K01", month(2026, 5), today=D("2026-06-02"))
        count = Count("003", 45, reason=Reason.DAMAGED)
        post_stocktake(s, SYSTEM, StocktakeInput("K01", D("2026-07-01"), [count], full=False,
                                                 approver="张三"))  # fmt: skip
    before = snapshot(db)
    new = [
        *VALID["期初库存"],
        ["K01", "001", 5, "LX", None, None],
        ["K01", "003", 7, "LY", None, None],
    ]
    book = valid_book(tmp_path / "b.xlsx", 期初库存=new)
    closed = import_workbook(db, SYSTEM, book, on=D("2026-05-20"))
    assert [(e.sheet, e.row, e.column, e.value) for e in closed.errors] == [
        ("期初库存", 5, "仓库编号", "K01"),
        ("期初库存", 6, "仓库编号", "K01"),
    ]
    assert "已结账至 2026-05-31" in closed.errors[0].reason
    counted = import_workbook(db, SYSTEM, book, on=D("2026-06-15"))
    ((sheet, row, column, value, reason),) = [
        (e.sheet, e.row, e.column, e.value, e.reason) for e in counted.errors
    ]
    assert (sheet, row, column, value) == ("期初库存", 6, "物资编码", "003")
    assert "2026-07-01" in reason and "盘点" in reason
    assert snapshot(db) == before
    later = import_workbook(db, SYSTEM, book, on=D("2026-07-02"))
    assert later.ok and later.summary is not None and later.summary.of("stock").created == 2
    with db.read() as s:
        assert verify.verify(s) == []


def test_the_per_capita_sheet_sets_the_offices_amounts_per_item(
    db: Database, tmp_path: Path
) -> None:
    result = import_workbook(db, SYSTEM, valid_book(tmp_path / "a.xlsx"))
    assert result.ok, result.errors
    assert result.summary is not None and result.summary.of("per_capita").created == 1
    with db.read() as s:
        (norm,) = s.scalars(select(PerCapitaNorm))
        assert (norm.item.code, norm.per_person, norm.per_person_day, norm.basis) == (
            "001",
            Decimal("0.2"),
            None,
            "本单位测算",
        )
    rows = [["001", None, 2.5, "Sphere 供水标准"], ["003", 1, None, ""]]
    again = import_workbook(db, SYSTEM, valid_book(tmp_path / "b.xlsx", 人均储备定额=rows))
    assert again.ok and again.summary is not None
    assert (again.summary.of("per_capita").updated, again.summary.of("per_capita").created) == (
        1,
        1,
    )
    with db.read() as s:
        found = {
            n.item.code: (n.per_person, n.per_person_day) for n in s.scalars(select(PerCapitaNorm))
        }
    assert found == {"001": (None, Decimal("2.5")), "003": (Decimal(1), None)}


def test_a_per_capita_row_needs_an_amount_above_zero(db: Database, tmp_path: Path) -> None:
    rows = [["001", None, None, ""], ["003", 0, None, ""]]
    with db.read() as session:
        result = validate_workbook(session, valid_book(tmp_path / "a.xlsx", 人均储备定额=rows))
    problems = {(e.sheet, e.row, e.column, e.reason) for e in result.errors}
    assert problems == {
        ("人均储备定额", 2, "每人数量", "每人数量与每人每天数量至少填一个"),
        ("人均储备定额", 3, "每人数量", "须大于零"),
    }


def test_a_per_capita_row_names_a_known_item_once(db: Database, tmp_path: Path) -> None:
    rows = [["001", 1, None, ""], ["999", 1, None, ""], ["001", 2, None, ""]]
    with db.read() as session:
        result = validate_workbook(session, valid_book(tmp_path / "a.xlsx", 人均储备定额=rows))
    problems = {(e.row, e.column, e.reason[:5]) for e in result.errors}
    assert problems == {(3, "物资编码", "找不到这个"), (4, "物资编码", "同一物资的")}
