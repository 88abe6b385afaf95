"""The files' bytes and their models: encoding for a save, decoding and validating a load."""

from __future__ import annotations

import functools
import itertools
import re
from typing import Any

from pydantic import BaseModel, ValidationError

from netplan.models import SCHEMA_VERSION, ActivityLog, ContactBook, Journal, Plan
from netplan.runtime.pausing import Pause, pausing
from netplan.store.compact import Compactor
from netplan.store.folder import BACKUP_DIR, FILES, FileName
from netplan.store.messages import (
    PieceMessages,
    StoreError,
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

# Encoding lives in netplan.store.encoding; codec is where the store and tests find both.
from netplan.store.encoding import (  # noqa: E402
    RECORD_DATES,
    SETTINGS_TABLES,
    encode,
    fresh,
    part_document,
)

__all__ = [
    "MIGRATIONS",
    "MODELS",
    "RECORD_DATES",
    "SETTINGS_TABLES",
    "decode",
    "encode",
    "fresh",
    "maybe_toml_1_1",
    "normalized",
    "part_document",
]


def decode(
    name: FileName,
    data: bytes,
    label: str | None = None,
    pause: Pause | None = None,
) -> BaseModel:
    """Parse and validate one file's bytes; raise StoreError with every problem found.

    `label` names the file in messages (its path), FILES[name] by default. A big file is
    decoded in pieces, and `pause` is called before each (see netplan.runtime.pausing).
    The records of contacts, journal and activity share equal values (see store.compact).
    """
    file = label or FILES[name]
    if data.startswith(b"\xef\xbb\xbf"):  # a byte-order mark from a Windows editor
        data = data[3:]
    strict = maybe_toml_1_1(data)
    # From the bytes: the text of a 48 MB journal is never held whole beside them.
    chunked = None if strict else _decode_in_chunks(name, data, pause, file)
    if chunked is not None:
        return chunked
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = line_of_offset(data, error.start)
        raise StoreError(
            f"{file}, line {line}: not valid UTF-8 (byte 0x{data[error.start]:02x}); "
            "save the file as UTF-8"
        ) from None
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
        model = normalized(MODELS[name].model_validate(document))
    except ValidationError as error:
        problems = validation_problems(file, error, document, text)
        raise StoreError(problems[0], problems) from None
    if name in RECORD_ARRAYS:
        Compactor().records(getattr(model, RECORD_ARRAYS[name]))
    return model


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


def _header_lines(text: str | bytes, header: str) -> list[int]:
    """Where the lines that are exactly `header` start (str.find: 30× faster than a regex)."""
    newline, crlf, needle = "\n", "\r\n", "\n" + header
    if isinstance(text, bytes):
        newline, crlf, needle = b"\n", b"\r\n", needle.encode()  # type: ignore[assignment]
    starts = []
    at = text.find(needle)  # type: ignore[arg-type]
    while at != -1:
        after = at + len(needle)
        if text.startswith(newline, after) or text.startswith(crlf, after):  # type: ignore[arg-type]
            starts.append(at + 1)
        at = text.find(needle, after)  # type: ignore[arg-type]
    return starts


@functools.cache
def _piece_model(name: FileName) -> type[BaseModel]:
    """The file's model without its checks across records (unique ids): those run once, on
    all the pieces' records, so a piece's problems are what the whole file's would be."""
    from pydantic import create_model

    model_type, key = MODELS[name], RECORD_ARRAYS[name]
    field = model_type.model_fields[key]
    return create_model(  # type: ignore[call-overload,no-any-return]
        f"{model_type.__name__}Piece",
        __config__=model_type.model_config,
        **{key: (field.annotation, field)},
    )


def _decode_in_chunks(
    name: FileName,
    text: str | bytes,
    pause: Pause | None = None,
    file: str | None = None,
) -> BaseModel | None:
    """The model, decoded piece by piece from the text or its UTF-8 bytes; None when that is
    not possible or not worth it, or when a problem is one the pieces cannot tell the whole
    file's message for: decoding the whole text then gives the messages.

    A piece starts at a `[[contacts]]` line, so its `[[contacts.milestones]]` and
    `[contacts.handles]` belong to the same records as in the whole file. A cut that falls
    inside a multi-line string leaves that string open, which fails to parse; a piece holding
    anything but records also sends it back to the whole. A syntax error or a bad value in
    a piece is reported from the piece (see messages.PieceMessages), with the whole file's
    lines and entry numbers: a broken record near the end of a 60 MB journal costs no second
    parse. Unique ids, which span pieces, are checked on all the records.
    """
    key = RECORD_ARRAYS.get(name)
    if key is None or _rtoml is None or len(text) < CHUNK_MIN_CHARS:
        return None
    starts = _header_lines(text, f"[[{key}]]")
    if len(starts) <= CHUNK_RECORDS:
        return None
    cuts = [0, *starts[CHUNK_RECORDS::CHUNK_RECORDS], len(text)]
    file = file or FILES[name]
    piece_type = _piece_model(name)
    compactor = Compactor()
    head: dict[str, Any] = {}
    records: list[BaseModel] = []
    problems: list[str] = []
    whole = functools.cache(lambda: _whole_text(file, text, key))  # made when a piece fails
    before = 0  # the records in the pieces before this one
    for index, (start, end) in enumerate(pausing(itertools.pairwise(cuts), pause, step=1)):
        piece = text[start:end]
        try:
            document = _rtoml.loads(piece if isinstance(piece, str) else piece.decode("utf-8"))
        except Exception:  # a syntax error, broken UTF-8, or a cut inside a string
            messages = whole()
            message = messages and messages.syntax_message(index)
            if message:
                raise StoreError(f"{message} (netplan reads TOML 1.0)") from None
            return None  # the piece cannot tell: the whole decides
        if index == 0:
            head = document
        try:
            found = getattr(piece_type.model_validate(document), key)
        except ValidationError as error:
            messages = whole()
            shifted = messages and messages.problems(index, error, document, before)
            if not shifted:
                return None
            problems.extend(shifted)  # and on: the whole file names every problem
            found = document.get(key, [])
        except Exception:
            return None
        if not problems:
            compactor.records(found)
            records.extend(found)
        before += len(found)
    if problems:
        raise StoreError(problems[0], problems)
    model_type = MODELS[name]
    try:  # the records are models now, not checked again: this checks what spans pieces
        return model_type.model_validate({**head, key: records})
    except ValidationError as error:
        if any(item["loc"] for item in error.errors()):
            return None
        problems = validation_problems(file, error, {}, "")
        raise StoreError(problems[0], problems) from None
    except Exception:  # any other doubt: the whole text decides
        return None


def _whole_text(file: str, text: str | bytes, key: str) -> PieceMessages | None:
    """The file as text, cut in the same pieces (in characters now), for the messages; None
    when it is not all UTF-8 (the whole file's message then says where)."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError:
            return None
    starts = _header_lines(text, f"[[{key}]]")
    return PieceMessages(file, text, [0, *starts[CHUNK_RECORDS::CHUNK_RECORDS], len(text)], key)


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
