"""The store's failures and their messages: every one names the file and the line, or the
entry and the field, in words a person who edited the file by hand can act on."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from netplan.models import LARGEST
from netplan.store.folder import FILES, FileName

if TYPE_CHECKING:
    import tomllib

ENTRY_NAMES = {
    "routines": "routine",
    "goals": "goal",
    "skips": "skip",
    "events": "event",
    "contacts": "contact",
    "interactions": "interaction",
}


class StoreError(Exception):
    """An expected failure: its message is for the user and names the file and the place."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        self.problems = problems or [message]
        super().__init__(message)


class UnsavableError(StoreError):
    """What is to be saved cannot be written as TOML (a number past 2**63, a broken
    character): the data is at fault, not the disk, so trying again cannot help."""


class ConflictError(StoreError):
    """A file changed on disk since it was loaded; nothing was written over it."""

    def __init__(self, names: list[FileName], folder: Path) -> None:
        self.names = names
        files = ", ".join(FILES[n] for n in names)
        super().__init__(
            f"{files} changed on disk since netplan read it (in {folder}); "
            "nothing was written over it"
        )


_AT_LINE = re.compile(r"^(?P<msg>.*) \(at line (?P<line>\d+), column (?P<col>\d+)\)$")


def syntax_message(file: str, error: tomllib.TOMLDecodeError, text: str) -> str:
    found = _AT_LINE.match(str(error))
    if found:
        return (
            f"{file}, line {found['line']}, column {found['col']}: "
            f"TOML syntax error: {found['msg']}{_hint(found['msg'], text)}"
        )
    line = text.count("\n") + 1
    reason = str(error).replace(" (at end of document)", "")
    return f"{file}, line {line} (end of file): TOML syntax error: {reason}"


def _hint(message: str, text: str) -> str:
    """What to do about the one syntax error a hand edit of a fresh file runs into: netplan
    writes an empty `contacts = []`, and a `[[contacts]]` table added below it cannot extend it."""
    static = re.search(r"Cannot mutate immutable namespace \('(\w+)',\)", message)
    if static is None:
        return ""
    key = static[1]
    empty = re.search(rf"^{key}\s*=\s*\[\s*\]\s*$", text, re.MULTILINE)
    if empty is None:
        return ""
    line = text.count("\n", 0, empty.start()) + 1
    return (
        f" (line {line}, `{key} = []`, declares an empty list that [[{key}]] tables cannot "
        "add to: delete that line)"
    )


def _entry_line(text: str, table: str, index: int) -> int | None:
    """The line of the index-th [[table]] header, when the file is written that way."""
    header = re.compile(rf"^\s*\[\[\s*{re.escape(table)}\s*\]\]\s*(#.*)?$")
    seen = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if header.match(line):
            if seen == index:
                return number
            seen += 1
    return None


def _describe_place(file: str, loc: tuple[Any, ...], document: dict[str, Any], text: str) -> str:
    """Name where a validation problem is: the file, the entry (with its id) and the field."""
    if not loc:
        return file
    head, rest = loc[0], list(loc[1:])
    if head in ENTRY_NAMES and rest and isinstance(rest[0], int):
        index = rest.pop(0)
        entries = document.get(head)
        ident = None
        if isinstance(entries, list) and index < len(entries) and isinstance(entries[index], dict):
            ident = entries[index].get("id")
        where = f"{ENTRY_NAMES[head]} {index + 1}"
        if isinstance(ident, str):
            where += f' (id "{ident}")'
        line = _entry_line(text, head, index)
        place = f"{file}, line {line}" if line else file
        place += f": {where}"
    else:
        place = f"{file}: {head}" if not rest else f"{file}: [{head}]"
        if head == "completions" and rest:
            day = rest.pop(0)
            place = f'{file}: completions."{day}"'
            if rest and rest[-1] == "[key]":
                # A bad day or routine key; the message says which is wrong.
                return place if len(rest) == 1 else f'{place}, key "{rest[0]}"'
    fields = [str(part) for part in rest if part != "[key]"]
    # Pydantic names the branch of a union or a constrained type; users don't need that.
    fields = [f for f in fields if not f.startswith(("constrained-", "function-"))]
    if fields:
        place += f", field {'.'.join(fields)!r}".replace("'", '"')
    return place


def _friendly(error: dict[str, Any]) -> str:
    kind = error.get("type", "")
    message = str(error.get("msg", ""))
    if kind == "extra_forbidden":
        return "unknown key (not part of netplan's file format; a typo?)"
    if kind == "missing":
        return "required but missing"
    if kind in ("date_type", "date_parsing"):
        return "should be a TOML date like 2026-11-25 (not a string in quotes)"
    if kind == "less_than_equal" and error.get("ctx", {}).get("le") == LARGEST:
        return f"{error.get('input')} is too large (netplan stores numbers below 2**63)"
    if message.startswith(("Value error, ", "Assertion failed, ")):
        message = message.split(", ", 1)[1]
    value = error.get("input")
    if kind.endswith("_type") and not isinstance(value, (dict, list)):
        message += f", got {value!r}"
    return message


def validation_problems(
    file: str, error: ValidationError, document: dict[str, Any], text: str
) -> list[str]:
    problems = []
    for item in error.errors():
        problems.append(
            f"{_describe_place(file, tuple(item['loc']), document, text)}: {_friendly(item)}"
        )
    return problems


def line_of_offset(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1
