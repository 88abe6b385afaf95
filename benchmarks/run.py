"""netplan's benchmarks: start-up, keypress-to-repaint, `netplan check`, against a bare app.

    python benchmarks/run.py [--runs N]

Prints medians, min and max (seconds unless marked) and the ratios to the bare Textual app
measured in the same run, on a pseudo-terminal of 120×36.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from stores import TODAY, make_store  # noqa: E402
from terminal import Terminal  # noqa: E402

MARKER = "Engage with posts"


def environment(folder: Path | None = None) -> dict[str, str]:
    env = dict(
        os.environ,
        TERM="xterm-256color",
        NETPLAN_TODAY=TODAY.isoformat(),
        TEXTUAL_ANIMATIONS="none",
        COLUMNS="120",
        LINES="36",
    )
    if folder is not None:
        env["NETPLAN_DATA"] = str(folder)
    return env


def start_and_keys(argv: list[str], env: dict[str, str], presses: int) -> tuple[float, list[float]]:
    terminal = Terminal(argv, env)
    try:
        started = terminal.wait_for(MARKER)
        keys = []
        for index in range(presses):
            keys.append(terminal.keypress_to_repaint(b" " if index % 2 == 0 else b"\x7f"))
        return started, keys
    finally:
        terminal.close()


def summary(values: list[float], scale: float = 1.0) -> str:
    values = [v * scale for v in values]
    return f"{statistics.median(values):8.3f} {min(values):8.3f} {max(values):8.3f}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--presses", type=int, default=10)
    args = parser.parse_args()
    python = sys.executable
    rows: list[tuple[str, list[float], float]] = []
    with tempfile.TemporaryDirectory() as temp:
        stores = {kind: make_store(Path(temp) / kind, kind) for kind in ("empty", "demo", "30k")}
        subjects = {"bare Textual app": ([python, str(HERE / "bare_app.py")], environment())}
        for kind, folder in stores.items():
            subjects[f"netplan, {kind} store"] = ([python, "-m", "netplan"], environment(folder))
        starts: dict[str, list[float]] = {name: [] for name in subjects}
        keys: dict[str, list[float]] = {name: [] for name in subjects}
        for _ in range(args.runs):
            for name, (argv, env) in subjects.items():
                started, presses = start_and_keys(argv, env, args.presses)
                starts[name].append(started)
                keys[name].extend(presses)
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
    bare = statistics.median(starts["bare Textual app"])
    print(f"{'measure':52} {'median':>8} {'min':>8} {'max':>8}  ratio")
    for name in subjects:
        ratio = statistics.median(starts[name]) / bare
        print(f"{'start to week grid (s): ' + name:52} {summary(starts[name])}  {ratio:.2f}×")
    for name in subjects:
        print(f"{'keypress to repaint (ms): ' + name:52} {summary(keys[name], 1000)}")
    empty = statistics.median(checks["empty"])
    for kind, values in checks.items():
        ratio = statistics.median(values) / empty
        print(f"{'netplan check (s), ' + kind + ' store':52} {summary(values)}  {ratio:.2f}×")
    rows.clear()


if __name__ == "__main__":
    main()
