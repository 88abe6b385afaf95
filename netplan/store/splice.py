"""Surgical saves: a new version of a file that changes only the records that changed.

The store keeps the text of each file as last read or written. A save cuts that text into
units at its table headers: the part before the first header (root keys, comments), the
settings, each routine, each day of completions, each goal, each contact, each interaction
(a record's unit runs from its `[[header]]` through its sub-tables and the comments and
blank lines after it). The new text is the old units in their order: an unchanged record
keeps its bytes, a changed one is patched with tomlkit, which rewrites only the keys that
changed and keeps every comment and blank line around them, a new one is written as the
writer writes it, and a removed one is left out.

Whatever is unusual (a header inside a multi-line string, one kind of record in two places,
an inline `contacts = [...]`) makes `splice` return None, and the store writes the whole
file instead. The store reads every result back and compares it with the model before use.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from enum import Enum
from functools import lru_cache
from typing import Any, AnyStr

from netplan.models import ActivityLog, ContactBook, Journal, Plan, Skip
from netplan.store import codec, toml_writer
from netplan.store.folder import FileName

_HEADER = re.compile(r"^[ \t]*(\[\[?)[ \t]*([^\[\]\n]+?)[ \t]*(\]\]?)[ \t]*(#[^\n]*)?\r?$", re.M)
_KEY = re.compile(r'[ \t]*(?:([A-Za-z0-9_-]+)|"([^"\\]*)"|\'([^\']*)\')[ \t]*')
REGIONS = (
    "settings", "routines", "completions", "goals", "skips", "events", "contacts", "interactions",
    "activity",
)  # fmt: skip
ARRAYS: dict[FileName, tuple[str, ...]] = {
    "plan": ("routines", "goals", "skips", "events"),
    "contacts": ("contacts",),
    "journal": ("interactions",),
    "activity": ("activity",),
}
Unit = tuple[tuple, str]  # (key, text)


@lru_cache(maxsize=1024)
def key_path(text: str) -> tuple[str, ...] | None:
    """`completions."2026-11-23"` -> ("completions", "2026-11-23"); None if not a key path."""
    parts, at = [], 0
    while True:
        found = _KEY.match(text, at)
        if found is None:
            return None
        bare, basic, literal = found.groups()
        parts.append(bare if bare is not None else basic if basic is not None else literal)
        at = found.end()
        if at == len(text):
            return tuple(parts)
        if text[at] != ".":
            return None
        at += 1


def _header_lines(text: str) -> Iterator[tuple[int, str, str, str]]:
    """(offset, opening brackets, key path text, closing brackets) of each header line.

    A header starts a line: finding the lines that start with "[" by `str.find` is many
    times faster than a regex over every line of a 30,000-contact file (an indented header
    sends it to the regex).
    """
    if text[:1] in (" ", "\t") or re.search(r"\n[ \t]+\[", text):
        for match in _HEADER.finditer(text):
            yield match.start(), match.group(1), match.group(2), match.group(3)
        return
    start = 0 if text.startswith("[") else text.find("\n[") + 1 or -1
    while start != -1:
        end = text.find("\n", start)
        found = _header(text[start:] if end == -1 else text[start:end])
        if found is not None:
            yield (start, *found)
        following = -1 if end == -1 else text.find("\n[", end)
        start = -1 if following == -1 else following + 1


@lru_cache(maxsize=1024)
def _header(line: str) -> tuple[str, str, str] | None:
    match = _HEADER.match(line)
    return None if match is None else (match.group(1), match.group(2), match.group(3))


def units(text: str, name: FileName) -> tuple[str, list[Unit]] | None:
    """The head, and each unit's key and text: ("record", array, index), ("settings",) or
    ("day", "2026-11-23"). None when the file is laid out in a way this does not follow."""
    if '"""' in text or "'''" in text:
        return None  # a header-like line might sit inside a multi-line string
    arrays = ARRAYS[name]
    starts: list[tuple[int, tuple]] = []
    counts: dict[str, int] = {}
    current: tuple | None = None
    for offset, opening, path_text, closing in _header_lines(text):
        path = key_path(path_text)
        if len(opening) != len(closing) or path is None:
            return None
        is_array, top = len(opening) == 2, path[0]
        if top in arrays:
            if is_array and len(path) == 1:
                current = ("record", top, counts.get(top, 0))
                counts[top] = current[2] + 1
                starts.append((offset, current))
            elif current is None or current[:2] != ("record", top):
                return None  # a sub-table that belongs to no record
        elif name == "plan" and top == "settings" and not is_array:
            if current != ("settings",):
                if any(key == ("settings",) for _at, key in starts):
                    return None
                current = ("settings",)
                starts.append((offset, current))
        elif name == "plan" and top == "completions" and not is_array and len(path) == 2:
            current = ("day", path[1])
            starts.append((offset, current))
        else:
            return None
    starts = [(_comments_above(text, offset), key) for offset, key in starts]
    head_end = starts[0][0] if starts else len(text)
    found = []
    for number, (offset, key) in enumerate(starts):
        end = starts[number + 1][0] if number + 1 < len(starts) else len(text)
        found.append((key, text[offset:end]))
    return text[:head_end], found


class _Fresh(str):
    """A unit written anew: it gets a blank line before it, as the writer separates tables."""


# A unit the splice wrote or patched, for the save's read-back (see rewrite.check_units):
# (region, what it must read as: a record, (day, counts) or the settings; its text).
Changed = tuple[str, Any, str]


def _comments_above(text: AnyStr, offset: int) -> int:
    """Where the comment lines right above a header start: they belong to its record.
    (On the text, or on the bytes, where splice_bytes cuts a file.)"""
    newline, hash_ = ("\n", "#") if isinstance(text, str) else (b"\n", b"#")
    start = offset
    while start > 0:
        line_start = text.rfind(newline, 0, start - 1) + 1  # type: ignore[arg-type]
        if not text[line_start:start].lstrip().startswith(hash_):  # type: ignore[arg-type]
            break
        start = line_start
    return start


def _region(key: tuple) -> str:
    return key[1] if key[0] == "record" else "completions" if key[0] == "day" else key[0]


def _joined(parts: Sequence[str]) -> str:
    """Units one after the other; a new one after a blank line, as the writer puts them."""
    out: list[str] = []
    for part in parts:
        if not part:
            continue
        if out and not out[-1].endswith("\n"):
            out[-1] += "\n"
        if out and isinstance(part, _Fresh) and not out[-1].endswith("\n\n"):
            out[-1] += "\n"
        out.append(part)
    return "".join(out)


def splice(name: FileName, text: str, old: Any, new: Any) -> str | None:
    """The new text of the file, or None to write it whole."""
    found = splice_changes(name, text, old, new)
    return None if found is None else found[0]


def splice_changes(
    name: FileName, text: str, old: Any, new: Any
) -> tuple[str, list[Changed]] | None:
    """`splice`, and the units it wrote or patched: every other byte is the old text's."""
    from netplan.store.splice_bytes import appended

    changed: list[Changed] = []
    added = appended(name, text.encode("utf-8"), old, new, changed)
    if added is not None:
        return added.decode("utf-8"), changed
    spliced_text = _splice(name, text, old, new, changed)
    return None if spliced_text is None else (spliced_text, changed)


def _splice(name: FileName, text: str, old: Any, new: Any, changed: list[Changed]) -> str | None:
    layout = units(text, name)
    if layout is None or not _regions(new):
        return None  # (an empty book or journal: the writer writes `contacts = []`)
    head, old_units = layout
    order: list[str] = []
    by_region: dict[str, list[Unit]] = {}
    for key, unit in old_units:
        region = _region(key)
        if region not in by_region:
            order.append(region)
            by_region[region] = []
        elif order[-1] != region:
            return None  # one kind of unit in two places
        by_region[region].append((key, unit))
    for region in _regions(new):
        if region not in by_region:
            earlier = [r for r in order if REGIONS.index(r) < REGIONS.index(region)]
            order.insert(order.index(earlier[-1]) + 1 if earlier else 0, region)
            by_region[region] = []
    new_head = _head(head, old, new)
    if new_head is None:
        return None
    if new_head is not head or not old_units:
        # Read back whole: a head that changed, or one before the first records, which may
        # declare them inline (`contacts = []`) where tables cannot add to them.
        changed.append(("head", new, new_head))
    parts = [new_head]
    for region in order:
        made = _region_parts(region, by_region[region], old, new, changed)
        if made is None:
            return None
        parts.extend(made)
    text = _joined(parts)
    if old_units and parts[-1] is not old_units[-1][1]:
        # A new last record: the file ends as the writer ends it, not with the blank line
        # that separated the old one from the next.
        text = text.rstrip("\n") + "\n"
    return text


def _regions(model: Any) -> list[str]:
    if isinstance(model, ContactBook):
        return ["contacts"] if model.contacts else []
    if isinstance(model, Journal):
        return ["interactions"] if model.interactions else []
    if isinstance(model, ActivityLog):
        return ["activity"] if model.activity else []
    found = ["settings"]
    found += ["routines"] if model.routines else []
    found += ["completions"] if any(model.completions.values()) else []
    found += ["goals"] if model.goals else []
    found += ["skips"] if model.skips else []
    return found + (["events"] if model.events else [])


def _head(head: str, old: Any, new: Any) -> str | None:
    if not isinstance(new, Plan) or old.schema_version == new.schema_version:
        return head
    return _patched(head, lambda doc: doc, {"schema_version": old.schema_version},
                    {"schema_version": new.schema_version})  # fmt: skip


def _region_parts(
    region: str, found: list[Unit], old: Any, new: Any, changed: list[Changed]
) -> list[str] | None:
    if region == "settings":
        parts = _settings(found, old.settings, new.settings)
        if parts is not None and (not found or parts[0] is not found[0][1]):
            changed.append(("settings", new.settings, parts[0]))
        return parts
    if region == "completions":
        return _days(found, old.completions, new.completions, changed)
    return _records(region, found, getattr(old, region), getattr(new, region), changed)


def _records(
    array: str, found: list[Unit], old: Sequence, new: Sequence, changed: list[Changed]
) -> list[str] | None:
    """The units of an array of records, in the new order, each kept, patched or written."""
    if len(found) != len(old):
        return None  # the file does not hold what was read: leave it to the full writer
    old_at = {_identity(record): index for index, record in enumerate(old)}
    if len(old_at) != len(old):
        return None  # two records alike (skips have no id): leave it to the full writer
    parts = []
    for record in new:
        index = old_at.get(_identity(record))
        if index is None:
            unit = _Fresh(codec.fresh(array, record))
            changed.append((array, record, unit))
            parts.append(unit)
            continue
        before, unit = old[index], found[index][1]
        if before is not record and before != record:
            unit = _patched(
                unit,
                lambda doc: doc[array][0],
                codec.part_document(array, before),
                codec.part_document(array, record),
            )
            changed.append((array, record, unit))
        parts.append(unit)
    return parts


def _identity(record: Any) -> Any:
    """A record's id; a skip, which has none, is identified by its from, to and routines."""
    if isinstance(record, Skip):
        return (record.from_, record.to, tuple(record.routines or ()), record.routines is None)
    return record.id


def _days(found: list[Unit], old: dict, new: dict, changed: list[Changed]) -> list[str] | None:
    """The days of completions: each kept or patched in place, new days in date order."""
    units_by_day: dict[date, str] = {}
    for key, unit in found:
        try:
            day = date.fromisoformat(key[1])
        except ValueError:
            return None
        if day in units_by_day or day not in old:
            return None
        units_by_day[day] = unit
    days = [day for day in units_by_day if new.get(day)]
    for day in sorted(d for d, counts in new.items() if counts and d not in units_by_day):
        later = [n for n, existing in enumerate(days) if existing > day]
        days.insert(later[0] if later else len(days), day)
    parts = []
    for day in days:
        if day not in units_by_day:
            unit = _Fresh(codec.fresh("completions", (day, new[day])))
        elif old[day] == new[day]:
            parts.append(units_by_day[day])
            continue
        else:
            unit = _patched(units_by_day[day], _day_table(day), old[day], new[day])
        changed.append(("completions", (day, new[day]), unit))
        parts.append(unit)
    return parts


def _day_table(day: date) -> Callable[[Any], Any]:
    key = day.isoformat()
    return lambda doc: doc["completions"][key]


def _settings(found: list[Unit], old: Any, new: Any) -> list[str] | None:
    if not found:
        return [_Fresh(codec.fresh("settings", new))]
    (_key, unit), = found  # fmt: skip
    if old is new or old == new:
        return [unit]
    before, after = codec.part_document("settings", old), codec.part_document("settings", new)
    return [_patched(unit, lambda doc: doc["settings"], before, after)]


def _patched(unit: str, where: Callable[[Any], Any], before: dict, after: dict) -> str:
    """The unit with only the keys that differ between the two documents rewritten."""
    import tomlkit

    doc = tomlkit.parse(unit)
    table = where(doc)
    for key in before:
        if key not in after and key in table:
            del table[key]
    for key, item in after.items():
        if key not in before or before[key] != item or key not in table:
            table[key] = _value(key, item)
    return tomlkit.dumps(doc)


def _value(key: str, value: Any) -> Any:
    """A document value as tomlkit writes it the way netplan's writer does: enums as their
    values, whole floats as integers, a goal's source inline, other tables as tables."""
    import tomlkit

    if isinstance(value, Enum):
        return value.value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, tuple | list):
        if key == "earlier":  # inline, spelled as the writer spells it
            return tomlkit.parse(f"x = {toml_writer.scalar(value)}")["x"]
        if value and all(isinstance(item, dict) for item in value):
            tables = tomlkit.aot()
            for item in value:
                table = tomlkit.table()
                for name, inner in item.items():
                    table[name] = _value(name, inner)
                tables.append(table)
            return tables
        return [_value(key, item) for item in value]
    if isinstance(value, dict):
        table = tomlkit.inline_table() if key == "source" else tomlkit.table()
        for name, inner in value.items():
            table[name] = _value(name, inner)
        return table
    return value
