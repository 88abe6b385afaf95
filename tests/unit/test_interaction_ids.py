"""The next interaction id of a day: one more than the day's highest, however the journal
got here (appended to, cut, another journal altogether), as a plain scan would say."""

from __future__ import annotations

import random
from datetime import date, timedelta

from netplan.domain import ids
from netplan.domain.ids import next_interaction_id
from netplan.models import Interaction, Journal

DAY = date(2026, 11, 25)


def _scan(journal: Journal, day: date) -> str:
    prefix = f"i-{day:%Y%m%d}-"
    numbers = [
        int(i.id[len(prefix) :])
        for i in journal.interactions
        if i.id.startswith(prefix) and i.id[len(prefix) :].isdigit()
    ]
    return f"{prefix}{max(numbers, default=0) + 1}"


def test_the_next_id_follows_every_change_of_the_journal(monkeypatch) -> None:
    monkeypatch.setattr(ids, "MEMO_FROM", 0)  # as for a journal of 300,000
    rng = random.Random(20)
    entries: list[Interaction] = []
    for step in range(300):
        day = DAY - timedelta(days=rng.randrange(3))
        choice = rng.random()
        if choice < 0.6 or not entries:
            ident = rng.choice(
                [
                    next_interaction_id(Journal.model_construct(interactions=entries), day),
                    f"i-{day:%Y%m%d}-{rng.randrange(50):04d}",  # by hand, zeros in front
                    f"i-{day:%Y%m%d}-x{step}",
                    f"li-{day:%Y%m%d}-{step}",
                ]
            )
            if ident not in {e.id for e in entries}:
                entries = [*entries, Interaction(id=ident, contact="c", on=day)]
        elif choice < 0.7:
            entries = [e for e in entries if e is not rng.choice(entries)]  # a delete
        elif choice < 0.8:  # another journal as long or longer: a sync brought other entries
            shift = rng.randrange(1, 5)
            entries = [
                Interaction(
                    id=f"{e.id}{shift}" if e.id[-1].isdigit() else e.id, contact="c", on=e.on
                )
                for e in entries
            ] + [Interaction(id=f"x{step}", contact="c", on=DAY)]
        else:
            entries = list(reversed(entries))  # a journal read anew, in another order
        journal = Journal.model_construct(interactions=entries)
        for other in (DAY, DAY - timedelta(days=1), DAY - timedelta(days=2)):
            assert next_interaction_id(journal, other) == _scan(journal, other), step
