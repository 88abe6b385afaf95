"""Logging an interaction: what a log request must hold, and the journal entry it becomes.

The app's log form and `netplan log` both describe what happened as a LogRequest; the rules
here (what is refused, how the id and the text are made) are the same for both, so the same
request gives the same record wherever it was typed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from netplan.domain.ids import next_interaction_id
from netplan.models import Exchange, Interaction, InteractionKind, Journal
from netplan.text import multiline, single_line


@dataclass(frozen=True)
class LogRequest:
    contact: str
    on: date
    kind: InteractionKind = InteractionKind.other
    exchange: Exchange = Exchange.neutral
    minutes: int = 0
    note: str | None = None
    venue: str | None = None
    follow_up: date | None = None
    promise: str | None = None
    kept: date | None = None  # only an edit of an entry sets it (the detail pane's `e`)
    with_: tuple[str, ...] = ()  # contact ids of others in the conversation (spec 7.2)
    event: str | None = None  # the id of the event where it happened


def log_problems(request: LogRequest) -> dict[str, str]:
    """What is wrong with the request, by field (empty: nothing)."""
    problems: dict[str, str] = {}
    if request.follow_up is not None and request.follow_up < request.on:
        problems["follow_up"] = "the follow-up cannot come before the interaction"
    # A promise without a follow-up is due a week later (domain.promises), so none is needed.
    if request.kept is not None:
        if not _text(request.promise):
            problems["kept"] = "only a promise can be kept: write what you promised"
        elif request.kept < request.on:
            problems["kept"] = "a promise cannot be kept before it was made"
    return problems


def others(request: LogRequest) -> list[str]:
    """The request's `with`, each once, without its own contact."""
    return list(dict.fromkeys(p for p in request.with_ if p != request.contact))


def _text(value: str | None, lines: bool = False) -> str | None:
    cleaned = (multiline if lines else single_line)(value)
    return cleaned or None


def interaction_for(request: LogRequest, journal: Journal) -> Interaction:
    """The journal entry the request makes, with the next free id of its day.

    Raises ValueError (a pydantic ValidationError) for a value the file cannot hold.
    """
    fields = {
        "id": next_interaction_id(journal, request.on),
        "contact": request.contact,
        "on": request.on,
        "kind": InteractionKind(request.kind),
        "exchange": Exchange(request.exchange),
        "minutes": request.minutes,
        "note": _text(request.note, lines=True),
        "venue": _text(request.venue),
        "follow_up": request.follow_up,
        "promise": _text(request.promise),
        "kept": request.kept,
        "with_": others(request) or None,
        "event": request.event,
    }
    return Interaction.model_validate({k: v for k, v in fields.items() if v is not None})
