"""Requests that widgets post; the app applies them as edits and saves."""

from __future__ import annotations

from datetime import date

from textual.message import Message

from netplan.models import Period


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
