"""What one `netplan sync vdir` did, and its words for the terminal."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from netplan.text import for_terminal


@dataclass
class SyncReport:
    vdir: str
    added: list[tuple[str, str]] = field(default_factory=list)  # (name, file)
    updated: list[tuple[str, list[str]]] = field(default_factory=list)  # (name, fields)
    conflicts: list[tuple[str, str, Any, Any]] = field(default_factory=list)
    archived: list[str] = field(default_factory=list)
    logged: list[tuple[str, date]] = field(default_factory=list)
    moved: list[tuple[str, date]] = field(default_factory=list)
    written: list[str] = field(default_factory=list)  # files of DIR written
    removed: list[str] = field(default_factory=list)  # files of DIR removed
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)
    notes: list[tuple[str, str]] = field(default_factory=list)  # (file, what was left out)
    store_saved: bool = False
    state_written: bool = False

    @property
    def changed(self) -> bool:
        return bool(self.written or self.removed or self.store_saved or self.state_written)

    def skip(self, name: str, reason: str) -> None:
        if (name, reason) not in self.skipped:
            self.skipped.append((name, reason))


def _value(value: Any) -> str:
    if value is None or value == [] or value == {}:
        return "(none)"
    if isinstance(value, list):
        return ", ".join(_value(v) if isinstance(v, list) else str(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {v}" for k, v in value.items())
    return str(value)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def render(report: SyncReport) -> str:
    t = for_terminal
    lines = [f"Synced with {t(report.vdir)}:"]
    for name, file in report.added:
        lines.append(f"  added {t(name)} (a new card there: {t(file)})")
    for name, fields in report.updated:
        lines.append(f"  updated {t(name)} from its card: {', '.join(fields)}")
    for name in report.archived:
        lines.append(f"  archived {t(name)} (the card was deleted there)")
    for name, day in report.logged:
        lines.append(f"  logged the follow-up with {t(name)} done there on {day.isoformat()}")
    for name, day in report.moved:
        lines.append(f"  moved the follow-up with {t(name)} to {day.isoformat()}")
    for name, label, ours, theirs in report.conflicts:
        lines.append(
            f"  conflict: {t(name)}'s {label} changed on both sides; kept netplan's "
            f'"{t(_value(ours), " / ")}", not "{t(_value(theirs), " / ")}" from there'
        )
    cards = sum(1 for f in report.written if f.endswith(".vcf"))
    tasks = len(report.written) - cards
    if report.written or report.removed:
        lines.append(
            f"  wrote {_plural(cards, 'card')} and {_plural(tasks, 'task')}"
            + (f", removed {_plural(len(report.removed), 'file')}" if report.removed else "")
        )
    if not report.changed:
        lines.append("  nothing changed on either side")
    if report.skipped:
        lines.append(f"Skipped {_plural(len(report.skipped), 'file')} (the rest synced):")
        lines += [f"  {t(name)}: {t(reason, ' / ')}" for name, reason in report.skipped]
    if report.notes:
        lines.append("Left out of cards:")
        lines += [f"  {t(name)}: {t(reason, ' / ')}" for name, reason in report.notes]
    return "\n".join(lines)
