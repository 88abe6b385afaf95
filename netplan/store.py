"""The only code that touches netplan's files: find, create, load, validate and save the store.

Saving follows ../shared/reliability.md: encode and re-validate first, then, under a lock on a
separate file, check that nothing changed on disk since it was loaded (the hash decides), keep
the old file as a backup (a hard link), write a temp file in the same folder, fsync it, replace
the real file and fsync the folder. A failed save leaves every file as it was.
"""

from __future__ import annotations

import contextlib
import errno
import glob
import hashlib
import itertools
import os
import re
import stat
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ValidationError

from netplan import toml_writer
from netplan.gc_pause import gc_paused
from netplan.models import LARGEST, SCHEMA_VERSION, ContactBook, Journal, Plan
from netplan.pausing import Pause, pausing

if TYPE_CHECKING:
    import tomllib

try:  # a faster reader for big files; tomllib stays the reference (see _parse)
    import rtoml as _rtoml
except ImportError:  # pragma: no cover - a platform without rtoml's wheels
    _rtoml = None

FileName = Literal["plan", "contacts", "journal"]
FILES: dict[FileName, str] = {
    "plan": "plan.toml",
    "contacts": "contacts.toml",
    "journal": "journal.toml",
}
MODELS: dict[FileName, type[BaseModel]] = {
    "plan": Plan,
    "contacts": ContactBook,
    "journal": Journal,
}
# How a list entry of each file is named in messages, and the key that identifies it.
ENTRY_NAMES = {
    "routines": "routine",
    "goals": "goal",
    "contacts": "contact",
    "interactions": "interaction",
}
BACKUP_DIR = ".backups"
LOCK_NAME = ".netplan.lock"
KEEP_RECENT_BACKUPS = 10
KEEP_DAILY_BACKUPS = 14
LOCK_TIMEOUT = 10.0
FILE_MODE = 0o600
DIR_MODE = 0o700
# Upgrades of older files: version -> function turning a document of that version into the next.
MIGRATIONS: dict[int, Any] = {}


class StoreError(Exception):
    """An expected failure: its message is for the user and names the file and the place."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        self.problems = problems or [message]
        super().__init__(message)


class ConflictError(StoreError):
    """A file changed on disk since it was loaded; nothing was written over it."""

    def __init__(self, names: list[FileName], folder: Path) -> None:
        self.names = names
        files = ", ".join(FILES[n] for n in names)
        super().__init__(
            f"{files} changed on disk since netplan read it (in {folder}); "
            "nothing was written over it"
        )


def _stat_key(st: os.stat_result) -> tuple[int, int, int, int]:
    """What a rewrite changes: size, mtime, inode, and the ctime nothing can set back."""
    return (st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns)


@dataclass(frozen=True)
class Fingerprint:
    """What a file looked like when read: stat fields as a cheap first look, the hash decides."""

    size: int
    mtime_ns: int
    inode: int
    digest: str
    # A rewrite in place that restores size and mtime (rsync --inplace -t, some sync tools)
    # still changes the ctime, which nothing can set back.
    ctime_ns: int = 0

    @classmethod
    def of(cls, st: os.stat_result, digest: str) -> Fingerprint:
        return cls(st.st_size, st.st_mtime_ns, st.st_ino, digest, st.st_ctime_ns)

    def same_stat(self, st: os.stat_result) -> bool:
        return _stat_key(st) == (self.size, self.mtime_ns, self.inode, self.ctime_ns)


@dataclass
class Snapshot:
    plan: Plan
    contacts: ContactBook
    journal: Journal


@dataclass(frozen=True)
class Version:
    """One version of a store file: the file itself (current) or a backup of an earlier one."""

    name: FileName
    path: Path
    saved: datetime  # when this version was written (the file's mtime; a backup keeps it)
    size: int
    current: bool


def resolve_folder(option: str | os.PathLike[str] | None, environ: Mapping[str, str]) -> Path:
    """The store folder: --data, then NETPLAN_DATA, then the platform's user data folder."""
    if option:
        return Path(option).expanduser()
    if environ.get("NETPLAN_DATA"):
        return Path(environ["NETPLAN_DATA"]).expanduser()
    import platformdirs  # only when needed: it costs start-up time

    return Path(platformdirs.user_data_dir("netplan", appauthor=False))


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --- encoding ----------------------------------------------------------------------------


# The date fields of the big files' records, for the fast writer (see _encode_records).
RECORD_DATES = {
    "contacts": ("follow_up", "created", "reviewed"),
    "interactions": ("on", "follow_up"),
}
OPTIONAL_COLLECTIONS = ("tags", "topics", "handles", "milestones")
UNSTORABLE_TEXT = (
    "refusing to save: some text holds characters that cannot be stored (a broken paste?); "
    "edit the last change"
)


def _encode_records(model: ContactBook | Journal) -> str:
    """contacts.toml and journal.toml, written by rtoml: about 6× faster than the TOML writer
    here for 30,000 contacts (0.25 s instead of 1.5 s), which matters because a contact edit
    rewrites the whole file. Pydantic dumps to JSON types in Rust; the dates go back to dates
    (TOML local dates, never strings) and absent values stay absent. The read-back check of
    every save catches any field this misses."""
    key = "contacts" if isinstance(model, ContactBook) else "interactions"
    document = model.model_dump(mode="json", exclude_none=True)
    day = date.fromisoformat
    for record in document[key]:
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
    return _rtoml.dumps(document, pretty=False)


def encode(model: BaseModel) -> bytes:
    """The TOML bytes of a file's model, in the model's field order, days in order."""
    if _rtoml is not None and isinstance(model, (ContactBook, Journal)):
        try:
            return _encode_records(model).encode("utf-8")
        except Exception as error:  # rtoml wraps what it cannot write in its own error
            if isinstance(error, UnicodeEncodeError) or "UnicodeEncodeError" in str(error):
                raise StoreError(UNSTORABLE_TEXT) from None
            raise StoreError(f"refusing to save: {error}; nothing was written") from None
    document = model.model_dump(mode="python", exclude_none=True)
    if isinstance(model, Plan):
        document["completions"] = {
            day: counts for day, counts in sorted(document["completions"].items()) if counts
        }
        # An empty table or list would be written inline (`completions = {}`, `goals = []`),
        # and TOML forbids extending those: a hand-added `[completions."2026-11-24"]` or
        # `[[goals]]` would then be a syntax error. Absent keys load as the same defaults.
        for key in ("routines", "completions", "goals"):
            if not document[key]:
                del document[key]
        if not document["settings"]["cadence_by_tag"]:
            del document["settings"]["cadence_by_tag"]
    try:
        return toml_writer.dumps(document).encode("utf-8")
    except UnicodeEncodeError:
        raise StoreError(UNSTORABLE_TEXT) from None
    except (ValueError, TypeError) as error:  # a number too large for TOML (2**63 and up)
        raise StoreError(f"refusing to save: {error}; nothing was written") from None


# --- decoding and messages ---------------------------------------------------------------

_AT_LINE = re.compile(r"^(?P<msg>.*) \(at line (?P<line>\d+), column (?P<col>\d+)\)$")


def _syntax_message(file: str, error: tomllib.TOMLDecodeError, text: str) -> str:
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


def _validation_problems(
    file: str, error: ValidationError, document: dict[str, Any], text: str
) -> list[str]:
    problems = []
    for item in error.errors():
        problems.append(
            f"{_describe_place(file, tuple(item['loc']), document, text)}: {_friendly(item)}"
        )
    return problems


def _line_of_offset(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def decode(
    name: FileName,
    data: bytes,
    label: str | None = None,
    pause: Pause | None = None,
) -> BaseModel:
    """Parse and validate one file's bytes; raise StoreError with every problem found.

    `label` names the file in messages (its path), FILES[name] by default. A big file is
    decoded in pieces, and `pause` is called before each (see netplan.pausing).
    """
    file = label or FILES[name]
    if data.startswith(b"\xef\xbb\xbf"):  # a byte-order mark from a Windows editor
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = _line_of_offset(data, error.start)
        raise StoreError(
            f"{file}, line {line}: not valid UTF-8 (byte 0x{data[error.start]:02x}); "
            "save the file as UTF-8"
        ) from None
    chunked = _decode_in_chunks(name, text, pause)
    if chunked is not None:
        return chunked
    document = _parse(file, text)
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
        return _normalized(MODELS[name].model_validate(document))
    except ValidationError as error:
        problems = _validation_problems(file, error, document, text)
        raise StoreError(problems[0], problems) from None


# Big contacts and journal files are parsed and validated a hundred records at a time.
# rtoml and pydantic-core hold the GIL for a whole call: 0.7 s + 0.4 s for 30,000 contacts
# in one piece, during which the app (loading them in a thread) could not answer a key.
RECORD_ARRAYS: dict[FileName, str] = {"contacts": "contacts", "journal": "interactions"}
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


def _parse(file: str, text: str) -> dict[str, Any]:
    """The TOML document.

    rtoml (Rust) parses about 5× faster than tomllib (2.8 s → 0.6 s for 30,000 contacts).
    Whatever it refuses, or where it is not installed, tomllib decides, so messages keep
    tomllib's line and column. (rtoml also reads TOML 1.1, as Python 3.15's tomllib will;
    netplan writes TOML 1.0.) Integers of 2**63 and up are refused by the models' bounds.
    """
    if _rtoml is not None:
        try:
            return _rtoml.loads(text)
        except Exception:
            pass
    import tomllib  # only here: where rtoml is fine, start-up never pays for it

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise StoreError(_syntax_message(file, error, text)) from None


def _normalized(model: BaseModel) -> BaseModel:
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


def check_references(
    plan: Plan, contacts: ContactBook, journal: Journal, folder: Path | None = None
) -> list[str]:
    """Cross-file problems: an interaction's contact, a completion's or a goal's routine."""
    prefix = f"{folder}{os.sep}" if folder else ""
    problems = []
    routine_ids = {r.id for r in plan.routines}
    for day, counts in sorted(plan.completions.items()):
        for routine in counts:
            if routine not in routine_ids:
                problems.append(
                    f'{prefix}plan.toml: completions."{day.isoformat()}", key "{routine}": '
                    f'no routine has the id "{routine}"'
                )
    for number, goal in enumerate(plan.goals, start=1):
        if goal.source and goal.source.routine and goal.source.routine not in routine_ids:
            problems.append(
                f'{prefix}plan.toml: goal {number} (id "{goal.id}"), field "source.routine": '
                f'no routine has the id "{goal.source.routine}"'
            )
    contact_ids = {c.id for c in contacts.contacts}
    for number, interaction in enumerate(journal.interactions, start=1):
        if interaction.contact not in contact_ids:
            problems.append(
                f'{prefix}journal.toml: interaction {number} (id "{interaction.id}"), '
                f'field "contact": no contact in contacts.toml has the id "{interaction.contact}"'
            )
    return problems


# --- writing -----------------------------------------------------------------------------


def _os_message(path: Path, error: OSError) -> str:
    reasons = {
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "the disk quota is exceeded",
        errno.EROFS: "the file system is read-only",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.EIO: "an input/output error occurred",
        errno.EFBIG: "the file is too large for this file system or limit",
        errno.EISDIR: "it is a folder, not a file",
        errno.ENOTDIR: "a part of the path is not a folder",
    }
    reason = reasons.get(error.errno or 0, error.strerror or str(error))
    return f"cannot write {path}: {reason}"


def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_all(fd: int, data: bytes) -> None:
    """os.write until every byte is written (it may write fewer than asked)."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        if written <= 0:  # never loop forever on a device that takes nothing
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        view = view[written:]


def _temp_name(target: Path) -> Path:
    return target.with_name(f".{target.name}.{os.getpid()}.{threading.get_ident()}.tmp")


def _write_temp(target: Path, data: bytes) -> Path:
    """A fsynced temp file beside target holding data, with target's mode (0600 for a new one)."""
    mode = FILE_MODE
    with contextlib.suppress(FileNotFoundError):
        mode = stat.S_IMODE(os.stat(target).st_mode)
    temp = _temp_name(target)
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o600)
    try:
        try:
            _write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        if mode != 0o600:
            os.chmod(temp, mode)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    return temp


def atomic_write(path: Path, data: bytes) -> None:
    """Replace path's content with data, all or nothing; a symlink stays a symlink."""
    target = Path(os.path.realpath(path))
    temp = _write_temp(target, data)
    try:
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    _fsync_folder(target.parent)


class Store:
    """A store folder. Remembers the fingerprint of each file as last read or written."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self._loaded: dict[FileName, Fingerprint | None] = {}
        self._guard = threading.RLock()  # saves may run in worker threads
        self._file_lock: Any = None
        # The ids in contacts.toml as last read or written here (see _write_order).
        self._contact_ids: set[str] | None = None

    # paths

    def path(self, name: FileName) -> Path:
        return self.folder / FILES[name]

    @property
    def backup_folder(self) -> Path:
        return self.folder / BACKUP_DIR

    def backups(self, name: FileName) -> list[Path]:
        """Backups of one file, oldest first."""
        try:
            found = [
                p for p in self.backup_folder.iterdir() if p.name.startswith(FILES[name] + ".")
            ]
        except (FileNotFoundError, NotADirectoryError):
            return []
        return sorted(found, key=lambda p: p.name)

    def conflict_copies(self) -> list[Path]:
        """Copies left by sync tools (Syncthing, Dropbox) that the user should look at."""
        try:
            names = sorted(self.folder.iterdir())
        except OSError:
            return []
        return [p for p in names if ".sync-conflict-" in p.name or "conflicted copy" in p.name]

    # first run

    def ensure(self, plan_factory: Any = None) -> bool:
        """Create the folder and any missing file; True when this was a first run.

        A missing file whose backups exist is not a first run: that is refused, so a lost or
        moved file never silently turns into an empty one.
        """
        if self.folder.exists() and not self.folder.is_dir():
            raise StoreError(f"{self.folder} is a file, not a folder; point --data at a folder")
        try:
            self.folder.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(_os_message(self.folder, error)) from None
        if not self._missing():
            return False
        # Two copies started at once on a new folder: without the lock, the slower one could
        # write its empty defaults over a change the faster one has already saved.
        with self.lock():
            missing = self._missing()
            if not missing:
                return False
            for name in missing:
                if self.backups(name):
                    raise StoreError(
                        f"{FILES[name]} is missing from {self.folder} but {BACKUP_DIR}/ holds "
                        f"earlier versions of it; put the newest back with `netplan restore` "
                        "(see `netplan restore --list`) rather than starting empty"
                    )
            if plan_factory is None:
                from netplan.demo import default_plan as plan_factory
            fresh: dict[FileName, BaseModel] = {
                "plan": plan_factory(),
                "contacts": ContactBook(),
                "journal": Journal(),
            }
            for name in missing:
                data = encode(fresh[name])
                try:
                    atomic_write(self.path(name), data)
                except OSError as error:
                    raise StoreError(_os_message(self.path(name), error)) from None
                self._remember(name, data)
        return len(missing) == len(FILES)

    def _missing(self) -> list[FileName]:
        return [n for n in FILES if not self.path(n).exists() and not self.path(n).is_symlink()]

    # reading

    def _read_bytes(self, name: FileName) -> tuple[bytes, Fingerprint]:
        path = self.path(name)
        try:
            with open(path, "rb") as handle:
                st = os.fstat(handle.fileno())
                if stat.S_ISDIR(st.st_mode):
                    raise IsADirectoryError(errno.EISDIR, "is a directory")
                data = handle.read()
        except FileNotFoundError:
            raise StoreError(f"{path} does not exist") from None
        except IsADirectoryError:
            raise StoreError(f"{path} is a folder, but netplan keeps a file there") from None
        except OSError as error:
            raise StoreError(f"cannot read {path}: {error.strerror}") from None
        return data, Fingerprint.of(st, _digest(data))

    def read(self, name: FileName, pause: Pause | None = None) -> Any:
        """Load and validate one file, remembering its fingerprint (see `decode`)."""
        data, fingerprint = self._read_bytes(name)
        with gc_paused():
            model = decode(name, data, str(self.path(name)), pause)
        with self._guard:
            self._loaded[name] = fingerprint
            if name == "contacts":
                self._contact_ids = {c.id for c in model.contacts}
        return model

    def read_plan(self) -> Plan:
        return self.read("plan")

    def read_contacts(self, pause: Pause | None = None) -> ContactBook:
        return self.read("contacts", pause)

    def read_journal(self, pause: Pause | None = None) -> Journal:
        return self.read("journal", pause)

    def load(self) -> Snapshot:
        """Every file, validated, with cross-file references checked; every problem reported."""
        loaded: dict[str, Any] = {}
        problems: list[str] = []
        for name in FILES:
            try:
                loaded[name] = self.read(name)
            except StoreError as error:
                problems.extend(error.problems)
        if not problems:
            problems = check_references(
                loaded["plan"], loaded["contacts"], loaded["journal"], self.folder
            )
        if problems:
            raise StoreError(problems[0], problems)
        return Snapshot(loaded["plan"], loaded["contacts"], loaded["journal"])

    # change detection

    def _remember(self, name: FileName, data: bytes) -> None:
        try:
            fingerprint = Fingerprint.of(os.stat(self.path(name)), _digest(data))
        except OSError:  # no stat to compare cheaply: the hash decides
            fingerprint = Fingerprint(-1, -1, -1, _digest(data), -1)
        with self._guard:
            self._loaded[name] = fingerprint

    def fingerprint(self, name: FileName) -> Fingerprint | None:
        return self._loaded.get(name)

    def _differs(self, name: FileName, cheap: bool) -> bool:
        known = self._loaded.get(name)
        try:
            st = os.stat(self.path(name))
        except FileNotFoundError:
            return known is not None
        if known is None:
            return True
        if cheap and known.same_stat(st):
            return False
        try:
            data = Path(self.path(name)).read_bytes()
        except OSError:
            return True
        if _digest(data) != known.digest:
            return True
        # Same content, new stat (touched, or linked by a backup): look cheaply again next time.
        self._loaded[name] = Fingerprint.of(st, known.digest)
        return False

    def look(self, names: tuple[FileName, ...]) -> tuple:
        """A cheap look at files (size, times, inode; None when missing) that changes when
        any of them is written: for files that failed to load, to know when to try again."""
        looks = []
        for name in names:
            try:
                st = os.stat(self.path(name))
            except OSError:
                looks.append(None)
            else:
                looks.append(_stat_key(st))
        return tuple(looks)

    def changed_on_disk(self, cheap: bool = True) -> list[FileName]:
        """Files whose content differs from what was last read or written here.

        With cheap=True an unchanged size, mtime and inode count as unchanged (for polling);
        otherwise the hash decides.
        """
        with self._guard:
            return [n for n in FILES if n in self._loaded and self._differs(n, cheap)]

    # writing

    @contextlib.contextmanager
    def lock(self, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
        """The writer lock: a flock on a separate file, so it dies with its process.

        Re-entrant: a command holds it around read-modify-save, and save takes it again.
        """
        from filelock import FileLock, Timeout

        with self._guard:
            if self._file_lock is None:
                self._file_lock = FileLock(
                    self.folder / LOCK_NAME,
                    mode=FILE_MODE,
                    thread_local=False,
                    preserve_lock_file=True,
                )
            try:
                self._file_lock.acquire(timeout=timeout)
            except Timeout:
                raise StoreError(
                    f"another netplan is saving to {self.folder} and did not finish within "
                    f"{timeout:.0f} s; try again"
                ) from None
            except OSError as error:
                message = _os_message(self.folder / LOCK_NAME, error) + "; nothing was changed"
                raise StoreError(message) from None
            try:
                yield
            finally:
                self._file_lock.release()

    def save(self, **models: BaseModel) -> list[FileName]:
        """Write the given files (plan=, contacts=, journal=) all or nothing.

        A file whose bytes would not change is not rewritten. Raises ConflictError when a
        file changed on disk since it was read here, StoreError when it cannot be written;
        in both cases every file is left exactly as it was. Returns the files written.
        """
        encoded: dict[FileName, bytes] = {}
        for name, model in models.items():
            if name not in FILES:
                raise TypeError(f"unknown store file {name!r}")
            with gc_paused():
                try:
                    data = encode(model)
                except StoreError as error:
                    message = str(error).replace(
                        "refusing to save", f"refusing to save {FILES[name]}"
                    )
                    raise StoreError(message) from None
                known = self._loaded.get(name)
                if known is None or known.digest != _digest(data):  # unchanged: read already
                    self._check_round_trip(name, model, data)
            encoded[name] = data
        with self.lock():
            conflicts = [n for n in encoded if self._differs(n, cheap=False)]
            if conflicts:
                raise ConflictError(conflicts, self.folder)
            todo = {
                n: encoded[n]
                for n in self._write_order(models)
                if self._loaded.get(n) is None or self._loaded[n].digest != _digest(encoded[n])
            }
            self._commit(todo)
            for name, data in todo.items():
                self._remember(name, data)
            if "contacts" in todo:
                self._contact_ids = {c.id for c in models["contacts"].contacts}  # type: ignore[attr-defined]
            self._prune_backups()
        return list(todo)

    def _write_order(self, models: Mapping[str, BaseModel]) -> list[FileName]:
        """The order that keeps the store loadable should netplan die between two files.

        An interaction names a contact, so new contacts are written before the journal that
        names them, and a journal that no longer names a contact before that contact goes.
        """
        order = [n for n in FILES if n in models]
        if "contacts" in models and "journal" in models and self._contact_ids is not None:
            new_ids = {c.id for c in models["contacts"].contacts}  # type: ignore[attr-defined]
            added = new_ids - self._contact_ids
            names = {i.contact for i in models["journal"].interactions}  # type: ignore[attr-defined]
            if self._contact_ids - new_ids and not names & added:
                order.remove("journal")
                order.insert(order.index("contacts"), "journal")
        return order

    def _commit(self, files: Mapping[FileName, bytes]) -> None:
        """Write files, in order, all or nothing; the caller holds the lock.

        Every temp file is written and fsynced before the first replace, so a full disk
        never leaves some files new and others old. A failure after a replace (of another
        file, or when syncing the folder) moves the backups, hard links of the old files,
        back into place: undoing needs no free space.
        """
        if not files:
            return
        self._sweep_temps()
        targets = {n: Path(os.path.realpath(self.path(n))) for n in files}
        staged: dict[FileName, Path] = {}
        backups: dict[FileName, Path | None] = {}
        replaced: list[FileName] = []
        where = self.folder
        try:
            for name, data in files.items():
                where = targets[name]
                staged[name] = _write_temp(targets[name], data)
            where = self.backup_folder
            for name in files:
                backups[name] = self._backup(name)
            for name in files:
                where = targets[name]
                os.replace(staged[name], targets[name])
                del staged[name]
                replaced.append(name)
            for folder in dict.fromkeys(t.parent for t in targets.values()):
                where = folder
                _fsync_folder(folder)
        except BaseException as error:
            for temp in staged.values():
                with contextlib.suppress(OSError):
                    os.unlink(temp)
            stuck = self._roll_back(targets, backups, replaced)
            # A file that could not be put back (the device failed between two replaces) holds
            # the new version: remember that, so a retry does not see someone else's change.
            for name in stuck:
                self._remember(name, files[name])
            if not isinstance(error, OSError):
                raise
            message = _os_message(where, error)
            if stuck:
                names = ", ".join(FILES[n] for n in stuck)
                message += (
                    f"; {names} could not be put back and already hold the new version, "
                    "the other files are as they were"
                )
            else:
                message += "; nothing was changed"
            raise StoreError(message) from None

    def _sweep_temps(self) -> None:
        """Remove temp files left by a netplan killed mid-save: only lock holders write them."""
        for name in FILES:
            target = Path(os.path.realpath(self.path(name)))
            with contextlib.suppress(OSError):
                for temp in target.parent.glob(f".{glob.escape(target.name)}.*.tmp"):
                    with contextlib.suppress(OSError):
                        temp.unlink()

    def _check_round_trip(self, name: FileName, model: BaseModel, data: bytes) -> None:
        """Never write what cannot be read back as the same data."""
        try:
            again = decode(name, data)
        except StoreError as error:
            raise StoreError(f"refusing to save {FILES[name]}: {error}") from None
        if again != _normalized(model):
            raise StoreError(
                f"refusing to save {FILES[name]}: it would not read back the same (a bug)"
            )

    def _backup(self, name: FileName) -> Path | None:
        source = Path(os.path.realpath(self.path(name)))
        if not source.exists():
            return None
        self.backup_folder.mkdir(mode=DIR_MODE, exist_ok=True)
        stamp = datetime.now().strftime("%Y%m%dT%H%M%S%f")
        backup = self.backup_folder / f"{FILES[name]}.{stamp}"
        try:
            os.link(source, backup)
        except OSError:
            # Hard links are free but not everywhere possible (other file systems, Windows).
            data = source.read_bytes()
            fd = os.open(backup, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
            try:
                try:
                    _write_all(fd, data)
                    os.fsync(fd)
                finally:
                    os.close(fd)
                st = os.stat(source)
                os.utime(backup, ns=(st.st_atime_ns, st.st_mtime_ns))  # when it was saved
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(backup)  # never leave a partial backup that looks like a version
                raise
        return backup

    def _roll_back(
        self,
        targets: Mapping[FileName, Path],
        backups: Mapping[FileName, Path | None],
        replaced: list[FileName],
    ) -> list[FileName]:
        """Undo a failed commit; returns the replaced files that could not be put back."""
        stuck = []
        for name, backup in backups.items():
            try:
                if name not in replaced:
                    if backup is not None:
                        os.unlink(backup)  # the file was never replaced: no new version to keep
                elif backup is None:
                    os.unlink(targets[name])  # it did not exist before
                else:
                    os.replace(backup, targets[name])  # the old file itself, back in place
            except OSError:
                if name in replaced:
                    stuck.append(name)
        for folder in dict.fromkeys(t.parent for t in targets.values()):
            with contextlib.suppress(OSError):
                _fsync_folder(folder)
        return stuck

    def _prune_backups(self) -> None:
        """Keep the newest few versions of each file, and the newest of each recent day."""
        for name in FILES:
            backups = self.backups(name)
            keep = set(backups[-KEEP_RECENT_BACKUPS:])
            days: dict[str, Path] = {}
            for backup in backups:
                days[backup.name.rsplit(".", 1)[1][:8]] = backup
            keep.update(sorted(days.values())[-KEEP_DAILY_BACKUPS:])
            for backup in backups:
                if backup not in keep:
                    with contextlib.suppress(OSError):
                        backup.unlink()

    # restoring from backups

    def versions(self, name: FileName) -> list[Version]:
        """The versions of one file kept here, newest first: the file itself, then backups."""
        found = []
        for path, current in [(self.path(name), True)] + [(b, False) for b in self.backups(name)]:
            try:
                st = os.stat(path)
            except OSError:
                continue
            if stat.S_ISREG(st.st_mode):
                saved = datetime.fromtimestamp(st.st_mtime)
                found.append(Version(name, path, saved, st.st_size, current))
        return sorted(found, key=lambda v: (v.saved, v.current), reverse=True)

    def restore(
        self, until: datetime, timeout: float = 2.0
    ) -> tuple[dict[FileName, Version], list[FileName]]:
        """Put back each file as it was at `until`: its newest version saved at or before then.

        The chosen versions must load together, and a save must not be running (the lock is
        refused after `timeout`). The files replaced are backed up first, so a restore can be
        undone the same way; all or nothing. Returns the version chosen for each file, and
        the files written (a file that already holds its version is left alone).
        """
        chosen: dict[FileName, Version] = {}
        problems: list[str] = []
        for name in FILES:
            versions = self.versions(name)
            # To the second, as `netplan restore --list` shows the times.
            earlier = [v for v in versions if v.saved.replace(microsecond=0) <= until]
            if earlier:
                chosen[name] = earlier[0]
            elif versions:
                oldest = versions[-1].saved.isoformat(sep=" ", timespec="seconds")
                problems.append(
                    f"{FILES[name]}: no version from {until:%Y-%m-%d %H:%M:%S} or before is "
                    f"kept (the oldest is from {oldest}); choose a later time"
                )
            else:
                problems.append(f"{FILES[name]}: no version of it is kept in {self.folder}")
        if problems:
            raise StoreError(problems[0], problems)
        with self.lock(timeout=timeout):
            data: dict[FileName, bytes] = {}
            models: dict[FileName, Any] = {}
            for name, version in chosen.items():
                try:
                    data[name] = version.path.read_bytes()
                except OSError as error:
                    raise StoreError(f"cannot read {version.path}: {error.strerror}") from None
                try:
                    models[name] = decode(name, data[name], str(version.path))
                except StoreError as error:
                    problems.extend(error.problems)
            if not problems:
                problems = check_references(models["plan"], models["contacts"], models["journal"])
            if problems:
                problems[0] = "refusing to restore: " + problems[0]
                raise StoreError(problems[0], problems)
            todo = {
                n: data[n]
                for n, v in chosen.items()
                if not v.current and not self._holds(n, data[n])
            }
            self._commit(todo)
            for name, content in todo.items():
                self._remember(name, content)
            if "contacts" in todo:
                self._contact_ids = {c.id for c in models["contacts"].contacts}
            self._prune_backups()
        return chosen, list(todo)

    def _holds(self, name: FileName, data: bytes) -> bool:
        try:
            return Path(self.path(name)).read_bytes() == data
        except OSError:
            return False

    def write_recovery(self, name: FileName, model: BaseModel) -> Path:
        """Save this side's version beside the file when the file changed underneath it."""
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        base = f"{FILES[name].removesuffix('.toml')}.recovered-{stamp}"
        path = self.folder / f"{base}.toml"
        number = 2
        while path.exists() or path.is_symlink():  # never replace an earlier recovery file
            path = self.folder / f"{base}-{number}.toml"
            number += 1
        try:
            atomic_write(path, encode(model))
        except OSError as error:
            raise StoreError(_os_message(path, error)) from None
        return path
