"""A member's certificates (证书) inside the member editor: name, number, issuer, valid until."""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ledger.core.i18n import QT_TRANSLATE_NOOP
from ledger.services import org
from ledger.services.accounts import Action
from ledger.ui.context import AppContext, Changes
from ledger.ui.dialogs.base import FormDialog
from ledger.ui.formatting import fmt_date
from ledger.ui.ops import Outcome, run_op, run_query
from ledger.ui.record_actions import confirm_delete
from ledger.ui.tables.base import RED_FG, Column, RowsModel
from ledger.ui.widgets.fields import DateField
from ledger.ui.widgets.page import permit, row_of, table_view

QT_TRANSLATE_NOOP("Columns", "已过期")


def _valid_until(row: org.CertificateRow, today: Any) -> str:
    text = fmt_date(row.expires_on)
    if row.expired_on(today):
        text += QCoreApplication.translate("Columns", "（已过期）")
    return text


class CertificatesModel(RowsModel[org.CertificateRow]):
    """Certificates; expired ones in red."""

    def __init__(self, ctx: AppContext, parent: Any = None) -> None:
        today = ctx.today()
        super().__init__(
            [
                Column(QT_TRANSLATE_NOOP("Columns", "证书名称"), lambda r: r.name, width=140),
                Column(QT_TRANSLATE_NOOP("Columns", "证书编号"), lambda r: r.number, width=110),
                Column(QT_TRANSLATE_NOOP("Columns", "发证机关"), lambda r: r.issuer, width=130),
                Column(
                    QT_TRANSLATE_NOOP("Columns", "有效期至"),
                    lambda r: _valid_until(r, today),
                    sort=lambda r: r.expires_on,
                    width=130,
                ),
            ],
            parent,
        )
        self.today = today

    def foreground(self, row: org.CertificateRow, column: int) -> Any:
        del column
        return RED_FG if row.expired_on(self.today) else None


class CertificateDialog(FormDialog):
    """One certificate of a member."""

    def __init__(
        self,
        ctx: AppContext,
        member_id: uuid.UUID,
        current: org.CertificateRow | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, self.tr("修改证书") if current else self.tr("添加证书"), parent)
        self.member_id, self.current = member_id, current
        self.name = QLineEdit(current.name if current else "")
        self.name.setPlaceholderText(self.tr("如：应急救援员、红十字救护员、电工证"))
        self.number = QLineEdit(current.number if current else "")
        self.issuer = QLineEdit(current.issuer if current else "")
        self.issuer.setPlaceholderText(self.tr("如：县应急管理局"))
        self.expires_on = DateField(current.expires_on if current else None)
        self.expires_on.setPlaceholderText(self.tr("长期有效留空"))
        for title, field in (
            (self.tr("证书名称"), self.name),
            (self.tr("证书编号"), self.number),
            (self.tr("发证机关"), self.issuer),
            (self.tr("有效期至"), self.expires_on),
        ):
            self.add_row(title, field)

    def save(self) -> Outcome[Any]:
        if not self.expires_on.is_valid():
            self.show_refusal(self.tr("有效期不是有效日期，请按 2026-11-22 的格式填写"))
            return Outcome(False)
        entry = org.CertificateInput(
            self.name.text(),
            self.number.text(),
            self.issuer.text(),
            self.expires_on.date(),
            self.current.issued_on if self.current else None,
        )
        member_id, cert_id = self.member_id, self.current.id if self.current else None
        return run_op(
            self,
            self.ctx,
            lambda s, a: org.save_certificate(s, a, member_id, entry, cert_id),
            changes={Changes.TEAMS},
            target=self,
            done=self.tr("已保存证书：{name}").format(name=entry.name.strip()),
        )


class CertificatesBox(QGroupBox):
    """The certificates of the member being edited: add, edit, remove (each saved at once)."""

    def __init__(self, ctx: AppContext, member_id: uuid.UUID | None, parent: QWidget) -> None:
        super().__init__(self.tr("证书"), parent)
        self.ctx, self.member_id = ctx, member_id
        parent.setMinimumWidth(max(parent.minimumWidth(), 660))  # room for the four columns
        layout = QVBoxLayout(self)
        self.model = CertificatesModel(ctx, self)
        self.view = table_view(self.model, self, sortable=True)
        self.view.setMinimumHeight(110)
        self.view.doubleClicked.connect(lambda _i: self.edit_certificate())
        self.add_button = QPushButton(self.tr("添加证书…"))
        self.edit_button = QPushButton(self.tr("修改…"))
        self.remove_button = QPushButton(self.tr("删除…"))
        for button, slot in (
            (self.add_button, self.add_certificate),
            (self.edit_button, self.edit_certificate),
            (self.remove_button, self.remove_certificate),
        ):
            button.setAutoDefault(False)
            button.clicked.connect(lambda _=False, slot=slot: slot())
        row = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.remove_button):
            row.addWidget(button)
        row.addStretch(1)
        if member_id is None:
            note = QLabel(self.tr("保存队员后再登记证书。"))
            layout.addWidget(note)
            for button in (self.add_button, self.edit_button, self.remove_button):
                button.setEnabled(False)
        layout.addLayout(row)
        layout.addWidget(self.view)
        permit(
            ctx.actor, Action.EDIT_RECORDS, self.add_button, self.edit_button, self.remove_button
        )
        self.refresh()

    def refresh(self) -> None:
        """Read the member's certificates again."""
        member_id = self.member_id
        if member_id is None:
            self.model.set_rows([])
            return
        self.model.set_rows(run_query(self, self.ctx, lambda s: org.certificates(s, member_id), []))

    def current(self) -> org.CertificateRow | None:
        """The certificate selected."""
        row = row_of(self.view)
        return row if isinstance(row, org.CertificateRow) else None

    def add_certificate(self) -> None:
        """Add a certificate."""
        if self.member_id is not None:
            CertificateDialog.ask(self.ctx, self.member_id, None, self)
            self.refresh()

    def edit_certificate(self) -> None:
        """Change the selected certificate."""
        row = self.current()
        if self.member_id is not None and row is not None:
            CertificateDialog.ask(self.ctx, self.member_id, row, self)
            self.refresh()

    def remove_certificate(self) -> None:
        """Remove the selected certificate after asking (取消 is the default)."""
        row = self.current()
        if row is None:
            return
        named = f"{row.name} {row.number}".strip()
        if not confirm_delete(self, self.tr("确定删除证书“{name}”吗？").format(name=named)):
            return
        cert_id = row.id
        run_op(
            self,
            self.ctx,
            lambda s, a: org.remove_certificate(s, a, cert_id),
            changes={Changes.TEAMS},
            done=self.tr("已删除证书：{name}").format(name=named),
        )
        self.refresh()
