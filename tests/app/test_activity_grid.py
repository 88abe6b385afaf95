"""Imported activity in the app (spec 7.3): grid totals and marks, the evidence line, the
routine form's "Also counts", replies owed and thanks in the agenda."""

from __future__ import annotations

from datetime import date

import pytest
from app_helpers import make_app, on_disk, settle, wait_for

from netplan.store import Store
from netplan.tui import app as app_module
from netplan.tui.week.agenda import Agenda
from netplan.tui.week.evidence import EvidenceLine
from netplan.tui.week.grid import EVIDENCE_MARK, RoutineGrid
from netplan.tui.week.panes import MonthPane, WeekPane
from netplan.tui.week.routine_form import RoutineForm

ACTIVITY = """
[[activity]]
id = "li-comment-1"
on = 2026-11-23
platform = "LinkedIn"
kind = "comment"
text = "[bold red]Great[/] point about data contracts"

[[activity]]
id = "li-reaction-1"
on = 2026-11-24
platform = "LinkedIn"
kind = "reaction"

[[activity]]
id = "li-article-1"
on = 2026-11-24
platform = "LinkedIn"
kind = "article"
text = "Data contracts, part 2"
"""

ENDORSED = """
[[activity]]
id = "li-endorse-1"
on = 2026-11-20
platform = "LinkedIn"
kind = "endorsement-received"
text = "Python"
contact = "jane-doe"
"""

CONTACTS = """
[[contacts]]
id = "jane-doe"
name = "Jane Doe"
"""

JOURNAL = """
[[interactions]]
id = "i-1"
contact = "jane-doe"
on = 2026-11-19
kind = "message"
source = "linkedin:message:2-ZTg3:2026-11-19"
last_from = "them"
"""


def grid_of(app, pane=WeekPane) -> RoutineGrid:
    return app.query_one(pane).grid


def cell(grid: RoutineGrid, row: int, column: str) -> str:
    return grid.get_cell(grid.row_keys[row], column).plain


def line_of(app, pane=WeekPane) -> str:
    return app.query_one(pane).query_one(EvidenceLine)._line.plain


def with_activity(store: Store, extra: str = "") -> Store:
    (store.folder / "activity.toml").write_text(ACTIVITY + extra, encoding="utf-8")
    return Store(store.folder)


async def loaded(pilot, app) -> None:
    await settle(pilot, app)
    await wait_for(pilot, lambda: app.data.activity is not None, what="activity loaded")
    await pilot.pause()


async def test_cells_show_totals_with_a_mark_and_the_line_names_the_items(store: Store) -> None:
    store = with_activity(store)
    app = make_app(store)
    async with app.run_test(size=(140, 40)) as pilot:
        await loaded(pilot, app)
        grid = grid_of(app)
        assert grid.row_keys[0] == "engage-posts"
        assert cell(grid, 0, "2026-11-23") == "1" + EVIDENCE_MARK
        assert cell(grid, 0, "2026-11-24") == "1" + EVIDENCE_MARK
        assert cell(grid, 0, "done") == "2/3"
        await pilot.press("space")  # a check-off today adds to the activity
        await settle(pilot, app)
        assert cell(grid_of(app), 0, "done") == "3/3"
        assert cell(grid_of(app), 0, "2026-11-25") == "1"  # no evidence: no mark
        assert "1 checked off" in line_of(app)
        await pilot.press("left", "left")  # Monday
        await pilot.pause()
        line = line_of(app)
        assert "Mon 23" in line and "Engage with posts" in line
        # The comment's text is shown as text: its brackets are not markup.
        assert "1 from LinkedIn: comment “[bold red]Great[/] point about data" in line
        # The month grid counts the article in its week column, and its total.
        await pilot.press("2")
        await pilot.pause()
        pane = app.query_one(MonthPane)
        week = pane.columns(app.data)[pane.today_column()][0]
        assert pane.grid.row_keys[0] == "write-article"
        assert cell(pane.grid, 0, week.key) == "1" + EVIDENCE_MARK
        assert cell(pane.grid, 0, "done") == "1/1"
    assert on_disk(store).plan.completions == {date(2026, 11, 25): {"engage-posts": 1}}


async def test_activity_arriving_later_updates_the_counts(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(app_module, "POLL_SECONDS", 0.1)
    app = make_app(store)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot, app)
        assert cell(grid_of(app), 0, "2026-11-23") == "·"
        with_activity(store)
        await wait_for(
            pilot,
            lambda: cell(grid_of(app), 0, "2026-11-23") == "1" + EVIDENCE_MARK,
            what="the grid to count the new activity",
        )
        assert cell(grid_of(app), 0, "done") == "2/3"


async def test_the_routine_form_writes_counts_only_when_changed(store: Store) -> None:
    store = with_activity(store)
    app = make_app(store)
    async with app.run_test(size=(140, 44)) as pilot:
        await loaded(pilot, app)
        await pilot.press("e")
        assert isinstance(app.screen, RoutineForm)
        counts = app.screen.query_one("#counts")
        assert set(counts.selected) == {"linkedin:comment", "linkedin:reaction"}  # the default
        await pilot.press("ctrl+s")  # nothing touched: nothing written
        await settle(pilot, app)
        assert on_disk(store).plan.routines[0].counts is None
        await pilot.press("e")
        counts = app.screen.query_one("#counts")
        values = [counts.get_option_at_index(n).value for n in range(counts.option_count)]
        assert "linkedin:event" in values and "event" in values
        counts.deselect("linkedin:reaction")
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert on_disk(store).plan.routines[0].counts == ["linkedin:comment"]
        assert cell(grid_of(app), 0, "2026-11-24") == "·"  # the reaction no longer counts
        assert cell(grid_of(app), 0, "done") == "1/3"


async def test_the_agenda_shows_replies_owed_and_thanks(store: Store) -> None:
    store = with_activity(store, ENDORSED)
    (store.folder / "contacts.toml").write_text(CONTACTS, encoding="utf-8")
    (store.folder / "journal.toml").write_text(JOURNAL, encoding="utf-8")
    app = make_app(Store(store.folder))
    async with app.run_test(size=(160, 50)) as pilot:
        await loaded(pilot, app)
        agenda = app.query_one(Agenda)
        await wait_for(pilot, lambda: "Replies owed" in _agenda_text(agenda), what="replies")
        text = _agenda_text(agenda)
        assert "Replies owed · 1" in text
        assert "6d ago" in text
        assert "thank them: endorsed you for Python, Nov 20" in text


def _agenda_text(agenda: Agenda) -> str:
    return "\n".join(part.plain for part in agenda._people_parts)
