"""The demo's imported LinkedIn data: activity.toml and a few message conversations.

Kept apart from the hand-written demo (generator.py): the screenshots show what an archive
import adds (activity in the grids, replies owed, a thanks to say) without changing the
counts the rest of the demo's story is built on. Pure: depends only on `today`.
"""

from __future__ import annotations

from datetime import date, timedelta

from netplan.models import Activity, ActivityLog, ContactBook, Interaction, Journal, Side

_FEED = "https://www.linkedin.com/feed/update/urn:li:activity:"

# (days ago, kind, text, contact or None): the last four weeks of LinkedIn, as imported.
_ITEMS: tuple[tuple[int, str, str, str | None], ...] = (
    (1, "comment", "Great point about data contracts between teams", "priya-raman"),
    (2, "reaction", "Celebrate: a new role at Kestrel", "amara-okafor"),
    (3, "connection", "Connected with Lukas Becker", "lukas-becker"),
    (4, "endorsement-received", "Data modelling, dbt", "elena-marin"),
    (8, "comment", "Thanks for sharing the benchmark notebook", "chen-wei"),
    (9, "reaction", "Insightful: pricing analytics in retail", None),
    (10, "share", "Slides from my talk on metric layers", None),
    (12, "connection", "Connected with Mateo Rossi", "mateo-rossi"),
    (16, "reaction", "Like: the Amsterdam data meetup recap", None),
    (17, "comment", "Which orchestration tool did you settle on?", "jonas-lindqvist"),
    (22, "invitation", "Invited Aoife Byrne to connect", "aoife-byrne"),
    (23, "article", "What a semantic layer is for", None),
    (24, "reaction", "Support: open-sourcing the data catalog", None),
)

# (contact, days ago, who sent the last message that day, note): LinkedIn conversations.
_MESSAGES: tuple[tuple[str, int, Side, str], ...] = (
    ("chen-wei", 12, Side.me, "LinkedIn messages: asked about the benchmark setup."),
    ("chen-wei", 5, Side.them, "LinkedIn messages: sent the notebook and asked for feedback."),
    ("priya-raman", 9, Side.them, "LinkedIn messages: asked whether I'd speak at her meetup."),
    ("mateo-rossi", 11, Side.me, "LinkedIn messages: thanked him for connecting."),
)


def demo_activity(today: date, book: ContactBook) -> ActivityLog:
    """Imported activity of the demo's last four weeks (only contacts the book holds)."""
    ids = {c.id for c in book.contacts}
    items = []
    for ago, kind, text, contact in _ITEMS:
        day = today - timedelta(days=ago)
        number = 7262000000000000000 + ago * 1000 + len(items)
        items.append(
            Activity(
                id=f"li-{kind}-{day:%Y%m%d}-{number % 0xFFFFFF:06x}",
                on=day,
                platform="LinkedIn",
                kind=kind,  # type: ignore[arg-type]
                url=f"{_FEED}{number}" if kind in ("comment", "reaction", "share") else None,
                text=text,
                contact=contact if contact in ids else None,
            )
        )
    return ActivityLog(activity=sorted(items, key=lambda a: (a.on, a.id)))


def demo_messages(today: date, journal: Journal, book: ContactBook) -> Journal:
    """The journal with the demo's imported LinkedIn conversations added."""
    ids = {c.id for c in book.contacts}
    added = []
    for n, (contact, ago, last, note) in enumerate(_MESSAGES):
        if contact not in ids:
            continue
        day = today - timedelta(days=ago)
        conversation = f"2-DEMO{contact.upper().replace('-', '')}=="
        added.append(
            Interaction(
                id=f"li-message-{day:%Y%m%d}-{n:06x}",
                contact=contact,
                on=day,
                kind="message",  # type: ignore[arg-type]
                note=note,
                source=f"linkedin:message:{conversation}:{day.isoformat()}",
                last_from=last,
            )
        )
    return journal.model_copy(update={"interactions": [*journal.interactions, *added]})
