"""`netplan sync vdir DIR`: read the vdir, merge it into the store three-way, write it back.

Order, so that a failure changes nothing it should not: DIR's folders are created and shown
writable first (else VdirError, the store untouched); the cards and tasks are read (a file
that is not one readable card or task is skipped with its reason, never taken for a
deletion); the other side's changes become the workspace's own edits, saved once; then the
cards and tasks that differ from what netplan holds are written, the ones of archived or
removed contacts taken away, and the sync state is written when it changed. A second sync
with no change writes nothing at all. The caller holds the store's lock throughout.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from netplan.domain.ids import IdMaker
from netplan.models import Contact
from netplan.sync import folder as files
from netplan.sync.card_fields import LABELS, NETPLAN, STANDARD, contact_changes, fields_of
from netplan.sync.card_fields import new_contact as card_contact
from netplan.sync.card_reading import Card, Malformed, read_card
from netplan.sync.cards import render_card
from netplan.sync.merge import merge_fields
from netplan.sync.report import SyncReport
from netplan.sync.state import SyncState, digest, load_state, save_state, state_path
from netplan.sync.task_sync import contacts_by_id, read_tasks, sync_tasks, write_tasks
from netplan.workspace.people_edits import add_contact, archive_contact, patch_contact


@dataclass
class Side:
    """What DIR holds now."""

    cards: dict[str, tuple[str, Card]] = field(default_factory=dict)  # uid -> (file, card)
    unreadable: set[str] = field(default_factory=set)  # files skipped: never deletions
    names: set[str] = field(default_factory=set)  # every card file there


def read_cards(folder: Path, report: SyncReport, state: SyncState) -> Side:
    """The cards of DIR/contacts. One whose bytes are those the last sync left is not parsed
    again: its fields are the state's (30,000 cards read in a blink when nothing changed);
    its kept lines are read if it has to be written."""
    side = Side()
    known = {e["file"]: (u, e) for u, e in state.cards.items() if "sha" in e}
    for name in files.listing(folder, files.CARD_EXT):
        side.names.add(name)
        try:
            data = files.read_limited(folder / name)
            sha = digest(data)
            uid, entry = known.get(name, ("", {}))
            if entry.get("sha") == sha:
                card = Card(uid, dict(entry["base"]), entry.get("ident"), kept=None, sha=sha)
            else:
                card = read_card(data, name)
                card.sha = sha
        except Malformed as error:
            side.unreadable.add(name)
            report.skip(f"contacts/{name}", str(error))
            continue
        if card.uid in side.cards:
            side.unreadable.add(name)
            other = side.cards[card.uid][0]
            report.skip(f"contacts/{name}", f"its UID {card.uid} is also the UID of {other}")
            continue
        side.cards[card.uid] = (name, card)
        report.notes += [(f"contacts/{name}", note) for note in card.notes]
    return side


# A sync that would archive more contacts than this, and most of those it synced, stops: a
# folder emptied by a wrong path or a misconfigured sync tool is no wish to archive them.
MANY_GONE = 5


def refuse_mass_archive(state: SyncState, side: Side, contacts_dir: Path) -> None:
    gone = [
        u
        for u, e in state.cards.items()
        if u not in side.cards and e["file"] not in side.unreadable
    ]
    if len(gone) > MANY_GONE and len(gone) * 2 > len(state.cards):
        raise files.VdirError(
            f"{len(gone)} of the {len(state.cards)} cards the last sync left in {contacts_dir} "
            "are gone, so the sync would archive their contacts; nothing was changed. If you "
            "removed them there on purpose, run it again with --archive-missing"
        )


def sync_vdir(workspace: Any, vdir: Path, today: date, archive_missing: bool = False) -> SyncReport:
    report = SyncReport(vdir=str(vdir))
    contacts_dir, tasks_dir = files.prepare(vdir)
    path = state_path(workspace.store.folder, vdir)
    state, raw = load_state(path)
    state.vdir = str(Path(vdir).resolve())
    side = read_cards(contacts_dir, report, state)
    if not archive_missing:
        refuse_mass_archive(state, side, contacts_dir)
    tasks = read_tasks(tasks_dir, report, today, state)
    plan = _CardSync(workspace, state, side, report, today)
    plan.read_back()
    sync_tasks(workspace, state, tasks, report)
    if workspace.dirty:
        workspace.save()
        report.store_saved = True
        # The new cards' contacts are mapped before DIR is written: a sync that stops half
        # way never adds them twice.
        raw = state.as_json() if save_state(path, state, raw) else raw
    touched: set[Path] = set()
    try:
        plan.write(contacts_dir, touched)
        write_tasks(workspace, state, tasks, tasks_dir, report, today, plan.gone, touched)
        files.settle(touched | ({contacts_dir, tasks_dir} if report.removed else set()))
    except files.VdirError as error:
        if report.store_saved:
            raise files.VdirError(
                f"{error}; the store took in the other side's changes, so run the sync again "
                "once DIR can be written (nothing is taken in twice)"
            ) from None
        raise
    report.state_written = save_state(path, state, raw)
    return report


class _CardSync:
    def __init__(
        self, workspace: Any, state: SyncState, side: Side, report: SyncReport, today: date
    ) -> None:
        self.ws, self.state, self.side, self.report, self.today = (
            workspace,
            state,
            side,
            report,
            today,
        )
        self.gone: set[str] = set()  # contacts archived here because their card went there
        self.uid_of = {e["contact"]: u for u, e in state.cards.items()}  # contact -> card UID
        self.held: set[str] = set()  # contacts whose card is not written this time
        self.ids: IdMaker | None = None  # ids for the contacts of new cards

    def contacts(self) -> dict[str, Contact]:
        return contacts_by_id(self.ws)

    def _map(self, uid: str, entry: dict[str, Any]) -> None:
        old = self.state.cards.get(uid)
        if old is not None and self.uid_of.get(old["contact"]) == uid:
            del self.uid_of[old["contact"]]
        self.state.cards[uid] = entry
        self.uid_of[entry["contact"]] = uid

    def _unmap(self, uid: str) -> None:
        entry = self.state.cards.pop(uid)
        if self.uid_of.get(entry["contact"]) == uid:
            del self.uid_of[entry["contact"]]

    def apply(self, edit: Any, where: str) -> bool:
        try:
            self.ws.apply(edit)
        except (KeyError, ValueError) as error:
            self.report.skip(where, f"cannot be taken in: {error}")
            return False
        return True

    # -- the other side's changes -------------------------------------------------------------

    def read_back(self) -> None:
        for uid, entry in list(self.state.cards.items()):
            self._known(uid, entry)
        for uid, (name, card) in self.side.cards.items():
            if uid not in self.state.cards:
                self._new(uid, name, card)

    def _known(self, uid: str, entry: dict[str, Any]) -> None:
        contact = self.contacts().get(entry["contact"])
        found = self.side.cards.get(uid)
        if found is None:
            if entry["file"] in self.side.unreadable:
                if contact is not None:
                    self.held.add(contact.id)
                return  # skipped, not deleted
            self._unmap(uid)
            where = f"contacts/{entry['file']}"
            if (
                contact is not None
                and not contact.archived
                and self.apply(archive_contact(contact), where)
            ):
                self.report.archived.append(contact.name)
                self.gone.add(contact.id)
            return
        name, card = found
        entry["file"] = name
        if contact is None or contact.archived:
            return  # write() takes the card away
        self._merge(contact, card, f"contacts/{name}", entry.get("base"), entry.get("ours"))

    def _merge(
        self,
        contact: Contact,
        card: Card,
        where: str,
        base_theirs: dict[str, Any] | None,
        base_ours: dict[str, Any] | None,
    ) -> None:
        merged = merge_fields(fields_of(contact), card.fields, base_theirs, base_ours)
        for name, ours, theirs in merged.conflicts:
            self.report.conflicts.append((contact.name, LABELS[name], ours, theirs))
        changes = contact_changes(contact, merged.taken)
        if changes and self.apply(patch_contact(contact.id, changes, contact.name), where):
            self.report.updated.append((contact.name, [LABELS[n] for n in merged.taken]))

    def _new(self, uid: str, name: str, card: Card) -> None:
        where = f"contacts/{name}"
        contacts = self.contacts()
        claimed = contacts.get(card.ident) if card.ident else None
        if claimed is not None:
            mapped = self.uid_of.get(claimed.id)
            if mapped is not None:
                self.report.skip(where, f"it is contact {claimed.id}, whose card is {mapped}")
                return
            self._map(uid, {"contact": claimed.id, "file": name})
            if not claimed.archived:
                self._merge(claimed, card, where, None, None)
            return
        owner = contacts.get(uid)
        if owner is not None and uid not in self.uid_of:
            self.held.add(owner.id)
            self.report.skip(
                where,
                f"its UID {uid} is that of contact {owner.id} ({owner.name}), and it is not "
                "that contact's card; neither is written until one of them is renamed",
            )
            return
        if self.ids is None:
            self.ids = IdMaker(contacts, "contact")
        if card.ident and card.ident not in contacts:
            ident = card.ident
            self.ids.taken.add(ident)
        else:
            ident = self.ids.new(card.fields["name"])
        try:
            contact = card_contact(ident, card.fields, self.today)
        except ValueError as error:
            self.report.skip(where, f"cannot be taken in: {error}")
            return
        if self.apply(add_contact(contact), where):
            self._map(uid, {"contact": ident, "file": name})
            self.report.added.append((contact.name, name))

    # -- netplan's side ---------------------------------------------------------------------

    def write(self, folder: Path, touched: set[Path]) -> None:
        contacts = self.contacts()
        for uid, entry in list(self.state.cards.items()):
            contact = contacts.get(entry["contact"])
            if contact is None or contact.archived:
                name = entry["file"]
                if name in self.side.names and name not in self.side.unreadable:
                    files.remove(folder / name)
                    self.report.removed.append(f"contacts/{entry['file']}")
                self._unmap(uid)
        for contact in contacts.values():
            if contact.archived or contact.id in self.held:
                continue
            self._write_one(folder, contact, touched)

    def _write_one(self, folder: Path, contact: Contact, touched: set[Path]) -> None:
        uid = self.uid_of.get(contact.id) or contact.id
        if uid in self.state.cards and self.state.cards[uid]["contact"] != contact.id:
            uid = f"netplan-{contact.id}"  # a card made there took the id as its UID
        entry = self.state.cards.get(uid)
        name = entry["file"] if entry else f"{uid}.vcf"
        if name in self.side.unreadable:
            self.report.skip(f"contacts/{name}", f"not overwritten with {contact.name}'s card")
            return
        found = self.side.cards.get(uid)
        existing = found[1] if found else None
        ours = fields_of(contact)
        if existing is not None and existing.kept is None:
            if entry is not None and entry.get("ours") == ours:
                return  # the card is as the last sync left it, and so is the contact
            existing = read_card(files.read_limited(folder / name), name)  # its kept lines
            existing.sha = found[1].sha if found else ""
        data = render_card(uid, ours, existing.kept if existing else (), ident=contact.id)
        written = read_card(data, name)
        if existing is None or self._differs(written, existing, entry):
            files.write(folder / name, data, touched)
            self.report.written.append(f"contacts/{name}")
            base, sha, ident = written.fields, digest(data), contact.id
        else:
            base = {**(entry or {}).get("base", {}), **existing.fields}
            sha, ident = existing.sha, existing.ident
        self._map(
            uid,
            {
                "contact": contact.id,
                "file": name,
                "base": base,
                "ours": ours,
                "sha": sha,
                "ident": ident,
            },
        )

    @staticmethod
    def _differs(written: Card, existing: Card, entry: dict[str, Any] | None) -> bool:
        if any(written.fields[n] != existing.fields.get(n) for n in STANDARD):
            return True
        if existing.ident is None:
            # A card met for the first time gets netplan's fields once; a server that drops
            # them is not fought on every sync.
            return entry is None or "base" not in entry
        return any(written.fields[n] != existing.fields.get(n) for n in NETPLAN)
