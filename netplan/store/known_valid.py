"""What a store knows of its files' validity, for a command that reads only part of them.

A full load checks every file and the references between them; `_note_valid` keeps the
digests of that set of versions (and of the versions a save writes from there) in the cache
record of netplan.store.checked. `read_journal_part` trusts a journal byte for byte equal to
one in that record, and reads only the entries a command about one person needs.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from netplan.store.fingerprints import ABSENT, digest
from netplan.store.folder import FILES, OPTIONAL, FileName

if TYPE_CHECKING:
    from netplan.models import Journal
    from netplan.store.checked import Digests

# The record's key for the digest of a journal known of plain layout (see journal_part).
PLAIN = "journal.plain"


class KnownValid:
    """A part of Store (netplan.store.core), which sets the attributes used here."""

    _valid: Digests | None

    def read_journal_part(self, people: set[str], days: set[date]) -> Journal | None:
        """The journal's entries that name `people` or hold an id of `days` (see
        journal_part), without reading the rest: only when plan.toml and contacts.toml were
        read here and every file is byte for byte a version last loaded valid together (see
        checked). None otherwise: read the whole journal. The part saves only by appending."""
        from netplan.store.checked import read_checked, write_checked
        from netplan.store.journal_part import journal_part, plain_layout

        record = read_checked(self.folder)
        if record is None:
            return None
        data, fingerprint = self._read_bytes("journal")
        now = {n: self._digest_now(n) for n in ("plan", "contacts", "activity")}
        if {**now, "journal": fingerprint.digest} != {n: record[n] for n in FILES}:
            return None
        known_plain = record.get(PLAIN) == fingerprint.digest
        if not known_plain and not plain_layout(data):
            return None
        part = journal_part(data, people, days)
        if part is None:
            return None
        with self._guard:
            self._known.set("journal", fingerprint)
            self._texts["journal"] = (data, part)
            self._valid = {**record, PLAIN: fingerprint.digest}
        if not known_plain:
            write_checked(self.folder, self._valid)
        return part

    def _digest_now(self, name: FileName) -> str | None:
        """The digest of a file as read here (plan, contacts) or on disk now (activity,
        which a command about one person never parses); None when unknown."""
        known = self._known.get(name)
        if known is not None:
            return "" if known is ABSENT else known.digest
        if name in OPTIONAL and self._absent(name):
            return ""
        try:
            return digest(self.path(name).read_bytes())
        except OSError:
            return None

    def note_checked(self, plan: Any) -> None:
        """The files as read here were just checked together, `plan` standing for plan.toml
        (the app checks its people against the plan it holds): kept as valid when that plan
        is the one last read or written here, so a later `netplan log` can trust them."""
        with self._guard:
            known = self._texts.get("plan")
        if known is not None and known[1] is plan:
            self._note_valid()

    def _note_valid(
        self,
        written: Mapping[FileName, bytes] | None = None,
        plain: str | None = None,
        plan_before: tuple[Any, Any] = (None, None),
    ) -> None:
        """Every file as read here is valid together (after a load), or still is with the
        `written` versions in place (after a save from there): kept for read_journal_part,
        with the digest of a journal known `plain` (see _plain_after). A save of plan.toml
        alone (`netplan check`) moves the record on too, when it continued the recorded
        version and kept its events, the one thing of the plan the people refer to."""
        from netplan.store.checked import read_checked, write_checked

        if written is not None and self._valid is None and set(written) == {"plan"}:
            fingerprint, held = plan_before
            record = read_checked(self.folder)
            new = self._texts.get("plan")
            same_events = held is not None and new is not None and held[1].events == new[1].events
            if record and fingerprint and record.get("plan") == fingerprint.digest and same_events:
                write_checked(self.folder, {**record, "plan": digest(written["plan"])})
            return
        with self._guard:
            if written is None:
                known = {n: self._known.get(n) for n in FILES}
                if any(fp is None for fp in known.values()):
                    return
                self._valid = {n: "" if fp is ABSENT else fp.digest for n, fp in known.items()}  # type: ignore[union-attr]
            elif self._valid is None:
                return
            else:
                self._valid = {**self._valid, **{n: digest(d) for n, d in written.items()}}
                self._valid.pop(PLAIN, None)
            if plain is not None:
                self._valid[PLAIN] = plain
            valid = dict(self._valid)
        write_checked(self.folder, valid)

    def _plain_after(self, todo: Mapping[FileName, bytes]) -> str | None:
        """The new journal's digest when it is a journal of plain layout with entries of
        plain layout added at its end (a log): then it is plain too, known without scanning
        48 MB again."""
        from netplan.store.journal_part import plain_layout

        new, held, valid = todo.get("journal"), self._texts.get("journal"), self._valid
        known = self._known.get("journal")
        if new is None or held is None or valid is None or known is None:
            return None
        old = held[0]
        if valid.get(PLAIN) != known.digest or not new.startswith(old):
            return None
        return digest(new) if plain_layout(new[len(old) :]) else None
