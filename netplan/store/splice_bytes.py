"""Surgical saves of a file's bytes, with fast paths for the big files' usual changes.

A log or an import adds records at the end of journal.toml; an edit, a kept promise or a
follow-up moved changes a few records in place. For those two the new bytes are made
straight from the old ones: the records after the last one (appended) or the few records
whose model changed (edited in place, each patched as `splice` patches it), without cutting
300,000 records into units or decoding 48 MB into text. Anything else goes through
`splice._splice`, and tests check both paths give the same bytes (tests/faults).
"""

from __future__ import annotations

import itertools
import operator
import re
from typing import Any

from netplan.store import codec
from netplan.store.folder import FileName
from netplan.store.splice import (
    ARRAYS,
    Changed,
    _comments_above,
    _Fresh,
    _identity,
    _patched,
    _splice,
)

# More records changed in place than this: the general splice is as quick, and simpler.
IN_PLACE_MOST = 64


def spliced_changes(
    name: FileName, data: bytes, old: Any, new: Any
) -> tuple[bytes, list[Changed]] | None:
    """`splice_changes` on a file's bytes (a byte-order mark kept)."""
    mark = b"\xef\xbb\xbf" if data.startswith(b"\xef\xbb\xbf") else b""
    changed: list[Changed] = []
    try:
        for fast in (appended, edited_in_place):
            found = fast(name, data, old, new, changed)
            if found is not None:
                return found, changed
            changed.clear()
        text = _splice(name, data[len(mark) :].decode("utf-8"), old, new, changed)
    except Exception:  # a value no TOML can hold: the whole-file writer says which
        return None
    return None if text is None else (mark + text.encode("utf-8"), changed)


def _records(name: FileName, old: Any, new: Any) -> tuple[str, list, list] | None:
    if name == "plan":
        return None
    (array,) = ARRAYS[name]
    return array, getattr(old, array), getattr(new, array)


def _header(array: str) -> re.Pattern[bytes]:
    return re.compile(rb"(?m)^[ \t]*\[\[[ \t]*" + array.encode() + rb"[ \t]*\]\]")


def appended(
    name: FileName, data: bytes, old: Any, new: Any, changed: list[Changed]
) -> bytes | None:
    """Records added at the end, every old one kept (the same objects): the old bytes as
    they are, then the new records, as `_splice` writes them. None for any other change, or
    a file without a record header yet (`contacts = []`: the writer decides)."""
    found = _records(name, old, new)
    if found is None:
        return None
    array, before, after = found
    count = len(before)
    if not before or len(after) <= count or after[count - 1] is not before[-1]:
        return None
    if not all(map(operator.is_, after, before)) or not _header(array).search(data):
        return None
    return append_records(data, array, after[count:], changed)


def append_records(data: bytes, array: str, records: list, changed: list[Changed]) -> bytes:
    """`data` with `records` written after it, each as `_splice` writes a new last record."""
    parts = [data]
    for record in records:
        unit = _Fresh(codec.fresh(array, record))
        changed.append((array, record, unit))
        # as splice._joined: the unit on a line of its own, after a blank line
        ending = parts[-1][-2:]
        parts.append(b"" if ending == b"\n\n" else b"\n" if ending.endswith(b"\n") else b"\n\n")
        parts.append(unit.encode("utf-8"))
    parts[-1] = parts[-1].rstrip(b"\n") + b"\n"  # the file ends as the writer ends it
    return b"".join(parts)


def edited_in_place(
    name: FileName, data: bytes, old: Any, new: Any, changed: list[Changed]
) -> bytes | None:
    """The same records in the same order, a few of them changed (not their ids): each of
    those patched where it stands. None for anything else, and for a file whose record
    headers this cannot find for certain (indented, or maybe inside a multi-line string)."""
    found = _records(name, old, new)
    if found is None:
        return None
    array, before, after = found
    if not before or len(after) != len(before):
        return None
    moved = list(itertools.compress(itertools.count(), map(operator.is_not, after, before)))
    if len(moved) > IN_PLACE_MOST:
        return None
    if b'"""' in data or b"'''" in data:
        return None  # a header-like line might sit inside a multi-line string
    starts = _record_starts(data, array.encode(), len(before))
    if len(starts) != len(before):
        return None  # the file does not hold what was read: the general splice decides
    parts: list[bytes] = []
    at = 0
    for index in moved:
        was, record = before[index], after[index]
        if _identity(was) != _identity(record):
            return None  # a record that became another: written anew by the general splice
        if was == record:
            continue
        start = _comments_above(data, starts[index])
        end = _comments_above(data, starts[index + 1]) if index + 1 < len(starts) else len(data)
        unit = _patched(
            data[start:end].decode("utf-8"),
            lambda doc: doc[array][0],
            codec.part_document(array, was),
            codec.part_document(array, record),
        )
        changed.append((array, record, unit))
        patched = unit.encode("utf-8")
        if end < len(data) and not patched.endswith(b"\n"):
            patched += b"\n"  # as splice._joined: the next record starts a line
        parts += [data[at:start], patched]
        at = end
    parts.append(data[at:])
    if moved and moved[-1] == len(before) - 1 and at == len(data):
        # a new last record: the file ends as the writer ends it (as in _splice)
        parts[-2] = parts[-2].rstrip(b"\n") + b"\n"
    return b"".join(parts)


def _record_starts(data: bytes, array: bytes, count: int) -> list[int]:
    """Where each line that is exactly a record's header (`[[contacts]]`, maybe with a
    comment after it) starts, in a file without multi-line strings; [] when a line starts
    so but is no such header. An indented header is not found: the caller compares the
    count with the records read (`count`)."""
    needle = b"[[" + array + b"]]"
    first = [0] if data.startswith(needle) else []
    # The writer's own headers, each alone on its line: one C loop (10 ms for 30,000).
    plain = [found.start() + 1 for found in re.finditer(re.escape(b"\n" + needle + b"\n"), data)]
    if data.startswith(needle + b"\n"):
        plain.insert(0, 0)
    if len(plain) == count:
        return plain
    starts = []
    at = 0 if first else data.find(b"\n" + needle) + 1 or -1
    while at != -1:
        line_end = data.find(b"\n", at)
        rest = data[at + len(needle) : len(data) if line_end == -1 else line_end].strip(b" \t\r")
        if rest and not rest.startswith(b"#"):
            return []  # `[[contacts]]x`: not a header this follows
        starts.append(at)
        following = data.find(b"\n" + needle, at + len(needle))
        at = -1 if following == -1 else following + 1
    return starts
