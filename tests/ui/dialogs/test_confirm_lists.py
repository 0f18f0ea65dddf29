"""The confirmation dialog offers a plan's lists of examples (advisory equipment lists) too."""

from __future__ import annotations

from ledger.services.norms import settings as norm_settings
from ledger.ui.dialogs.norm_settings import ConfirmDialog


def test_an_advisory_list_is_confirmed_in_one_action_by_its_title(qtbot, ctx, town) -> None:
    dialog = ConfirmDialog(ctx, town.county, "xingyang-draft")
    qtbot.addWidget(dialog)
    offered = [dialog.attribute.itemText(i) for i in range(dialog.attribute.count())]
    lists = {"水灾害救援装备（专栏7）", "森林防灭火装备（专栏7）", "执法监管装备（专栏7）"}
    assert lists <= set(offered)
    dialog.attribute.setCurrentIndex(offered.index("森林防灭火装备（专栏7）"))
    dialog.accept()
    done = ctx.read(lambda s: norm_settings.confirmations(s, town.county))
    assert [c.attribute for c in done] == ["森林防灭火装备（专栏7）"]
