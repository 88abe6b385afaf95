"""The command line's save: the app's jobs, run one after the other in this thread."""

from __future__ import annotations

from typing import TYPE_CHECKING

from netplan.store import FileName, StoreError
from netplan.workspace import jobs

if TYPE_CHECKING:
    from netplan.workspace.sync import Workspace


def save_in_turn(workspace: Workspace) -> list[FileName]:
    """The files written; StoreError when the change cannot be saved (nothing of it is)."""
    written: list[FileName] = []
    for _attempt in range(5):
        job = workspace.next_job()
        if job is None:
            break
        result = jobs.run(workspace.store, job)
        workspace.finish(job, result)
        if isinstance(result, jobs.Saved):
            written.extend(result.written)
        elif isinstance(result, jobs.SaveFailed):
            raise StoreError(result.message)
    if workspace.blocked:
        problems = [p for text in workspace.blocked.values() for p in text.split("\n")]
        raise StoreError(problems[0], problems)
    if workspace.dirty:
        raise StoreError(
            f"the files in {workspace.store.folder} kept changing while netplan saved; "
            "nothing of this command was written, try again"
        )
    return written
