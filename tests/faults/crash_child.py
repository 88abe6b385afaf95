"""The child process of the crash tests (test_faults_crash.py); not a test module.

It imports netplan once, then, for each JSON request on stdin, forks a writer, prints the
writer's pid and, when the writer is gone (the parent SIGKILLs it, or it dies on purpose at
a chosen I/O call), prints how it ended. Forking keeps a round cheap: no interpreter start-up.

Writers (request "writer"):
- checkoffs: Store.save of plan.toml in a loop, one more check-off each time;
- naive: contacts.toml rewritten in place (truncate, then write) with versions A and B in turn;
- atomic: the same A and B through netplan.store.core.atomic_write;
- people: a contact with journal entries deleted and put back in turn (contacts.toml and
  journal.toml in one Store.save), as the app does on delete and undo;
- die_at: one save of `files` (`A` or `B` versions) that kills itself (os._exit, no clean-up)
  at its `n`-th I/O call.
"""

from __future__ import annotations

import json
import os
import sys
from datetime import date
from pathlib import Path

from netplan.domain.routines import add_completions
from netplan.fsutil import atomic_write
from netplan.store import Store, decode

DAY = date(2026, 11, 23)


def checkoffs(folder: Path, request: dict) -> None:
    store = Store(folder)
    plan = store.read_plan()
    while True:
        plan = add_completions(plan, "engage-posts", DAY, 1)
        store.save(plan=plan)


def naive(folder: Path, request: dict) -> None:
    versions = [Path(p).read_bytes() for p in request["versions"]]
    path = folder / "contacts.toml"
    while True:
        for data in versions:
            with open(path, "wb") as handle:
                handle.write(data)


def atomic(folder: Path, request: dict) -> None:
    versions = [Path(p).read_bytes() for p in request["versions"]]
    path = folder / "contacts.toml"
    while True:
        for data in versions:
            atomic_write(path, data)


def _versions(request: dict) -> list[dict]:
    """Each version: {"contacts": ContactBook, "journal": Journal} from the given files."""
    out = []
    for files in request["versions"]:
        out.append({name: decode(name, Path(path).read_bytes()) for name, path in files.items()})
    return out


def people(folder: Path, request: dict) -> None:
    versions = _versions(request)
    store = Store(folder)
    store.load()
    while True:
        for models in versions:
            store.save(**models)


def die_at(folder: Path, request: dict) -> None:
    models = _versions(request)[request["save"]]
    store = Store(folder)
    store.load()
    count = {"n": 0}
    writing = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC

    def counted(name, real):
        def call(*args, **kwargs):
            flags = args[1] if len(args) > 1 else kwargs.get("flags", 0)
            if name != "open" or flags & writing:
                count["n"] += 1
                if count["n"] == request["n"]:
                    os._exit(137)  # like SIGKILL: no finally, no clean-up
            return real(*args, **kwargs)

        return call

    for name in ("open", "write", "fsync", "replace", "link", "mkdir", "rename"):
        setattr(os, name, counted(name, getattr(os, name)))
    from netplan import fsutil

    fsutil.exchange = counted("exchange", fsutil.exchange)
    store.save(**models)
    os._exit(0)  # the save went through before call n


WRITERS = {"checkoffs": checkoffs, "naive": naive, "atomic": atomic, "people": people}


def warm_up() -> None:
    """Import and build everything a writer needs once, here, so a forked writer starts
    saving at once (models build their validation schema on first use)."""
    import tempfile

    with tempfile.TemporaryDirectory() as temp:
        store = Store(Path(temp) / "store")
        store.ensure()
        snapshot = store.load()
        store.save(plan=add_completions(snapshot.plan, "engage-posts", DAY, 1))


def main() -> None:
    warm_up()
    for line in sys.stdin:
        request = json.loads(line)
        folder = Path(request["folder"])
        pid = os.fork()
        if pid == 0:
            try:
                if request["writer"] == "die_at":
                    die_at(folder, request)
                WRITERS[request["writer"]](folder, request)
            except BaseException as error:
                print(f"writer failed: {error!r}", file=sys.stderr, flush=True)
                os._exit(3)
            os._exit(0)
        print(json.dumps({"pid": pid}), flush=True)
        _, status = os.waitpid(pid, 0)
        print(json.dumps({"status": status}), flush=True)


if __name__ == "__main__":
    main()
