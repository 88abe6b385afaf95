"""What the last sync with one vdir wrote and read, kept in the store per DIR and machine.

`<store>/.sync/vdir-<sha256 of realpath(DIR), 16 hex>-<hostname>.json`, written atomically
(fsutil), mode 0600. It is not one of the store's files: restore and backups leave it alone.
It holds, per card UID, the contact it maps to, its file, the card's fields as last read or
written (the other side's base) and the contact's fields then (netplan's base); per task
UID, the contact, file, due day and summary last written.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import socket
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from netplan.fsutil import DIR_MODE, atomic_write

FOLDER = ".sync"
VERSION = 1


def host_name() -> str:
    name = re.sub(r"[^A-Za-z0-9_.-]", "-", socket.gethostname() or "host")
    return name.strip(".-")[:64] or "host"


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def state_path(store_folder: Path, vdir: Path) -> Path:
    digest = hashlib.sha256(os.fsencode(os.path.realpath(vdir))).hexdigest()[:16]
    return store_folder / FOLDER / f"vdir-{digest}-{host_name()}.json"


@dataclass
class SyncState:
    cards: dict[str, dict[str, Any]] = field(default_factory=dict)
    tasks: dict[str, dict[str, Any]] = field(default_factory=dict)
    vdir: str = ""

    def as_json(self) -> bytes:
        data = {"version": VERSION, "vdir": self.vdir, "cards": self.cards, "tasks": self.tasks}
        return (json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode()


class StateUnreadable(Exception):
    """The state file exists but cannot be read; the message says why."""


def load_state(path: Path) -> tuple[SyncState, bytes | None]:
    """The state and its bytes as read (None: there was none)."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return SyncState(), None
    except OSError as error:
        raise StateUnreadable(f"cannot read {path}: {error.strerror}") from None
    try:
        data = json.loads(raw)
        cards = {str(k): dict(v) for k, v in data["cards"].items()}
        tasks = {str(k): dict(v) for k, v in data["tasks"].items()}
        for entry in (*cards.values(), *tasks.values()):
            if not isinstance(entry.get("contact"), str) or not isinstance(entry.get("file"), str):
                raise ValueError("an entry without contact or file")
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise StateUnreadable(
            f"{path} is damaged ({error}); move it away to sync as if for the first time"
        ) from None
    return SyncState(cards, tasks, str(data.get("vdir", ""))), raw


def save_state(path: Path, state: SyncState, before: bytes | None) -> bool:
    """Write the state when it changed; False when it is what was read."""
    data = state.as_json()
    if data == before:
        return False
    path.parent.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    atomic_write(path, data)
    return True
