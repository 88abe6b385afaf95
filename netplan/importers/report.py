"""What an import says it did: added, updated (and how), skipped (and why), unchanged."""

from __future__ import annotations

from dataclasses import dataclass, field

from netplan.importers import Problem
from netplan.text import for_terminal

LIST_ADDED_MAX = 50
LINE_BREAK = " / "  # how a line break in a name or reason shows in the report


@dataclass(frozen=True)
class Added:
    where: str
    id: str
    name: str


@dataclass(frozen=True)
class Updated:
    where: str
    id: str
    name: str
    changes: tuple[str, ...]  # "company (Acme → Globex)", "email", "tags (+fintech)", …


@dataclass
class ImportReport:
    source: str
    kind: str
    added: list[Added] = field(default_factory=list)
    updated: list[Updated] = field(default_factory=list)
    unchanged: int = 0
    skipped: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated)

    def summary(self) -> str:
        return (
            f"{len(self.added)} added, {len(self.updated)} updated, "
            f"{len(self.skipped)} skipped, {self.unchanged} unchanged"
        )

    def render(self, dry_run: bool = False, footer: bool = True) -> str:
        """The report printed by `netplan import`: counts, then every update and skip (and,
        with `footer`, that a dry run wrote nothing)."""
        verb = "Would import" if dry_run else "Imported"
        source = for_terminal(self.source, LINE_BREAK)
        lines = [f"{verb} {self.kind} contacts from {source}: {self.summary()}."]
        if self.added:
            lines += ["", "Added:" if not dry_run else "Would add:"]
            for item in self.added[:LIST_ADDED_MAX]:
                lines.append(f"  {item.where}: {for_terminal(item.name, LINE_BREAK)} ({item.id})")
            if len(self.added) > LIST_ADDED_MAX:
                lines.append(f"  … and {len(self.added) - LIST_ADDED_MAX} more")
        if self.updated:
            lines += ["", "Updated:" if not dry_run else "Would update:"]
            for change in self.updated:
                lines.append(
                    f"  {change.where}: {for_terminal(change.name, LINE_BREAK)} ({change.id}): "
                    + for_terminal("; ".join(change.changes), LINE_BREAK)
                )
        if self.skipped:
            lines += ["", "Skipped:"]
            lines += [f"  {p.where}: {for_terminal(p.reason, LINE_BREAK)}" for p in self.skipped]
        if self.notes:
            lines += ["", "Imported without some values:"]
            lines += [f"  {p.where}: {for_terminal(p.reason, LINE_BREAK)}" for p in self.notes]
        if dry_run and footer:
            lines += ["", "Dry run: nothing was written."]
        return "\n".join(lines)


# --- merging -----------------------------------------------------------------------------
