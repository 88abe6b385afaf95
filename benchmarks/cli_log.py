"""Time `netplan log` at 30,000 contacts from the command line, start to exit.

    python benchmarks/cli_log.py [--runs N]

Each run logs one interaction with a follow-up, in a fresh process, on the same store: the
interpreter's start, the imports, loading and checking the three files, the save of two
files. Prints medians, min and max in seconds, and the ratio to a bare interpreter started in
the same rounds. Run it with PYTHONPATH pointing at another checkout to compare two versions.
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


def timed(command: list[str], env: dict[str, str]) -> float:
    began = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        folder = make_store(Path(temp) / "30k", "30k")
        from netplan.store import Store

        who = Store(folder).load().contacts.contacts[1000].id
        env = {**os.environ, "NETPLAN_DATA": str(folder), "NETPLAN_TODAY": TODAY.isoformat()}
        bare, logs = [], []
        for run in range(args.runs):
            bare.append(timed([sys.executable, "-c", "pass"], env))
            log = [sys.executable, "-m", "netplan", "log", who, "--gave"]
            logs.append(timed([*log, "--note", f"Run {run}", "--follow-up", "2027-01-05"], env))
    print(f"{'at 30,000 contacts (s)':36} {'median':>8} {'min':>8} {'max':>8}")
    for name, values in (("python -c pass", bare), ("netplan log", logs)):
        print(f"{name:36} {statistics.median(values):8.3f} {min(values):8.3f} {max(values):8.3f}")
    ratio = statistics.median(logs) / statistics.median(bare)
    print(f"{'log / bare interpreter':36} {ratio:8.1f}")


if __name__ == "__main__":
    main()
