"""The store as the working copy holds it: one immutable, consistent view of the three files."""

from __future__ import annotations

from dataclasses import dataclass

from netplan.models import ContactBook, Journal, Plan
from netplan.store import FileName

FILE_NAMES: tuple[FileName, ...] = ("plan", "contacts", "journal")


@dataclass(frozen=True)
class Data:
    """Plan, contacts and journal; in the app, contacts and journal arrive after the first
    frame (None until then)."""

    plan: Plan
    contacts: ContactBook | None = None
    journal: Journal | None = None

    @property
    def people_loaded(self) -> bool:
        return self.contacts is not None and self.journal is not None
