"""The contact form's parts: its list and handle fields in words, and a milestone row."""

from __future__ import annotations

import re

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, Checkbox, Input

from netplan.models import Milestone
from netplan.text import for_screen
from netplan.tui.common.forms import Field

_HANDLE = re.compile(r"^\s*([^\s=:,]+)\s*[=:]\s*(\S.*?)\s*$")
_HANDLE_SPLIT = re.compile(r",\s*(?=[^\s=:,]+\s*[=:])")


def split_list(text: str) -> list[str]:
    """ "a, b ,, a" -> ["a", "b"]: trimmed, blanks dropped, first of duplicates kept."""
    items = [for_screen(part).strip() for part in text.split(",")]
    return list(dict.fromkeys(item for item in items if item))


def handles_text(handles: dict[str, str]) -> str:
    return ", ".join(f"{platform}={value}" for platform, value in handles.items())


def parse_handles(text: str) -> dict[str, str]:
    """ "linkedin=https://…, twitter=@jane" -> a dict; ValueError when a part is not
    platform=address."""
    handles: dict[str, str] = {}
    if not text.strip():
        return handles
    for part in _HANDLE_SPLIT.split(text.strip()):
        match = _HANDLE.match(for_screen(part))
        if not match:
            raise ValueError(
                "write each handle as platform=address, separated by commas "
                "(linkedin=https://…, twitter=@name)"
            )
        handles[match.group(1)] = match.group(2)
    return handles


def optional(text: str) -> str | None:
    text = for_screen(text).strip()
    return text or None


class MilestoneRow(Horizontal):
    """One milestone: label, date, yearly or not, and a remove button."""

    def __init__(self, number: int, milestone: Milestone | None = None) -> None:
        super().__init__(classes="milestone-row row", id=f"milestone-{number}")
        self.number = number
        self.milestone = milestone

    def compose(self) -> ComposeResult:
        m, n = self.milestone, self.number
        yield Field(
            "Milestone",
            Input(for_screen(m.label) if m else "", placeholder="Birthday", classes="ms-label"),
            f"ms{n}-label",
        )
        yield Field(
            "Date",
            Input(m.date.isoformat() if m else "", placeholder="1990-04-12", classes="ms-date"),
            f"ms{n}-date",
        )
        yield Checkbox("yearly", m.yearly if m else True, classes="ms-yearly")
        yield Button("Remove", classes="ms-remove")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.has_class("ms-remove"):
            event.stop()
            self.remove()
