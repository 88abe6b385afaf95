"""K, in the Contacts tab and in the agenda: keep a promise today, or say why not yet."""

from __future__ import annotations

from datetime import date

from netplan.domain.promises import promise_due
from netplan.models import Interaction
from netplan.text import for_screen
from netplan.tui.common.messages import ApplyEdit
from netplan.workspace.people_edits import keep_promise


def keeping(
    promise: Interaction, name: str, today: date, which: str = "promise"
) -> ApplyEdit | str:
    """The edit that keeps `promise` today, with its notice (how late), or why it cannot be
    kept yet; `name` is made safe for the screen already."""
    if today < promise.on:  # logged ahead of today: it cannot be kept yet
        return f"{name}'s {which} is dated {promise.on.isoformat()}, after today."
    due = promise_due(promise)
    assert due is not None
    late = (today - due).days
    when = "in time" if late <= 0 else f"{late} day{'s' * (late != 1)} late"
    what = for_screen(promise.promise or "")
    return ApplyEdit(
        keep_promise(promise.id, today, f"Kept the promise to {name}"),
        f"Kept “{what}” for {name} ({when}). u undoes it.",
    )
