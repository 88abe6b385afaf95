"""The follow-up tasks' half of the sync: read DIR/tasks, take in what was done there,
write each contact's next follow-up.

A task completed there logs an interaction (`kind = "other"`, `exchange = "neutral"`) on
its completion day, once (its `source` names the task, its due day and that day); the
follow-up it stood for is then done with, and the next one follows netplan's rule. A task
whose DUE moved there moves the contact's follow-up, unless netplan moved it too (then
netplan's stays, reported). Tasks that are not netplan's are left alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from netplan.domain.ids import next_interaction_id
from netplan.domain.journal import LogRequest
from netplan.models import Exchange, InteractionKind
from netplan.sync import folder as files
from netplan.sync.card_reading import Malformed
from netplan.sync.report import SyncReport
from netplan.sync.state import SyncState, digest
from netplan.sync.tasks import Task, read_task, render_task, summary_for, task_uid
from netplan.workspace.people_edits import log_interaction, patch_contact, patch_interaction


@dataclass
class TaskSide:
    tasks: dict[str, tuple[str, Task]] = field(default_factory=dict)  # uid -> (file, task)
    unreadable: set[str] = field(default_factory=set)
    names: set[str] = field(default_factory=set)
    shas: dict[str, str] = field(default_factory=dict)  # file -> sha256 of its bytes


def read_tasks(folder: Path, report: SyncReport, today: date, state: SyncState) -> TaskSide:
    """The tasks of DIR/tasks; one whose bytes are those netplan last wrote is not parsed."""
    side = TaskSide()
    known = {e["file"]: (u, e) for u, e in state.tasks.items() if "sha" in e}
    for name in files.listing(folder, files.TASK_EXT):
        side.names.add(name)
        try:
            data = files.read_limited(folder / name)
            side.shas[name] = sha = digest(data)
            uid, entry = known.get(name, ("", {}))
            if entry.get("sha") == sha and entry.get("due"):
                due = date.fromisoformat(entry["due"])
                task = Task(uid, due, entry.get("summary", ""), entry["contact"], None, False)
            else:
                task = read_task(data, today)
        except Malformed as error:
            side.unreadable.add(name)
            report.skip(f"tasks/{name}", str(error))
            continue
        if task.uid in side.tasks:
            side.unreadable.add(name)
            other = side.tasks[task.uid][0]
            report.skip(f"tasks/{name}", f"its UID {task.uid} is also the UID of {other}")
            continue
        side.tasks[task.uid] = (name, task)
    return side


_seen: list[Any] = [None, {}]  # the contact book last indexed, and its index


def contacts_by_id(workspace: Any) -> dict[str, Any]:
    """The workspace's contacts by id, indexed again only when an edit changed them."""
    book = workspace.data.contacts
    if _seen[0] is not book:
        _seen[:] = [book, {c.id: c for c in book.contacts}]
    return _seen[1]


_contacts = contacts_by_id


def _due(workspace: Any, contact_id: str) -> date | None:
    row = workspace.people.by_id.get(contact_id)
    return row.due if row is not None else None


def _try(workspace: Any, edit: Any, report: SyncReport, where: str) -> bool:
    try:
        workspace.apply(edit)
    except (KeyError, ValueError) as error:
        report.skip(where, f"cannot be taken in: {error}")
        return False
    return True


def _completed(workspace: Any, contact: Any, task: Task, report: SyncReport, where: str) -> None:
    assert task.completed is not None
    due = task.due.isoformat() if task.due else "none"
    source = f"vdir:{task.uid}:{due}:{task.completed.isoformat()}"
    journal = workspace.data.journal
    if any(i.source == source for i in journal.interactions):
        return  # logged by an earlier sync that stopped before it wrote the task
    ident = next_interaction_id(journal, task.completed)
    request = LogRequest(
        contact=contact.id,
        on=task.completed,
        kind=InteractionKind.other,
        exchange=Exchange.neutral,
        note=f"{task.summary or summary_for(contact.name)}: done (vdir task)",
    )
    label = f"Follow-up with {contact.name} done there"
    if not _try(workspace, log_interaction(request, label), report, where):
        return
    logged = next(i for i in workspace.data.journal.interactions if i.id == ident)
    _try(workspace, patch_interaction(logged, {"source": source}, label), report, where)
    report.logged.append((contact.name, task.completed))
    now = _contacts(workspace)[contact.id]
    if task.due is not None and now.follow_up == task.due:
        # The follow-up the task stood for is done, even when done ahead of its day.
        _try(workspace, patch_contact(now.id, {"follow_up": None}, now.name), report, where)


def sync_tasks(workspace: Any, state: SyncState, side: TaskSide, report: SyncReport) -> None:
    """Take in the tasks completed or moved there."""
    contacts = _contacts(workspace)
    for uid, (name, task) in side.tasks.items():
        if uid not in state.tasks and task.contact in contacts and uid == task_uid(task.contact):
            state.tasks[uid] = {"contact": task.contact, "file": name, "due": None}  # adopted
    for uid, entry in state.tasks.items():
        found = side.tasks.get(uid)
        contact = _contacts(workspace).get(entry["contact"])
        if found is None or contact is None or contact.archived:
            continue
        name, task = found
        entry["file"] = name
        where = f"tasks/{name}"
        if task.done:
            _completed(workspace, contact, task, report, where)
        elif task.due is not None and entry.get("due") and task.due.isoformat() != entry["due"]:
            ours = _due(workspace, contact.id)
            if ours == task.due:
                continue  # moved the same way on both sides (or taken in already)
            if ours is not None and ours.isoformat() != entry["due"]:
                report.conflicts.append((contact.name, "follow-up", ours, task.due))
            elif _try(
                workspace,
                patch_contact(contact.id, {"follow_up": task.due}, contact.name),
                report,
                where,
            ):
                report.moved.append((contact.name, task.due))


def write_tasks(
    workspace: Any,
    state: SyncState,
    side: TaskSide,
    folder: Path,
    report: SyncReport,
    today: date,
    gone: set[str],
    touched: set[Path],
) -> None:
    """Each contact's next follow-up as its task; tasks of no follow-up taken away."""
    contacts = _contacts(workspace)

    def take_away(uid: str, name: str) -> None:
        if name in side.names and name not in side.unreadable:
            files.remove(folder / name)
            report.removed.append(f"tasks/{name}")
        state.tasks.pop(uid, None)

    for uid, entry in list(state.tasks.items()):
        contact = contacts.get(entry["contact"])
        if contact is None or contact.archived:
            take_away(uid, entry["file"])
    for contact in contacts.values():
        if contact.archived or contact.id in gone:
            continue
        uid = task_uid(contact.id)
        entry = state.tasks.get(uid)
        name = entry["file"] if entry else side.tasks.get(uid, (f"{uid}.ics",))[0]
        due = _due(workspace, contact.id)
        if due is None:
            if entry is not None or uid in side.tasks:
                take_away(uid, name)
            continue
        if name in side.unreadable:
            report.skip(f"tasks/{name}", f"not overwritten with {contact.name}'s follow-up")
            continue
        found = side.tasks.get(uid)
        summary = summary_for(contact.name)
        task = found[1] if found else None
        sha = side.shas.get(name, "")
        if task is None or (task.done, task.due, task.summary, task.contact) != (
            False,
            due,
            summary,
            contact.id,
        ):
            data = render_task(uid, contact.id, summary, due, today)
            files.write(folder / name, data, touched)
            report.written.append(f"tasks/{name}")
            sha = digest(data)
        state.tasks[uid] = {
            "contact": contact.id,
            "file": name,
            "due": due.isoformat(),
            "summary": summary,
            "sha": sha,
        }
