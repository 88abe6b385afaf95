"""Give/ask balance: what you offered versus what you asked for, per contact and overall."""

from __future__ import annotations

from collections.abc import Iterable
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


def balance_of(interactions: Iterable[Interaction]) -> Balance:
    """Gave, asked and neutral over these interactions (a contact's, a month's)."""
    gave = asked = neutral = 0
    for interaction in interactions:
        if interaction.exchange == Exchange.gave:
            gave += 1
        elif interaction.exchange == Exchange.asked:
            asked += 1
        else:
            neutral += 1
    return Balance(gave, asked, neutral)


def total_balance(
    journal: Journal,
    start: date | None = None,
    end: date | None = None,
) -> Balance:
    """Balance over everyone from `start` to `end` (inclusive, open if None): this month's."""
    return balance_of(i for i in journal.interactions if _in_range(i, start, end))


def ask_before_giving(before: Balance | None) -> bool:
    """Whether one more ask, on top of `before`, leaves the contact "give first": the hint
    to offer help first, in the log form and after `netplan log --asked`."""
    before = before or Balance()
    return Balance(before.gave, before.asked + 1, before.neutral).give_first
