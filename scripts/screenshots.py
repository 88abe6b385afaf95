"""Write the README's screenshots from the demo data at a fixed today.

    python scripts/screenshots.py

Same data, same day, same size, animations off and a fixed theme: the SVGs come out
byte-identical from one run to the next, so a changed screenshot means a changed interface.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TODAY = date(2026, 11, 25)
SIZE = (120, 36)
# file name -> keys pressed after start-up
SHOTS = {
    "week.svg": [],
    "month.svg": ["2"],
    "goals.svg": ["4"],
    "contacts.svg": ["3"],
}


async def shoot(folder: Path, name: str, keys: list[str]) -> None:
    from netplan.store import Store
    from netplan.tui.app import NetplanApp

    app = NetplanApp(store=Store(folder), today=TODAY)
    app.animation_level = "none"
    async with app.run_test(size=SIZE) as pilot:
        app.sub_title = "demo data"
        for _ in range(100):
            await pilot.pause(0.05)
            if app.data is not None and app.data.contacts is not None:
                break
        await pilot.press(*keys)
        await pilot.pause(0.2)
        app.save_screenshot(filename=name, path=str(ROOT / "screenshots"))


async def main() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["NETPLAN_TODAY"] = TODAY.isoformat()
    from netplan.demo import demo_files
    from netplan.store import Store

    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp) / "store"
        store = Store(folder)
        store.ensure()
        store.load()
        store.save(**demo_files(TODAY))
        for name, keys in SHOTS.items():
            await shoot(folder, name, keys)
            print(f"screenshots/{name}")


if __name__ == "__main__":
    asyncio.run(main())
