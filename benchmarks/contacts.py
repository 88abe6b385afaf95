"""Time the Contacts tab with 1,000 and 30,000 contacts, with the real app (App.run_test).

    python benchmarks/contacts.py [--runs N]

Stores: the demo plan with 1,000 contacts and 2,000 interactions, and with 30,000 contacts and
20,000 interactions (LinkedIn's connection cap), written through the real store code. Each run
is a fresh process (the app freezes the garbage collector after its load, so runs must not
share one), headless at 120×36:

- load to usable: from creating the app to the last line of the first frame that shows the
  contacts table with rows, pressing 3 as soon as the first frame is up (so it includes reading
  contacts.toml and journal.toml in the loader thread, the agenda, and the tab's derivation of
  the rows);
- filter keystroke: `/` then typing "ana smi", two backspaces and "th"; each key timed from the
  press to the last table line drawn in the repaint that shows the new rows (timestamps taken
  inside the app, so the pilot's own waiting does not count);
- filter compute: the same queries through the tab's filter alone, without the app around it;
- sort keystroke: `s` three times (by name, by last contact, back to follow-up), press to
  repaint like the filter.

Prints median, min and max per measure and store size, in milliseconds.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(HERE)]

from stores import TODAY, big_people  # noqa: E402

SIZES = {"1,000": (1_000, 2_000), "30,000": (30_000, 20_000)}
TYPED = ["a", "n", "a", "space", "s", "m", "i", "backspace", "backspace", "t", "h"]


def build(folder: Path, contacts: int, interactions: int) -> Path:
    from netplan.demo import demo_data
    from netplan.store import Store

    store = Store(folder)
    store.ensure()
    store.load()
    plan, _contacts, _journal = demo_data(TODAY)
    book, journal = big_people(contacts, interactions)
    # The demo's events name demo people, who are not among the generated ones.
    store.save(plan=plan.model_copy(update={"events": []}), contacts=book, journal=journal)
    return folder


class Clock:
    """Timestamps taken inside the app: when the table got new rows, when its lines rendered."""

    def __init__(self) -> None:
        self.shown: list[float] = []
        self.rendered: list[float] = []

    def install(self) -> None:
        from netplan.tui.contacts.table import ContactTable

        show, render_line = ContactTable.show, ContactTable.render_line
        clock = self

        def timed_show(table, *args, **kwargs):
            result = show(table, *args, **kwargs)
            clock.shown.append(time.perf_counter())
            return result

        def timed_render_line(table, y):
            strip = render_line(table, y)
            clock.rendered.append(time.perf_counter())
            return strip

        ContactTable.show = timed_show
        ContactTable.render_line = timed_render_line

    async def repainted_after(self, began: float, done) -> float:
        """Seconds from `began` to the end of the first repaint of the table after `done()`
        holds and the table was given rows: the last line drawn in that frame."""
        while True:
            await asyncio.sleep(0.002)
            if not done() or not self.shown or self.shown[-1] < began:
                continue
            after = [t for t in self.rendered if t > self.shown[-1]]
            if after and time.perf_counter() - after[-1] > 0.05:  # the frame is complete
                return after[-1] - began


async def measure(folder: Path) -> dict[str, list[float]]:
    from netplan.store import Store
    from netplan.tui.app import NetplanApp
    from netplan.tui.contacts.pane import ContactsPane, FilterInput
    from netplan.tui.contacts.table import ContactTable

    clock = Clock()
    clock.install()
    started = time.perf_counter()
    app = NetplanApp(store=Store(folder), today=TODAY)
    app.animation_level = "none"
    result: dict[str, list[float]] = {"keys": [], "compute": [], "sort": []}
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("3")
        table = app.query_one(ContactTable)
        result["load"] = [await clock.repainted_after(started, lambda: bool(table.rows))]
        count = len(table.rows)
        await pilot.press("slash")
        field = app.query_one(FilterInput)
        for key in TYPED:
            before = field.value
            began = time.perf_counter()
            await pilot.press(key)
            assert field.value != before
            result["keys"].append(await clock.repainted_after(began, lambda: True))
        typed = field.value
        assert typed == "ana sth", typed
        assert table.rows is not None and len(table.rows) < count
        pane = app.query_one(ContactsPane)
        for query in [typed[:n] for n in range(1, len(typed) + 1)]:
            began = time.perf_counter()
            pane._filter(query)
            result["compute"].append(time.perf_counter() - began)
        await pilot.press("escape")
        await clock.repainted_after(0, lambda: len(table.rows or ()) == count)
        for _ in range(3):
            began = time.perf_counter()
            await pilot.press("s")
            result["sort"].append(await clock.repainted_after(began, lambda: True))
        result["rows"] = [count]
    return result


def one_run(folder: Path) -> None:
    print(json.dumps(asyncio.run(measure(folder))))


def summary(values: list[float]) -> str:
    ms = [v * 1000 for v in values]
    return f"{statistics.median(ms):9.1f} {min(ms):9.1f} {max(ms):9.1f}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--one", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        one_run(args.one)
        return
    table: dict[str, dict[str, list[float]]] = {}
    with tempfile.TemporaryDirectory() as temp:
        for label, (contacts, interactions) in SIZES.items():
            folder = build(Path(temp) / label.replace(",", ""), contacts, interactions)
            collected: dict[str, list[float]] = {}
            for _ in range(args.runs):
                output = subprocess.run(
                    [sys.executable, __file__, "--one", str(folder)],
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout
                for name, values in json.loads(output.strip().splitlines()[-1]).items():
                    collected.setdefault(name, []).extend(values)
            table[label] = collected
    names = {
        "load": "start to usable table (3 pressed at once)",
        "keys": "filter keystroke to repaint",
        "compute": "filter computation per keystroke",
        "sort": "sort keystroke (s) to repaint",
    }
    print(f"{'contacts':>8}  {'measure (ms)':42} {'median':>9} {'min':>9} {'max':>9}")
    for label in SIZES:
        for key, title in names.items():
            print(f"{label:>8}  {title:42} {summary(table[label][key])}")


if __name__ == "__main__":
    main()
