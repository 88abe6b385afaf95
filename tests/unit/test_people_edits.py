"""Edits of contacts and the journal, and the rows the Contacts tab derives from them."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta

import pytest
from factories import D, book, contact, interaction, journal, plan, routine

from netplan.domain.balance import Balance
from netplan.domain.contact_list import (
    Filter,
    Sort,
    days_ago,
    due_state,
    filter_rows,
    newest_first,
    sort_rows,
)
from netplan.domain.followups import latest_follow_up
from netplan.domain.ids import next_interaction_id
from netplan.domain.journal import LogRequest
from netplan.domain.people_index import PeopleIndex
from netplan.domain.review import needs_review, review_queue
from netplan.models import Exchange, Interaction, Journal, Milestone, Settings
from netplan.workspace import Data
from netplan.workspace.edits import changed_fields, combine
from netplan.workspace.history import WorkingCopy
from netplan.workspace.people_edits import (
    add_contact,
    archive_contact,
    count_review,
    delete_contact,
    keep_promise,
    log_interaction,
    mark_reviewed,
    patch_contact,
    set_cadence,
)

TODAY = D("2026-11-25")


def data(contacts=(), interactions=(), **plan_fields) -> Data:
    return Data(
        plan=plan(routine("review-contacts", "month"), **plan_fields),
        contacts=book(*contacts),
        journal=journal(*interactions),
    )


def ids(data: Data) -> list[str]:
    return [c.id for c in data.contacts.contacts]


def person(data: Data, contact_id: str):
    return next(c for c in data.contacts.contacts if c.id == contact_id)


# --- add, edit, delete -------------------------------------------------------------------


def test_add_then_undo() -> None:
    before = data([contact("ann")])
    edit = add_contact(contact("bo"))
    after = edit.forward(before)
    assert ids(after) == ["ann", "bo"]
    assert edit.label == "Add contact Bo"
    assert edit.backward(after) == before
    assert edit.forward(edit.backward(after)) == after  # redo: in the same place


def test_adding_an_id_taken_meanwhile_does_not_apply() -> None:
    edit = add_contact(contact("bo", company="Mine"))
    with pytest.raises(ValueError):
        edit.forward(data([contact("bo", company="Theirs")]))


def test_edit_keeps_the_position_and_undo_restores_the_record() -> None:
    before = data([contact("ann"), contact("bo", company="Acme"), contact("cy")])
    old, new = before.contacts.contacts[1], contact("bo", company="Globex")
    edit = patch_contact("bo", changed_fields(old, new), new.name)
    assert edit.label == "Edit contact Bo"
    after = edit.forward(before)
    assert ids(after) == ["ann", "bo", "cy"]
    assert person(after, "bo").company == "Globex"
    assert edit.backward(after) == before
    assert before.contacts.contacts[1].company == "Acme"  # the input is untouched


def test_delete_takes_the_journal_along_and_undo_puts_both_back_in_place() -> None:
    entries = [
        interaction("ann", "2026-11-01", id="i-1"),
        interaction("bo", "2026-11-02", id="i-2"),
        interaction("ann", "2026-11-03", id="i-3"),
        interaction("cy", "2026-11-04", id="i-4"),
    ]
    before = data([contact("ann"), contact("bo"), contact("cy")], entries)
    edit = delete_contact(before.contacts.contacts[0])
    after = edit.forward(before)
    assert ids(after) == ["bo", "cy"]
    assert [i.id for i in after.journal.interactions] == ["i-2", "i-4"]
    assert edit.backward(after) == before


def test_delete_replayed_on_a_changed_journal_restores_what_it_took() -> None:
    """Replayed after someone logged with Ann on disk: undo brings that entry back too."""
    before = data([contact("ann"), contact("bo")], [interaction("ann", "2026-11-01", id="i-1")])
    edit = delete_contact(before.contacts.contacts[0])
    elsewhere = replace(
        before,
        journal=Journal(
            interactions=[
                *before.journal.interactions,
                interaction("ann", "2026-11-20", id="i-9"),
                interaction("bo", "2026-11-21", id="i-10"),
            ]
        ),
    )
    after = edit.forward(elsewhere)
    assert [i.id for i in after.journal.interactions] == ["i-10"]
    assert edit.backward(after) == elsewhere


def test_editing_a_contact_deleted_elsewhere_does_not_apply() -> None:
    before = data([contact("ann")])
    with pytest.raises(KeyError):
        mark_reviewed(contact("ghost"), TODAY).forward(before)
    with pytest.raises(KeyError):
        delete_contact(contact("ghost")).forward(before)
    with pytest.raises(KeyError):
        patch_contact("ghost", {"notes": "hi"}, "Ghost").forward(before)
    with pytest.raises(ValueError):
        add_contact(contact("x")).forward(Data(plan=before.plan))  # not loaded yet
    with pytest.raises(ValueError):
        patch_contact("ann", {"notes": "hi"}, "Ann").forward(Data(plan=before.plan))


# --- logging -----------------------------------------------------------------------------


def test_log_appends_and_sets_the_follow_up_undo_restores_the_old_one() -> None:
    before = data([contact("ann", follow_up=D("2026-12-20"))])
    request = LogRequest("ann", TODAY, follow_up=D("2026-12-09"), note="  Coffee  ")
    edit = log_interaction(request, "Log coffee with Ann")
    assert edit.label == "Log coffee with Ann"
    after = edit.forward(before)
    logged = Interaction(
        id="i-20261125-1", contact="ann", on=TODAY, follow_up=D("2026-12-09"), note="Coffee"
    )
    assert after.journal.interactions == [logged]
    assert person(after, "ann").follow_up == D("2026-12-09")
    assert edit.backward(after) == before


@pytest.mark.parametrize(
    ("explicit", "on", "kept"),
    [
        ("2026-11-25", "2026-11-25", None),  # due that day: done with
        ("2026-11-20", "2026-11-25", None),  # overdue: done with
        ("2026-11-26", "2026-11-25", "2026-11-26"),  # still ahead: kept
        ("2027-01-01", "2026-12-31", "2027-01-01"),  # across the new year
    ],
)
def test_log_without_a_follow_up_clears_one_on_or_before_its_day(explicit, on, kept) -> None:
    before = data([contact("ann", follow_up=D(explicit))])
    after = log_interaction(LogRequest("ann", D(on)), "Log").forward(before)
    assert person(after, "ann").follow_up == (D(kept) if kept else None)


def test_log_takes_the_next_free_id_when_it_runs_and_undo_removes_its_own() -> None:
    edit = log_interaction(LogRequest("ann", TODAY, note="mine"), "Log")
    alone = data([contact("ann")])
    assert [i.id for i in edit.forward(alone).journal.interactions] == ["i-20261125-1"]
    # Replayed on a journal where someone else logged that day meanwhile: the next id.
    theirs = interaction("ann", TODAY, id="i-20261125-1", note="theirs")
    before = data([contact("ann")], [theirs])
    after = edit.forward(before)
    assert [(i.id, i.note) for i in after.journal.interactions] == [
        ("i-20261125-1", "theirs"),
        ("i-20261125-2", "mine"),
    ]
    assert edit.backward(after) == before


def test_log_with_an_unknown_contact_fails() -> None:
    with pytest.raises(KeyError):
        log_interaction(LogRequest("ghost", TODAY), "Log").forward(data([contact("ann")]))


def test_log_of_a_value_the_file_cannot_hold_fails_and_changes_nothing() -> None:
    before = data([contact("ann")])
    copy = WorkingCopy(before)
    with pytest.raises(ValueError):
        copy.apply(log_interaction(LogRequest("ann", TODAY, minutes=24 * 60 + 1), "Log"))
    assert copy.data == before and not copy.dirty


def test_interaction_ids_count_per_day() -> None:
    log = journal(
        interaction("a", TODAY, id="i-20261125-1"),
        interaction("a", TODAY, id="i-20261125-7"),
        interaction("a", TODAY, id="i-20261125-x"),
        interaction("a", "2026-11-24", id="i-20261124-9"),
    )
    assert next_interaction_id(log, TODAY) == "i-20261125-8"
    assert next_interaction_id(log, D("2026-11-26")) == "i-20261126-1"
    assert next_interaction_id(Journal(), D("2024-02-29")) == "i-20240229-1"


# --- a few fields, and the review --------------------------------------------------------


def test_field_edits_undo_only_their_fields() -> None:
    ann = contact("ann", cadence_days=30, reviewed=D("2026-01-01"))
    before = data([ann])
    for edit, field, value in (
        (mark_reviewed(ann, TODAY), "reviewed", TODAY),
        (set_cadence(ann, 45, reviewed=TODAY), "cadence_days", 45),
        (set_cadence(ann, None), "cadence_days", None),
        (archive_contact(ann, reviewed=TODAY), "archived", True),
    ):
        after = edit.forward(before)
        assert getattr(person(after, "ann"), field) == value
        # Someone renamed Ann meanwhile: undo keeps the new name.
        renamed = patch_contact("ann", {"name": "A"}, "A")
        undone = edit.backward(renamed.forward(after))
        assert person(undone, "ann").name == "A"
        assert person(undone, "ann").model_copy(update={"name": "Ann"}) == ann
    with pytest.raises(ValueError):
        set_cadence(ann, 0)


def test_a_form_patch_keeps_a_change_made_meanwhile_and_undo_restores_only_its_field() -> None:
    ann = contact("ann", notes="Met at PyCon", follow_up=D("2026-12-01"))
    before = data([ann])
    # The form opened on `ann` and saved new notes: its patch names only what it changed.
    saved = ann.model_copy(update={"notes": "Met at PyCon; likes climbing"})
    changes = changed_fields(ann, saved)
    assert changes == {"notes": "Met at PyCon; likes climbing"}
    edit = patch_contact("ann", changes, saved.name)
    # Meanwhile someone else moved Ann's follow-up (another edit, or the file on disk).
    elsewhere = patch_contact("ann", {"follow_up": D("2026-12-24")}, "Ann").forward(before)
    after = edit.forward(elsewhere)
    assert person(after, "ann").notes == "Met at PyCon; likes climbing"
    assert person(after, "ann").follow_up == D("2026-12-24")  # both changes kept
    undone = edit.backward(after)
    assert person(undone, "ann").notes == "Met at PyCon"  # only the notes go back
    assert person(undone, "ann").follow_up == D("2026-12-24")
    assert undone == elsewhere
    # The same through the working copy: the form's edit unsaved, the file changed on disk.
    copy = WorkingCopy(before)
    assert copy.apply(edit)
    copy.loaded(contacts=elsewhere.contacts)
    assert person(copy.data, "ann").notes == "Met at PyCon; likes climbing"
    assert person(copy.data, "ann").follow_up == D("2026-12-24")
    assert copy.undo() is edit
    assert copy.data == elsewhere


def test_combine_applies_in_order_and_undoes_in_reverse() -> None:
    ann = contact("ann")
    before = data([ann])
    edit = combine("both", [mark_reviewed(ann, TODAY), count_review(before.plan, TODAY)])
    after = edit.forward(before)
    assert person(after, "ann").reviewed == TODAY
    assert after.plan.completions == {TODAY: {"review-contacts": 1}}
    assert edit.backward(after) == before


def test_count_review_only_for_an_active_routine() -> None:
    assert count_review(plan(routine("engage-posts")), TODAY) is None
    archived = plan(routine("review-contacts", "month", archived=True))
    assert count_review(archived, TODAY) is None


@pytest.mark.parametrize(
    ("reviewed", "due"),
    [(None, True), ("2026-10-26", True), ("2026-10-27", False), ("2026-11-25", False)],
)
def test_review_after_thirty_days(reviewed, due) -> None:
    ann = contact("ann", reviewed=D(reviewed) if reviewed else None)
    assert needs_review(ann, TODAY) is due  # 2026-10-26 is exactly 30 days before


def test_review_queue_never_reviewed_first_then_oldest_archived_never() -> None:
    people = book(
        contact("ann", reviewed=D("2026-09-01")),
        contact("bo"),
        contact("cy", reviewed=D("2026-06-01")),
        contact("di", archived=True),
        contact("ed", reviewed=D("2026-11-20")),
        contact("al"),
    )
    assert [c.id for c in review_queue(people, TODAY)] == ["al", "bo", "cy", "ann"]


# --- the rows of the tab: follow-ups, balance, order -------------------------------------


def model_of(contacts, interactions=(), settings: Settings | None = None) -> PeopleIndex:
    return PeopleIndex.of(book(*contacts), journal(*interactions), settings or Settings(), TODAY)


def test_rows_follow_the_spec_rules_with_tricky_dates() -> None:
    model = model_of(
        [
            # cadence from `created` when nothing is logged, across a leap day
            contact("leap", created=D("2024-02-28"), cadence_days=366),
            # the last interaction beats `created`; cadence from the shortest tag
            contact("tagged", created=D("2020-01-01"), tags=["Family", "mentor"]),
            # an explicit follow-up beats the cadence
            contact("explicit", cadence_days=1, follow_up=D("2027-01-01")),
            # no cadence, no date: no follow-up
            contact("none", created=D("2026-01-01")),
            contact("gone", archived=True, follow_up=D("2020-01-01")),
        ],
        [
            interaction("tagged", "2026-12-31"),  # logged ahead of time
            interaction("tagged", "2026-10-31"),
        ],
        Settings(cadence_by_tag={"family": 14, "Mentor": 30}),
    )
    rows = model.by_id
    assert set(rows) == {"leap", "tagged", "explicit", "none"}  # archived: hidden
    assert rows["leap"].due == D("2025-02-28")
    assert rows["tagged"].last == D("2026-12-31")
    assert rows["tagged"].due == D("2027-01-14")
    assert rows["explicit"].due == D("2027-01-01")
    assert rows["none"].due is None
    assert model.overdue == 1  # only "leap"; the archived one does not count
    assert [rows[k].cadence for k in ("leap", "tagged", "explicit", "none")] == [366, 14, 1, None]


def test_rows_hold_the_next_milestones_soonest_first() -> None:
    model = model_of(
        [
            contact(
                "ann",
                milestones=[
                    {"label": "Launch", "date": D("2026-11-01")},  # past and one-off: gone
                    {"label": "Birthday", "date": D("1992-02-29"), "yearly": True},
                    {"label": "Talk", "date": D("2027-02-28")},  # same day: by label
                    {"label": "Work anniversary", "date": D("2020-12-01"), "yearly": True},
                ],
            ),
            contact("bo"),
        ]
    )
    ann = model.by_id["ann"]
    assert [(on, m.label) for on, m in ann.milestones] == [
        (D("2026-12-01"), "Work anniversary"),
        (D("2027-02-28"), "Birthday"),
        (D("2027-02-28"), "Talk"),
    ]
    assert model.by_id["bo"].milestones == ()


def test_balance_and_the_give_first_flag() -> None:
    entries = [
        interaction("asker", "2026-11-01", exchange="asked"),
        interaction("even", "2026-11-01", exchange="asked"),
        interaction("even", "2026-11-02", exchange="gave"),
        interaction("giver", "2026-11-02", exchange="gave"),
        interaction("giver", "2026-11-03", exchange="neutral"),
    ]
    model = model_of([contact("asker"), contact("even"), contact("giver"), contact("new")], entries)
    rows = model.by_id
    assert rows["asker"].balance == Balance(gave=0, asked=1) and rows["asker"].balance.give_first
    assert rows["even"].balance == Balance(gave=1, asked=1)
    assert not rows["even"].balance.give_first and rows["even"].balance.net == 0
    assert rows["giver"].balance == Balance(gave=1, asked=0, neutral=1)
    assert rows["new"].balance == Balance()


def test_sorts() -> None:
    model = model_of(
        [
            contact("b", name="bea", follow_up=D("2026-11-20")),
            contact("a", name="Al", follow_up=D("2026-12-01")),
            contact("c", name="cy"),
            contact("d", name="Al", follow_up=D("2026-11-20")),
        ],
        [interaction("a", "2026-11-01"), interaction("b", "2026-10-01")],
    )
    order = {s: [r.id for r in sort_rows(model.rows, s)] for s in Sort}
    assert order[Sort.due] == ["d", "b", "a", "c"]  # most overdue first, ties by name, none last
    assert order[Sort.name] == ["a", "d", "b", "c"]  # case-insensitive, ties by id
    assert order[Sort.last] == ["d", "c", "b", "a"]  # never first, then the longest ago
    assert [Sort.due.next(), Sort.name.next(), Sort.last.next()] == [Sort.name, Sort.last, Sort.due]


def test_filter_words_in_any_field_and_order() -> None:
    model = model_of(
        [
            contact("ann", company="Acme", tags=["FinTech"], topics=["hiking"]),
            contact("bo", role="Head of Data", notes="Moving to Berlin"),
            contact("cy", company="Umbrella"),
        ]
    )
    rows = sort_rows(model.rows, Sort.name)
    assert [r.id for r in filter_rows(rows, "fintech")] == ["ann"]
    assert [r.id for r in filter_rows(rows, "  berlin   DATA ")] == ["bo"]
    assert [r.id for r in filter_rows(rows, "hiking acme")] == ["ann"]
    assert [r.id for r in filter_rows(rows, "")] == ["ann", "bo", "cy"]
    typing = Filter(rows)
    assert [r.id for r in typing("b")] == ["bo", "cy"]  # Bo, Berlin; Umbrella
    assert [r.id for r in typing("be")] == ["bo"]
    assert [r.id for r in typing("b")] == ["bo", "cy"]  # backspace widens again
    assert [r.id for r in typing("")] == ["ann", "bo", "cy"]


def test_row_texts() -> None:
    assert days_ago(None, TODAY) == "never"
    assert days_ago(TODAY, TODAY) == "today"
    assert days_ago(D("2025-11-25"), TODAY) == "365d"
    assert due_state(D("2026-11-24"), TODAY) == "overdue"
    assert due_state(TODAY, TODAY) == "soon"
    assert due_state(D("2026-12-02"), TODAY) == "soon"
    assert due_state(D("2026-12-03"), TODAY) == "later"
    assert due_state(None, TODAY) == "none"


def test_detail_helpers() -> None:
    ann = contact(
        "ann",
        milestones=[
            {"label": "Birthday", "date": D("1992-02-29"), "yearly": True},
            {"label": "Launch", "date": D("2026-11-01")},
        ],
    )
    row = PeopleIndex.of(book(ann), journal(), Settings(), TODAY).by_id["ann"]
    (on, milestone), *_rest = row.milestones
    assert (milestone.label, on) == ("Birthday", D("2027-02-28"))  # the launch is past
    same_day = [
        interaction("ann", "2026-11-20", id="first", follow_up=D("2026-12-01"), promise="A"),
        interaction("ann", "2026-11-20", id="second", follow_up=D("2026-12-02"), promise="B"),
        interaction("ann", "2026-11-01", id="old"),
    ]
    assert [i.id for i in newest_first(same_day)] == ["second", "first", "old"]
    assert latest_follow_up(same_day).promise == "B"
    assert latest_follow_up(same_day) is same_day[1]
    no_promise = interaction("ann", TODAY, follow_up=TODAY)
    assert latest_follow_up([no_promise]) is no_promise
    assert latest_follow_up([no_promise]).promise is None
    assert latest_follow_up([interaction("ann", TODAY)]) is None  # no follow-up set


# --- the row model keeps up with edits ---------------------------------------------------


def snapshot(model: PeopleIndex) -> dict:
    return {
        key: (row.contact, row.last, row.due, row.cadence, row.balance, row.milestones, row.search)
        for key, row in model.by_id.items()
    }


def test_incremental_updates_match_a_rebuild() -> None:
    rng = random.Random(3)
    people = [
        contact(
            f"p{n}",
            created=TODAY - timedelta(days=rng.randrange(400)),
            cadence_days=rng.choice([None, 7, 30]),
            tags=rng.sample(["data", "mentor"], rng.randrange(3)),
        )
        for n in range(40)
    ]
    entries = [
        interaction(
            f"p{rng.randrange(40)}",
            TODAY - timedelta(days=rng.randrange(100)),
            id=f"i-{n}",
            exchange=rng.choice(list(Exchange)),
        )
        for n in range(120)
    ]
    settings = Settings(cadence_by_tag={"mentor": 10})
    state = Data(plan=plan(routine("review-contacts", "month")), contacts=book(*people))
    state = replace(state, journal=journal(*entries), plan=state.plan)
    model = PeopleIndex.of(state.contacts, state.journal, settings, TODAY)
    history = []
    for step in range(60):
        contacts = state.contacts.contacts
        target = rng.choice(contacts)
        choice = rng.randrange(8)
        if choice == 0 and history:
            state = history.pop().backward(state)
        else:
            if choice == 1:
                edit = delete_contact(target)
            elif choice == 2:
                day = TODAY - timedelta(days=rng.randrange(10))
                follow = day + timedelta(days=14) if rng.random() < 0.5 else None
                other = rng.choice(contacts)
                request = LogRequest(
                    target.id,
                    day,
                    exchange=rng.choice(list(Exchange)),
                    follow_up=follow,
                    promise="Send the deck" if rng.random() < 0.3 else None,
                    with_=(other.id,) if other is not target and rng.random() < 0.4 else (),
                )
                edit = log_interaction(request, "Log")
            elif choice == 3:
                edit = archive_contact(target, archived=not target.archived)
            elif choice == 4:
                edit = add_contact(contact(f"new{step}", notes="fresh"))
            elif choice == 5:
                changes = {
                    "tags": rng.sample(["data", "mentor"], rng.randrange(3)),
                    "follow_up": rng.choice([None, TODAY + timedelta(days=rng.randrange(-9, 9))]),
                    "milestones": [Milestone(label="Birthday", date=TODAY, yearly=True)],
                }
                edit = patch_contact(target.id, changes, target.name)
            elif choice == 7 and any(i.promise and not i.kept for i in state.journal.interactions):
                promised = [i for i in state.journal.interactions if i.promise and not i.kept]
                edit = keep_promise(rng.choice(promised).id, TODAY, "Kept")
            else:
                edit = set_cadence(target, rng.choice([None, 3, 90]))
            state = edit.forward(state)
            history.append(edit)
        changed = model.update(state.contacts, state.journal, settings, TODAY)
        assert changed
        fresh = PeopleIndex.of(state.contacts, state.journal, settings, TODAY)
        assert snapshot(model) == snapshot(fresh), step
        assert model.overdue == fresh.overdue
        assert {k: list(v) for k, v in model.by_contact.items()} == fresh.by_contact
        assert model.promised == fresh.promised and model.recent == fresh.recent, step
    assert not model.update(state.contacts, state.journal, settings, TODAY)


def test_plan_changes_do_not_touch_the_rows() -> None:
    state = data([contact("ann")])
    model = PeopleIndex()
    assert model.update(state.contacts, state.journal, state.plan.settings, TODAY)
    version = model.version
    checked = count_review(state.plan, TODAY).forward(state)
    assert not model.update(checked.contacts, checked.journal, checked.plan.settings, TODAY)
    assert model.version == version
    # A new tag cadence does change the rows.
    settings = Settings(cadence_by_tag={"x": 3})
    assert model.update(checked.contacts, checked.journal, settings, TODAY)


def test_a_new_day_rederives_the_rows() -> None:
    """The same contacts and journal on a later day: overdue counts and the next milestones
    are the day's (update's own rule: a new `today` rebuilds)."""
    birthday = {"label": "Birthday", "date": D("1990-11-25"), "yearly": True}
    state = data([contact("ann", follow_up=D("2026-11-26"), milestones=[birthday])])
    model = PeopleIndex.of(state.contacts, state.journal, state.plan.settings, TODAY)
    assert model.overdue == 0 and model.follow_ups(0) == []
    later = TODAY + timedelta(days=5)
    assert model.update(state.contacts, state.journal, state.plan.settings, later)
    fresh = PeopleIndex.of(state.contacts, state.journal, state.plan.settings, later)
    assert snapshot(model) == snapshot(fresh)
    assert model.overdue == 1
    assert [f.overdue_days for f in model.follow_ups(0)] == [4]
    assert model.by_id["ann"].milestones[0][0] == D("2027-11-25")


def test_a_thousand_contacts_derive_quickly() -> None:
    people = [contact(f"p{n}", created=date(2026, 1, 1), cadence_days=30) for n in range(1000)]
    model = PeopleIndex.of(book(*people), Journal(), Settings(), TODAY)
    assert len(model) == 1000 and model.overdue == 1000
