"""The files' bytes and their models: encoding for a save, decoding and validating a load."""

from __future__ import annotations

import itertools
import re
from datetime import date
from typing import Any

from pydantic import BaseModel, ValidationError

from netplan.models import SCHEMA_VERSION, ActivityLog, ContactBook, Journal, Plan
from netplan.runtime.pausing import Pause, pausing
from netplan.store import toml_writer
from netplan.store.folder import BACKUP_DIR, FILES, FileName
from netplan.store.messages import (
    StoreError,
    UnsavableError,
    line_of_offset,
    syntax_message,
    validation_problems,
)

try:  # a faster reader for big files; tomllib stays the reference (see _parse)
    import rtoml as _rtoml
except ImportError:  # pragma: no cover - a platform without rtoml's wheels
    _rtoml = None

MODELS: dict[FileName, type[BaseModel]] = {
    "plan": Plan,
    "contacts": ContactBook,
    "journal": Journal,
    "activity": ActivityLog,
}

# Upgrades of older files: version -> function turning a document of that version into the next.
MIGRATIONS: dict[int, Any] = {}


# --- encoding ----------------------------------------------------------------------------


# The date fields of the big files' records, for the fast writer (see _encode_records).
RECORD_DATES = {
    "contacts": ("follow_up", "created", "reviewed"),
    "interactions": ("on", "follow_up", "kept"),
    "activity": ("on",),
}
OPTIONAL_COLLECTIONS = ("tags", "topics", "handles", "milestones", "with")
KEPT_EMPTY = toml_writer.KEPT_EMPTY
UNSTORABLE_TEXT = (
    "refusing to save: some text holds characters that cannot be stored (a broken paste?); "
    "edit the last change"
)


def _fix_record(key: str, record: dict[str, Any]) -> dict[str, Any]:
    """A record as JSON types (pydantic's fast dump) made a file record: dates back to dates
    (TOML local dates, never strings), and what the writer leaves out left out."""
    day = date.fromisoformat
    for name in RECORD_DATES[key]:
        if name in record:
            record[name] = day(record[name])
    if record.get("archived") is False:
        del record["archived"]
    for name in OPTIONAL_COLLECTIONS:
        if name in record and not record[name]:
            del record[name]
    for milestone in record.get("milestones", ()):
        milestone["date"] = day(milestone["date"])
        if milestone.get("yearly") is False:
            del milestone["yearly"]
    return record


RECORDS_KEY = {ContactBook: "contacts", Journal: "interactions", ActivityLog: "activity"}


def _encode_records(model: ContactBook | Journal | ActivityLog) -> str:
    """contacts.toml and journal.toml, written by rtoml: about 6× faster than the TOML writer
    here for 30,000 contacts (0.25 s instead of 1.5 s). Pydantic dumps to JSON types in Rust;
    `_fix_record` makes them file records. The read-back check of every save catches any
    field this misses."""
    key = RECORDS_KEY[type(model)]
    document = model.model_dump(mode="json", exclude_none=True)
    for record in document[key]:
        _fix_record(key, record)
    return _rtoml.dumps(document, pretty=False)


def _in_record(document: dict[str, Any]) -> dict[str, Any]:
    """What the plan's writer keeps of a record (see toml_writer._section)."""
    return {
        name: value
        for name, value in document.items()
        if value is not None
        and (value != [] or name in KEPT_EMPTY)
        and value != {}
        and not (name == "archived" and value is False)
    }


# The settings' sub-tables: absent when empty, so a hand-added [settings.keymap] is no
# second declaration of `keymap = {}`.
SETTINGS_TABLES = ("cadence_by_tag", "cadence_by_circle", "keymap")


def part_document(part: str, value: Any) -> dict[str, Any]:
    """One part of a file (a contact, an interaction, a routine, a goal, the settings) as
    the writer writes it: what a surgical save compares, key by key."""
    if part in RECORD_DATES:
        return _fix_record(part, value.model_dump(mode="json", exclude_none=True))
    document = value.model_dump(mode="python", exclude_none=True)
    if part == "settings":
        for name in SETTINGS_TABLES:
            if not document.get(name):
                document.pop(name, None)
        return document
    return _in_record(document)


def fresh(part: str, value: Any) -> str:
    """A new part's text, as the whole-file writer would write it."""
    if part in RECORD_DATES and _rtoml is not None:
        return _rtoml.dumps({part: [part_document(part, value)]}, pretty=False)
    if part == "completions":
        day, counts = value
        return toml_writer.dumps({"completions": {day: counts}})
    if part == "settings":
        return toml_writer.dumps({"settings": part_document(part, value)})
    return toml_writer.dumps({part: [part_document(part, value)]})


def encode(model: BaseModel) -> bytes:
    """The TOML bytes of a file's model, in the model's field order, days in order."""
    if _rtoml is not None and isinstance(model, (ContactBook, Journal, ActivityLog)):
        try:
            return _encode_records(model).encode("utf-8")
        except Exception as error:  # rtoml wraps what it cannot write in its own error
            if isinstance(error, UnicodeEncodeError) or "UnicodeEncodeError" in str(error):
                raise UnsavableError(UNSTORABLE_TEXT) from None
            raise UnsavableError(f"refusing to save: {error}; nothing was written") from None
    document = model.model_dump(mode="python", exclude_none=True)
    if isinstance(model, Plan):
        document["completions"] = {
            day: counts for day, counts in sorted(document["completions"].items()) if counts
        }
        # An empty table or list would be written inline (`completions = {}`, `goals = []`),
        # and TOML forbids extending those: a hand-added `[completions."2026-11-24"]` or
        # `[[goals]]` would then be a syntax error. Absent keys load as the same defaults.
        for key in ("routines", "completions", "goals", "skips", "events"):
            if not document[key]:
                del document[key]
        for name in SETTINGS_TABLES:
            if not document["settings"][name]:
                del document["settings"][name]
    try:
        return toml_writer.dumps(document).encode("utf-8")
    except UnicodeEncodeError:
        raise UnsavableError(UNSTORABLE_TEXT) from None
    except (ValueError, TypeError) as error:  # a number too large for TOML (2**63 and up)
        raise UnsavableError(f"refusing to save: {error}; nothing was written") from None


def decode(
    name: FileName,
    data: bytes,
    label: str | None = None,
    pause: Pause | None = None,
) -> BaseModel:
    """Parse and validate one file's bytes; raise StoreError with every problem found.

    `label` names the file in messages (its path), FILES[name] by default. A big file is
    decoded in pieces, and `pause` is called before each (see netplan.runtime.pausing).
    """
    file = label or FILES[name]
    if data.startswith(b"\xef\xbb\xbf"):  # a byte-order mark from a Windows editor
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = line_of_offset(data, error.start)
        raise StoreError(
            f"{file}, line {line}: not valid UTF-8 (byte 0x{data[error.start]:02x}); "
            "save the file as UTF-8"
        ) from None
    strict = maybe_toml_1_1(data)
    chunked = None if strict else _decode_in_chunks(name, text, pause)
    if chunked is not None:
        return chunked
    document = _parse_toml_1_0(file, text) if strict else _parse(file, text)
    if not document:
        raise StoreError(
            f"{file} holds no data (empty or only comments); netplan never writes such a file, "
            f"so it is treated as damaged. Put back an earlier version with `netplan restore` "
            f"(it lists the versions kept in {BACKUP_DIR}/), or delete the file together with "
            "its backups to start afresh"
        )
    if name == "plan":
        document = _migrate(file, document)
    try:
        return normalized(MODELS[name].model_validate(document))
    except ValidationError as error:
        problems = validation_problems(file, error, document, text)
        raise StoreError(problems[0], problems) from None


# Big contacts and journal files are parsed and validated a hundred records at a time.
# rtoml and pydantic-core hold the GIL for a whole call: 0.7 s + 0.4 s for 30,000 contacts
# in one piece, during which the app (loading them in a thread) could not answer a key.
RECORD_ARRAYS: dict[FileName, str] = {
    "contacts": "contacts",
    "journal": "interactions",
    "activity": "activity",
}
CHUNK_RECORDS = 100
CHUNK_MIN_CHARS = 256 * 1024


def _header_lines(text: str, header: str) -> list[int]:
    """Where the lines that are exactly `header` start (str.find: 30× faster than a regex)."""
    starts = []
    needle = "\n" + header
    at = text.find(needle)
    while at != -1:
        after = at + len(needle)
        if text.startswith("\n", after) or text.startswith("\r\n", after):
            starts.append(at + 1)
        at = text.find(needle, after)
    return starts


def _decode_in_chunks(name: FileName, text: str, pause: Pause | None = None) -> BaseModel | None:
    """The model, decoded piece by piece; None when that is not possible or not worth it,
    and for anything wrong with the file: decoding the whole text then gives the messages.

    A piece starts at a `[[contacts]]` line, so its `[[contacts.milestones]]` and
    `[contacts.handles]` belong to the same records as in the whole file. A cut that falls
    inside a multi-line string leaves that string open, which fails to parse; a piece holding
    anything but records, or records that fail validation, also send it back to the whole.
    """
    key = RECORD_ARRAYS.get(name)
    if key is None or _rtoml is None or len(text) < CHUNK_MIN_CHARS:
        return None
    starts = _header_lines(text, f"[[{key}]]")
    if len(starts) <= CHUNK_RECORDS:
        return None
    cuts = [0, *starts[CHUNK_RECORDS::CHUNK_RECORDS], len(text)]
    model_type = MODELS[name]
    head: dict[str, Any] = {}
    records: list[BaseModel] = []
    try:
        for index, (start, end) in enumerate(pausing(itertools.pairwise(cuts), pause, step=1)):
            document = _rtoml.loads(text[start:end])
            if index == 0:
                head = document
            records.extend(getattr(model_type.model_validate(document), key))
        # The records are models now (not checked again); the whole checks what spans pieces.
        return model_type.model_validate({**head, key: records})
    except Exception:  # any doubt: the whole text decides, and gives the messages
        return None


# What only TOML 1.1 allows, or looks like it (a false alarm costs one tomllib parse): \e and
# \xHH escapes, an inline table over several lines or with a trailing comma, a bare key with
# letters beyond ASCII. rtoml reads TOML 1.1; netplan's files are TOML 1.0, which every
# other tool reads, and a save keeps what it does not change byte for byte.
_ESCAPE_1_1 = re.compile(rb"\\[ex]")
_BRACES_1_1 = re.compile(rb"\{[^}\n]*$|^[ \t]*\}|,[ \t]*\}", re.MULTILINE)
_KEY_1_1 = re.compile(rb"\n[ \t]*[A-Za-z0-9_.\-]*[\x80-\xff]")  # "\n" first: fast


def maybe_toml_1_1(data: bytes) -> bool:
    """Whether the file may need TOML 1.1: about 25 ms for 30,000 contacts (one search a
    kind, each only where its characters occur; one search of them all took 105 ms)."""
    if b"\\" in data and _ESCAPE_1_1.search(data):
        return True
    if (b"{" in data or b"}" in data) and _BRACES_1_1.search(data):
        return True
    return not data.isascii() and bool(_KEY_1_1.search(b"\n" + data[:200]) or _KEY_1_1.search(data))


def _parse_toml_1_0(file: str, text: str) -> dict[str, Any]:
    import tomllib  # only here: where rtoml is fine, start-up never pays for it

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = syntax_message(file, error, text)
        raise StoreError(f"{message} (netplan reads TOML 1.0)") from None


def _parse(file: str, text: str) -> dict[str, Any]:
    """The TOML document.

    rtoml (Rust) parses about 5× faster than tomllib (2.8 s → 0.6 s for 30,000 contacts).
    Whatever it refuses (and what might be TOML 1.1, see decode), or where rtoml is not
    installed, tomllib decides, so messages keep tomllib's line and column. Integers of
    2**63 and up are refused by the models' bounds.
    """
    if _rtoml is not None:
        try:
            return _rtoml.loads(text)
        except Exception:
            pass
    return _parse_toml_1_0(file, text)


def normalized(model: BaseModel) -> BaseModel:
    """The model as the file writes it: a day without check-offs (a hand-written
    `[completions."2026-11-23"]` with nothing under it) is left out."""
    if isinstance(model, Plan) and not all(model.completions.values()):
        days = {day: counts for day, counts in model.completions.items() if counts}
        return model.model_copy(update={"completions": days})
    return model


def _migrate(file: str, document: dict[str, Any]) -> dict[str, Any]:
    version = document.get("schema_version", SCHEMA_VERSION)
    if not isinstance(version, int) or isinstance(version, bool):
        return document  # validation reports the wrong type
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{file}: schema_version {version} was written by a newer netplan "
            f"(this one knows up to {SCHEMA_VERSION}); upgrade netplan. The file is left as it is"
        )
    while version < SCHEMA_VERSION and version in MIGRATIONS:
        document = MIGRATIONS[version](document)
        version = document["schema_version"]
    return document
