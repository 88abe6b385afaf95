"""Likely duplicate contacts: pairs that share an email, a LinkedIn URL or a name.

Reasons, strongest first: the same email (without case), the same LinkedIn URL (as an import
compares them: netplan.domain.matching), the same name and company, the same name (both
without case, accents or extra spaces). "Same name" is left out of a pair that has the same
name and company.

Archived contacts are left out: they are hidden from every list, and someone archived on
purpose is no duplicate to clean up. (`netplan merge` still takes one by its exact id.)

Contacts are grouped by each key in one pass, so the work follows the number of contacts, not
its square. A group of k contacts sharing a key gives k-1 pairs, each pairing the group's best
contact (the one to keep) with another: merging them in turn leaves one, and a name shared by
many people never lists every pairing of them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from netplan.domain.matching import email_key, fold, fold_name, linkedin_key
from netplan.models import Contact

SAME_EMAIL = "same email"
SAME_LINKEDIN = "same LinkedIn URL"
SAME_NAME_AND_COMPANY = "same name and company"
SAME_NAME = "same name"
REASONS = (SAME_EMAIL, SAME_LINKEDIN, SAME_NAME_AND_COMPANY, SAME_NAME)

# What counts as "more filled in" when choosing which of two contacts to keep.
_DETAILS = ("company", "role", "email", "phone", "met_at", "cadence_days", "follow_up", "notes")


@dataclass(frozen=True, slots=True)
class Duplicate:
    """`other` is likely the same person as `keep`; `reasons` strongest first."""

    keep: Contact
    other: Contact
    reasons: tuple[str, ...]

    @property
    def reason(self) -> str:
        return ", ".join(self.reasons)


def match_keys(contact: Contact) -> list[tuple[str, str]]:
    """(reason, key) for each key the contact can share with another."""
    keys: list[tuple[str, str]] = []
    email = email_key(contact.email)
    if email:
        keys.append((SAME_EMAIL, email))
    url = linkedin_key(contact.handles.get("linkedin"))
    if url and "/" in url:  # a bare "linkedin.com" names nobody
        keys.append((SAME_LINKEDIN, url))
    name = fold_name(contact.name)
    if name:
        company = fold(contact.company)
        if company:
            keys.append((SAME_NAME_AND_COMPANY, f"{name}\x00{company}"))
        keys.append((SAME_NAME, name))
    return keys


def _rank(contact: Contact, position: int, entries: Mapping[str, int]) -> tuple:
    """Sorts the contact to keep first: the most journal entries, then the most details
    filled in, then the oldest record, then the first in the file."""
    filled = sum(1 for name in _DETAILS if getattr(contact, name) not in (None, ""))
    filled += len(contact.tags) + len(contact.topics) + len(contact.handles)
    filled += len(contact.milestones)
    created = contact.created or date.max
    return (-entries.get(contact.id, 0), -filled, created, position)


def _reasons(found: Iterable[str]) -> tuple[str, ...]:
    chosen = set(found)
    if SAME_NAME_AND_COMPANY in chosen:
        chosen.discard(SAME_NAME)
    return tuple(r for r in REASONS if r in chosen)


def find_duplicates(
    contacts: Sequence[Contact], entries: Mapping[str, int] | None = None
) -> list[Duplicate]:
    """Every likely duplicate pair among the non-archived contacts, sorted by the kept
    contact's name, then the other's. `entries`: journal entries per contact id (to choose
    which to keep)."""
    entries = entries or {}
    active = [c for c in contacts if not c.archived]
    ranks = [_rank(c, n, entries) for n, c in enumerate(active)]
    groups: dict[tuple[str, str], list[int]] = {}
    for position, contact in enumerate(active):
        for key in match_keys(contact):
            groups.setdefault(key, []).append(position)
    pairs: dict[tuple[int, int], set[str]] = {}
    for (reason, _key), members in groups.items():
        if len(members) < 2:
            continue
        best = min(members, key=ranks.__getitem__)
        for other in members:
            if other != best:
                pairs.setdefault((best, other), set()).add(reason)
    found = [Duplicate(active[k], active[o], _reasons(r)) for (k, o), r in pairs.items()]
    found.sort(
        key=lambda d: (fold_name(d.keep.name), d.keep.id, fold_name(d.other.name), d.other.id)
    )
    return found


def duplicates_of(contact: Contact, contacts: Sequence[Contact]) -> list[Duplicate]:
    """The non-archived contacts likely the same person as `contact` (kept: the user chose
    it), strongest reason first, then by name. One pass over the contacts."""
    wanted: dict[tuple[str, str], str] = {key: key[0] for key in match_keys(contact)}
    found: list[Duplicate] = []
    if not wanted:
        return found
    for other in contacts:
        if other.archived or other.id == contact.id:
            continue
        shared = [wanted[key] for key in match_keys(other) if key in wanted]
        if shared:
            found.append(Duplicate(contact, other, _reasons(shared)))
    found.sort(key=lambda d: (REASONS.index(d.reasons[0]), fold_name(d.other.name), d.other.id))
    return found
