"""What the agenda lists about people, as data: sections of person items, no Textual, no styles.

Follow-ups due within a week, open promises (oldest first), replies owed (spec 7.3),
milestones in the next 14 days, then "Reach out this week": the suggestions, less what the
sections above already say (a person's follow-up in Follow-ups, their milestones in
Milestones), so nobody is repeated for the same reason and no reason is lost (thanks for
an endorsement, give first). Last, this month's give/ask balance. Tones name theme colours
("error", "warning", "success", "accent", "muted"); agenda_layout turns them into styles.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import TYPE_CHECKING, Any, overload

from netplan.domain.periods import month_end, month_start

if TYPE_CHECKING:
    from netplan.domain.people_index import PeopleIndex
    from netplan.workspace import Data

FOLLOW_UP_DAYS = 7
MILESTONE_DAYS = 14
REACH_OUT_MOST = 60  # more than any terminal shows in that section
# The suggestion's reasons that Follow-ups already shows for a person listed there.
FOLLOW_UP_REASONS = ("overdue ", "follow-up ")


class ItemKind(Enum):
    follow_up = "follow-up"
    promise = "promise"
    reply = "reply"
    milestone = "milestone"
    reach_out = "reach-out"


@dataclass(frozen=True)
class AgendaItem:
    """One person line: `lead` before the name (a milestone's day), `when` after it in its
    own column, then `detail` (a promise, a milestone, the reasons to reach out)."""

    kind: ItemKind
    contact_id: str
    name: str
    when: str = ""
    tone: str = ""
    detail: str = ""
    lead: str = ""
    interaction_id: str | None = None  # the promise's interaction

    @property
    def key(self) -> tuple:
        """What the cursor follows across a rebuild."""
        return (self.kind, self.contact_id, self.interaction_id, self.lead, self.detail)


class LazyItems(Sequence[AgendaItem]):
    """Items made from the domain's rows when first read: with 30,000 contacts thousands
    are due, and the agenda shows a few dozen."""

    def __init__(self, rows: Sequence[Any], make: Callable[[Any], AgendaItem]) -> None:
        self._rows = rows
        self._make = make
        self._made: dict[int, AgendaItem] = {}

    def __len__(self) -> int:
        return len(self._rows)

    @overload
    def __getitem__(self, index: int) -> AgendaItem: ...
    @overload
    def __getitem__(self, index: slice) -> list[AgendaItem]: ...
    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self._rows)
        item = self._made.get(index)
        if item is None:
            item = self._made[index] = self._make(self._rows[index])
        return item


@dataclass(frozen=True)
class Section:
    title: str
    items: Sequence[AgendaItem] = ()
    empty: str | None = None  # said when there are no items; None: no section then
    notes: tuple[tuple[tuple[str, str], ...], ...] = ()  # fixed lines of (text, tone) parts
    reason_details: bool = False  # details are reasons: never cut, wrapped when narrow


def _when(overdue_days: int, ahead_tone: str) -> tuple[str, str]:
    if overdue_days > 0:
        return f"{overdue_days}d overdue", "error"
    if overdue_days == 0:
        return "today", "warning"
    return f"in {-overdue_days}d", ahead_tone


def people_sections(people: PeopleIndex, data: Data, today: date) -> list[Section]:
    from netplan.domain.balance import balance_of  # with the people, after the first frame
    from netplan.domain.promises import promises_of

    assert data.journal is not None
    sections: list[Section] = []

    due = people.follow_ups(FOLLOW_UP_DAYS)
    overdue = sum(1 for item in due if item.overdue_days > 0)
    follow_ups = LazyItems(
        due,
        lambda f: AgendaItem(
            ItemKind.follow_up, f.contact.id, f.contact.name, *_when(f.overdue_days, "warning")
        ),
    )
    sections.append(Section(f"Follow-ups · {overdue} overdue", follow_ups, "Nothing due this week"))

    found = promises_of(people, today)
    if found:
        late = sum(1 for p in found if p.overdue_days > 0)
        items = LazyItems(
            found,
            lambda p: AgendaItem(
                ItemKind.promise,
                p.contact.id,
                p.contact.name,
                *_when(p.overdue_days, "muted"),
                detail=p.interaction.promise or "",
                interaction_id=p.interaction.id,
            ),
        )
        sections.append(Section(f"Promises · {len(found)} open · {late} overdue", items))

    owed = people.replies_owed()
    if owed:
        items = LazyItems(
            owed,
            lambda entry: AgendaItem(
                ItemKind.reply,
                entry[0].id,
                entry[0].name,
                f"{entry[1].days}d ago",
                "error" if entry[1].days > 7 else "warning",
            ),
        )
        sections.append(Section(f"Replies owed · {len(owed)}", items))

    coming = people.milestones(MILESTONE_DAYS)
    milestones = LazyItems(
        coming,
        lambda m: AgendaItem(
            ItemKind.milestone,
            m.contact.id,
            m.contact.name,
            detail=m.milestone.label,
            lead=f"{m.on:%b} {m.on.day:<2}",
            tone="accent",
        ),
    )
    sections.append(
        Section(f"Milestones · next {MILESTONE_DAYS} days", milestones, "None coming up")
    )

    due_ids = {f.contact.id for f in due}
    listed = due_ids | {p.contact.id for p in found} | {contact.id for contact, _ in owed}
    labels: dict[str, set[str]] = {}
    for m in coming:
        listed.add(m.contact.id)
        labels.setdefault(m.contact.id, set()).add(m.milestone.label)
    sections.append(_reach_out(people, data, listed, due_ids, labels))

    first, last = month_start(today), month_end(today)
    # From the index's recent entries (this month's among them), not all 300,000.
    month = balance_of(i for i in people.recent if first <= i.on <= last)
    notes: list[tuple[tuple[str, str], ...]] = [
        (
            (f"gave {month.gave}", "success"),
            ("  ·  ", "muted"),
            (f"asked {month.asked}", "warning" if month.give_first else ""),
            (f"  ·  {month.neutral} neutral", "muted"),
        )
    ]
    if month.give_first:
        notes.append((("More asks than gives: offer help first", "warning"),))
    sections.append(Section(f"Give and ask · {today:%B}", notes=tuple(notes)))
    return sections


def _reach_out(
    people: PeopleIndex,
    data: Data,
    listed: set[str],
    in_follow_ups: set[str],
    labels: dict[str, set[str]],
) -> Section:
    """Suggestions, each with only the reasons the sections above do not already show
    (`labels`: the milestones listed, by contact)."""
    # Everyone listed above may be among the best: ask for that many more.
    suggestions = people.suggestions(limit=len(listed) + REACH_OUT_MOST, activity=data.activity)
    items: list[AgendaItem] = []
    for suggestion in suggestions:
        contact_id = suggestion.contact.id
        reasons = list(suggestion.reasons)
        if contact_id in in_follow_ups:
            reasons = [r for r in reasons if not r.startswith(FOLLOW_UP_REASONS)]
        for label in labels.get(contact_id, ()):
            reasons = [r for r in reasons if not r.startswith(f"{label} ")]
        if not reasons:
            continue
        items.append(
            AgendaItem(
                ItemKind.reach_out, contact_id, suggestion.contact.name, detail=", ".join(reasons)
            )
        )
        if len(items) == REACH_OUT_MOST:
            break
    empty = "Nobody else this week" if suggestions else "Everyone is up to date"
    return Section("Reach out this week", tuple(items), empty, reason_details=True)
