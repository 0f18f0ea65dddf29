"""Reading a profile file: TOML through a schema that names the file, rule and field on error.

A profile file has one ``[profile]`` table and ``[[rule]]`` tables::

    [profile]
    id = "henan-2021-66"            # letters, digits and "-"
    name = "…规划"                   # the plan's title
    issuer = "河南省人民政府"
    number = "豫政〔2021〕66号"       # document number ("" for a draft)
    date = 2021-12-31               # optional: the plan's date
    effective = 2021-12-31          # rules take effect from here unless they say otherwise
    source = "002_e3fc9baec15275d5.txt"
    region = "河南省"

    [[rule]]
    id = "P-T3"
    kind = "team_headcount"          # see ledger.norms.kinds
    title = "县级专（兼）职综合应急救援队伍不少于50人"
    levels = ["县"]                  # where it applies (empty: everywhere)
    flags_any = []; flags_all = []; flags_none = []   # conditions on unit flags
    communities = true              # false: 村 means 行政村, not urban 社区 (居委会)
    effective = 2025-12-31          # optional
    range_text = ""                 # the plan's own range when its lower bound is used
    citation = { section = "三、（五）", quote = "…", source = "002:161" }
    # … then the kind's own parameters
"""

from __future__ import annotations

import re
import tomllib
from datetime import date
from pathlib import Path
from typing import Any

from ledger.core.errors import ProfileInvalid, ProfileUnreadable
from ledger.norms import params as p
from ledger.norms.kinds import KINDS
from ledger.norms.model import Citation, Profile, Rule

PROFILE_ID = re.compile(r"^[a-z0-9][a-z0-9-]{1,63}$")
PROFILE_FIELDS = {"id", "name", "issuer", "number", "date", "effective", "source", "region", "note"}
RULE_FIELDS = {
    "id", "kind", "title", "citation", "effective", "levels",
    "flags_any", "flags_all", "flags_none", "communities", "range_text", "note",
}  # fmt: skip


class _Invalid(Exception):
    def __init__(self, rule: str, field: str, reason: str) -> None:
        super().__init__(reason)
        self.rule, self.field, self.reason = rule, field, reason


def load_profile(path: Path) -> Profile:
    """Read and validate the profile file at ``path``.

    Raises:
        ProfileUnreadable: the file cannot be read or is not TOML.
        ProfileInvalid: the file reads but breaks the schema; names the rule and the field.
    """
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ProfileUnreadable(file=path.name, reason=error.strerror or str(error)) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ProfileUnreadable(file=path.name, reason=f"不是有效的 TOML：{error}") from None
    return parse_profile(data, name=path.name, path=str(path))


def parse_profile(data: dict[str, Any], *, name: str, path: str = "") -> Profile:
    """Validate parsed TOML ``data`` into a :class:`Profile` (``name`` is used in errors).

    Raises:
        ProfileInvalid: naming the file, the rule (or [profile]) and the field.
    """
    try:
        return _profile(data, path)
    except _Invalid as error:
        raise ProfileInvalid(
            file=name, rule=error.rule, field=error.field, reason=error.reason
        ) from None


def _profile(data: dict[str, Any], path: str) -> Profile:
    head = data.get("profile")
    if not isinstance(head, dict):
        raise _Invalid("[profile]", "profile", "缺少 [profile] 表")
    _no_unknown("[profile]", head, PROFILE_FIELDS)
    extra = sorted(set(data) - {"profile", "rule"})
    if extra:
        raise _Invalid("文件", extra[0], "未知的表，只能有 [profile] 与 [[rule]]")
    pid = _get("[profile]", head, "id", p.text)
    if not PROFILE_ID.match(pid):
        raise _Invalid("[profile]", "id", "只能由小写字母、数字和“-”组成（2–64个字符）")
    effective = _get("[profile]", head, "effective", p.a_date)
    rules_data = data.get("rule", [])
    if not isinstance(rules_data, list) or not rules_data:
        raise _Invalid("[profile]", "rule", "至少要有一条 [[rule]]")
    rules = [_rule(i, r, effective) for i, r in enumerate(rules_data, start=1)]
    seen: set[str] = set()
    for rule in rules:
        if rule.id in seen:
            raise _Invalid(f"规则 {rule.id}", "id", "规则编号重复")
        seen.add(rule.id)
    return Profile(
        id=pid,
        name=_get("[profile]", head, "name", p.text),
        issuer=_get("[profile]", head, "issuer", p.text, ""),
        number=_get("[profile]", head, "number", _any_text, ""),
        date=_get("[profile]", head, "date", p.a_date, None),
        source=_get("[profile]", head, "source", p.text, ""),
        region=_get("[profile]", head, "region", p.text, ""),
        note=_get("[profile]", head, "note", _any_text, ""),
        rules=tuple(rules),
        path=path,
    )


def _rule(index: int, table: Any, default_effective: date) -> Rule:
    where = f"第{index}条规则"
    if not isinstance(table, dict):
        raise _Invalid(where, "rule", "应为表格")
    rid = _get(where, table, "id", p.text)
    where = f"规则 {rid}"
    kind_name = _get(where, table, "kind", p.text)
    kind = KINDS.get(kind_name)
    if kind is None:
        raise _Invalid(where, "kind", f"未知类型“{kind_name}”，可用：" + "、".join(KINDS))
    own = {k: v for k, v in table.items() if k not in RULE_FIELDS}
    try:
        prm = p.read_fields(kind.params, own)
    except p.FieldError as error:
        raise _Invalid(where, error.field, error.reason) from None
    except ValueError as error:
        raise _Invalid(where, kind_name, str(error)) from None
    return Rule(
        id=rid,
        kind=kind_name,
        title=_get(where, table, "title", p.text),
        citation=_citation(where, table.get("citation")),
        effective=_get(where, table, "effective", p.a_date, default_effective),
        params=prm,
        levels=_get(where, table, "levels", p.levels, frozenset()),
        flags_any=_get(where, table, "flags_any", p.flags, frozenset()),
        flags_all=_get(where, table, "flags_all", p.flags, frozenset()),
        flags_none=_get(where, table, "flags_none", p.flags, frozenset()),
        communities=_get(where, table, "communities", p.boolean, True),
        range_text=_get(where, table, "range_text", _any_text, ""),
        note=_get(where, table, "note", _any_text, ""),
    )


def _citation(where: str, value: Any) -> Citation:
    if not isinstance(value, dict):
        raise _Invalid(where, "citation", "缺少出处（citation = { section, quote, source }）")
    _no_unknown(where, value, {"section", "quote", "source"}, prefix="citation.")
    return Citation(
        section=_get(where, value, "section", p.text, field_name="citation.section"),
        quote=_get(where, value, "quote", p.text, field_name="citation.quote"),
        source=_get(where, value, "source", _any_text, "", field_name="citation.source"),
    )


_MISSING = object()


def _get(
    where: str,
    table: dict[str, Any],
    key: str,
    convert: p.Converter,
    default: Any = _MISSING,
    field_name: str = "",
) -> Any:
    if key not in table:
        if default is _MISSING:
            raise _Invalid(where, field_name or key, "缺少此项")
        return default
    try:
        return convert(table[key])
    except ValueError as error:
        raise _Invalid(where, field_name or key, str(error)) from None


def _any_text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("应为文字")
    return value.strip()


def _no_unknown(where: str, table: dict[str, Any], known: set[str], prefix: str = "") -> None:
    unknown = sorted(set(table) - known)
    if unknown:
        raise _Invalid(where, prefix + unknown[0], "未知字段，可用：" + "、".join(sorted(known)))
