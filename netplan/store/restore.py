"""Putting the store back as it was at an earlier moment, from the versions it keeps."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from netplan.store.backups import Version
from netplan.store.codec import MODELS, decode, encode
from netplan.store.folder import OPTIONAL, FileName
from netplan.store.messages import StoreError
from netplan.store.references import check_references

if TYPE_CHECKING:
    from netplan.store.core import Store


def restore(
    store: Store, until: datetime, timeout: float = 2.0
) -> tuple[dict[FileName, Version], list[FileName]]:
    """Put back each file as it was at `until`: its newest version saved at or before then.

    The chosen versions must load together, and a save must not be running (the lock is
    refused after `timeout`). The files replaced are backed up first, so a restore can be
    undone the same way; all or nothing. Returns the version chosen for each file, and
    the files written (a file that already holds its version is left alone).
    """
    chosen = store._backups.chosen_at(until)
    problems: list[str] = []
    with store.lock(timeout=timeout):
        data: dict[FileName, bytes] = {}
        models: dict[FileName, Any] = {}
        for name, version in chosen.items():
            try:
                data[name] = version.path.read_bytes()
            except OSError as error:
                raise StoreError(f"cannot read {version.path}: {error.strerror}") from None
            try:
                models[name] = decode(name, data[name], str(version.path))
            except StoreError as error:
                problems.extend(error.problems)
        for name in OPTIONAL - set(chosen):
            # Not there at `until`: it held nothing then. An existing one is emptied (and
            # backed up first, as every replaced file is).
            models[name] = MODELS[name]()
            if store.path(name).exists():
                data[name] = encode(models[name])
        if not problems:
            problems = check_references(
                models["plan"], models["contacts"], models["journal"], activity=models["activity"]
            )
        if problems:
            problems[0] = "refusing to restore: " + problems[0]
            raise StoreError(problems[0], problems)
        todo = {
            n: data[n]
            for n in data
            if not (n in chosen and chosen[n].current) and not _holds(store, n, data[n])
        }
        store._commit(todo, models)
        for name, content in todo.items():
            store._remember(name, content, models[name])
        if "contacts" in todo:
            store._contact_ids = {c.id for c in models["contacts"].contacts}
        store._backups.prune()
    return chosen, list(todo)


def _holds(store: Store, name: FileName, data: bytes) -> bool:
    try:
        return Path(store.path(name)).read_bytes() == data
    except OSError:
        return False
