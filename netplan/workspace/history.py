"""The working copy: the data as edited, what is on disk, undo and redo, what is unsaved.

Every change is an Edit; the steps applied since the last successful save are kept, numbered,
so that a save can be matched to what it held (`SaveJob.seq`) and so they can be replayed on
top of a file changed on disk by someone else. The working copy belongs to one thread, the
one that applies edits; save jobs are built there too (see Workspace).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, NamedTuple

from netplan.runtime.values import distinct
from netplan.store import FileName
from netplan.workspace.data import FILE_NAMES, Data
from netplan.workspace.edits import Edit, Step


@distinct
class SaveJob(NamedTuple):
    """What one save writes: the files that differ from the saved ones, as of edit `seq`."""

    seq: int
    files: dict[FileName, Any]


class WorkingCopy:
    def __init__(self, data: Data) -> None:
        self.data = data
        self.saved = data  # what is on disk
        self.undo_stack: list[Edit] = []
        self.redo_stack: list[Edit] = []
        # (sequence number, step) of every change not yet on disk
        self.unsaved: list[tuple[int, Step]] = []
        self.seq = 0

    # changing

    def _run(self, step: Step) -> bool:
        after = step(self.data)
        if after == self.data:
            return False
        # Data first, the number last: whoever reads `seq` and then `data` gets data at least
        # as new as the number says (see save_job).
        number = self.seq + 1
        self.data = after
        self.unsaved.append((number, step))
        self.seq = number
        return True

    def apply(self, edit: Edit) -> bool:
        """Apply a change; False (and nothing recorded) when it changes nothing.

        A step that raises (KeyError, ValueError) leaves the working copy as it was.
        """
        if not self._run(edit.forward):
            return False
        self.undo_stack.append(edit)
        self.redo_stack.clear()
        return True

    def undo(self) -> Edit | None:
        while self.undo_stack:
            edit = self.undo_stack.pop()
            if self._run(edit.backward):
                self.redo_stack.append(edit)
                return edit
        return None

    def redo(self) -> Edit | None:
        while self.redo_stack:
            edit = self.redo_stack.pop()
            if self._run(edit.forward):
                self.undo_stack.append(edit)
                return edit
        return None

    # saving

    @property
    def dirty(self) -> bool:
        return bool(self.unsaved)

    def dirty_files(self) -> list[FileName]:
        return [
            name
            for name in FILE_NAMES
            if getattr(self.data, name) is not None
            and getattr(self.data, name) is not getattr(self.saved, name)
        ]

    def save_job(self) -> SaveJob | None:
        """The next save, as of now; None when everything is on disk.

        `seq` is read before the files, so even if an edit slipped in between (it cannot: the
        owning thread builds jobs), the job would hold at least the edits it claims.
        """
        if not self.unsaved:
            return None
        seq = self.seq
        data = self.data
        files = {
            name: getattr(data, name)
            for name in FILE_NAMES
            if getattr(data, name) is not None
            and getattr(data, name) is not getattr(self.saved, name)
        }
        return SaveJob(seq, files)

    def mark_saved(self, job: SaveJob) -> None:
        """A save of job finished: its files are now what is on disk."""
        self.saved = replace(self.saved, **job.files)
        self.unsaved = [(n, step) for n, step in self.unsaved if n > job.seq]
        if not self.unsaved:
            # Files that changed and changed back need no save either.
            self.saved = self.data

    # the disk changed

    def discard_unsaved(self) -> None:
        """Forget the changes not on disk (the caller kept them elsewhere) and their history."""
        self.data = self.saved
        self.unsaved.clear()
        self.undo_stack.clear()
        self.redo_stack.clear()

    def loaded(self, **files: Any) -> None:
        """Files read from disk (first load, or a reload): adopt them, replaying unsaved steps.

        Raises whatever a step raises when it no longer applies (the caller keeps this side's
        version elsewhere); the working copy is then left unchanged.
        """
        base = replace(self.saved, **files)
        data = replace(self.data, **files)
        if self.unsaved:
            data = base
            for _, step in self.unsaved:
                data = step(data)
        self.saved = base
        self.data = data
