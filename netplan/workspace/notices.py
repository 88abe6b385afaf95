"""What the workspace tells the user, in words: the face decides how (a toast, a line)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from netplan.workspace.states import Notice

# A conflict copy: the merge that takes it in, from the command line and in the app.
RESOLVE = "`netplan resolve`"
OFFERED = "the app offers it too (ctrl+p, Merge sync conflicts)"


def saved_again() -> Notice:
    return Notice("Saved. Everything is on disk again.")


def save_failed(message: str, hint: str = "") -> Notice:
    return Notice(
        f"{message}\nYour changes are kept here; retrying every few seconds.{hint}",
        "Could not save",
        "error",
        15,
    )


def invalid_on_disk(file: str, problems: str) -> Notice:
    return Notice(
        f"{problems}\nnetplan keeps what it shows and will not write {file} "
        "until the file is valid again.",
        f"{file} changed on disk and is invalid",
        "error",
        20,
    )


def kept_aside(files: str, why: str, kept: Sequence[str]) -> Notice:
    return Notice(
        f"{files} changed on disk and your unsaved changes no longer fit it ({why}). "
        f"They were kept in {', '.join(kept)}.",
        "Changed on disk",
        "warning",
        20,
    )


def merged(files: str) -> Notice:
    return Notice(
        f"{files} changed on disk; your unsaved changes were applied on top of it.", "Merged"
    )


def reloaded(files: str) -> Notice:
    return Notice(f"{files} changed on disk and was reloaded.")


def cannot_keep(files: str, why: str, failure: str) -> Notice:
    return Notice(
        f"{files} changed on disk and your unsaved changes no longer fit it ({why}); keeping "
        f"them in a recovery file failed too: {failure}. They stay here and netplan writes "
        "nothing until it can keep them; press q twice to quit anyway.",
        "Cannot keep your changes",
        "error",
        30,
    )


def people_back() -> Notice:
    return Notice("Contacts and journal are valid again and loaded.", "Loaded")


def people_failed(problems: Sequence[str]) -> Notice:
    return Notice(
        "\n".join(problems[:5]) + "\nFix the file; netplan will not write it.",
        "Cannot load contacts",
        "error",
        30,
    )


def set_aside(copy: str) -> Notice:
    return Notice(
        f"Another version of the file arrived while netplan saved (a sync tool?); yours is "
        f"saved and the other was kept beside it as {copy}. {RESOLVE} merges what it holds "
        f"into yours, record by record; {OFFERED}.",
        "Another version was kept",
        "warning",
        30,
    )


def unsavable(message: str) -> Notice:
    return Notice(
        f"{message}\nThe last change cannot be stored as it is: undo it (u) or change it; "
        "netplan will not try this version again.",
        "Cannot save this change",
        "error",
        30,
    )


def conflict_copies(copies: Sequence[str]) -> Notice:
    names = ", ".join(Path(copy).name for copy in copies)
    one = len(copies) == 1
    return Notice(
        f"A sync tool left {'a conflicting copy' if one else 'conflicting copies'} beside "
        f"netplan's files: {names}. {'It holds' if one else 'They hold'} changes made "
        f"elsewhere that netplan does not show. {RESOLVE} merges "
        f"{'it' if one else 'them'} into the files record by record and moves "
        f"{'it' if one else 'them'} into .backups/; {OFFERED}.",
        "Conflicting copy" if one else "Conflicting copies",
        "warning",
        30,
    )
