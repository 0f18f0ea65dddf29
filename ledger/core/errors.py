"""Refusals the ledger raises: each names what and where, in Chinese, with its fields as data.

Anything that is not a :class:`LedgerError` is a bug. The UI shows a ``LedgerError``'s
:attr:`~LedgerError.message` as it is (after translation of the template), and a crash
dialog for anything else.
"""

from __future__ import annotations

from typing import Any, ClassVar

from ledger.core.i18n import QT_TRANSLATE_NOOP, tr

CONTEXT = "LedgerError"


class LedgerError(Exception):
    """A refusal with a Chinese message built from :attr:`template` and keyword fields."""

    template: ClassVar[str] = QT_TRANSLATE_NOOP(CONTEXT, "操作被拒绝：{reason}")

    def __init__(self, **fields: Any) -> None:
        self.fields = fields
        super().__init__(self.message)

    def __getattr__(self, name: str) -> Any:
        fields = self.__dict__.get("fields", {})
        if name in fields:
            return fields[name]
        raise AttributeError(name)

    @property
    def message(self) -> str:
        """The message in the user's language, fields filled in."""
        return tr(CONTEXT, self.template).format(**{k: _show(v) for k, v in self.fields.items()})

    def __str__(self) -> str:
        return self.message


def _show(value: Any) -> Any:
    from decimal import Decimal

    if isinstance(value, Decimal):
        from ledger.core.quantity import format_quantity

        return format_quantity(value)
    return value


class InvalidQuantity(LedgerError):
    template = QT_TRANSLATE_NOOP(CONTEXT, "{what}“{value}”不是有效的数值")


class NonPositiveQuantity(LedgerError):
    template = QT_TRANSLATE_NOOP(CONTEXT, "第{line}行：{item}的数量必须大于零，填写的是 {quantity}")


class InsufficientStock(LedgerError):
    template = QT_TRANSLATE_NOOP(
        CONTEXT,
        "{depot}库存不足：{item}（批次 {lot}）现有 {on_hand}{unit}，要求出库 {requested}{unit}",
    )


class WouldGoNegative(LedgerError):
    template = QT_TRANSLATE_NOOP(
        CONTEXT,
        "补录单据会使{depot}的{item}（批次 {lot}）在 {first_date} 结存变为负数（{balance}{unit}）",
    )


class BeforeStocktake(LedgerError):
    template = QT_TRANSLATE_NOOP(
        CONTEXT,
        "{depot}的{item}已于 {stocktake_date} 盘点，不能登记早于盘点日期（{doc_date}）的单据",
    )


class PeriodClosed(LedgerError):
    template = QT_TRANSLATE_NOOP(CONTEXT, "{period} 已结账，不能登记日期为 {doc_date} 的单据")


class UnknownRecord(LedgerError):
    template = QT_TRANSLATE_NOOP(CONTEXT, "找不到{kind}“{key}”")


class DuplicateRecord(LedgerError):
    template = QT_TRANSLATE_NOOP(CONTEXT, "{kind}“{key}”已存在")


class PostedDocumentImmutable(LedgerError):
    template = QT_TRANSLATE_NOOP(
        CONTEXT, "已过账的{what}不能修改或删除；如有错误，请红冲后重新登记"
    )


class AlreadyReversed(LedgerError):
    template = QT_TRANSLATE_NOOP(CONTEXT, "单据 {number} 已经红冲，不能再次红冲")


class CannotReverseReversal(LedgerError):
    template = QT_TRANSLATE_NOOP(CONTEXT, "单据 {number} 本身是红冲单，不能再红冲")


class ExpiredLot(LedgerError):
    template = QT_TRANSLATE_NOOP(
        CONTEXT,
        "{item}（批次 {lot}）已于 {expiry} 过期，出库需填写放行理由",
    )


class MissingField(LedgerError):
    template = QT_TRANSLATE_NOOP(CONTEXT, "{where}缺少必填项：{field}")


class InvalidValue(LedgerError):
    template = QT_TRANSLATE_NOOP(CONTEXT, "{where}的{field}“{value}”无效：{reason}")


class EmptyDocument(LedgerError):
    template = QT_TRANSLATE_NOOP(CONTEXT, "单据没有任何明细行")


class UncountedLots(LedgerError):
    template = QT_TRANSLATE_NOOP(
        CONTEXT,
        "全面盘点还有 {count} 个批次未清点：{lots}。请逐一确认按零处理或保持不变后再过账",
    )


class ReturnExceedsIssue(LedgerError):
    template = QT_TRANSLATE_NOOP(
        CONTEXT,
        "{item}（批次 {lot}）归还 {requested}{unit}，超过出库单 {number} 尚未归还的 {open}{unit}",
    )


class SameDepotTransfer(LedgerError):
    template = QT_TRANSLATE_NOOP(CONTEXT, "调拨的调出库和调入库不能相同（{depot}）")


class DatabaseError(LedgerError):
    template = QT_TRANSLATE_NOOP(CONTEXT, "数据库“{path}”无法使用：{reason}")


class PersonalKeyMissing(DatabaseError):
    template = QT_TRANSLATE_NOOP(
        CONTEXT,
        "数据库“{path}”中的身份证号和电话已加密，找不到它的密钥文件“{key}”。请把这个数据库的"
        "密钥文件放回该位置（或用环境变量 LEDGER_KEY_FILE 指明它）后再打开；数据库没有任何改动",
    )


class PersonalKeyWrong(DatabaseError):
    template = QT_TRANSLATE_NOOP(
        CONTEXT,
        "密钥文件“{key}”不是数据库“{path}”的密钥，其中的身份证号和电话无法解密。请换回这个"
        "数据库自己的密钥文件后再打开；数据库没有任何改动",
    )


class PersonalKeyBroken(DatabaseError):
    template = QT_TRANSLATE_NOOP(
        CONTEXT, "个人信息密钥文件“{key}”已损坏或不是本程序的密钥文件；请从保存的副本中找回它"
    )


class NewerDatabase(LedgerError):
    template = QT_TRANSLATE_NOOP(
        CONTEXT,
        "数据库“{path}”由更新版本的程序创建（结构版本 {revision}），请升级本程序后再打开",
    )


class DatabaseBusy(LedgerError):
    template = QT_TRANSLATE_NOOP(CONTEXT, "数据库正被另一个程序写入，请稍候再试（{path}）")


class PermissionDenied(LedgerError):
    template = QT_TRANSLATE_NOOP(CONTEXT, "用户“{user}”无权{action}")


# --- accounts and data safety (issue 7) ---


class WrongPassword(LedgerError):
    template = QT_TRANSLATE_NOOP(
        CONTEXT, "用户名或密码错误（再错 {left} 次账户将锁定 {minutes} 分钟）"
    )


class AccountLocked(LedgerError):
    template = QT_TRANSLATE_NOOP(
        CONTEXT, "账户“{user}”因多次输错密码已锁定，请于 {until} 后再试，或请管理员解锁"
    )


class AccountDisabled(LedgerError):
    template = QT_TRANSLATE_NOOP(CONTEXT, "账户“{user}”已停用，请联系管理员")


class PasswordChangeRequired(LedgerError):
    template = QT_TRANSLATE_NOOP(CONTEXT, "账户“{user}”须先设置新密码才能使用")


class WeakPassword(LedgerError):
    template = QT_TRANSLATE_NOOP(CONTEXT, "新密码不符合要求：{reason}")


class LoginRequired(LedgerError):
    template = QT_TRANSLATE_NOOP(
        CONTEXT,
        "此数据库已有账户，须先登录：用 --user 给出用户名，密码在控制台输入"
        "（无控制台的脚本由环境变量 LEDGER_PASSWORD 给出）",
    )


class NotLoggedIn(PermissionDenied):
    template = QT_TRANSLATE_NOOP(CONTEXT, "“{user}”不是本数据库中已登录的账户，操作被拒绝")


class WrongRecoveryCode(LedgerError):
    template = QT_TRANSLATE_NOOP(CONTEXT, "恢复码不正确，或账户“{user}”没有设置恢复码")


class LastAdmin(LedgerError):
    template = QT_TRANSLATE_NOOP(CONTEXT, "“{user}”是最后一个可用的管理员账户，不能停用或降级")


class DatabaseCorrupt(DatabaseError):
    template = QT_TRANSLATE_NOOP(
        CONTEXT,
        "数据库“{path}”已损坏（{reason}）。文件未作任何改动；请打开其他数据库或从备份恢复",
    )


class DiskFull(DatabaseError):
    template = QT_TRANSLATE_NOOP(
        CONTEXT,
        "磁盘空间已满，本次操作未保存（{path}）。请清理磁盘或把数据库移到有空间的位置后重试",
    )


class OutputNotWritten(LedgerError):
    template = QT_TRANSLATE_NOOP(
        CONTEXT, "无法写入“{path}”：{reason}。没有留下不完整的文件；请换一个位置或清理磁盘后重试"
    )


class ReadOnlyDatabase(DatabaseError):
    template = QT_TRANSLATE_NOOP(
        CONTEXT,
        "数据库“{path}”或其所在文件夹只读，无法保存。请检查文件权限，或把数据库复制到可写的位置",
    )


class DatabaseInUse(DatabaseError):
    template = QT_TRANSLATE_NOOP(
        CONTEXT,
        "数据库“{path}”已在另一个程序窗口中打开（{holder}）。请切换到该窗口，或打开其他数据库",
    )


class FontNotFound(LedgerError):
    template = QT_TRANSLATE_NOOP(
        CONTEXT,
        "找不到可嵌入 PDF 的中文 TrueType 字体（已查找：{searched}）。"
        "请安装文泉驿正黑（Linux：sudo apt install fonts-wqy-zenhei；Windows 自带宋体 simsun.ttc），"  # noqa: E501
        "或在设置中指定字体文件（环境变量 LEDGER_REPORT_FONT）",
    )


class FontUnusable(LedgerError):
    template = QT_TRANSLATE_NOOP(CONTEXT, "字体文件“{path}”不能用于 PDF 报表：{reason}")


class PeriodAlreadyClosed(LedgerError):
    template = QT_TRANSLATE_NOOP(CONTEXT, "{depot}的{period}已经结账")


class PeriodNotEnded(LedgerError):
    template = QT_TRANSLATE_NOOP(CONTEXT, "{period}尚未结束（截止 {end}），不能结账")


class NotLastClose(LedgerError):
    template = QT_TRANSLATE_NOOP(
        CONTEXT, "{depot}只能反结账最近一次结账（{last}），不能反结账{period}"
    )


class ProfileInvalid(LedgerError):
    template = QT_TRANSLATE_NOOP(CONTEXT, "规划文件“{file}”有误（{rule}，字段 {field}）：{reason}")


class ProfileUnreadable(LedgerError):
    template = QT_TRANSLATE_NOOP(CONTEXT, "规划文件“{file}”无法读取：{reason}")


# --- exchange between offices (数据交换, issue 8) ----------------------------------------


class PlanUnreadable(LedgerError):
    template = QT_TRANSLATE_NOOP(CONTEXT, "规划文本“{file}”无法读取：{reason}")


class PackageDamaged(LedgerError):
    template = QT_TRANSLATE_NOOP(CONTEXT, "数据包“{name}”已损坏或不完整，不能导入：{reason}")


class PackageUnsigned(LedgerError):
    template = QT_TRANSLATE_NOOP(
        CONTEXT, "数据包“{name}”没有签名，不能导入：只接受已登记办公室签发的数据包"
    )


class PackageSignatureInvalid(LedgerError):
    template = QT_TRANSLATE_NOOP(
        CONTEXT,
        "数据包“{name}”的签名无效，不能导入：签发后内容被改动过，"
        "或不是{unit}登记的电脑（安装编号 {installation}）签发的",
    )


class PackageTampered(LedgerError):
    template = QT_TRANSLATE_NOOP(
        CONTEXT, "数据包“{name}”中的文件 {file} 与签名清单不符（{reason}），不能导入"
    )


class PackageTooNew(LedgerError):
    template = QT_TRANSLATE_NOOP(
        CONTEXT, "数据包“{name}”由更新版本的程序生成（{what} {version}），请先升级本程序再导入"
    )


class UnknownSender(LedgerError):
    template = QT_TRANSLATE_NOOP(
        CONTEXT,
        "数据包来自未登记的电脑（单位 {unit}，安装编号 {installation}），不能导入："
        "请先导入该办公室的公钥文件进行登记",
    )


class TwoInstallations(LedgerError):
    template = QT_TRANSLATE_NOOP(
        CONTEXT,
        "单位 {unit} 已登记由另一台电脑（安装编号 {registered}）报送，此数据包却来自安装编号 "
        "{installation}：同一单位只能由一台电脑报送。如已更换电脑，请重新登记新电脑的公钥文件",
    )


class SenderRetired(LedgerError):
    template = QT_TRANSLATE_NOOP(
        CONTEXT,
        "安装编号 {installation}（单位 {unit}）的登记已于 {retired} 被新电脑取代，"
        "不再接受它的数据包",
    )


class PackageReplayed(LedgerError):
    template = QT_TRANSLATE_NOOP(
        CONTEXT,
        "{unit}的第 {seq} 号数据包{when}，是重复或过期的数据包，本次未作任何改动"
        "（本库已导入到第 {last} 号）",
    )


class PackageOutOfOrder(LedgerError):
    template = QT_TRANSLATE_NOOP(
        CONTEXT,
        "{unit}的第 {seq} 号数据包是增量包，要先导入第 {missing} 号数据包"
        "（本库已导入到第 {last} 号）；也可请对方导出完整数据包",
    )


class PackageSequenceClash(LedgerError):
    template = QT_TRANSLATE_NOOP(
        CONTEXT,
        "{unit}的第 {seq} 号数据包已导入过内容不同的另一个版本：可能有两台电脑在使用同一个身份"
        "（安装编号 {installation}），请核实后由对方导出完整数据包",
    )


class OwnPackage(LedgerError):
    template = QT_TRANSLATE_NOOP(CONTEXT, "数据包“{name}”是本机自己导出的，不能导入本机")


class ForeignRecords(LedgerError):
    template = QT_TRANSLATE_NOOP(
        CONTEXT, "数据包含有 {count} 条不属于{unit}的记录，不能导入：{examples}"
    )


class PackageConflict(LedgerError):
    template = QT_TRANSLATE_NOOP(CONTEXT, "数据包与本库的数据冲突，不能导入：{reason}")


class SigningKeyMissing(LedgerError):
    template = QT_TRANSLATE_NOOP(
        CONTEXT,
        "找不到本办公室的签名私钥文件“{path}”（安装编号 {installation}）：请从原电脑复制该文件，"
        "或建立新的签名身份并请上级重新登记",
    )


class KeyFileInvalid(LedgerError):
    template = QT_TRANSLATE_NOOP(CONTEXT, "公钥文件“{name}”无效：{reason}")


class NotInTransit(LedgerError):
    template = QT_TRANSLATE_NOOP(CONTEXT, "调拨单 {number} 不在途（{reason}），不能接收")


class DatabaseNotEmpty(LedgerError):
    template = QT_TRANSLATE_NOOP(
        CONTEXT,
        "数据库“{path}”已有数据（{units} 个单位）：演示数据只写入新的空数据库，请用 --db 指定一个新文件",  # noqa: E501
    )


class RecordOwnedElsewhere(LedgerError):
    template = QT_TRANSLATE_NOOP(
        CONTEXT,
        "{what}属于{unit}，由该办公室自己的电脑管理并通过数据包报送，本库只能查看，不能修改",
    )


class BackupFailed(LedgerError):
    template = QT_TRANSLATE_NOOP(CONTEXT, "备份到“{path}”失败：{reason}")


class RestoreRefused(LedgerError):
    template = QT_TRANSLATE_NOOP(CONTEXT, "不能用“{path}”恢复：{reason}。当前数据库没有任何改动")


class RecordInUse(LedgerError):
    template = QT_TRANSLATE_NOOP(
        CONTEXT, "{record}仍被引用，不能删除：{uses}。不再使用的记录请停用"
    )


class CatalogueNotEmpty(LedgerError):
    template = QT_TRANSLATE_NOOP(
        CONTEXT, "物资目录中已有 {count} 种物资；标准物资目录只能载入空目录"
    )
