from __future__ import annotations

from factories import D, book, contact, interaction, journal

from netplan.domain.balance import Balance, balance_of, total_balance
from netplan.domain.people_index import PeopleIndex
from netplan.models import Settings


def test_balance_properties() -> None:
    assert Balance().net == 0 and not Balance().give_first
    assert Balance(gave=3, asked=1).net == 2
    assert Balance(asked=1).give_first  # asks with no gives
    assert Balance(gave=1, asked=2).give_first  # more asks than gives
    assert not Balance(gave=2, asked=2).give_first  # even is fine
    assert not Balance(gave=1).give_first
    assert not Balance(neutral=5).give_first
    assert Balance(gave=1, asked=2, neutral=3).net == -1


def test_balances_per_contact() -> None:
    j = journal(
        interaction("ann", "2026-11-01", exchange="gave"),
        interaction("ann", "2026-11-02", exchange="asked"),
        interaction("ann", "2026-11-03", exchange="gave"),
        interaction("bob", "2026-11-04", exchange="asked"),
        interaction("cid", "2026-11-05"),
    )
    people = PeopleIndex.of(
        book(*map(contact, ("ann", "bob", "cid"))), j, Settings(), D("2026-11-25")
    )
    result = {row.id: row.balance for row in people.rows}
    assert result == {
        "ann": Balance(gave=2, asked=1),
        "bob": Balance(asked=1),
        "cid": Balance(neutral=1),
    }
    assert [c for c, b in result.items() if b.give_first] == ["bob"]


def test_balance_date_range_is_inclusive() -> None:
    j = journal(
        interaction("ann", "2026-10-31", exchange="gave"),
        interaction("ann", "2026-11-01", exchange="asked"),
        interaction("ann", "2026-11-30", exchange="asked"),
        interaction("ann", "2026-12-01", exchange="gave"),
    )
    november = total_balance(j, D("2026-11-01"), D("2026-11-30"))
    assert november == Balance(asked=2)
    assert november.give_first
    assert total_balance(j, start=D("2026-11-30")) == Balance(gave=1, asked=1)
    assert total_balance(j, end=D("2026-10-31")) == Balance(gave=1)
    assert total_balance(j, D("2027-01-01"), D("2027-01-31")) == Balance()


def test_balance_of_counts_each_exchange() -> None:
    entries = [interaction("a", "2026-11-01", exchange=e) for e in ("gave", "asked", "gave")]
    assert balance_of(entries) == Balance(gave=2, asked=1)
    assert balance_of([]) == Balance()


def test_total_balance() -> None:
    j = journal(
        interaction("ann", "2026-11-01", exchange="gave"),
        interaction("bob", "2026-11-02", exchange="asked"),
        interaction("bob", "2026-11-03", exchange="asked"),
        interaction("cid", "2026-11-04"),
        interaction("cid", "2026-12-04", exchange="gave"),
    )
    assert total_balance(j, D("2026-11-01"), D("2026-11-30")) == Balance(1, 2, 1)
    assert total_balance(j, None, None) == Balance(2, 2, 1)
    assert total_balance(journal(), None, None) == Balance()
