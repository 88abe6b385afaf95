"""This side's version of a file kept where a save cannot write over it: when the file
changed on disk and the two cannot be merged, or when saves fail and the app quits."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from pydantic import BaseModel

from netplan.fsutil import atomic_write, os_message
from netplan.store.encoding import encode
from netplan.store.folder import FileName, recovery_folders, recovery_path
from netplan.store.journal_part import PartialJournal
from netplan.store.messages import StoreError


def write_recovery(store_folder: Path, name: FileName, model: BaseModel) -> Path:
    """A new file beside the store's, else in the first of the store's parent, $HOME and
    $TMPDIR that takes it; StoreError, with every place's reason, when none does."""
    if isinstance(model, PartialJournal):
        raise StoreError("part of the journal cannot be kept aside: try the command again")
    data = encode(model)
    failures = []
    for folder in recovery_folders(store_folder):
        path = recovery_path(folder, name, datetime.now())
        try:
            atomic_write(path, data)
        except OSError as error:
            failures.append(os_message(path, error))
            continue
        return path
    raise StoreError(failures[0], failures)
