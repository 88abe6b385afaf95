"""What every command shares: its failure type, today, dates, the store, name lookups, output.

Exit status: 0 success; 1 the store or an input file is invalid or cannot be written; 2 usage.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


class CommandError(Exception):
    """An expected failure of a command, with its exit status."""

    def __init__(self, message: str, status: int = EXIT_INVALID) -> None:
        super().__init__(message)
        self.status = status


def today_of(environ: Mapping[str, str]) -> date:
    from netplan.domain.clock import today

    try:
        return today(environ)
    except ValueError as error:
        raise CommandError(str(error), EXIT_USAGE) from None


def day_of(text: str, today: date, option: str) -> date:
    """A DATE argument (YYYY-MM-DD, today, yesterday, +Nd …)."""
    from netplan.domain.periods import parse_day

    try:
        return parse_day(text, today)
    except ValueError as error:
        raise CommandError(f"{option}: {error}", EXIT_USAGE) from None
    except OverflowError:  # "tomorrow" of 9999-12-31
        raise CommandError(
            f'{option}: "{text}" is out of the calendar\'s range', EXIT_USAGE
        ) from None


def open_store(args: argparse.Namespace, environ: Mapping[str, str]) -> Any:
    from netplan.store import Store, resolve_folder

    store = Store(resolve_folder(getattr(args, "data", None), environ))
    store.ensure()
    return store


def resolve_one(kind: str, query: str, find: Callable[[], Any], label: Callable[[Any], str]) -> Any:
    """What `find` finds for the user's `query`; CommandError listing the candidates when it
    is ambiguous or unknown."""
    from netplan.domain.lookup import AmbiguousError, NotFoundError

    try:
        return find()
    except AmbiguousError as error:
        lines = _listed(error.candidates, label)
        raise CommandError(f'{kind} "{query}" is ambiguous; it could be:\n{lines}') from None
    except NotFoundError as error:
        # List what looks close (the query inside an id or a name) when there is any.
        wanted = query.strip().casefold()
        close = [c for c in error.candidates if wanted and wanted in label(c).casefold()]
        lines = _listed(close or error.candidates, label)
        known = f"; known {kind}s:\n{lines}" if lines else f"; there are no {kind}s yet"
        raise CommandError(f'no {kind} matches "{query}"{known}') from None


LISTED = 20  # candidates a lookup lists: 30,000 contacts named alike must not fill the screen


def _listed(candidates: Any, label: Callable[[Any], str]) -> str:
    lines = "\n".join(f"  {label(c)}" for c in candidates[:LISTED])
    more = len(candidates) - LISTED
    return lines + (f"\n  … and {more} more" if more > 0 else "")


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def warn(workspace: Any) -> None:
    """What the workspace had to say that the user must know (another version kept aside,
    a file merged on the way), on stderr."""
    import sys

    from netplan.text import for_terminal

    for notice in workspace.take_notices():
        if notice.severity in ("warning", "error"):
            message = for_terminal(notice.message, line_breaks=" ")
            print(f"netplan: warning: {message}", file=sys.stderr)
