"""What netplan keeps when it must quit with changes it could not save (q twice while saves
fail, SIGTERM or SIGHUP): a recovery file for each unsaved file, written where it can be
(see Store.write_recovery), else the file's TOML itself, for the terminal after exit."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

from netplan.runtime.values import distinct
from netplan.store import FILES, FileName, Store, StoreError, encode
from netplan.workspace.data import Data

_C1 = re.compile("[\x80-\x9f]")


@distinct
class Kept(NamedTuple):
    paths: tuple[str, ...]  # recovery files written
    unwritten: tuple[tuple[FileName, bytes], ...]  # nowhere on disk: printed after exit
    failures: tuple[str, ...]  # why each place refused, for the message
    lost: tuple[FileName, ...] = ()  # not even TOML (what the writer refuses to write)

    @property
    def message(self) -> str:
        parts = []
        if self.paths:
            parts.append("Unsaved changes were written to: " + ", ".join(self.paths))
        reason = f" ({self.failures[0]})" if self.failures else ""
        if self.unwritten:
            names = ", ".join(FILES[name] for name, _ in self.unwritten)
            parts.append(
                f"Unsaved changes to {names} could not be written anywhere (the store's "
                f"folder, its parent, the home folder, the temp folder){reason}. They are "
                "printed below as TOML: save them to a file."
            )
        if self.lost:
            names = ", ".join(FILES[name] for name in self.lost)
            parts.append(f"Unsaved changes to {names} cannot be stored as TOML{reason}.")
        return "\n".join(parts)


def keep(store: Store, data: Data, names: Iterable[FileName]) -> Kept:
    paths: list[str] = []
    unwritten: list[tuple[FileName, bytes]] = []
    failures: list[str] = []
    lost: list[FileName] = []
    for name in names:
        model = getattr(data, name)
        try:
            paths.append(str(store.write_recovery(name, model)))
            continue
        except StoreError as error:
            failures.extend(error.problems)
        try:
            unwritten.append((name, encode(model)))
        except StoreError:
            lost.append(name)
    return Kept(tuple(paths), tuple(unwritten), tuple(failures), tuple(lost))


def printable(kept: Kept) -> str:
    """The unwritten files as text for the terminal, each under a comment naming it. The
    writers escape C0 controls in strings but write C1 ones (U+0080 to U+009F, CSI among
    them) as they are: here those become \\u escapes too, which mean the same in TOML."""
    return "".join(
        f"# ---- {FILES[name]} (unsaved changes netplan could not write) ----\n"
        + _C1.sub(lambda m: f"\\u{ord(m.group()):04x}", data.decode("utf-8"))
        for name, data in kept.unwritten
    )
