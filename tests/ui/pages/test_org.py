"""组织机构: add, edit and move units, posts, drills and training through the dialogs."""

from __future__ import annotations

from ledger.core.enums import Level, PostKind, Trainee
from ledger.services.org import training as drills
from ledger.services.org import tree as org
from ledger.ui.dialogs import org as org_dialogs
from ledger.ui.pages.org import OrgPage


def shown_page(qtbot, ctx) -> OrgPage:
    page = OrgPage(ctx)
    qtbot.addWidget(page)
    page.show()
    return page


def drive(qtbot, monkeypatch, cls, fill):
    """Replace ``cls.ask`` by the real dialog, filled by ``fill`` and saved with its button."""
    seen = []

    def ask(*args, **kwargs):
        dialog = cls(*args, **kwargs)
        qtbot.addWidget(dialog)
        fill(dialog)
        dialog.ok_button.click()
        seen.append(dialog)
        return dialog.result_value

    monkeypatch.setattr(cls, "ask", staticmethod(ask))
    return seen


def test_the_county_is_selected_with_its_facts(qtbot, ctx, town) -> None:
    page = shown_page(qtbot, ctx)
    assert page.title.text() == "中牟县"
    title = "河南省“十四五”应急管理体系和本质安全能力建设规划（豫政〔2021〕66号）"
    assert page.fact_labels["profile"].text() == title  # the plan's title, not its id
    assert page.tree.select(town.village)
    assert page.fact_labels["profile"].text() == title + "（继承上级）"


def test_a_village_is_added_below_the_town(qtbot, ctx, town, monkeypatch) -> None:
    def fill(dialog):
        dialog.code.setText("410122100202")
        dialog.name.setText("西村")
        dialog.population.setValue(1260)
        dialog.flags["防汛重点"].setChecked(True)

    seen = drive(qtbot, monkeypatch, org_dialogs.UnitDialog, fill)
    page = shown_page(qtbot, ctx)
    page.tree.select(town.town)
    page.add_button.click()
    assert seen[0].level.value() is Level.VILLAGE
    assert page.title.text() == "西村"
    assert page.fact_labels["flags"].text() == "防汛重点"
    assert page.fact_labels["population"].text() == "1,260"


def test_a_refused_unit_stays_open_with_the_reason(qtbot, ctx, town, monkeypatch, recorder):
    seen = drive(
        qtbot,
        monkeypatch,
        org_dialogs.UnitDialog,
        lambda d: (d.code.setText("410122100201"), d.name.setText("重复")),
    )
    page = shown_page(qtbot, ctx)
    page.tree.select(town.town)
    page.add_button.click()
    assert seen[0].result_value is None
    assert seen[0].banner.text() == "区划代码“410122100201”已存在"
    assert recorder.kinds("refusal")[0].text == "区划代码“410122100201”已存在"


def test_a_village_moves_to_another_town(qtbot, ctx, town, monkeypatch, gui_actor) -> None:
    with ctx.db.transaction(gui_actor) as s:
        other = org.add_unit(
            s, gui_actor, org.UnitInput("410122101", "韩寺镇", Level.TOWN, town.county)
        )
    drive(qtbot, monkeypatch, org_dialogs.MoveDialog, lambda d: d.tree.select(other))
    page = shown_page(qtbot, ctx)
    page.tree.select(town.village)
    page.move_button.click()
    assert ctx.read(lambda s: org.unit(s, town.village)).parent_id == other


def test_posts_drills_and_training_are_recorded(qtbot, ctx, town, monkeypatch) -> None:
    def post(d):
        d.kind.set_value(PostKind.GRID_WORKER)
        d.name.setText("王五")
        d.phone.setText("13812345678")

    drive(qtbot, monkeypatch, org_dialogs.PostDialog, post)
    drive(
        qtbot,
        monkeypatch,
        org_dialogs.DrillDialog,
        lambda d: (d.title.setText("防汛演练"), d.participants.setValue(35)),
    )
    drive(
        qtbot,
        monkeypatch,
        org_dialogs.TrainingDialog,
        lambda d: (
            d.person.setText("王五"),
            d.days.setText("1.5"),
            d.trainee.set_value(Trainee.MEMBER),
        ),
    )
    page = shown_page(qtbot, ctx)
    page.tree.select(town.village)
    page.add_post()
    page.add_drill()
    page.add_training()
    assert [(p.kind, p.name, p.phone) for p in page.posts.rows] == [
        (PostKind.GRID_WORKER, "王五", "13812345678")
    ]
    assert [(d.title, d.participants) for d in page.drills.rows] == [("防汛演练", 35)]
    (training,) = ctx.read(lambda s: drills.trainings(s, town.village))
    assert (training.person, training.trainee) == ("王五", Trainee.MEMBER)
