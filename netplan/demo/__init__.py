"""Sample data: `netplan demo` and the screenshots."""

from __future__ import annotations

from datetime import date
from typing import Any

from netplan.demo.generator import demo_data

__all__ = ["demo_data", "demo_files"]


def demo_files(today: date) -> dict[str, Any]:
    """Every file of the demo store, by name: the hand-written year (demo_data) plus what a
    LinkedIn archive import would have added (activity, message conversations)."""
    from netplan.demo.imported import demo_activity, demo_messages

    plan, contacts, journal = demo_data(today)
    return {
        "plan": plan,
        "contacts": contacts,
        "journal": demo_messages(today, journal, contacts),
        "activity": demo_activity(today, contacts),
    }
