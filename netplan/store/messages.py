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


def syntax_message(
    file: str, error: tomllib.TOMLDecodeError, text: str, lines_before: int = 0
) -> str:
    """tomllib's error in words; `lines_before`: the lines of `text` before the part that
    tomllib read (one piece of it), so the line named is the whole text's."""
    found = _AT_LINE.match(str(error))
    if found:
        return (
            f"{file}, line {int(found['line']) + lines_before}, column {found['col']}: "
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


def _entry_lines(text: str, table: str) -> list[int]:
    """The lines of the [[table]] headers, when the file is written that way: the n-th is
    the line of the n-th entry. Found once for all the problems of a file (one pass over a
    48 MB journal takes about 0.3 s; once per problem, 3,000 problems took a quarter hour)."""
    header = re.compile(rf"^\s*\[\[\s*{re.escape(table)}\s*\]\]\s*(#.*)?$")
    return [number for number, line in enumerate(text.splitlines(), start=1) if header.match(line)]


def _describe_place(
    file: str,
    loc: tuple[Any, ...],
    document: dict[str, Any],
    text: str,
    entries_before: int = 0,
    lines_before: int = 0,
    entry_lines: dict[str, list[int]] | None = None,
) -> str:
    """Name where a validation problem is: the file, the entry (with its id) and the field.
    `document` and `text` may be one piece of the file (see validation_problems);
    `entry_lines` keeps _entry_lines' answers for the next problem."""
    if not loc:
        return file
    head, rest = loc[0], list(loc[1:])
    if head in ENTRY_NAMES and rest and isinstance(rest[0], int):
        index = rest.pop(0)
        entries = document.get(head)
        ident = None
        if isinstance(entries, list) and index < len(entries) and isinstance(entries[index], dict):
            ident = entries[index].get("id")
        where = f"{ENTRY_NAMES[head]} {index + 1 + entries_before}"
        if isinstance(ident, str):
            where += f' (id "{ident}")'
        known = {} if entry_lines is None else entry_lines
        if head not in known:
            known[head] = _entry_lines(text, head)
        line = known[head][index] if index < len(known[head]) else None
        place = f"{file}, line {line + lines_before}" if line else file
        place += f": {where}"
    else:
        place = f"{file}: {head}" if not rest else f"{file}: [{head}]"
        if entries_before and rest and isinstance(rest[0], int):  # activity.toml's items
            rest[0] += entries_before
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
    file: str,
    error: ValidationError,
    document: dict[str, Any],
    text: str,
    entries_before: int = 0,
    lines_before: int = 0,
) -> list[str]:
    """Every problem pydantic found, in words. `document` and `text` may be one piece of the
    file, after its first `entries_before` entries and `lines_before` lines: then an entry's
    number and line are the whole file's."""
    problems = []
    entry_lines: dict[str, list[int]] = {}
    for item in error.errors():
        place = _describe_place(
            file, tuple(item["loc"]), document, text, entries_before, lines_before, entry_lines
        )
        problems.append(f"{place}: {_friendly(item)}")
    return problems


# --- one piece of a big file, as the whole file would report it (see codec._decode_in_chunks)
# A big contacts, journal or activity file is decoded in pieces cut at its `[[contacts]]`,
# `[[interactions]]` or `[[activity]]` lines. A problem found in a piece is reported from
# the piece alone when the piece can tell what the whole file's message would be; None
# otherwise, and the whole file is read again for the message.

# str.splitlines ends lines at these besides "\n" (so _entry_lines numbers lines by them).
_OTHER_LINE_ENDS = "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


class PieceMessages:
    """A file's text cut in pieces at `cuts` (each starting at a [[key]] line), reporting a
    piece's problems as the whole text's messages would. Lines and entry lines are counted
    from the start of the text once, however many pieces have problems."""

    def __init__(self, file: str, text: str, cuts: list[int], key: str) -> None:
        self.file, self.text, self.cuts, self.key = file, text, cuts, key
        self._at = 0  # counted up to here: the lines before, and whether entries line up
        self._lines = 0
        self._entries = 0
        self._lined_up = True

    def syntax_message(self, index: int) -> str | None:
        """The syntax error tomllib finds in the index-th piece alone, as tomllib reading the
        whole text would report it (the pieces before it parsed, so it starts where a record
        starts). None when the piece cannot tell: it reads well alone (then the whole
        decides); tomllib stopped at its last line, where the whole goes on (a cut inside a
        multi-line string or array); or a later piece declares a table besides the
        records' own, which the whole may have declared before it."""
        import tomllib

        text, start, end = self.text, self.cuts[index], self.cuts[index + 1]
        piece = text[start:end]
        try:
            tomllib.loads(piece)
        except tomllib.TOMLDecodeError as error:
            found = _AT_LINE.match(str(error))
            at_its_end = found is None or int(found["line"]) >= piece.count("\n")
            if at_its_end and end < len(text):
                return None
            if start and _other_table(self.key).search(piece):
                return None
            return syntax_message(self.file, error, text, text.count("\n", 0, start))
        return None

    def problems(
        self, index: int, error: ValidationError, document: dict[str, Any], before: int
    ) -> list[str] | None:
        """What validation_problems gives for the whole text, from the index-th piece, its
        `document` and the number of entries `before` it. None when a problem is not in an
        entry (a key besides the entries: the whole decides), or when the [[key]] lines do
        not line up with the entries, so that _entry_lines would count others."""
        key, start, end = self.key, self.cuts[index], self.cuts[index + 1]
        if not all(
            len(item["loc"]) > 1 and item["loc"][0] == key and isinstance(item["loc"][1], int)
            for item in error.errors()
        ):
            return None
        self._count_up_to(start, before)
        entries = document.get(key)
        inside = len(entries) if isinstance(entries, list) else -1
        if not self._lined_up or not _entries_line_up(self.text, key, (start, end, inside)):
            return None
        piece = self.text[start:end]
        return validation_problems(self.file, error, document, piece, before, self._lines)

    def _count_up_to(self, start: int, entries: int) -> None:
        text, at = self.text, self._at
        breaks = text.count("\n", at, start) - text.count("\r\n", at, start)
        self._lines += breaks + sum(text.count(mark, at, start) for mark in _OTHER_LINE_ENDS)
        span = (at, start, entries - self._entries)
        self._lined_up = self._lined_up and _entries_line_up(text, self.key, span)
        self._at, self._entries = start, entries


def _other_table(key: str) -> re.Pattern[str]:
    """A line that may open a table other than [[key]] and its records' own [key.…]."""
    key = re.escape(key)
    return re.compile(rf"^[ \t]*\[(?!\[{key}\]\]|\[?{key}\.)", re.MULTILINE)


def _entries_line_up(text: str, key: str, span: tuple[int, int, int]) -> bool:
    """Whether text[start:end] (from the start of a line) holds exactly `entries` lines that
    _entry_lines counts, all plain `[[key]]` lines: every "[[" in it opens one of those or a
    [[key.…]] table."""
    start, end, entries = span
    header = f"[[{key}]]"
    plain = text.count(f"\n{header}\n", max(start - 1, 0), end)
    plain += text.count(f"\n{header}\r\n", max(start - 1, 0), end)
    if start == 0 < end and text.startswith((f"{header}\n", f"{header}\r\n")):
        plain += 1
    tables = text.count(f"[[{key}.", start, end)
    return plain == entries and text.count("[[", start, end) == plain + tables


def line_of_offset(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1
