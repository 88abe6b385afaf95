"""Give/ask balance: what you offered versus what you asked for, per contact and overall."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from netplan.models import Exchange, Interaction, Journal


@dataclass(frozen=True)
class Balance:
    gave: int = 0
    asked: int = 0
    neutral: int = 0

    @property
    def net(self) -> int:
        return self.gave - self.asked

    @property
    def give_first(self) -> bool:
        """Asks with no gives, or more asks than gives: offer help before asking again."""
        return self.asked > self.gave


def _in_range(interaction: Interaction, start: date | None, end: date | None) -> bool:
    return (start is None or interaction.on >= start) and (end is None or interaction.on <= end)


def _tally(counts: list[int], exchange: Exchange) -> None:
    if exchange == Exchange.gave:
        counts[0] += 1
    elif exchange == Exchange.asked:
        counts[1] += 1
    else:
        counts[2] += 1


def balances(
    journal: Journal,
    start: date | None = None,
    end: date | None = None,
) -> dict[str, Balance]:
    """Balance per contact id over interactions from `start` to `end` (inclusive, open if None).

    Contacts without interactions in the range are absent: use `.get(id, Balance())`.
    """
    counts: dict[str, list[int]] = {}
    for interaction in journal.interactions:
        if _in_range(interaction, start, end):
            _tally(counts.setdefault(interaction.contact, [0, 0, 0]), interaction.exchange)
    return {contact: Balance(*c) for contact, c in counts.items()}


def total_balance(
    journal: Journal,
    start: date | None = None,
    end: date | None = None,
) -> Balance:
    """Balance over everyone, e.g. this month's give/ask."""
    counts = [0, 0, 0]
    for interaction in journal.interactions:
        if _in_range(interaction, start, end):
            _tally(counts, interaction.exchange)
    return Balance(*counts)


def ask_before_giving(before: Balance | None) -> bool:
    """Whether one more ask, on top of `before`, leaves the contact "give first": the hint
    to offer help first, in the log form and after `netplan log --asked`."""
    before = before or Balance()
    return Balance(before.gave, before.asked + 1, before.neutral).give_first
