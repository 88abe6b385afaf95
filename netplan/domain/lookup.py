"""Resolving what a user typed (an id or the start of a name) to one routine or contact.

Shared by routines and contacts so the CLI reports ambiguous and unknown names the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")


class LookupFailed(LookupError):
    """Base of the two failures; `candidates` is what the CLI lists to the user."""

    def __init__(self, query: str, candidates: Sequence[Any]) -> None:
        self.query = query
        self.candidates = list(candidates)
        super().__init__(self._message())

    def _message(self) -> str:  # pragma: no cover - overridden
        return self.query


class AmbiguousError(LookupFailed):
    """The query matches several items; `candidates` are the matches."""

    def _message(self) -> str:
        return f'"{self.query}" is ambiguous: it matches {len(self.candidates)} entries'


class NotFoundError(LookupFailed):
    """Nothing matches; `candidates` are every item the user could have meant."""

    def _message(self) -> str:
        return f'"{self.query}" matches nothing'


def resolve(
    query: str,
    items: Sequence[T],
    *,
    ident: Callable[[T], str],
    name: Callable[[T], str],
    hidden: Callable[[T], bool] = lambda _item: False,
) -> T:
    """Find the one item `query` designates.

    In order: an exact id (hidden items included, so an archived entry stays reachable by its
    id); a unique case-insensitive exact id or name; a unique case-insensitive prefix of a name or
    an id. Hidden items only match by exact id. A blank query matches nothing.
    """
    for item in items:
        if ident(item) == query:
            return item
    visible = [item for item in items if not hidden(item)]
    wanted = query.strip().casefold()
    if not wanted:
        raise NotFoundError(query, visible)
    exact = [i for i in visible if wanted in (ident(i).casefold(), name(i).strip().casefold())]
    if len(exact) == 1:
        return exact[0]
    matches = [
        i
        for i in visible
        if ident(i).casefold().startswith(wanted) or name(i).strip().casefold().startswith(wanted)
    ]
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise AmbiguousError(query, matches)
    raise NotFoundError(query, visible)
