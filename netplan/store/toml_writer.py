"""Write netplan's documents as TOML that reads like the spec's examples.

tomli-w writes correct TOML but puts every array over several lines and picks inline tables
or `[[tables]]` by line length, which makes a 30,000-contact file about twice as long and hard
to edit by hand. netplan's documents have a fixed shape, so this writer is small: scalars,
short inline arrays and inline tables inside records, `[table]` and `[[array.of.tables]]`
sections around them. The store parses every file it writes back with tomllib and compares
it with what it meant to write, so a mistake here can never reach the disk.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from enum import Enum
from functools import lru_cache
from typing import Any

# Short lists of tables written inline, as the spec shows them: `earlier = [{ until = … }]`.
INLINE_LISTS = frozenset({"earlier"})
# `counts = []` means "nothing else counts", unlike an absent `counts` (the defaults).
KEPT_EMPTY = frozenset({"counts"})
# Digits alone are bare too: the spec writes `5 = 7` under [settings.cadence_by_circle].
_BARE_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*|[0-9]+")
_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
}
_NEEDS_ESCAPE = re.compile(r'["\\\x00-\x1f\x7f]')


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    return _ESCAPES.get(char) or f"\\u{ord(char):04x}"


def string(value: str) -> str:
    return '"' + _NEEDS_ESCAPE.sub(_escape, value) + '"'


@lru_cache(maxsize=4096)
def key(value: str | date) -> str:
    if isinstance(value, date):
        return f'"{value.isoformat()}"'
    return value if _BARE_KEY.fullmatch(value) else string(value)


def scalar(value: Any) -> str:
    kind = type(value)
    if kind is str:
        return string(value)
    if kind is bool:
        return "true" if value else "false"
    if kind is int:
        if not -(2**63) <= value < 2**63:
            raise ValueError(f"{value} is too large for TOML")
        return str(value)
    if kind is date:
        return value.isoformat()
    if isinstance(value, Enum):
        return scalar(value.value)
    if isinstance(value, str):
        return string(value)
    if kind is float:
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError("netplan's files hold no inf or nan")
        # Whole numbers read better as integers (weekly_hours = [5, 10]); they load as floats.
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        raise ValueError("netplan writes dates, not times")
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(scalar(item) for item in value) + "]"
    if isinstance(value, dict):
        items = [f"{key(k)} = {scalar(v)}" for k, v in value.items() if v is not None]
        return "{ " + ", ".join(items) + " }" if items else "{}"
    raise TypeError(f"cannot write {type(value).__name__} to TOML")


def _is_table_list(value: Any) -> bool:
    return type(value) is list and bool(value) and type(value[0]) is dict


def _section(
    lines: list[str], path: str, table: dict[str, Any], header: str | None, in_record: bool
) -> None:
    """One table: its plain values first, then its sub-tables and arrays of tables.

    Inside records (items of an array of tables) absent values are left out: None, an empty
    list or dict, and `archived = false`, so files stay as short as what users write.
    """
    plain, later = [], []
    for name, value in table.items():
        if value is None:
            continue
        if in_record and (
            (value == [] and name not in KEPT_EMPTY)
            or value == {}
            or (name == "archived" and value is False)
        ):
            continue
        if _is_table_list(value) and name not in INLINE_LISTS:
            later.append((True, name, value))
        elif type(value) is dict and value and not in_record:
            later.append((False, name, value))
        else:
            plain.append(f"{key(name)} = {scalar(value)}")
    # A table holding only sub-tables needs no header of its own (`[completions]`).
    if header is not None and (plain or not later or header.startswith("[[")):
        if lines:
            lines.append("")
        lines.append(header)
    lines.extend(plain)
    for is_list, name, value in later:
        full = f"{path}.{key(name)}" if path else key(name)
        if is_list:
            header = f"[[{full}]]"
            for item in value:
                _section(lines, full, item, header, in_record=True)
        else:
            _section(lines, full, value, f"[{full}]", in_record=in_record)


def dumps(document: dict[str, Any]) -> str:
    """The document as TOML text.

    Outside records a dict becomes a `[table]` (settings, each day of completions); a list of
    dicts becomes `[[tables]]`, whose dicts of values (handles, a goal's source) stay inline
    and whose lists of dicts become `[[parent.name]]` (a contact's milestones). Enums are
    written as their values, dates as TOML dates, and keys that are dates quoted.
    """
    # An empty collection at the top is left out (its model default is empty), so that a
    # hand-added `[[goals]]` or `[completions."…"]` never clashes with `goals = []`; unless
    # nothing else is left (`contacts = []`): an empty file would look like a damaged one.
    kept = {k: v for k, v in document.items() if v not in ([], {})}
    lines: list[str] = []
    _section(lines, "", kept or document, None, in_record=False)
    return "\n".join(lines) + "\n"
