"""Replies owed (spec 7.3): conversations whose last word was theirs, a few days ago.

A conversation is an imported message thread: the interaction's `source` without its
trailing ":<day>" ("linkedin:message:<conversation id>"); an interaction without a source
belongs to its contact's one conversation. A reply is owed when the latest interaction of a
contact's conversation is a message whose `last_from` is "them" and that is 2 to 30 days old
(by `on`, today included in the count): younger is not yet late, older is stale.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from netplan.models import Interaction, InteractionKind, Side

FIRST_DAY = 2  # days old from which a reply is owed
LAST_DAY = 30  # days old after which the conversation is left alone


@dataclass(frozen=True)
class ReplyOwed:
    contact: str  # the contact's id
    conversation: str | None  # the source without its day; None: the contact's own thread
    interaction: Interaction  # the conversation's latest interaction (their message)
    days: int  # how old it is


def conversation_of(interaction: Interaction) -> str | None:
    """The conversation an interaction belongs to: its `source` without the trailing day."""
    source = interaction.source
    if not source:
        return None
    head, sep, tail = source.rpartition(":")
    if sep and len(tail) == 10 and tail[4] == "-" and tail[7] == "-":
        return head
    return source


def replies_owed(interactions: Iterable[Interaction], today: date) -> list[ReplyOwed]:
    """Conversations owing a reply, oldest message first (then by contact).

    Only interactions from `LAST_DAY` days back on can be a conversation's latest one within
    the window (or a later one that ends it), so older ones are passed over.
    """
    oldest = today - timedelta(days=LAST_DAY)
    latest: dict[tuple[str, str | None], Interaction] = {}
    for interaction in interactions:
        if interaction.on < oldest:
            continue
        key = (interaction.contact, conversation_of(interaction))
        seen = latest.get(key)
        if seen is None or interaction.on >= seen.on:  # a tie: the one written later
            latest[key] = interaction
    owed = []
    for (contact, conversation), interaction in latest.items():
        days = (today - interaction.on).days
        if (
            interaction.kind == InteractionKind.message
            and interaction.last_from == Side.them
            and FIRST_DAY <= days <= LAST_DAY
        ):
            owed.append(ReplyOwed(contact, conversation, interaction, days))
    owed.sort(key=lambda r: (-r.days, r.contact, r.conversation or ""))
    return owed
