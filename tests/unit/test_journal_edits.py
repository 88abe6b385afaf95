"""Edits of journal entries: keeping a promise, editing and deleting an entry, and undo."""

from __future__ import annotations

import pytest
from factories import D, book, contact, interaction, journal, plan

from netplan.workspace import Data
from netplan.workspace.people_edits import delete_interaction, keep_promise, patch_interaction


def data(*interactions, follow_up=None) -> Data:
    return Data(
        plan=plan(),
        contacts=book(contact("jane-doe", follow_up=follow_up), contact("sam-lee")),
        journal=journal(*interactions),
    )


def entry(data: Data, interaction_id: str):
    return next(i for i in data.journal.interactions if i.id == interaction_id)


def jane(data: Data):
    return data.contacts.contacts[0]


def test_keep_promise_and_undo() -> None:
    made = interaction("jane-doe", "2026-11-10", id="i-1", promise="Deck")
    before = data(made)
    edit = keep_promise("i-1", D("2026-11-12"), "Kept")
    after = edit.forward(before)
    assert entry(after, "i-1").kept == D("2026-11-12")
    assert edit.backward(after) == before


def test_editing_an_entry_changes_only_its_fields() -> None:
    made = interaction("jane-doe", "2026-11-10", id="i-1", note="Coffee", minutes=30)
    before = data(made, interaction("sam-lee", "2026-11-11", id="i-2"))
    edit = patch_interaction(made, {"note": "Lunch"}, "Edit")
    after = edit.forward(before)
    assert (entry(after, "i-1").note, entry(after, "i-1").minutes) == ("Lunch", 30)
    assert after.contacts is before.contacts  # no follow-up changed: the contacts stay
    assert edit.backward(after) == before


def test_a_follow_up_the_entry_set_moves_with_it() -> None:
    made = interaction("jane-doe", "2026-11-10", id="i-1", follow_up=D("2026-11-20"))
    before = data(made, follow_up=D("2026-11-20"))
    edit = patch_interaction(made, {"follow_up": D("2026-11-30")}, "Edit")
    after = edit.forward(before)
    assert jane(after).follow_up == D("2026-11-30")
    assert edit.backward(after) == before
    cleared = patch_interaction(made, {"follow_up": None}, "Edit").forward(before)
    assert jane(cleared).follow_up is None


def test_a_follow_up_set_by_hand_stays() -> None:
    made = interaction("jane-doe", "2026-11-10", id="i-1", follow_up=D("2026-11-20"))
    before = data(made, follow_up=D("2026-12-24"))
    after = patch_interaction(made, {"follow_up": D("2026-11-30")}, "Edit").forward(before)
    assert jane(after).follow_up == D("2026-12-24")


def test_deleting_an_entry_and_undo() -> None:
    first = interaction("jane-doe", "2026-11-01", id="i-1")
    made = interaction("jane-doe", "2026-11-10", id="i-2", follow_up=D("2026-11-20"))
    last = interaction("sam-lee", "2026-11-11", id="i-3")
    before = data(first, made, last, follow_up=D("2026-11-20"))
    edit = delete_interaction(made, "Delete")
    after = edit.forward(before)
    assert [i.id for i in after.journal.interactions] == ["i-1", "i-3"]
    assert jane(after).follow_up is None  # only the deleted entry had set it
    assert edit.backward(after) == before  # back in its place, the follow-up too


def test_an_invalid_edit_is_refused() -> None:
    made = interaction("jane-doe", "2026-11-10", id="i-1", promise="Deck", kept=D("2026-11-11"))
    edit = patch_interaction(made, {"promise": None}, "Edit")
    with pytest.raises(ValueError, match="kept needs a promise"):
        edit.forward(data(made))
