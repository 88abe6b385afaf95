"""What `netplan resolve` (and the app's dialog) says: per conflict copy, the file it merges
into, the base it used, what it takes from the copy, and each field both sides changed (the
store's value kept, the copy's named)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from netplan.store import FILES
from netplan.text import for_terminal

if TYPE_CHECKING:
    from netplan.workspace.resolving import Resolution

TAKEN_SHOWN = 20


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def render(resolution: Resolution, dry_run: bool = False, offer: bool = False) -> str:
    from netplan.workspace.resolving import shown

    folder = resolution.folder
    if not resolution.copies:
        return f"No conflict copies in {for_terminal(str(folder))}: nothing to merge."
    lines: list[str] = []
    for entry in resolution.copies:
        copy = shown(entry.copy, folder)
        if entry.name is None or entry.problem is not None:
            reason = for_terminal(entry.problem or "", " / ")
            lines.append(f"{copy}: left in place: {reason}")
            continue
        target = FILES[entry.name]
        if entry.merged_before:
            lines.append(f"{copy}: merged into {target} already; it only moves to .backups/")
            continue
        verb = "would merge" if dry_run else "merged"
        took = _plural(len(entry.taken), "change") if entry.taken else "nothing new"
        conflicts = f", {_plural(len(entry.conflicts), 'conflict')}" if entry.conflicts else ""
        lines.append(f"{copy} → {target}: {verb} {took}{conflicts} (base: {entry.base})")
        for change in entry.taken[:TAKEN_SHOWN]:
            said = (
                change.where
                if change.where.startswith(change.what)
                else f"{change.what} {change.where}"
            )
            lines.append(f"  + {for_terminal(said, ' / ')}")
        if len(entry.taken) > TAKEN_SHOWN:
            lines.append(f"  … and {len(entry.taken) - TAKEN_SHOWN} more")
        for conflict in entry.conflicts:
            why = f" ({conflict.why})" if conflict.why else ""
            text = f"{conflict.where}: kept {conflict.kept}, the copy has {conflict.other}{why}"
            lines.append(f"  ! {for_terminal(text, ' / ')}")
    for problem in resolution.problems:
        lines.append(f"Not merged: {for_terminal(problem, ' / ')}")
    if resolution.problems:
        lines.append("Nothing was written; the copies stay where they are.")
    elif dry_run and not offer:
        lines.append("Dry run: nothing was written.")
    elif resolution.changed:
        lines.append("The merged copies are in .backups/; `netplan restore` undoes the merge.")
    return "\n".join(lines)
