"""The files of the inputs: a single CSV, an unzipped folder (files at any depth) or an export
zip, told apart and read into memory (never extracted to disk).

Files are matched by name (format reference §1): the stem before an optional `_<digits>`,
case-folded, spaces and underscores left out, at any depth; article pages are the `.html`
files under an `Articles` folder. Only the files netplan uses are read; the others are listed.

Zip safety: an entry whose path climbs out (`../`, absolute, a drive) is refused; inflation
is counted in streamed chunks (the header's sizes are not trusted) and stops past
`MAX_INFLATED` in all or `MAX_RATIO` times the zip's size.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from netplan.importers import ImportFailed

__all__ = ["KINDS", "MAX_INFLATED", "MAX_RATIO", "Member", "kind_of", "members"]

MAX_INFLATED = 1 << 30  # 1 GiB
MAX_RATIO = 100
CHUNK = 1 << 20

# Normalised stem → what the file is.
KINDS = {
    "connections": "connections",
    "messages": "messages",
    "comments": "comments",
    "reactions": "reactions",
    "shares": "shares",
    "invitations": "invitations",
    "events": "events",
    "endorsementgiveninfo": "endorsements-given",
    "endorsementreceivedinfo": "endorsements-received",
    "recommendationsgiven": "recommendations-given",
    "recommendationsreceived": "recommendations-received",
    "profile": "profile",
}
_NUMBERED = re.compile(r"_\d+$")
_NOT_KEY = re.compile(r"[\s_]+")
_DRIVE = re.compile(r"^[A-Za-z]:")


@dataclass
class Member:
    """One file of an input: its name there, what it is (None: not used), its bytes when
    read, and why it was not read when it was refused."""

    name: str
    archive: str
    kind: str | None
    data: bytes | None = None
    problem: str | None = None


def kind_of(name: str) -> str | None:
    """What a file is, by its path inside the archive; None for a file netplan does not use
    (coach messages, follows, ads …)."""
    path = PurePosixPath(name.replace("\\", "/"))
    suffix = path.suffix.casefold()
    if suffix == ".html":
        return "article" if any(p.casefold() == "articles" for p in path.parts[:-1]) else None
    if suffix != ".csv":
        return None
    stem = _NUMBERED.sub("", path.stem)
    return KINDS.get(_NOT_KEY.sub("", stem).casefold())


def _unsafe(name: str) -> bool:
    clean = name.replace("\\", "/")
    return clean.startswith("/") or bool(_DRIVE.match(clean)) or ".." in clean.split("/")


def members(path: Path, label: str) -> Iterator[Member]:
    """The files of one input path, in their order there; ImportFailed when the path cannot
    be read at all."""
    if path.is_dir():
        yield from _folder(path, label)
        return
    if not path.exists():
        raise ImportFailed(f"{label} does not exist")
    try:
        is_zip = zipfile.is_zipfile(path)
    except OSError as error:
        raise ImportFailed(f"cannot read {label}: {error.strerror or error}") from None
    if is_zip:
        yield from _zip(path, label)
        return
    if path.suffix.casefold() == ".zip":
        raise ImportFailed(f"{label} is not a readable zip archive (corrupt or incomplete?)")
    kind = kind_of(path.name) or "connections"
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ImportFailed(f"cannot read {label}: {error.strerror or error}") from None
    yield Member(path.name, label, kind, data)


def _folder(path: Path, label: str) -> Iterator[Member]:
    try:
        files = sorted(p for p in path.rglob("*") if p.is_file())
    except OSError as error:
        raise ImportFailed(f"cannot read the folder {label}: {error.strerror or error}") from None
    for file in files:
        name = file.relative_to(path).as_posix()
        kind = kind_of(name)
        if kind is None:
            yield Member(name, label, None)
            continue
        try:
            yield Member(name, label, kind, file.read_bytes())
        except OSError as error:
            yield Member(name, label, kind, problem=f"cannot be read: {error.strerror or error}")


def _zip(path: Path, label: str) -> Iterator[Member]:
    try:
        size = path.stat().st_size
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile, ValueError) as error:
        raise ImportFailed(f"{label} is not a readable zip archive ({error})") from None
    cap = min(MAX_INFLATED, MAX_RATIO * max(size, 1))
    total = 0
    capped = False
    with archive:
        for info in archive.infolist():
            if info.is_dir():
                continue
            name = info.filename
            if _unsafe(name):
                yield Member(
                    name, label, None, problem="refused: its path leads out of the archive"
                )
                continue
            kind = kind_of(name)
            if kind is None:
                yield Member(name, label, None)
                continue
            if capped:
                yield Member(name, label, kind, problem="not read: the inflation limit was reached")
                continue
            chunks: list[bytes] = []
            try:
                with archive.open(info) as handle:
                    while chunk := handle.read(CHUNK):
                        total += len(chunk)
                        if total > cap:
                            capped = True
                            break
                        chunks.append(chunk)
            except (OSError, EOFError, RuntimeError, zipfile.BadZipFile, zlib.error) as error:
                yield Member(name, label, kind, problem=f"cannot be read (corrupt entry: {error})")
                continue
            if capped:
                chunks.clear()
                yield Member(
                    name,
                    label,
                    kind,
                    problem=(
                        f"refused: the archive inflates past {_size(cap)} "
                        f"({MAX_RATIO}× its size, at most {_size(MAX_INFLATED)}): a zip bomb?"
                    ),
                )
                continue
            yield Member(name, label, kind, b"".join(chunks))


def _size(n: int) -> str:
    if n >= 1 << 30:
        return f"{n / (1 << 30):.1f} GiB"
    if n >= 1 << 20:
        return f"{n / (1 << 20):.1f} MiB"
    return f"{n / 1024:.0f} KiB"
