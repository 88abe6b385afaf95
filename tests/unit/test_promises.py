"""Promises and follow-through (spec 7.2): when a promise is due, which is open, the rate."""

from __future__ import annotations

from datetime import date

import pytest
from factories import contact, interaction
from pydantic import ValidationError

from netplan.domain.promises import (
    kept_in_time,
    monthly_follow_through,
    oldest_open_promise,
    open_promises,
    promise_due,
    promises_due,
)
from netplan.models import Interaction

D = date.fromisoformat
TODAY = D("2026-11-25")


def test_a_promise_is_due_on_its_follow_up() -> None:
    made = interaction("jane-doe", "2026-11-10", follow_up=D("2026-11-20"), promise="Deck")
    assert promise_due(made) == D("2026-11-20")


def test_a_promise_without_a_follow_up_is_due_a_week_later() -> None:
    made = interaction("jane-doe", "2026-11-10", promise="Deck")
    assert promise_due(made) == D("2026-11-17")


def test_no_promise_no_due_day() -> None:
    assert promise_due(interaction("jane-doe", "2026-11-10", follow_up=D("2026-11-20"))) is None


def test_a_promise_kept_late_is_not_kept_by_its_due_day() -> None:
    late = interaction("jane-doe", "2026-11-10", promise="Deck", kept=D("2026-11-18"))
    on_time = interaction("jane-doe", "2026-11-10", promise="Deck", kept=D("2026-11-17"))
    assert not kept_in_time(late)
    assert kept_in_time(on_time)
    assert open_promises([late, on_time]) == []  # kept either way: neither is open


def test_oldest_open_promise_is_the_one_due_first() -> None:
    entries = [
        interaction("jane-doe", "2026-11-01", promise="Kept", kept=D("2026-11-02")),
        interaction("jane-doe", "2026-11-12", promise="Later"),  # due 11-19
        interaction("jane-doe", "2026-11-14", follow_up=D("2026-11-16"), promise="First"),
        interaction("jane-doe", "2026-11-15", note="no promise"),
    ]
    assert oldest_open_promise(entries).promise == "First"
    assert [i.promise for i in open_promises(entries)] == ["First", "Later"]
    assert oldest_open_promise(entries[:1]) is None


def test_promises_due_within_days_and_overdue() -> None:
    jane = contact("jane-doe")
    entries = [
        interaction("jane-doe", "2026-11-10", promise="Overdue"),  # due 11-17
        interaction("jane-doe", "2026-11-24", promise="Soon"),  # due 12-01
        interaction("jane-doe", "2026-11-25", follow_up=D("2026-12-20"), promise="Far"),
        interaction("sam-lee", "2026-11-10", promise="Archived contact"),
    ]
    found = promises_due(entries, {"jane-doe": jane}, TODAY, within_days=7)
    assert [(p.interaction.promise, p.overdue_days) for p in found] == [
        ("Overdue", 8),
        ("Soon", -6),
    ]
    assert len(promises_due(entries, {"jane-doe": jane}, TODAY)) == 3


def test_monthly_follow_through() -> None:
    entries = [
        # October: two due, one kept in time, one kept late
        interaction("a", "2026-10-01", promise="1", kept=D("2026-10-05")),
        interaction("a", "2026-10-10", promise="2", kept=D("2026-10-30")),
        # November: one kept in time, one open and overdue, one due later still open
        interaction("a", "2026-11-01", promise="3", kept=D("2026-11-08")),
        interaction("a", "2026-11-05", promise="4"),
        interaction("a", "2026-11-24", promise="5"),  # due 12-01: not this month
        interaction("a", "2026-11-20", follow_up=D("2026-11-28"), promise="6"),  # ahead, open
        interaction("a", "2026-11-20", follow_up=D("2026-11-29"), promise="7", kept=TODAY),
    ]
    months = monthly_follow_through(entries, TODAY, months=3)
    assert [(m.month, m.due, m.kept) for m in months] == [
        (D("2026-09-01"), 0, 0),
        (D("2026-10-01"), 2, 1),
        (D("2026-11-01"), 3, 2),
    ]
    assert months[0].rate is None
    assert months[1].rate == 0.5


def test_kept_needs_a_promise_and_comes_after_the_interaction() -> None:
    with pytest.raises(ValidationError, match="kept needs a promise"):
        Interaction(id="i-1", contact="a", on=D("2026-11-10"), kept=D("2026-11-11"))
    with pytest.raises(ValidationError, match="before the interaction's day"):
        Interaction(id="i-1", contact="a", on=D("2026-11-10"), promise="x", kept=D("2026-11-09"))


def test_a_bad_kept_is_refused_on_load_naming_file_entry_and_field(tmp_path) -> None:
    from netplan.store import Store, StoreError

    store = Store(tmp_path)
    store.ensure()
    (tmp_path / "contacts.toml").write_text('[[contacts]]\nid = "a"\nname = "A"\n')
    (tmp_path / "journal.toml").write_text(
        '[[interactions]]\nid = "i-1"\ncontact = "a"\non = 2026-11-10\nkept = 2026-11-12\n'
    )
    with pytest.raises(StoreError) as error:
        Store(tmp_path).load()
    message = "\n".join(error.value.problems)
    assert "journal.toml" in message and 'interaction 1 (id "i-1")' in message
    assert 'field "kept"' in message and "needs a promise" in message
