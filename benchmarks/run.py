"""netplan's benchmarks: start-up, keypress-to-repaint, `netplan check`, against a bare app.

    python benchmarks/run.py [--runs N]

Prints medians, min and max (seconds unless marked) and the ratios to the bare Textual app
measured in the same run, on a pseudo-terminal of 120×36. Subjects take turns in a shuffled
order and a start-up ratio is the median of the ratios within each round.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from import_linkedin import generate  # noqa: E402
from stores import TODAY, make_store  # noqa: E402
from terminal import Terminal  # noqa: E402

MARKER = "Engage with posts"
KEYS = (b" ", b"\x7f")  # check off one, take it back


def environment(folder: Path | None = None) -> dict[str, str]:
    # Bytecode caches as an installed copy has them: without them every start would compile
    # netplan's modules from source, which no user's start does twice.
    inherited = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env = dict(
        inherited,
        TERM="xterm-256color",
        NETPLAN_TODAY=TODAY.isoformat(),
        TEXTUAL_ANIMATIONS="none",
        COLUMNS="120",
        LINES="36",
    )
    if folder is not None:
        env["NETPLAN_DATA"] = str(folder)
    return env


def start_and_keys(
    argv: list[str], env: dict[str, str], presses: int, loads: bool
) -> tuple[float, list[float], list[float]]:
    """Seconds to the first screen; keypress-to-repaint times right after it, while netplan
    loads the contacts in a thread, and (if it `loads`) once that is done: after 2.5 s without
    output (loading 30,000 contacts paints nothing for about 1.5 s)."""
    terminal = Terminal(argv, env)
    try:
        started = terminal.wait_for(MARKER)
        at_start = [terminal.keypress_to_repaint(KEYS[i % 2]) for i in range(presses)]
        settled = []
        if loads:
            terminal.drain(quiet=2.5)
            settled = [terminal.keypress_to_repaint(KEYS[i % 2]) for i in range(presses)]
        return started, at_start, settled
    finally:
        terminal.close()


def filter_keys(folder: Path, text: str) -> tuple[list[float], float]:
    """Keystroke-to-repaint in the contacts filter, and the app's peak memory (MiB)."""
    terminal = Terminal([sys.executable, "-m", "netplan"], environment(folder))
    try:
        terminal.wait_for(MARKER)
        terminal.wait_for("Contacts 30", timeout=60)  # the tab title once contacts are in
        terminal.keypress_to_repaint(b"3")
        terminal.keypress_to_repaint(b"/")
        times = [terminal.keypress_to_repaint(char.encode()) for char in text]
        times += [terminal.keypress_to_repaint(b"\x7f") for _ in text]
        peak = 0.0
        with open(f"/proc/{terminal.process.pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    peak = int(line.split()[1]) / 1024
        terminal.keypress_to_repaint(b"\x1b")
        return times, peak
    finally:
        terminal.close()


def summary(values: list[float], scale: float = 1.0) -> str:
    values = [v * scale for v in values]
    return f"{statistics.median(values):8.3f} {min(values):8.3f} {max(values):8.3f}"


def print_starts(subjects, starts, keys, loaded_keys) -> None:
    """Start times, and the ratio to the bare app: the median of the ratios within a round."""
    bare = starts["bare Textual app"]
    print(f"{'measure':52} {'median':>8} {'min':>8} {'max':>8}  ratio")
    for name in subjects:
        pairs = zip(starts[name], bare, strict=True)
        ratio = statistics.median([ours / base for ours, base in pairs])
        print(f"{'start to week grid (s): ' + name:52} {summary(starts[name])}  {ratio:.2f}×")
    for name in subjects:
        label = f"keypress to repaint (ms), at start: {name}"
        print(f"{label:52} {summary(keys[name], 1000)}")
    for name in subjects:
        if loaded_keys.get(name):
            label = f"keypress to repaint (ms), loaded: {name}"
            print(f"{label:52} {summary(loaded_keys[name], 1000)}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--presses", type=int, default=10)
    parser.add_argument(
        "--start-only", action="store_true", help="only start-up and keypress, for quick checks"
    )
    args = parser.parse_args()
    python = sys.executable
    with tempfile.TemporaryDirectory() as temp:
        kinds = ("empty", "demo", "30k", "archive")
        stores = {kind: make_store(Path(temp) / kind, kind) for kind in kinds}
        subjects = {"bare Textual app": ([python, str(HERE / "bare_app.py")], environment(), False)}
        for kind, folder in stores.items():
            subjects[f"netplan, {kind} store"] = (
                [python, "-m", "netplan"],
                environment(folder),
                True,
            )
        starts: dict[str, list[float]] = {name: [] for name in subjects}
        keys: dict[str, list[float]] = {name: [] for name in subjects}
        loaded_keys: dict[str, list[float]] = {name: [] for name in subjects}
        for argv, env, _loads in subjects.values():  # a first run writes the bytecode caches
            start_and_keys(argv, env, 0, False)
        shuffle = random.Random(48)
        for _ in range(args.runs):
            # A new order each round, and ratios taken within a round: this machine's speed
            # drifts by a third from one second to the next.
            for name in shuffle.sample(list(subjects), len(subjects)):
                argv, env, loads = subjects[name]
                started, presses, settled = start_and_keys(argv, env, args.presses, loads)
                starts[name].append(started)
                keys[name].extend(presses)
                loaded_keys[name].extend(settled)
        if args.start_only:
            print_starts(subjects, starts, keys, loaded_keys)
            return
        filters: list[float] = []
        peaks: list[float] = []
        for _ in range(args.runs):
            times, peak = filter_keys(stores["30k"], "ana smi")
            filters += times
            peaks.append(peak)
        csv_path = Path(temp) / "Connections.csv"
        generate(csv_path, 30_000)
        imports: list[float] = []
        for run in range(max(1, args.runs // 2)):
            target = make_store(Path(temp) / f"import-{run}", "empty")
            began = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "netplan", "import", "linkedin", str(csv_path)],
                env=environment(target),
                check=True,
                stdout=subprocess.DEVNULL,
            )
            imports.append(time.perf_counter() - began)
        checks: dict[str, list[float]] = {"empty": [], "30k": []}
        for _ in range(args.runs):
            for kind in checks:
                began = time.perf_counter()
                subprocess.run(
                    [python, "-m", "netplan", "check", "share", "--count", "1"],
                    env=environment(stores[kind]),
                    check=True,
                    stdout=subprocess.DEVNULL,
                )
                checks[kind].append(time.perf_counter() - began)
    print_starts(subjects, starts, keys, loaded_keys)
    empty = statistics.median(checks["empty"])
    for kind, values in checks.items():
        ratio = statistics.median(values) / empty
        print(f"{'netplan check (s), ' + kind + ' store':52} {summary(values)}  {ratio:.2f}×")
    print(f"{'contacts filter keystroke to repaint (ms), 30k':52} {summary(filters, 1000)}")
    print(f"{'import linkedin, 30,000 rows (s)':52} {summary(imports)}")
    print(f"{'peak memory with 30k contacts (MiB)':52} {summary(peaks)}")


if __name__ == "__main__":
    main()
