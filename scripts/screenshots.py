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
WIDE, SMALL = (120, 36), (80, 24)
DARK, LIGHT = None, "textual-light"  # None: the theme of the demo's settings
# file name -> keys pressed after start-up, terminal size, theme
SHOTS = {
    "week.svg": ([], WIDE, DARK),
    "month.svg": (["2"], WIDE, DARK),
    "goals.svg": (["4"], WIDE, DARK),
    "contacts.svg": (["3"], WIDE, DARK),
    "week-80x24.svg": ([], SMALL, DARK),
    "contacts-80x24.svg": (["3"], SMALL, DARK),
    "week-light.svg": ([], WIDE, LIGHT),
    "goals-light.svg": (["4"], WIDE, LIGHT),
}


async def shoot(folder: Path, name: str, keys: list[str], size) -> None:
    from netplan.store import Store
    from netplan.tui.app import NetplanApp

    app = NetplanApp(store=Store(folder), today=TODAY)
    app.animation_level = "none"
    async with app.run_test(size=size) as pilot:
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

    for name, (keys, size, theme) in SHOTS.items():
        # A store of its own for each: the theme is the store's setting.
        with tempfile.TemporaryDirectory() as temp:
            folder = Path(temp) / "store"
            store = Store(folder)
            store.ensure()
            store.load()
            files = demo_files(TODAY)
            if theme is not None:  # the theme a user chose: in the settings, from the start
                settings = files["plan"].settings.model_copy(update={"theme": theme})
                files["plan"] = files["plan"].model_copy(update={"settings": settings})
            store.save(**files)
            await shoot(folder, name, keys, size)
            print(f"screenshots/{name}")


if __name__ == "__main__":
    asyncio.run(main())
