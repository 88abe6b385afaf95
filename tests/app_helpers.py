"""Building the real app on a temporary store, and waiting for its saves."""

from __future__ import annotations

import asyncio
from datetime import date
from pathlib import Path

from netplan.demo import demo_data
from netplan.store import Store
from netplan.tui.app import NetplanApp

TODAY = date(2026, 11, 25)


def make_store(folder: Path, demo: bool = False) -> Store:
    store = Store(folder)
    store.ensure()
    if demo:
        plan, contacts, journal = demo_data(TODAY)
        store.load()
        store.save(plan=plan, contacts=contacts, journal=journal)
    return Store(folder)


def make_app(store: Store, today: date = TODAY) -> NetplanApp:
    app = NetplanApp(store=store, today=today)
    app.animation_level = "none"
    return app


async def settle(pilot, app: NetplanApp, timeout: float = 5.0) -> None:
    """Wait until the people are loaded and every change is saved."""
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while loop.time() < end:
        await pilot.pause(0.02)
        session = app.session
        if (
            session is not None
            and not app._saving
            and not session.dirty
            and app.data is not None
            and (app.data.contacts is not None or "not loaded" in app.contacts_status)
        ):
            return
    raise AssertionError("the app did not settle")


def on_disk(store: Store):
    return Store(store.folder).load()
