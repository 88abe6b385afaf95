"""Which versions of a store's files netplan last saw valid together, by their sha256.

A full load validates every file and the references between them; a save from there writes
versions that the edits kept consistent. The digests of such a set of versions are kept per
machine in the user's cache folder, so a command that touches one person (`netplan log`)
can tell that a 48 MB journal is byte for byte one it has checked already and read only the
records it needs (see journal_part). The claim is about content, not time: the same bytes are
as valid tomorrow. A lost, stale or unreadable record costs a full load, never a wrong result.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from pathlib import Path

from netplan.store.folder import FILES

# file -> sha256 of its bytes ("" for an absent optional file); and known_valid.PLAIN -> the
# digest of the journal whose layout journal_part can search (see plain_layout)
Digests = dict[str, str]


def record_path(folder: Path) -> Path:
    import platformdirs

    root = Path(platformdirs.user_cache_dir("netplan", appauthor=False))
    key = hashlib.sha256(str(Path(folder).resolve()).encode()).hexdigest()[:24]
    return root / "checked" / f"{key}.json"


def read_checked(folder: Path) -> Digests | None:
    try:
        found = json.loads(record_path(folder).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(found, dict) or not set(FILES) <= set(found):
        return None
    if not all(isinstance(value, str) for value in found.values()):
        return None
    return found


def write_checked(folder: Path, digests: Digests) -> None:
    """Best effort: a cache that cannot be written only makes the next command slower."""
    if not set(FILES) <= set(digests):
        return
    path = record_path(folder)
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        temp.write_text(json.dumps(digests, sort_keys=True), encoding="utf-8")
        os.replace(temp, path)
