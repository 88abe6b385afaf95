"""Requests that widgets post; the app applies them as edits and saves."""

from __future__ import annotations

from datetime import date

from textual.message import Message

from netplan.models import Period
from netplan.workspace.plan_edits import Edit


class CheckOff(Message):
    """Add (delta > 0) or remove completions of a routine on a day."""

    def __init__(self, routine_id: str, day: date, delta: int) -> None:
        super().__init__()
        self.routine_id = routine_id
        self.day = day
        self.delta = delta


class EditRoutine(Message):
    """Open the routine form: for routine_id, or a new routine of that period when None."""

    def __init__(self, routine_id: str | None, period: Period) -> None:
        super().__init__()
        self.routine_id = routine_id
        self.period = period


class ArchiveRoutine(Message):
    def __init__(self, routine_id: str) -> None:
        super().__init__()
        self.routine_id = routine_id


class ApplyEdit(Message):
    """Any change a tab or form built as an Edit: the app applies it, publishes and saves."""

    def __init__(self, edit: Edit, notice: str | None = None) -> None:
        super().__init__()
        self.edit = edit
        self.notice = notice  # shown after the edit applies ("Deleted Jane. u to undo")
