"""Asking before a document is dated in the future or long ago (a 2062 typed for 2026)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from ledger.services.stock import Doubt, date_doubt
from ledger.ui import messages
from ledger.ui.context import AppContext
from ledger.ui.formatting import fmt_date
from ledger.ui.settings import DOCUMENT_DAYS_BACK


def confirm_date(parent: QWidget, ctx: AppContext, on: date, what: str) -> bool:
    """``True`` when ``on`` needs no confirmation or the user confirms it (修改日期 the default)."""
    days_back = ctx.settings.get(DOCUMENT_DAYS_BACK)
    doubt = date_doubt(on, ctx.today(), days_back)
    if doubt is None:
        return True
    if doubt.doubt is Doubt.FUTURE:
        question = QCoreApplication.translate(
            "DocumentDate", "{what}日期 {date} 晚于今天（{today}），还没有到。"
        ).format(what=what, date=fmt_date(on), today=fmt_date(ctx.today()))
    else:
        question = QCoreApplication.translate(
            "DocumentDate", "{what}日期 {date} 是 {days} 天前，超过了本单位设置的 {limit} 天。"
        ).format(what=what, date=fmt_date(on), days=doubt.days, limit=days_back)
    if doubt.year_typo:
        question += "\n" + QCoreApplication.translate(
            "DocumentDate", "年份 {year} 是否输错了？"
        ).format(year=on.year)
    question += "\n" + QCoreApplication.translate("DocumentDate", "确定按 {date} 过账吗？").format(
        date=fmt_date(on)
    )
    return messages.confirm(
        parent,
        question,
        yes=QCoreApplication.translate("DocumentDate", "按此日期过账"),
        no=QCoreApplication.translate("DocumentDate", "修改日期"),
    )
