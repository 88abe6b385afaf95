"""Dunbar circles (spec 7.2): the cadence rule, nesting, capacity, the filter, refusals;
and the monthly review going on after a pause."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from factories import D, book, contact, journal

from netplan.cli import main
from netplan.domain.circles import (
    CIRCLE_CADENCE,
    capacity_note,
    circle_cadences,
    circle_counts,
    circle_label,
    next_circle,
    over_capacity,
)
from netplan.domain.contact_list import cadence_source, filter_circle
from netplan.domain.followups import cadence_for, cadences_of, next_follow_up
from netplan.domain.people_index import PeopleIndex
from netplan.domain.review import batch_done, needs_review, review_queue
from netplan.models import Settings
from netplan.store import FILES, REQUIRED, Store, StoreError
from netplan.store.codec import decode, encode

TODAY = D("2026-11-25")


def settings(by_circle: dict[str, int] | None = None, **by_tag: int) -> Settings:
    return Settings(cadence_by_tag=by_tag, cadence_by_circle=by_circle or {})


# --- the cadence rule ------------------------------------------------------------------


def test_cadence_days_then_tag_then_circle_then_none() -> None:
    s = settings({"15": 21}, mentor=30)
    assert cadence_for(contact(cadence_days=60, tags=["mentor"], circle=15), s) == 60
    assert cadence_for(contact(tags=["mentor"], circle=5), s) == 30  # a tag beats a circle
    assert cadence_for(contact(tags=["other"], circle=15), s) == 21
    assert cadence_for(contact(circle=5), s) == 7  # the default for 5
    assert cadence_for(contact(tags=["other"]), s) is None


def test_a_partial_cadence_by_circle_keeps_the_defaults_for_the_others() -> None:
    assert circle_cadences(Settings()) == CIRCLE_CADENCE == {5: 7, 15: 30, 50: 90, 150: 365}
    assert circle_cadences(settings({"50": 60})) == {5: 7, 15: 30, 50: 60, 150: 365}
    assert cadence_for(contact(circle=150), settings({"50": 60})) == 365


def test_the_detail_pane_says_where_the_cadence_comes_from() -> None:
    cadences = cadences_of(settings({"15": 21}, mentor=30))
    assert cadence_source(contact(circle=15), cadences) == "every 21 days (circle 15)"
    assert cadence_source(contact(circle=15, tags=["Mentor"]), cadences) == (
        "every 30 days (tag Mentor)"
    )


def test_the_people_index_and_due_use_the_circle_cadence() -> None:
    people = book(contact("ann", circle=5, created=D("2026-11-01")))
    index = PeopleIndex.of(people, journal(), Settings(), TODAY)
    row = index.by_id["ann"]
    assert (row.cadence, row.due) == (7, D("2026-11-08"))
    assert next_follow_up(people.contacts[0], Settings(), None) == D("2026-11-08")
    assert [f.contact.id for f in index.follow_ups(7)] == ["ann"]
    # A change of the circle's cadence in the settings rebuilds the rows.
    assert index.update(people, index.journal, settings({"5": 60}), TODAY)
    assert index.by_id["ann"].due == D("2026-12-31")


def test_netplan_due_reports_a_contact_due_by_its_circle(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "s"
    env = {"NETPLAN_TODAY": TODAY.isoformat(), "NETPLAN_DATA": str(folder)}
    assert main(["validate"], environ=env) == 0  # creates the store
    (folder / "contacts.toml").write_text(
        '[[contacts]]\nid = "ann"\nname = "Ann"\ncircle = 15\ncreated = 2026-10-01\n'
    )
    capsys.readouterr()
    assert main(["due", "--json"], environ=env) == 0
    followups = json.loads(capsys.readouterr().out)["followups"]
    assert [(f["contact"], f["due"]) for f in followups] == [("ann", "2026-10-31")]


# --- nesting, capacity, the filter -----------------------------------------------------


def test_circles_are_nested() -> None:
    people = [contact(f"p{n}", circle=c) for n, c in enumerate([5, 5, 15, 50, 150, 150])]
    people.append(contact("nobody"))
    assert circle_counts(people) == {5: 2, 15: 3, 50: 4, 150: 6}


def test_a_circle_over_its_size_is_pointed_out() -> None:
    seven = [contact(f"p{n}", circle=5) for n in range(7)]
    assert over_capacity(circle_counts(seven)) == [(5, 7)]
    assert capacity_note(seven) == "Circle 5 holds 7 people (Dunbar: 5)"
    nested = [contact(f"q{n}", circle=15) for n in range(9)] + seven  # 16 in circle 15
    assert capacity_note(nested) == (
        "Circle 5 holds 7 people (Dunbar: 5) · Circle 15 holds 16 people (Dunbar: 15)"
    )
    assert capacity_note(seven[:5]) == ""  # exactly full is not over


def test_the_circle_filter_holds_the_inner_circles() -> None:
    index = PeopleIndex.of(
        book(
            contact("a", circle=5), contact("b", circle=15), contact("c", circle=150), contact("d")
        ),
        journal(),
        Settings(),
        TODAY,
    )
    ids = lambda circle: sorted(r.id for r in filter_circle(index.rows, circle))  # noqa: E731
    assert ids(None) == ["a", "b", "c", "d"]
    assert ids(5) == ["a"]
    assert ids(15) == ["a", "b"]
    assert ids(50) == ["a", "b"]
    assert ids(150) == ["a", "b", "c"]
    steps = [None]
    while len(steps) < 6:
        steps.append(next_circle(steps[-1]))
    assert steps == [None, 5, 15, 50, 150, None]
    assert circle_label(15) == "circle 15 (5 and 15)"
    assert circle_label(None) == "every circle"


# --- the files ---------------------------------------------------------------------------


def test_cadence_by_circle_round_trips_as_written() -> None:
    text = textwrap.dedent(
        """\
        schema_version = 1

        [settings]
        week_start = "monday"
        weekly_hours = [5, 10]
        platforms = ["LinkedIn"]
        theme = "textual-dark"

        [settings.cadence_by_circle]
        5 = 7
        15 = 21
        """
    )
    plan = decode("plan", text.encode())
    assert circle_cadences(plan.settings) == {5: 7, 15: 21, 50: 90, 150: 365}
    assert encode(plan).decode() == text
    assert "cadence_by_circle" not in encode(decode("plan", b"schema_version = 1\n")).decode()


def _files(folder: Path) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in (FILES[n] for n in REQUIRED)}


def test_a_circle_of_7_is_refused_on_load_naming_file_entry_and_field(tmp_path: Path) -> None:
    store = Store(tmp_path)
    store.ensure()
    (tmp_path / "contacts.toml").write_text(
        '[[contacts]]\nid = "ann"\nname = "Ann"\ncircle = 5\n\n'
        '[[contacts]]\nid = "bo"\nname = "Bo"\ncircle = 7\n'
    )
    before = _files(tmp_path)
    with pytest.raises(StoreError) as raised:
        Store(tmp_path).load()
    problems = "\n".join(raised.value.problems)
    assert 'contacts.toml, line 6: contact 2 (id "bo"), field "circle"' in problems
    assert "5, 15, 50 or 150" in problems and "not 7" in problems
    assert _files(tmp_path) == before


@pytest.mark.parametrize("value", ['"5"', "5.0", "true"])
def test_a_circle_must_be_a_number_of_the_four(tmp_path: Path, value: str) -> None:
    store = Store(tmp_path)
    store.ensure()
    (tmp_path / "contacts.toml").write_text(
        f'[[contacts]]\nid = "a"\nname = "A"\ncircle = {value}\n'
    )
    with pytest.raises(StoreError, match='field "circle"'):
        Store(tmp_path).load()


def test_a_cadence_for_an_unknown_circle_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=r"settings.*cadence_by_circle.*not '7'"):
        decode("plan", b"[settings.cadence_by_circle]\n7 = 10\n")
    with pytest.raises(StoreError, match=r"cadence_by_circle"):
        decode("plan", b"[settings.cadence_by_circle]\n5 = 0\n")


# --- the monthly review after a pause --------------------------------------------------


def test_a_contact_reviewed_this_month_is_not_asked_again() -> None:
    first = contact(reviewed=D("2026-12-01"))
    assert not needs_review(first, D("2026-12-31"))  # 30 days, but this month
    assert needs_review(first, D("2027-01-01"))  # a new month, 31 days on
    assert not needs_review(contact(reviewed=D("2026-12-20")), D("2027-01-01"))  # 12 days


def test_the_batch_counts_the_reviewed_since_the_last_check_off() -> None:
    people = book(
        *(contact(f"r{n}", reviewed=TODAY) for n in range(4)),
        contact("early", reviewed=D("2026-11-01")),
        contact("last-month", reviewed=D("2026-10-20")),
        *(contact(f"n{n}") for n in range(6)),
    )
    assert batch_done(people, {}, TODAY) == 5
    counted = {D("2026-11-01"): {"review-contacts": 1}}
    assert batch_done(people, counted, TODAY) == 4  # the Nov 1 one was counted then
    assert batch_done(people, {TODAY: {"review-contacts": 1}}, TODAY) == 0
    assert [c.id for c in review_queue(people, TODAY)][:6] == [f"n{n}" for n in range(6)]
    assert "r0" not in {c.id for c in review_queue(people, TODAY)}


def test_surgical_saves_keep_a_hand_written_cadence_by_circle(tmp_path: Path) -> None:
    from netplan.store.splice import splice

    plan_text = textwrap.dedent(
        """\
        schema_version = 1

        [settings]
        week_start = "monday"

        [settings.cadence_by_circle]  # my inner circle weekly
        5 = 7
        15 = 21
        """
    )
    old = decode("plan", plan_text.encode())
    themed = old.model_copy(update={"settings": old.settings.model_copy(update={"theme": "nord"})})
    after = splice("plan", plan_text, old, themed)
    assert after is not None and decode("plan", after.encode()) == themed
    assert "[settings.cadence_by_circle]  # my inner circle weekly\n5 = 7\n15 = 21\n" in after
    contacts_text = '[[contacts]]\nid = "ann"\nname = "Ann"  # from PyCon\ncircle = 15\n'
    people = decode("contacts", contacts_text.encode())
    moved = people.model_copy(
        update={"contacts": [people.contacts[0].model_copy(update={"circle": 5})]}
    )
    spliced = splice("contacts", contacts_text, people, moved)
    assert spliced is not None and spliced.startswith(
        contacts_text.replace("circle = 15", "circle = 5")
    )  # the comment kept, the one line changed (the writer adds the kind it writes)


def test_netplan_validate_names_a_circle_of_7(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "s"
    env = {"NETPLAN_TODAY": TODAY.isoformat(), "NETPLAN_DATA": str(folder)}
    assert main(["validate"], environ=env) == 0
    (folder / "contacts.toml").write_text('[[contacts]]\nid = "bo"\nname = "Bo"\ncircle = 7\n')
    before = _files(folder)
    capsys.readouterr()
    assert main(["validate"], environ=env) == 1
    err = capsys.readouterr().err
    assert 'contacts.toml, line 1: contact 1 (id "bo"), field "circle"' in err
    assert _files(folder) == before
