"""The workspace's states: what its sync with the disk is doing, and how its people load.

    state        what is happening
    idle         at rest, nothing wrong (with unsaved edits a save is due)
    saving       a save job runs
    checking     a look at the disk runs: a poll, or the reload after a conflict
    failed       at rest: the last save failed; it is tried again from `wake_at`
    blocked      at rest: a file changed on disk and is invalid; nothing is written over
                 it, saves of it wait until it is valid again
    stuck        at rest: unsaved edits no longer fit the files on disk and no recovery
                 file could be written: nothing is written until they can be kept

People (contacts and journal) load on their own: loading, loaded or broken (their load
failed; a poll tries again once either file changes).
"""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple

from netplan.runtime.values import distinct

RETRY_SECONDS = (2, 5, 10, 30, 60)  # after a failed save; stuck: the second-longest


def retry_delay(retries: int) -> float:
    """How long to wait before trying a failed save again, after `retries` tries."""
    return RETRY_SECONDS[min(retries, len(RETRY_SECONDS) - 1)]


def keep_retry() -> float:
    """Stuck: how long until keeping the unsaved edits is tried again."""
    return RETRY_SECONDS[-2] if len(RETRY_SECONDS) > 1 else RETRY_SECONDS[0]


class SyncState(StrEnum):
    idle = "idle"
    saving = "saving"
    checking = "checking"
    failed = "failed"
    blocked = "blocked"
    stuck = "stuck"


class PeopleState(StrEnum):
    loading = "loading"
    loaded = "loaded"
    broken = "broken"


RUNNING = (SyncState.saving, SyncState.checking)


@distinct
class Notice(NamedTuple):
    """Something to tell the user; the face decides how (a toast, a line on stderr)."""

    message: str
    title: str = ""
    severity: str = "information"  # information | warning | error
    timeout: float | None = None
