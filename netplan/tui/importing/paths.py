"""The path field of the Import screen: file and folder names completed as you type.

`complete_path` is the completion itself (plain file system, no Textual): what the typed text
would become, shell-like. `PathSuggester` offers it to an Input (shown greyed after the
cursor; right or tab accepts it), listing folders in a thread so a big Downloads folder never
holds up a key press. `typed_path` reads what was typed: ~ expanded, quotes and the
backslashes a terminal adds to a dropped file's name taken off.
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

from textual.binding import Binding
from textual.suggester import Suggester
from textual.widgets import Input

LISTED_MAX = 5000  # names looked at in one folder: completion stays quick in a huge one
IMPORTABLE = (".zip", ".csv", ".vcf", ".vcard")


def typed_path(text: str) -> Path | None:
    """The path the user typed (None when nothing was): surrounding quotes, a terminal's
    backslash escapes of a dropped file (`My\\ Files`) and ~ resolved."""
    value = text.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        value = value[1:-1]
    elif "\\ " in value and not os.path.exists(os.path.expanduser(value)):
        value = value.replace("\\ ", " ")
    return Path(os.path.expanduser(value)) if value else None


def _ranked(entry: os.DirEntry[str]) -> tuple[int, int, str]:
    """Folders and the files an import reads first, then the rest; the shortest name first
    (Connections.csv before Connections-2019.csv), then by name."""
    try:
        folder = entry.is_dir()
    except OSError:
        folder = False
    wanted = folder or entry.name.casefold().endswith(IMPORTABLE)
    return (0 if wanted else 1, len(entry.name), entry.name)


def _shared_start(names: list[str]) -> str:
    """The longest text every name starts with (characters, not path parts)."""
    first, last = min(names), max(names)
    end = 0
    while end < min(len(first), len(last)) and first[end] == last[end]:
        end += 1
    return first[:end]


def complete_path(text: str) -> str | None:
    """What `text` completes to (it always starts with `text`), or None: the longest name
    all the matches share, or when that adds nothing the first match (folders and importable
    files first); a folder gets its trailing "/". Hidden names only when asked for by a dot."""
    if not text or "\n" in text:
        return None
    if text == "~":  # the home folder itself
        return "~/"
    folder_text, slash, prefix = text.rpartition("/")
    folder_text += slash
    folder = os.path.expanduser(folder_text) if folder_text else "."
    try:
        with os.scandir(folder) as entries:
            matches = []
            for count, entry in enumerate(entries):
                if count >= LISTED_MAX:
                    break
                if entry.name.startswith(prefix) and (
                    prefix.startswith(".") or not entry.name.startswith(".")
                ):
                    matches.append(entry)
    except OSError:
        return None
    if not matches:
        return None
    shared = _shared_start([entry.name for entry in matches])
    chosen = min(matches, key=_ranked)
    name = shared if len(shared) > len(prefix) and len(matches) > 1 else chosen.name
    if name == chosen.name:
        try:
            if chosen.is_dir():
                name += "/"
        except OSError:
            pass
    completed = folder_text + name
    return completed if completed != text else None


class PathSuggester(Suggester):
    """File and folder names for an Input; nothing cached, since folders change."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)

    async def get_suggestion(self, value: str) -> str | None:
        return await asyncio.to_thread(complete_path, value)


class PathInput(Input):
    """An Input of a path whose suggestion tab accepts too (right does, as in any Input);
    without one, tab moves on as usual."""

    BINDINGS = [
        Binding(
            "tab",
            "complete",
            "Complete",
            id="complete-path",
            tooltip="Accept the file or folder name suggested (right does too)",
        ),
    ]

    def __init__(self, **options) -> None:
        super().__init__(suggester=PathSuggester(), **options)

    def action_complete(self) -> None:
        if self.cursor_at_end and self._suggestion:
            self.value = self._suggestion
            self.cursor_position = len(self.value)
        else:
            self.screen.focus_next()
