"""The Contacts tab, driven with the Pilot on the demo store at a fixed today."""

from __future__ import annotations

import io
import shutil
import threading
from datetime import date, timedelta

import pytest
from app_helpers import TODAY, make_app, on_disk, settle
from rich.console import Console
from textual.widgets import Button, Checkbox, Input, Label, Select, Static, TabbedContent

from netplan.cli import main
from netplan.domain.budget import minutes_in_week
from netplan.domain.followups import FollowUp, last_interaction_days, next_follow_up
from netplan.domain.people_index import PeopleIndex
from netplan.store import Store
from netplan.tui.common.help import HelpScreen
from netplan.tui.contacts.detail import ContactDetail
from netplan.tui.contacts.dialogs import CadenceForm, ConfirmDelete
from netplan.tui.contacts.form import ContactForm
from netplan.tui.contacts.log_form import LogForm
from netplan.tui.contacts.pane import FilterInput
from netplan.tui.contacts.review import ReviewScreen
from netplan.tui.contacts.table import ContactTable


def table_of(app) -> ContactTable:
    return app.query_one(ContactTable)


def names(app) -> list[str]:
    return [row.contact.name for row in table_of(app).rows or []]


def tab_label(app) -> str:
    return str(app.query_one(TabbedContent).get_tab("contacts").label)


def text_of(renderable) -> str:
    console = Console(width=200, file=io.StringIO(), color_system=None)
    console.print(renderable)
    return console.file.getvalue()


def detail_text(app) -> str:
    detail = app.query_one(ContactDetail)  # the fields, then the journal (a list of its own)
    return text_of(detail.query_one(".contact-detail-body").content) + text_of(
        detail.journal.render()
    )


async def open_tab(pilot, app) -> None:
    await settle(pilot, app)
    await pilot.press("3")
    await pilot.pause()


async def select(pilot, app, name: str) -> None:
    """Put the cursor on the contact called `name` (filtering for it, then back to the table)."""
    await pilot.press("slash")
    app.query_one(FilterInput).value = name
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    assert table_of(app).current.contact.name == name
    assert app.focused is table_of(app)


def contact_on_disk(store: Store, contact_id: str):
    return next(c for c in on_disk(store).contacts.contacts if c.id == contact_id)


# --- the table, its title and its order -------------------------------------------------


async def test_title_counts_and_most_overdue_first(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        data = app.data
        listed = [c for c in data.contacts.contacts if not c.archived]
        last = last_interaction_days(data.journal)
        due = sorted(
            (d, c.name.casefold(), c.id, c)
            for c in listed
            if (d := next_follow_up(c, data.plan.settings, last.get(c.id))) is not None
        )
        overdue = [FollowUp(c, d, (TODAY - d).days) for d, _n, _i, c in due if d < TODAY]
        assert overdue
        # Counted while the tab is still hidden.
        assert tab_label(app) == f"Contacts {len(listed)} · {len(overdue)} overdue"
        await pilot.press("3")
        await pilot.pause()
        assert app.query_one(TabbedContent).active == "contacts"
        assert app.focused is table_of(app)
        shown = names(app)
        assert len(shown) == len(listed)
        assert "Omar Siddiqui" not in shown  # archived: hidden
        assert shown[: len(overdue)] == [f.contact.name for f in overdue]
        # The detail pane follows the cursor.
        assert overdue[0].contact.name in detail_text(app)
        assert "overdue" in detail_text(app)
        await pilot.press("j")
        await pilot.pause()
        assert overdue[1].contact.name in detail_text(app)


async def test_loading_state_until_the_people_arrive(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()
    real = Store.read_contacts

    def slow(self, *args):
        release.wait(5)
        return real(self, *args)

    monkeypatch.setattr(Store, "read_contacts", slow)
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        table = table_of(app)
        assert table.rows is None
        assert table.message == "Loading contacts…"
        assert tab_label(app) == "Contacts"
        await pilot.press("a")  # nothing to add to yet: a warning, no form
        assert not isinstance(app.screen, ContactForm)
        release.set()
        await settle(pilot, app)
        await pilot.pause()
        assert len(names(app)) == 38
        assert tab_label(app).startswith("Contacts 38")


async def test_the_people_are_derived_once_in_the_loading_thread(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    built: list[tuple[int, int]] = []
    real = PeopleIndex.build

    def spy(self, book, journal, settings, today, *events):
        built.append((len(book.contacts), threading.get_ident()))
        yield from real(self, book, journal, settings, today, *events)

    monkeypatch.setattr(PeopleIndex, "build", spy)
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        assert [count for count, _thread in built] == [40]
        assert built[0][1] != threading.get_ident()  # not on the app's thread
        assert tab_label(app).startswith("Contacts 38 · ")
        await pilot.press("3")
        await pilot.pause()
        assert len(names(app)) == 38
        await pilot.press("slash", *"paella", "enter", "d", "y")  # later changes: in place
        await settle(pilot, app)
        assert tab_label(app).startswith("Contacts 37 · ")
        assert len(built) == 1


async def test_filter_narrows_as_you_type_and_escape_clears(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_tab(pilot, app)
        everyone = names(app)
        await pilot.press("slash")
        assert isinstance(app.focused, FilterInput)
        await pilot.press(*"fintech")
        fintech = names(app)
        assert 0 < len(fintech) < len(everyone)
        for row in table_of(app).rows:
            assert "fintech" in row.search
        # Letters go to the input, not to the tab's keys (s would sort, a would add).
        await pilot.press("space", "s", "a", "x", "l")
        assert app.query_one(FilterInput).value == "fintech saxl"
        assert not isinstance(app.screen, ContactForm)
        assert names(app) == []
        assert "No contact matches" in table_of(app).message
        await pilot.press("escape")
        assert app.query_one(FilterInput).value == ""
        assert names(app) == everyone
        assert app.focused is table_of(app)
        # Notes and topics count too, in any case.
        await pilot.press("slash", *"PAELLA")
        assert names(app) == ["Elena Marín"]
        await pilot.press("enter")
        assert app.focused is table_of(app)
        await pilot.press("escape")  # from the table too
        assert names(app) == everyone


async def test_s_cycles_the_sort(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_tab(pilot, app)
        by_due = [row.due or date.max for row in table_of(app).rows]
        assert by_due == sorted(by_due)
        await pilot.press("s")
        assert names(app) == sorted(names(app), key=str.casefold)
        await pilot.press("s")
        lasts = [row.last for row in table_of(app).rows]
        never = [d for d in lasts if d is None]
        assert lasts[: len(never)] == never
        seen = lasts[len(never) :]
        assert seen == sorted(seen)
        await pilot.press("s")
        assert [row.due or date.max for row in table_of(app).rows] == by_due


async def test_cursor_moves_with_keys_and_the_mouse(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_tab(pilot, app)
        table = table_of(app)
        await pilot.press("down", "j", "j", "k")
        assert table.cursor == 2
        await pilot.press("end")
        assert table.cursor == len(table.rows) - 1
        assert table.scroll_y > 0
        await pilot.press("home")
        assert table.cursor == 0 and table.scroll_y == 0
        await pilot.click(ContactTable, offset=(5, 3))  # the header, then rows 0, 1, 2
        assert table.cursor == 2
        await pilot.click(ContactTable, offset=(3, 0))  # the Name header sorts by name
        await pilot.pause()
        assert names(app) == sorted(names(app), key=str.casefold)


# --- add, edit, delete -------------------------------------------------------------------


async def test_add_shows_errors_beside_fields_then_saves(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_tab(pilot, app)
        await pilot.press("a")
        form = app.screen
        assert isinstance(form, ContactForm)
        await pilot.press("ctrl+s")
        assert "name" in str(form.query_one("#field-name .field-error", Label).content)
        form.query_one("#name", Input).value = "Jane Doe"
        form.query_one("#email", Input).value = "jane-at-example"
        form.query_one("#cadence_days", Input).value = "0"
        form.query_one("#follow_up", Input).value = "next week"
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, ContactForm)
        assert "email" in str(form.query_one("#field-email .field-error", Label).content)
        assert "at least 1" in str(
            form.query_one("#field-cadence_days .field-error", Label).content
        )
        assert "not a date" in str(form.query_one("#field-follow_up .field-error", Label).content)
        assert not str(form.query_one("#field-name .field-error", Label).content)
        form.query_one("#email", Input).value = "jane@example.com"
        form.query_one("#cadence_days", Input).value = "21"
        form.query_one("#follow_up", Input).value = "+14d"
        form.query_one("#tags", Input).value = "fintech, mentor, fintech"
        form.query_one("#topics", Input).value = "hiking"
        assert "jane-doe" in str(form.query_one("#id-hint", Label).content)
        await pilot.press("ctrl+s")
        assert not isinstance(app.screen, ContactForm)
        await settle(pilot, app)
        jane = contact_on_disk(demo_store, "jane-doe")
        assert (jane.name, jane.email, jane.cadence_days) == ("Jane Doe", "jane@example.com", 21)
        assert jane.follow_up == TODAY + timedelta(days=14)
        assert jane.tags == ["fintech", "mentor"]
        assert jane.created == TODAY
        assert table_of(app).current.contact.id == "jane-doe"
        assert tab_label(app).startswith("Contacts 39")
        await pilot.press("u")
        await settle(pilot, app)
        assert "jane-doe" not in {c.id for c in on_disk(demo_store).contacts.contacts}


async def test_a_second_contact_of_the_same_name_gets_its_own_id(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_tab(pilot, app)
        assert table_of(app).message.startswith("No contacts yet")
        for _ in range(2):
            await pilot.press("a")
            app.screen.query_one("#name", Input).value = "Sam Lee"
            await pilot.pause()
            await pilot.press("ctrl+s")
            await settle(pilot, app)
        ids = [c.id for c in on_disk(store).contacts.contacts]
        assert ids == ["sam-lee", "sam-lee-2"]


async def test_edit_every_field_and_the_milestones(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_tab(pilot, app)
        await select(pilot, app, "Chen Wei")
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, ContactForm)
        assert form.query_one("#name", Input).value == "Chen Wei"
        form.query_one("#role", Input).value = "Partner"
        form.query_one("#phone", Input).value = "+31 6 1234 5678"
        form.query_one("#handles", Input).value = "linkedin=https://x.example/chen, twitter=@chen"
        form.query_one("#add-milestone", Button).press()
        await pilot.pause()
        row = form.query(".milestone-row").last()
        row.query_one(".ms-label", Input).value = "Fund closes"
        row.query_one(".ms-date", Input).value = "2027-02-30"
        row.query_one(".ms-yearly", Checkbox).value = False
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, ContactForm)  # February has no 30th
        error = form.query_one(f"#field-ms{row.number}-date .field-error", Label)
        assert "not a real date" in str(error.content)
        row.query_one(".ms-date", Input).value = "2027-02-28"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        chen = contact_on_disk(demo_store, "chen-wei")
        assert chen.role == "Partner" and chen.phone == "+31 6 1234 5678"
        assert chen.handles == {"linkedin": "https://x.example/chen", "twitter": "@chen"}
        assert [(m.label, m.date, m.yearly) for m in chen.milestones] == [
            ("Fund closes", date(2027, 2, 28), False)
        ]
        assert "Fund closes" in detail_text(app)
        # Edit the milestone (yearly now), then remove it.
        await pilot.press("enter")
        form = app.screen
        row = form.query(".milestone-row").first()
        row.query_one(".ms-yearly", Checkbox).value = True
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert contact_on_disk(demo_store, "chen-wei").milestones[0].yearly is True
        await pilot.press("e")
        form = app.screen
        form.query_one(".ms-remove", Button).press()
        await pilot.pause()
        assert not form.query(".milestone-row")
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert contact_on_disk(demo_store, "chen-wei").milestones == []


async def test_delete_names_the_contact_and_undo_restores_the_journal(demo_store: Store) -> None:
    before = on_disk(demo_store)
    theirs = [i for i in before.journal.interactions if i.contact == "amara-okafor"]
    assert len(theirs) > 1
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_tab(pilot, app)
        await select(pilot, app, "Amara Okafor")
        await pilot.press("d")
        dialog = app.screen
        assert isinstance(dialog, ConfirmDelete)
        question = str(dialog.query_one("#question", Static).content)
        assert "Amara Okafor" in question and f"{len(theirs)} journal entries" in question
        await pilot.press("n")
        assert not isinstance(app.screen, ConfirmDelete)
        await pilot.press("d", "y")
        await settle(pilot, app)
        after = on_disk(demo_store)
        assert "amara-okafor" not in {c.id for c in after.contacts.contacts}
        assert not [i for i in after.journal.interactions if i.contact == "amara-okafor"]
        assert "Amara Okafor" not in names(app)
        await pilot.press("u")
        await settle(pilot, app)
        restored = on_disk(demo_store)
        assert restored.contacts == before.contacts
        assert restored.journal == before.journal
        assert "Amara Okafor" in names(app)


# --- logging -----------------------------------------------------------------------------


async def test_log_with_a_follow_up_updates_files_agenda_and_minutes(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_tab(pilot, app)
        await select(pilot, app, "Chen Wei")
        minutes_before = minutes_in_week(app.data.plan, app.data.journal, TODAY)
        await pilot.press("l")
        form = app.screen
        assert isinstance(form, LogForm)
        hooks = text_of(form.query_one("#hooks").content)
        assert "seed funding" in hooks  # topics first, so the message is personal
        form.query_one("#kind", Select).value = "coffee"
        form.query_one("#exchange", Select).value = "gave"
        await pilot.pause()
        assert form.query_one("#minutes", Input).value == "45"
        form.query_one("#note", Input).value = "Talked about [bold]open banking[/]"
        form.query_one("#follow_up", Input).value = "+14d"
        form.query_one("#promise", Input).value = "Send the market map"
        await pilot.pause()
        assert "2026-12-09" in str(form.query_one("#preview", Label).content)
        await pilot.press("ctrl+s")
        assert not isinstance(app.screen, LogForm)
        await settle(pilot, app)
        disk = on_disk(demo_store)
        logged = disk.journal.interactions[-1]
        assert logged.id.startswith("i-20261125-")
        assert len({i.id for i in disk.journal.interactions}) == len(disk.journal.interactions)
        assert (logged.contact, logged.kind, logged.exchange, logged.minutes) == (
            "chen-wei",
            "coffee",
            "gave",
            45,
        )
        assert logged.follow_up == date(2026, 12, 9)
        assert logged.promise == "Send the market map"
        assert contact_on_disk(demo_store, "chen-wei").follow_up == date(2026, 12, 9)
        assert minutes_in_week(app.data.plan, app.data.journal, TODAY) == minutes_before + 45
        row = table_of(app).current
        assert (row.contact.id, row.due, row.last) == ("chen-wei", date(2026, 12, 9), TODAY)
        text = detail_text(app)
        assert "Send the market map" in text
        assert "Talked about [bold]open banking[/]" in text  # shown as text, not markup
        rendered = "\n".join(
            part.plain
            for agenda in app.query(".agenda-body")
            for part in agenda.content.renderables
        )
        assert "Time this week" in rendered


async def test_the_log_form_writes_what_netplan_log_writes(demo_store: Store, tmp_path) -> None:
    """The same interaction typed in the form and on the command line: the same bytes."""
    twin = tmp_path / "twin"
    shutil.copytree(demo_store.folder, twin)
    status = main(
        [
            "--data",
            str(twin),
            "log",
            "chen",
            "--kind",
            "call",
            "--asked",
            "--minutes",
            "25",
            "--note",
            "Asked about the seed round",
            "--on",
            "yesterday",
            "--follow-up",
            "+7d",
            "--promise",
            "Share the deck",
        ],
        {"NETPLAN_TODAY": TODAY.isoformat()},
    )
    assert status == 0
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_tab(pilot, app)
        await select(pilot, app, "Chen Wei")
        await pilot.press("l")
        form = app.screen
        form.query_one("#kind", Select).value = "call"
        form.query_one("#exchange", Select).value = "asked"
        await pilot.pause()
        form.query_one("#minutes", Input).value = "25"
        form.query_one("#on", Input).value = "yesterday"
        form.query_one("#note", Input).value = "Asked about the seed round"
        form.query_one("#follow_up", Input).value = "+7d"
        form.query_one("#promise", Input).value = "Share the deck"
        await pilot.press("ctrl+s")
        assert not isinstance(app.screen, LogForm)
        await settle(pilot, app)
    for name in ("journal.toml", "contacts.toml"):
        assert (demo_store.folder / name).read_bytes() == (twin / name).read_bytes(), name


async def test_log_refuses_bad_days_but_not_a_promise_without_a_follow_up(
    demo_store: Store,
) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_tab(pilot, app)
        await pilot.press("l")
        form = app.screen
        form.query_one("#on", Input).value = "someday"
        form.query_one("#promise", Input).value = "Call back"
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, LogForm)
        assert "not a date" in str(form.query_one("#field-on .field-error", Label).content)
        # A promise without a follow-up is due a week later (spec 7.2): no error.
        assert str(form.query_one("#field-promise .field-error", Label).content) == ""
        form.query_one("#on", Input).value = "yesterday"
        form.query_one("#follow_up", Input).value = "-3d"
        await pilot.press("ctrl+s")
        assert "before" in str(form.query_one("#field-follow_up .field-error", Label).content)
        await pilot.press("escape")
        assert not isinstance(app.screen, LogForm)


async def test_asking_without_giving_first_shows_a_gentle_hint(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_tab(pilot, app)
        await select(pilot, app, "Henrik Dahl")  # the demo's "give first" contact
        assert table_of(app).current.balance.give_first
        await pilot.press("l")
        form = app.screen
        hint = form.query_one("#ask-hint", Label)
        assert not hint.display
        form.query_one("#exchange", Select).value = "asked"
        await pilot.pause()
        assert hint.display
        assert "offer help first?" in str(hint.content)
        await pilot.press("ctrl+s")  # a hint, not a block
        await settle(pilot, app)
        assert on_disk(demo_store).journal.interactions[-1].exchange == "asked"
        # Someone you gave more than you asked: no hint.
        await select(pilot, app, "Priya Raman")
        assert table_of(app).current.balance.net > 0
        await pilot.press("l")
        app.screen.query_one("#exchange", Select).value = "asked"
        await pilot.pause()
        assert not app.screen.query_one("#ask-hint", Label).display


# --- the monthly review ------------------------------------------------------------------


async def test_review_queue_counts_the_routine_once_finished(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_tab(pilot, app)
        before = on_disk(demo_store)
        done_before = before.plan.completions.get(TODAY, {}).get("review-contacts", 0)
        await pilot.press("R")
        review = app.screen
        assert isinstance(review, ReviewScreen)
        queue = list(review.queue)
        assert len(queue) > 10
        await pilot.press("k")  # keep
        await pilot.press("s")  # skip: not counted
        await pilot.press("c")  # set cadence
        assert isinstance(app.screen, CadenceForm)
        app.screen.query_one("#days", Input).value = "45"
        await pilot.press("enter")
        await pilot.press("a")  # archive
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("e")  # edit
        assert isinstance(app.screen, ContactForm)
        app.screen.query_one("#role", Input).value = "Reviewed role"
        await pilot.press("ctrl+s")
        await pilot.press(*["k"] * 6)  # ten decided: the review is done
        assert not isinstance(app.screen, ReviewScreen)
        await settle(pilot, app)
        after = on_disk(demo_store)
        assert after.plan.completions[TODAY]["review-contacts"] == done_before + 1
        people = {c.id: c for c in after.contacts.contacts}
        decided = [queue[0], *queue[2:11]]
        assert all(people[cid].reviewed == TODAY for cid in decided)
        assert people[queue[1]].reviewed != TODAY  # skipped
        assert people[queue[2]].cadence_days == 45
        assert people[queue[3]].archived is True
        assert people[queue[4]].role == "Reviewed role"
        assert tab_label(app).startswith("Contacts 37")  # one archived
        # Undo takes the completion and the last decision back together.
        await pilot.press("u")
        await settle(pilot, app)
        undone = on_disk(demo_store)
        assert undone.plan.completions.get(TODAY, {}).get("review-contacts", 0) == done_before
        last = next(c for c in undone.contacts.contacts if c.id == queue[10])
        assert last.reviewed != TODAY


async def test_review_of_a_short_queue_finishes_at_its_end(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_tab(pilot, app)
        await pilot.press("R")  # nobody to review
        assert not isinstance(app.screen, ReviewScreen)
        for name in ("Ann", "Bo"):
            await pilot.press("a")
            app.screen.query_one("#name", Input).value = name
            await pilot.press("ctrl+s")
            await settle(pilot, app)
        await pilot.press("R")
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("k", "s")
        assert not isinstance(app.screen, ReviewScreen)
        await settle(pilot, app)
        assert on_disk(store).plan.completions == {TODAY: {"review-contacts": 1}}
        await pilot.press("R")  # Bo was skipped: still waiting
        assert isinstance(app.screen, ReviewScreen)
        assert app.screen.queue == ["bo"]
        await pilot.press("escape")
        assert not isinstance(app.screen, ReviewScreen)


# --- keys, help, text safety -------------------------------------------------------------


async def test_keys_are_listed_in_help_and_the_palette(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_tab(pilot, app)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        listed = {desc.split(":")[0]: keys for keys, desc in app.screen.rows}
        for description in ("Filter", "Sort", "Add", "Edit", "Delete", "Log", "Review", "Undo"):
            assert description in listed, description
        assert "Move the cursor" in listed
        assert listed["Edit"] == "e ⏎"
        await pilot.press("escape")
        titles = [command.title for command in app.get_system_commands(app.screen)]
        for title in ("Filter", "Sort", "Add", "Edit", "Delete", "Log", "Review"):
            assert f"Contacts: {title}" in titles, title


async def test_text_from_the_store_is_never_markup(store: Store) -> None:
    (store.folder / "contacts.toml").write_text(
        '[[contacts]]\nid = "odd"\nname = "[bold red]Loud[/] \\u001b[31mX"\n'
        'notes = "[link=http://evil]click[/link]"\ntopics = ["[i]t[/i]"]\n'
    )
    app = make_app(Store(store.folder))
    async with app.run_test(size=(120, 36)) as pilot:
        await open_tab(pilot, app)
        line = table_of(app).render_line(1).text
        assert "[bold red]Loud[/]" in line and "\x1b" not in line
        text = detail_text(app)
        assert "[link=http://evil]click[/link]" in text and "[i]t[/i]" in text
        assert "\x1b" not in text


async def test_the_tab_works_at_80_by_24(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tab(pilot, app)
        header = table_of(app).render_line(0).text
        for title in ("Name", "Company", "Last", "Follow-up", "Gave/ask"):
            assert title in header
        assert len(names(app)) == 38
