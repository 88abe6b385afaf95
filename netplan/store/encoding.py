"""The files' bytes as a save writes them: a model encoded whole, or one part of a file (a
record, a day of completions, the settings) as a surgical save writes and compares it."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel

from netplan.models import ActivityLog, ContactBook, Journal, Plan
from netplan.store import toml_writer
from netplan.store.messages import UnsavableError

try:  # the fast writer of the big files (see _encode_records)
    import rtoml as _rtoml
except ImportError:  # pragma: no cover - a platform without rtoml's wheels
    _rtoml = None

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
