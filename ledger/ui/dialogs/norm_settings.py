"""The office's settings for the shortfall check: confirmations, per-person amounts, minimums,
and the register of reserve agreements (储备协议) with suppliers and reserve enterprises."""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ledger.core.enums import CounterpartyKind, ReserveMode
from ledger.services import catalogue, norms
from ledger.services import norms as norm_settings
from ledger.ui import messages
from ledger.ui.context import AppContext, Changes
from ledger.ui.dialogs.base import FormDialog
from ledger.ui.formatting import fmt_date, fmt_qty
from ledger.ui.i18n import label
from ledger.ui.ops import Outcome, run_op, run_query
from ledger.ui.pages._stock_tabs import toolbar
from ledger.ui.tables.base import GREY_FG, Column, RowsModel
from ledger.ui.widgets.fields import DateField
from ledger.ui.widgets.item_picker import ItemIndex
from ledger.ui.widgets.page import row_of, table_view


def confirm_attributes(profile_id: str) -> list[str]:
    """The attributes a profile's composite standards ask the office to confirm, and its lists
    of examples (advisory equipment lists, confirmed by their title)."""
    found = norms.profile(profile_id)
    keys: list[str] = []
    for rule in found.rules:
        if rule.kind == "composite":
            keys += [a.key for a in rule.params.attributes if a.check == "confirm"]
        elif rule.kind == "equipment_set" and rule.params.advisory:
            keys.append(rule.params.confirm_key or rule.title)
    return list(dict.fromkeys(keys))


class ConfirmDialog(FormDialog):
    """Confirm with a date that a unit has an attribute (有班子, 安全劝导站 …)."""

    def __init__(
        self, ctx: AppContext, unit_id: uuid.UUID, profile_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, self.tr("确认属性"), parent)
        self.unit_id = unit_id
        self.attribute = QComboBox()
        self.attribute.setEditable(True)
        self.attribute.addItems(confirm_attributes(profile_id))
        self.on = DateField(ctx.today())
        self.note = QLineEdit()
        done: list[norm_settings.ConfirmationRow] = run_query(
            self, ctx, lambda s: norm_settings.confirmations(s, unit_id), []
        )
        history = "；".join(f"{c.attribute} {fmt_date(c.confirmed_on)}" for c in done[:8])
        self.add_row(self.tr("属性"), self.attribute)
        self.add_row(self.tr("确认日期"), self.on)
        self.add_row(self.tr("说明"), self.note)
        self.form.addRow(self.tr("已有确认"), QLabel(history or self.tr("无")))

    def save(self) -> Outcome[Any]:
        day = self.on.date()
        if day is None:
            self.show_refusal(self.tr("请填写确认日期（如 2026-11-22）"))
            return Outcome(False)
        unit_id, attribute, note = self.unit_id, self.attribute.currentText(), self.note.text()
        return run_op(
            self,
            self.ctx,
            lambda s, a: norm_settings.confirm_attribute(s, a, unit_id, attribute, day, note),
            changes={Changes.ORG},
            target=self,
            done=self.tr("已确认：{attribute}").format(attribute=attribute),
        )


class PerCapitaDialog(FormDialog):
    """Set the per-person amount of an item for a scaled reserve rule (people x days)."""

    def __init__(
        self, ctx: AppContext, unit_id: uuid.UUID, profile_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, self.tr("人均储备定额"), parent)
        self.unit_id = unit_id
        self.rules = norm_settings.scaled_rules(profile_id)
        self.rule = QComboBox()
        for rule in self.rules:
            self.rule.addItem(f"{rule.title}（{rule.people}人×{rule.days}天）")
        self.index = ItemIndex(run_query(self, ctx, catalogue.items, []))
        self.item = QLineEdit()
        self.item.setPlaceholderText(self.tr("输入编码或名称选取"))
        self.item.setCompleter(self.index.completer(self.item))
        self.amount = QLineEdit()
        self.per_day = QCheckBox(self.tr("按每人每天（不选：每人整个保障期）"))
        self.per_day.setChecked(True)
        self.for_all = QCheckBox(
            self.tr("作为本单位该物资的人均储备定额，用于所有按人数规模的储备规则")
        )
        self.basis = QLineEdit()
        self.basis.setPlaceholderText(self.tr("数量出自的标准或文件"))
        unset = self.tr("无公开数字，由本单位设定")
        reference = QLabel(
            "\n".join(f"{r.key}：{r.amount or unset}" for r in norm_settings.reference_lines())
        )
        reference.setToolTip(
            "\n".join(f"{r.key}：{r.basis}" for r in norm_settings.reference_lines())
        )
        set_before: list[norm_settings.PerCapitaRow] = run_query(
            self, ctx, lambda s: norm_settings.per_capita_amounts(s, profile_id), []
        )
        per = {True: self.tr("/人/天"), False: self.tr("/人")}
        titles = {r.rule_id: r.title for r in self.rules}
        norms: list[norm_settings.NormRow] = run_query(
            self, ctx, norm_settings.per_capita_norms, []
        )
        shown = "；".join(
            [
                *(
                    f"{titles.get(a.rule_id, a.rule_id)}·{a.item} "
                    f"{fmt_qty(a.amount, a.measure)}{per[a.per_day]}"
                    for a in set_before[:10]
                ),
                *(
                    f"{n.item} {fmt_qty(value, n.measure)}{per[daily]}"
                    for n in norms[:10]
                    for value, daily in ((n.per_person, False), (n.per_person_day, True))
                    if value
                ),
            ]
        )
        self.add_row(self.tr("规则"), self.rule)
        self.add_row(self.tr("物资"), self.item)
        self.add_row(self.tr("人均数量"), self.amount)
        self.form.addRow("", self.per_day)
        self.form.addRow("", self.for_all)
        self.add_row(self.tr("依据"), self.basis)
        self.form.addRow(self.tr("已设定"), QLabel(shown or self.tr("无")))
        self.form.addRow(self.tr("参考定额（未设定时采用）"), reference)
        if not self.rules:
            self.show_refusal(self.tr("此规划没有按人数和天数规模计算的储备规则"))
            self.ok_button.setEnabled(False)

    def save(self) -> Outcome[Any]:
        item = self.index.resolve(self.item.text())
        if item is None or not self.rules:
            self.show_refusal(self.tr("请从列表中选择物资"))
            return Outcome(False)
        rule = self.rules[self.rule.currentIndex()]
        unit_id, amount, per_day = self.unit_id, self.amount.text(), self.per_day.isChecked()
        if self.for_all.isChecked():
            basis = self.basis.text()
            once, daily = (None, amount) if per_day else (amount, None)
            return run_op(
                self,
                self.ctx,
                lambda s, a: norm_settings.set_per_capita_norm(s, a, item.id, once, daily, basis),
                changes={Changes.CATALOGUE},
                target=self,
                done=self.tr("已设定人均储备定额：{item}").format(item=item.name),
            )
        return run_op(
            self,
            self.ctx,
            lambda s, a: norm_settings.set_per_capita(
                s, a, unit_id, rule, item.id, amount, per_day=per_day
            ),
            changes={Changes.CATALOGUE},
            target=self,
            done=self.tr("已设定人均储备定额：{item}").format(item=item.name),
        )


class MinimumDialog(FormDialog):
    """Set the office's minimum (最低库存) of an item in a depot; zero removes it."""

    def __init__(self, ctx: AppContext, unit_id: uuid.UUID, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("最低库存"), parent)
        self.depot = QComboBox()
        depots: list[catalogue.DepotRow] = run_query(
            self, ctx, lambda s: catalogue.depots(s, unit_id), []
        )
        for depot in depots:
            self.depot.addItem(f"{depot.name}（{depot.code}）", depot.id)
        self.index = ItemIndex(run_query(self, ctx, catalogue.items, []))
        self.item = QLineEdit()
        self.item.setPlaceholderText(self.tr("输入编码或名称选取"))
        self.item.setCompleter(self.index.completer(self.item))
        self.quantity = QLineEdit()
        self.quantity.setPlaceholderText(self.tr("0 表示取消"))
        self.current = QLabel()
        self.current.setWordWrap(True)
        self.depot.currentIndexChanged.connect(lambda _i: self._show_current())
        self.add_row(self.tr("仓库"), self.depot)
        self.add_row(self.tr("物资"), self.item)
        self.add_row(self.tr("最低库存"), self.quantity)
        self.form.addRow(self.tr("已设定"), self.current)
        self._show_current()
        if not self.depot.count():
            self.show_refusal(self.tr("所选单位及其下级没有仓库"))
            self.ok_button.setEnabled(False)

    def _show_current(self) -> None:
        depot = self.depot.currentData()
        rows: list[norm_settings.MinimumRow] = (
            run_query(self, self.ctx, lambda s: norm_settings.minimums(s, depot), [])
            if depot is not None
            else []
        )
        self.current.setText(
            "；".join(f"{m.item} {fmt_qty(m.quantity, m.measure)}" for m in rows) or self.tr("无")
        )

    def save(self) -> Outcome[Any]:
        item = self.index.resolve(self.item.text())
        depot = self.depot.currentData()
        if item is None or depot is None:
            self.show_refusal(self.tr("请选择仓库和物资"))
            return Outcome(False)
        quantity = self.quantity.text().strip() or None
        return run_op(
            self,
            self.ctx,
            lambda s, a: norm_settings.set_minimum(s, a, depot, item.id, quantity),
            changes={Changes.DEPOTS},
            target=self,
            done=self.tr("已设定最低库存：{item}").format(item=item.name),
        )


AGREEMENT_COLUMNS: list[Column[norm_settings.AgreementRow]] = [
    Column("往来单位", lambda r: r.counterparty, width=160),
    Column("储备方式", lambda r: label(r.mode), width=80),
    Column("合同号", lambda r: r.number, width=100),
    Column("起始日期", lambda r: fmt_date(r.starts_on), width=95),
    Column("截止日期", lambda r: fmt_date(r.ends_on), width=95),
    Column("协议物资", lambda r: "、".join(f"{n} {fmt_qty(q, u)}" for n, q, u in r.lines)),
]


class AgreementsModel(RowsModel[norm_settings.AgreementRow]):
    """Reserve agreements; contracts not in force on the working date greyed."""

    def __init__(self, ctx: AppContext, parent: Any = None) -> None:
        super().__init__(AGREEMENT_COLUMNS, parent)
        self.ctx = ctx

    def foreground(self, row: norm_settings.AgreementRow, column: int) -> Any:
        return None if row.in_force(self.ctx.today()) else GREY_FG


class AgreementsDialog(QDialog):
    """The reserve agreements of a unit: add and remove them."""

    def __init__(self, ctx: AppContext, unit_id: uuid.UUID, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.unit_id = ctx, unit_id
        self.setWindowTitle(self.tr("储备协议（协议储备、产能储备）"))
        self.resize(860, 420)
        self.model = AgreementsModel(ctx, self)
        self.view = table_view(self.model, self)
        add, remove, close = (
            QPushButton(t) for t in (self.tr("新增…"), self.tr("删除"), self.tr("关闭"))
        )
        for button in (add, remove):
            button.setAutoDefault(False)  # Enter closes; never deletes
        close.setDefault(True)
        add.clicked.connect(self.add)
        remove.clicked.connect(self.remove)
        close.clicked.connect(self.accept)
        note = QLabel(self.tr("灰色：不在合同期内（不计入储备）"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addLayout(toolbar(note, add, remove, close, stretch_at=0))
        self.reload()

    def reload(self) -> None:
        """Read the agreements again."""
        unit_id = self.unit_id
        self.model.set_rows(
            run_query(self, self.ctx, lambda s: norm_settings.agreements(s, unit_id), [])
        )

    def add(self) -> None:
        """Register a new agreement."""
        if AgreementDialog.ask(self.ctx, self.unit_id, self):
            self.reload()

    def remove(self) -> None:
        """Remove the selected agreement (one entered by mistake)."""
        row = row_of(self.view)
        if isinstance(row, norm_settings.AgreementRow):
            question = self.tr("删除与 {party} 的储备协议 {number} 吗？").format(
                party=row.counterparty, number=row.number or "—"
            )
            if not messages.confirm(self, question, yes=self.tr("删除")):
                return
            deal = row.id
            run_op(
                self,
                self.ctx,
                lambda s, a: norm_settings.remove_agreement(s, a, deal),
                changes={Changes.CATALOGUE},
            )
            self.reload()


class AgreementDialog(FormDialog):
    """A new reserve agreement: counterparty, mode, contract period and agreed items."""

    def __init__(self, ctx: AppContext, unit_id: uuid.UUID, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("新增储备协议"), parent)
        self.unit_id = unit_id
        self.counterparty = QComboBox()
        parties: list[catalogue.CounterpartyRow] = run_query(
            self, ctx, catalogue.counterparties, []
        )
        for party in parties:
            if party.kind in (CounterpartyKind.SUPPLIER, CounterpartyKind.ENTERPRISE):
                self.counterparty.addItem(party.name)
        self.mode = QComboBox()
        for mode in (ReserveMode.AGREEMENT, ReserveMode.CAPACITY):
            self.mode.addItem(label(mode), mode.value)
        self.number = QLineEdit()
        self.starts_on = DateField(ctx.today())
        self.ends_on = DateField()
        self.lines = QPlainTextEdit()
        self.lines.setPlaceholderText(self.tr("每行一种物资：物资编码或名称 数量\n如：FX001 5000"))
        self.index = ItemIndex(run_query(self, ctx, catalogue.items, []))
        for title, field in (
            (self.tr("储备企业/供应商"), self.counterparty),
            (self.tr("储备方式"), self.mode),
            (self.tr("合同号"), self.number),
            (self.tr("起始日期"), self.starts_on),
            (self.tr("截止日期"), self.ends_on),
            (self.tr("协议物资"), self.lines),
        ):
            self.add_row(title, field)

    def parsed_lines(self) -> list[tuple[uuid.UUID, Decimal | str]] | None:
        """The agreed (item, quantity) pairs, or ``None`` after showing what is wrong."""
        out: list[tuple[uuid.UUID, Decimal | str]] = []
        for number, text in enumerate(self.lines.toPlainText().splitlines(), start=1):
            if not text.strip():
                continue
            head, _, quantity = text.strip().rpartition(" ")
            item = self.index.resolve(head)
            if item is None or not quantity:
                self.show_refusal(
                    self.tr("第{n}行：“{text}”不是“物资 数量”").format(n=number, text=text)
                )
                return None
            out.append((item.id, quantity))
        return out

    def save(self) -> Outcome[Any]:
        lines = self.parsed_lines()
        if lines is None:
            return Outcome(False)
        entry = norm_settings.AgreementInput(
            unit=self.unit_id,
            counterparty=self.counterparty.currentText(),
            mode=ReserveMode(self.mode.currentData()),
            lines=lines,
            starts_on=self.starts_on.date(),
            ends_on=self.ends_on.date(),
            number=self.number.text(),
        )
        return run_op(
            self,
            self.ctx,
            lambda s, a: norm_settings.save_agreement(s, a, entry),
            changes={Changes.CATALOGUE},
            target=self,
            done=self.tr("已登记储备协议"),
        )
