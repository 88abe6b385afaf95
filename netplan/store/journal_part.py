"""Part of a journal: the entries that name some people or some days, found in its bytes.

`netplan log` at 300,000 interactions needs the person's own entries (their last contact,
their give/ask balance) and the entries of the new one's day (its id is the next free one of
that day), not the other 299,900: finding those in 48 MB takes a few `bytes.find` calls, and
only they are parsed and validated. The store hands such a part out only for a journal whose
bytes it knows valid (see checked), and a part can only be saved by appending to the file.
"""

from __future__ import annotations

import operator
from collections.abc import Iterable
from datetime import date
from typing import Any

from netplan.models import Interaction, Journal
from netplan.store.messages import UnsavableError

_HEADER = b"[[interactions]]"


class PartialJournal(Journal):
    """Some of a journal's entries, as `journal_part` found them: never a whole file."""


def plain_layout(data: bytes) -> bool:
    """Whether every `[[interactions]]` of a journal's bytes is a header alone on its line, as
    the writer writes it, with no multi-line string or escaped character that could hide an
    entry or a name: then `journal_part` finds entries by plain search. Scans the file about
    five times (0.1 s at 48 MB), so the store remembers the answer by the file's digest."""
    if b'"""' in data or b"'''" in data or b"\\u" in data or b"\\U" in data:
        return False
    plain = data.count(b"\n" + _HEADER + b"\n") + data.startswith(_HEADER + b"\n")
    # No entry yet (`interactions = []`): tables cannot be added after that line.
    return plain > 0 and plain == data.count(_HEADER)


def journal_part(data: bytes, people: Iterable[str], days: Iterable[date]) -> Journal | None:
    """The entries of `data` (a journal's bytes, known valid and of `plain_layout`) that
    name any of `people` (as contact, in `with`, anywhere) or hold an id of any of `days`:
    each found around a hit of a plain search, parsed and validated alone. None when an
    entry found so is not one (the caller reads the file whole)."""
    needles = [quote + p.encode() + quote for p in people for quote in (b'"', b"'")]
    needles += [f"i-{day:%Y%m%d}-".encode() for day in days]
    header = b"\n" + _HEADER + b"\n"
    units: dict[int, int] = {}  # start -> end of each entry hit
    for needle in needles:
        at = data.find(needle)
        while at != -1:
            before = data.rfind(header, 0, at)
            start = before + 1 if before != -1 else 0 if data.startswith(_HEADER) else -1
            after = data.find(header, at)
            end = len(data) if after == -1 else after + 1
            if start != -1:  # (a hit before the first entry is in a comment)
                units[start] = end
            at = data.find(needle, end if start != -1 else at + len(needle))
    entries = []
    for start in sorted(units):
        entry = _entry(data[start : units[start]])
        if entry is None:
            return None
        entries.append(entry)
    return PartialJournal.model_construct(interactions=entries)


def _entry(unit: bytes) -> Interaction | None:
    from netplan.store.rewrite import unit_record

    try:
        text = unit.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return unit_record(text, "interactions", Interaction)  # type: ignore[return-value]


def appended_to_part(known: tuple[bytes, Any] | None, model: Any) -> bytes:
    """The journal's bytes with the entries added to its part written after them: the only
    save a part allows, since any other would drop the entries it does not hold. Each new
    entry is read back alone, and its id checked against the part, which holds every entry
    of its day."""
    from netplan.store.rewrite import check_units
    from netplan.store.splice_bytes import append_records

    part = None if known is None else known[1]
    if not isinstance(part, PartialJournal) or not isinstance(model, PartialJournal):
        raise UnsavableError("refusing to save journal.toml: only part of it was read (a bug)")
    if _HEADER + b"\n" not in known[0]:  # type: ignore[index]
        raise UnsavableError("refusing to save journal.toml: it holds no entry table (a bug)")
    before, after = part.interactions, model.interactions
    if len(after) < len(before) or not all(map(operator.is_, after, before)):
        raise UnsavableError(
            "refusing to save journal.toml: only part of it was read, and a part can only "
            "grow (a bug); nothing was written"
        )
    changed: list = []
    data = append_records(known[0], "interactions", after[len(before) :], changed)  # type: ignore[index]
    check_units("journal", model, changed)
    return data
