"""`netplan notify`: one desktop notification of what is due and not yet notified today.

The items are those of `netplan due --days N` (N defaults to 0 here: overdue and due today).
Each is notified at most once a day: what was notified is kept per machine, in the user's
state folder (`platformdirs.user_state_dir("netplan")`, or `$NETPLAN_STATE`), never in the
store (a synced store would carry one machine's notifications to another). One state file
per store folder, holding per channel (the desktop, or each `--command`) the keys of the
items notified on its day; a new day starts afresh.

Delivery: `notify-send` (libnotify), else `osascript` (macOS), found on PATH and run without
a shell. `--command CMD` instead runs the shell command line CMD with the new items on its
stdin, as the `due --json` object holding only them. The state is written, atomically, only
after a delivery that succeeded: a failed one is tried again on the next run.

Exit status: 0 notified, or nothing new (no notification); 1 the store is invalid, no
notifier was found, the notifier or CMD failed (nothing is marked notified), or the state
cannot be written; 2 usage.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import html
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from netplan.cli.support import (
    EXIT_INVALID,
    EXIT_OK,
    EXIT_USAGE,
    CommandError,
    open_store,
    plural,
    today_of,
)
from netplan.text import for_terminal

STATE_VERSION = 1
NOTIFIER_TIMEOUT = 30  # seconds: notify-send returns at once, unless D-Bus is stuck
COMMAND_TIMEOUT = 300  # seconds: a hook may push over the network
LOCK_TIMEOUT = 60  # seconds: another `netplan notify` for the same store is running
DESKTOP = "desktop"


def command_channel(command: str) -> str:
    """The channel of a --command: a digest, so that a token in CMD is not written down."""
    return "command:" + hashlib.sha256(command.encode("utf-8", "surrogateescape")).hexdigest()[:16]


def state_folder(environ: Mapping[str, str]) -> Path:
    if environ.get("NETPLAN_STATE"):
        return Path(environ["NETPLAN_STATE"]).expanduser()
    import platformdirs

    return Path(platformdirs.user_state_dir("netplan", appauthor=False))


def state_path(folder: Path, store_folder: Path) -> Path:
    """The state file of one store: its name from the store folder's real path."""
    real = os.path.realpath(store_folder)
    digest = hashlib.sha256(os.fsencode(real)).hexdigest()[:16]
    return folder / f"notified-{digest}.json"


def read_state(path: Path, today: date) -> dict[str, set[str]]:
    """Per channel, the keys notified today; empty for another day or no file. A file that
    cannot be read as state is ignored (with a warning) and replaced after the next delivery."""
    try:
        data = json.loads(path.read_bytes())
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as error:
        reason = error.strerror if isinstance(error, OSError) else "it is not valid JSON"
        _warn(f"ignoring {path}: {reason}")
        return {}
    try:
        if data.get("day") != today.isoformat():
            return {}
        return {
            str(channel): {str(key) for key in keys}
            for channel, keys in data["notified"].items()
            if isinstance(keys, list)
        }
    except (AttributeError, KeyError, TypeError):
        _warn(f"ignoring {path}: it is not netplan's notification state")
        return {}


def state_bytes(store_folder: Path, today: date, notified: Mapping[str, set[str]]) -> bytes:
    data = {
        "version": STATE_VERSION,
        "store": os.path.realpath(store_folder),
        "day": today.isoformat(),
        "notified": {channel: sorted(keys) for channel, keys in sorted(notified.items())},
    }
    return (json.dumps(data, indent=1) + "\n").encode("ascii")  # \u escapes: any path fits


def _warn(message: str) -> None:
    print(f"netplan: warning: {for_terminal(message)}", file=sys.stderr)


def _make_folder(folder: Path) -> None:
    from netplan.fsutil import os_message

    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as error:
        raise CommandError(os_message(folder, error, "create")) from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise CommandError(f"cannot write in {folder}: permission denied")


@contextlib.contextmanager
def _locked(path: Path) -> Any:
    """One `netplan notify` of a store at a time, so that two runs do not both notify."""
    import filelock

    lock = filelock.FileLock(
        str(path.with_name(path.name + ".lock")), timeout=LOCK_TIMEOUT, mode=0o600
    )
    try:
        with lock:
            yield
    except filelock.Timeout:
        raise CommandError(
            f"another `netplan notify` holds {lock.lock_file}; try again later"
        ) from None


def _notifier(environ: Mapping[str, str]) -> tuple[str, str] | None:
    """(name, path) of the first desktop notifier on PATH."""
    search = environ.get("PATH", os.defpath)
    for name in ("notify-send", "osascript"):
        found = shutil.which(name, path=search)
        if found:
            return name, found
    return None


def _notify_desktop(name: str, path: str, summary: str, body: str) -> list[str]:
    if name == "notify-send":
        # The body may be read as markup by the notification server: names stay text.
        # `--` ends the options, so a line that starts with a dash stays text too.
        return [path, "--app-name=netplan", "--", summary, html.escape(body, quote=False)]
    # osascript passes the arguments after the script to its run handler, as text.
    return [
        path,
        "-e",
        "on run argv",
        "-e",
        "display notification (item 2 of argv) with title (item 1 of argv)",
        "-e",
        "end run",
        summary,
        body,
    ]


def _run(argv: list[str] | str, what: str, timeout: int, environ: Mapping[str, str], **kw: Any):
    try:
        result = subprocess.run(argv, timeout=timeout, env=dict(environ), **kw)
    except subprocess.TimeoutExpired:
        raise CommandError(
            f"{what} did not finish within {timeout} seconds; nothing was marked as notified"
        ) from None
    except OSError as error:
        raise CommandError(
            f"cannot run {what}: {error.strerror or error}; nothing was marked as notified"
        ) from None
    if result.returncode != 0:
        status = result.returncode
        how = f"was killed by signal {-status}" if status < 0 else f"exited with status {status}"
        said = (result.stderr or b"").decode("utf-8", "replace").strip().splitlines()
        said_text = f" ({for_terminal(said[0][:200])})" if said else ""
        raise CommandError(f"{what} {how}{said_text}; nothing was marked as notified")
    return result


def cmd_notify(args: argparse.Namespace, environ: Mapping[str, str], out: TextIO) -> int:
    from netplan.domain import due_formats
    from netplan.domain.due import due_json, due_report
    from netplan.domain.people_index import PeopleIndex
    from netplan.fsutil import atomic_write, os_message

    today = today_of(environ)
    if args.days > date.max.toordinal() - today.toordinal():
        raise CommandError(f"--days {args.days} reaches past the year 9999", EXIT_USAGE)
    if args.hook is not None and not args.hook.strip():
        raise CommandError("--command: the command line is empty", EXIT_USAGE)
    store = open_store(args, environ)
    snapshot = store.load()
    plan = snapshot.plan
    people = PeopleIndex.of(snapshot.contacts, snapshot.journal, plan.settings, today, plan.events)
    report = due_report(plan, people, today, args.days, snapshot.activity)
    items = due_formats.due_items(report)

    channel = DESKTOP if args.hook is None else command_channel(args.hook)
    folder = state_folder(environ)
    _make_folder(folder)
    path = state_path(folder, store.folder)
    with _locked(path):
        notified = read_state(path, today)
        seen = notified.get(channel, set())
        new = [item for item in items if item.key not in seen]
        if not new:
            print(
                f"nothing new to notify ({plural(len(items), 'item')} due, all notified today)"
                if items
                else "nothing due to notify",
                file=out,
            )
            return EXIT_OK
        if args.hook is not None:
            chosen = due_formats.only(report, {item.key for item in new})
            payload = json.dumps(due_json(chosen), ensure_ascii=False) + "\n"
            out.flush()
            _run(
                args.hook,
                "--command",
                COMMAND_TIMEOUT,
                environ,
                shell=True,
                input=payload.encode("utf-8"),
            )
            via = "--command"
        else:
            found = _notifier(environ)
            if found is None:
                raise CommandError(
                    "no desktop notifier found: install notify-send (libnotify; on Debian and "
                    "Ubuntu the libnotify-bin package), or deliver with --command CMD",
                    EXIT_INVALID,
                )
            name, where = found
            summary, body = due_formats.notification(new)
            _run(
                _notify_desktop(name, where, summary, body),
                name,
                NOTIFIER_TIMEOUT,
                environ,
                stdin=subprocess.DEVNULL,
                capture_output=True,
            )
            via = name
        notified[channel] = seen | {item.key for item in new}
        try:
            atomic_write(path, state_bytes(store.folder, today, notified))
        except OSError as error:
            raise CommandError(
                f"{os_message(path, error)}; the items were notified but will be again"
            ) from None
    print(f"notified {plural(len(new), 'item')} ({via})", file=out)
    return EXIT_OK
