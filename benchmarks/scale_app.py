"""The in-app measures of benchmarks/scale.py: one run of the real app on one store.

    python benchmarks/scale_app.py FOLDER     (one line of JSON; scale.py runs it)

Prints the samples by the row keys of scale.py's table. A fresh process per run (the app
freezes the garbage collector after its load, so runs must not share one), with the switches
of `python -m netplan` (collector paused until the first frame, no Pydantic plugin search,
the short GIL switch interval), the app headless at 120x36 (App.run_test), every form driven
by its real keys. Timestamps are taken inside the app, so the pilot's own waiting does not
count:

- load: from creating the app to the finished contacts table with rows, 3 pressed at once;
- filter: `/`, "ana smi", two backspaces, "th"; each key to the finished table (contacts.py);
- log: `l` on the table, tab to Note, type a note, ctrl+s. `log_repaint` is ctrl+s to the
  first frame after the workspace applied the new interaction, `log_saved` ctrl+s to the end
  of the save, `log_stall` the longest the event loop went without running in between,
  `log_applied` ctrl+s to the end of Workspace.apply (the form, its message, the apply),
  `log_apply` the time inside Workspace.apply (on the app's thread, part of the repaint),
  `log_save` the save itself (Store.save, in its thread), `log_files` the files it wrote;
- edit: `e`, tab to Role, type a letter, ctrl+s; the same measures as `edit_*`;
- checkoff: space / backspace on the Week tab, key to the first frame after it was applied;
- peak_mib: VmHWM of this process at the end;
- floor: per file, one read + sha256 + atomic write (netplan.fsutil.atomic_write) of the same
  bytes to a sibling in the store folder, after the app is done: what a save cannot beat.
"""

from __future__ import annotations

from netplan.runtime.gc_pause import pause_for_start

pause_for_start()  # as `python -m netplan` does, before the imports (see gc_pause)

import asyncio  # noqa: E402
import hashlib  # noqa: E402
import json  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

from netplan.runtime.gil import share_finely  # noqa: E402
from netplan.runtime.pydantic_plugins import skip_plugin_search  # noqa: E402

skip_plugin_search()
share_finely()

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE)]

from contacts import TYPED, Clock  # noqa: E402
from stores import TODAY  # noqa: E402

from netplan.fsutil import atomic_write  # noqa: E402
from netplan.store import Store  # noqa: E402
from netplan.tui.app import NetplanApp  # noqa: E402
from netplan.workspace import Workspace  # noqa: E402

LOGS, EDITS, CHECKOFFS = 2, 2, 10
FORM_PARTS = ("repaint", "applied", "saved", "stall", "apply", "save")
TIMEOUT = 300.0  # seconds: a save at 100k/1M took 38 s before issue 20


class Probes:
    """When frames were finished, edits applied and saves run, inside this process."""

    def __init__(self) -> None:
        self.frames: list[float] = []
        self.applied: list[float] = []
        self.apply_took: list[float] = []  # seconds inside Workspace.apply, on the app's thread
        self.saves: list[tuple[float, float, list[str]]] = []  # began, ended, files written

    def install(self) -> None:
        display, apply, save = NetplanApp._display, Workspace.apply, Store.save
        probes = self

        def timed_display(app, screen, renderable):
            if renderable is not None:  # headless: the frame is rendered, then not written
                probes.frames.append(time.perf_counter())
            return display(app, screen, renderable)

        def timed_apply(workspace, edit):
            began = time.perf_counter()
            changed = apply(workspace, edit)
            if changed:
                probes.applied.append(time.perf_counter())
                probes.apply_took.append(probes.applied[-1] - began)
            return changed

        def timed_save(store, *args, **kwargs):
            began = time.perf_counter()
            written = save(store, *args, **kwargs)
            probes.saves.append((began, time.perf_counter(), [str(n) for n in written or ()]))
            return written

        NetplanApp._display = timed_display
        Workspace.apply = timed_apply
        Store.save = timed_save

    def frame_after(self, moment: float) -> float | None:
        return next((t for t in self.frames if t > moment), None)


class Stalls:
    """The longest time the event loop went without running a 5 ms ticker."""

    def __init__(self) -> None:
        self.longest = 0.0
        self._task: asyncio.Task | None = None

    async def _tick(self) -> None:
        last = time.perf_counter()
        while True:
            await asyncio.sleep(0.005)
            now = time.perf_counter()
            self.longest = max(self.longest, now - last - 0.005)
            last = now

    def start(self) -> None:
        self.longest = 0.0
        self._task = asyncio.get_running_loop().create_task(self._tick())

    def stop(self) -> float:
        if self._task is not None:
            self._task.cancel()
        return self.longest


async def until(condition, what: str, timeout: float = TIMEOUT) -> None:
    end = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > end:
            raise TimeoutError(what)
        await asyncio.sleep(0.002)


async def focus_field(pilot, app, field_id: str) -> None:
    """Tab through the form until the field with that id has the focus."""
    for _ in range(30):
        if app.focused is not None and app.focused.id == field_id:
            return
        await pilot.press("tab")
    raise AssertionError(f"tab never reached #{field_id}")


async def key_to_repaint(pilot, probes: Probes, key: str) -> tuple[float, float]:
    """Press key; when it was pressed, and when the first frame after the edit it made was."""
    applied = len(probes.applied)
    began = time.perf_counter()
    await pilot.press(key)
    await until(lambda: len(probes.applied) > applied, f"{key}: no edit was applied")
    await until(lambda: probes.frame_after(probes.applied[-1]) is not None, "no repaint")
    return began, probes.frame_after(probes.applied[-1])


async def save_form(pilot, app, probes: Probes, stalls: Stalls, form_type) -> dict[str, float]:
    """ctrl+s in an open form: to the repaint after the edit, and to the end of its save."""
    saves = len(probes.saves)
    stalls.start()
    began, repaint = await key_to_repaint(pilot, probes, "ctrl+s")
    await until(lambda: len(probes.saves) > saves, "no save")
    await until(lambda: app.workspace.settled, "the save did not finish")
    stall = stalls.stop()
    assert not isinstance(app.screen, form_type)
    save_began, save_ended, files = probes.saves[-1]
    return {
        "repaint": repaint - began,
        "applied": probes.applied[-1] - began,
        "saved": save_ended - began,
        "stall": stall,
        "apply": probes.apply_took[-1],
        "save": save_ended - save_began,
        "files": files,
    }


async def load_and_filter(pilot, app, clock: Clock, started: float, result: dict) -> None:
    """3 at once: to the finished table; then the filter, key by key; then back to all."""
    from netplan.tui.contacts.pane import FilterInput
    from netplan.tui.contacts.table import ContactTable

    await pilot.press("3")
    table = app.query_one(ContactTable)
    result["load"] = [await clock.repainted_after(started, lambda: bool(table.rows))]
    rows = len(table.rows)
    await until(lambda: app.workspace.settled, "the load did not settle")
    await pilot.press("slash")
    for key in TYPED:
        began = time.perf_counter()
        await pilot.press(key)
        result["filter"].append(await clock.repainted_after(began, lambda: True))
    await pilot.press("escape")
    await clock.repainted_after(0, lambda: len(table.rows or ()) == rows)
    field = app.query_one(FilterInput)
    assert not field.value and app.focused is table, (field.value, app.focused)
    result["rows"] = [rows]


async def log_and_edit(pilot, app, probes: Probes, result: dict) -> None:
    """On the table's current contact: LOGS logs through the log form, EDITS edits of its
    role through the contact form, each typed and saved with ctrl+s."""
    from netplan.tui.contacts.form import ContactForm
    from netplan.tui.contacts.log_form import LogForm

    stalls = Stalls()
    for n in range(LOGS):
        await pilot.press("l")
        await until(lambda: isinstance(app.screen, LogForm), "no log form")
        await focus_field(pilot, app, "note")
        await pilot.press(*["space" if c == " " else c for c in f"scale {n}"])
        for part, value in (await save_form(pilot, app, probes, stalls, LogForm)).items():
            result[f"log_{part}"].append(value)
    for _ in range(EDITS):
        await pilot.press("e")
        await until(lambda: isinstance(app.screen, ContactForm), "no contact form")
        await focus_field(pilot, app, "role")
        await pilot.press("end", "x")
        for part, value in (await save_form(pilot, app, probes, stalls, ContactForm)).items():
            result[f"edit_{part}"].append(value)


async def check_offs(pilot, app, probes: Probes, result: dict) -> None:
    """On the Week tab: space (check off) and backspace (take it back), in turn."""
    await pilot.press("1")
    await pilot.pause(0.2)
    for n in range(CHECKOFFS):
        began, repaint = await key_to_repaint(pilot, probes, "space" if n % 2 == 0 else "backspace")
        result["checkoff"].append(repaint - began)
        await until(lambda: app.workspace.settled, "the check-off was not saved")


async def measure(folder: Path) -> dict:
    clock, probes = Clock(), Probes()
    clock.install()
    probes.install()
    result: dict[str, list] = {"filter": [], "checkoff": []}
    for action in ("log", "edit"):
        for part in (*FORM_PARTS, "files"):
            result[f"{action}_{part}"] = []
    started = time.perf_counter()
    app = NetplanApp(store=Store(folder), today=TODAY)
    app.animation_level = "none"
    async with app.run_test(size=(120, 36)) as pilot:
        await load_and_filter(pilot, app, clock, started, result)
        await log_and_edit(pilot, app, probes, result)
        await check_offs(pilot, app, probes, result)
    result["peak_mib"] = [peak_mib()]
    result["floor"] = [save_floors(folder)]
    return result


def peak_mib() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def save_floors(folder: Path, repeats: int = 3) -> dict[str, float]:
    """Seconds, per file: read it, sha256 it, atomic_write the same bytes beside it (median)."""
    floors = {}
    for name in ("plan", "contacts", "journal"):
        source, target = folder / f"{name}.toml", folder / f".floor-{name}.toml"
        times = []
        for _ in range(repeats):
            began = time.perf_counter()
            data = source.read_bytes()
            hashlib.sha256(data).hexdigest()
            atomic_write(target, data)
            times.append(time.perf_counter() - began)
            target.unlink()
        floors[name] = statistics.median(times)
    return floors


def rows(run: dict) -> dict[str, dict[str, list[float]]]:
    """The run's samples by scale.py's row keys, and each save × the floor of what it wrote."""
    floor = run["floor"][0]
    samples = {"load": run["load"], "filter": run["filter"], "checkoff": run["checkoff"]}
    samples |= {"peak": run["peak_mib"], "floor_journal": [floor["journal"]]}
    samples["floor_contacts"] = [floor["contacts"]]
    ratios = {}
    for action in ("log", "edit"):
        for part in FORM_PARTS:
            samples[f"{action}_{part}"] = run[f"{action}_{part}"]
        floors = [sum(floor[f] for f in files) for files in run[f"{action}_files"]]
        pairs = zip(run[f"{action}_save"], floors, strict=True)
        ratios[f"{action}_save"] = [save / base for save, base in pairs if base > 0]
    return {"samples": samples, "ratios": ratios}


if __name__ == "__main__":
    print(json.dumps(rows(asyncio.run(measure(Path(sys.argv[1]))))))
