"""The store as the working copy holds it: one immutable, consistent view of the files."""

from __future__ import annotations

from dataclasses import dataclass

from netplan.models import ActivityLog, ContactBook, Journal, Plan
from netplan.store import FileName

FILE_NAMES: tuple[FileName, ...] = ("plan", "contacts", "journal", "activity")


@dataclass(frozen=True)
class Data:
    """Plan, contacts, journal and imported activity; in the app, the last three arrive after
    the first frame (None until then). An absent activity.toml loads as an empty log."""

    plan: Plan
    contacts: ContactBook | None = None
    journal: Journal | None = None
    activity: ActivityLog | None = None

    @property
    def people_loaded(self) -> bool:
        return self.contacts is not None and self.journal is not None
