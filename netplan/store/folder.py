"""The store folder's layout: where it is, the files it holds, and what else may lie there."""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Literal

FileName = Literal["plan", "contacts", "journal", "activity"]
FILES: dict[FileName, str] = {
    "plan": "plan.toml",
    "contacts": "contacts.toml",
    "journal": "journal.toml",
    "activity": "activity.toml",
}
# Files a store may lack: absent means empty (imported activity, spec 7.3), unless backups
# of it exist (then it is missing, as the others would be).
OPTIONAL: frozenset[FileName] = frozenset({"activity"})
REQUIRED: tuple[FileName, ...] = tuple(n for n in FILES if n not in OPTIONAL)
BACKUP_DIR = ".backups"
LOCK_NAME = ".netplan.lock"
# Copies that sync tools leave beside a file both sides changed (Syncthing, Dropbox).
CONFLICT_MARKS = (".sync-conflict-", "conflicted copy")


def resolve_folder(option: str | os.PathLike[str] | None, environ: Mapping[str, str]) -> Path:
    """The store folder: --data, then NETPLAN_DATA, then the platform's user data folder."""
    if option:
        return Path(option).expanduser()
    if environ.get("NETPLAN_DATA"):
        return Path(environ["NETPLAN_DATA"]).expanduser()
    import platformdirs  # only when needed: it costs start-up time

    return Path(platformdirs.user_data_dir("netplan", appauthor=False))


def conflict_copies(folder: Path) -> list[Path]:
    """Copies left by sync tools (Syncthing, Dropbox) that the user should look at."""
    try:
        names = sorted(folder.iterdir())
    except OSError:
        return []
    return [p for p in names if any(mark in p.name for mark in CONFLICT_MARKS)]


def copy_of(copy: Path) -> FileName | None:
    """The store file a sync tool's conflict copy is a copy of: Syncthing's
    `plan.sync-conflict-20261125-101500-ABCDEFG.toml`, Dropbox's `plan (Jane's conflicted
    copy 2026-11-25).toml`, netplan's own `contacts.sync-conflict-…-netplan.toml`."""
    if not any(mark in copy.name for mark in CONFLICT_MARKS):
        return None
    for name, file in FILES.items():
        stem = file.removesuffix(".toml")
        if copy.name.startswith((stem + ".", stem + " ")) and copy.name.endswith(".toml"):
            return name
    return None


def recovery_folders(folder: Path, environ: Mapping[str, str] = os.environ) -> list[Path]:
    """Where a version netplan could not save may go, in order: beside the files, then (the
    store's folder full or read-only) its parent, the home folder, the temp folder."""
    import tempfile

    places = [folder, folder.parent]
    if environ.get("HOME"):
        places.append(Path(environ["HOME"]))
    places.append(Path(environ.get("TMPDIR") or tempfile.gettempdir()))
    unique: dict[str, Path] = {}
    for place in places:
        unique.setdefault(os.path.realpath(place), place)
    return list(unique.values())


def recovery_path(folder: Path, name: FileName, now: datetime) -> Path:
    """A new file beside the store's files for a version netplan could not save there
    (`plan.recovered-20261125-101500.toml`); never an earlier recovery file's name."""
    base = f"{FILES[name].removesuffix('.toml')}.recovered-{now:%Y%m%d-%H%M%S}"
    path = folder / f"{base}.toml"
    number = 2
    while path.exists() or path.is_symlink():
        path = folder / f"{base}-{number}.toml"
        number += 1
    return path


# What a file holds when it is started empty on purpose.
EMPTY = {
    "plan": "schema_version = 1",
    "contacts": "contacts = []",
    "journal": "interactions = []",
    "activity": "activity = []",
}


def missing_file_message(folder: Path, missing: list[FileName]) -> str:
    """A file is gone while the others are there (a sync tool moved it, a slip of `rm`):
    never started empty, which would lose what the others refer to and let a sync tool
    file the real one away as a conflict."""
    names = " and ".join(FILES[n] for n in missing)
    verb = "is" if len(missing) == 1 else "are"
    empty = "; ".join(f"{FILES[n]} holding `{EMPTY[n]}`" for n in missing)
    return (
        f"{names} {verb} missing from {folder}, while the other files are there; netplan "
        "does not start it empty. Put it back: a copy your sync tool kept, or `netplan "
        f"restore` (see `netplan restore --list`). To start afresh on purpose, create {empty}"
    )
