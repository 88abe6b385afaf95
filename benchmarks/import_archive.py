"""Time `netplan import linkedin` with a whole generated LinkedIn archive (spec 7.3).

Generates a Complete-style zip (benchmarks/linkedin_archive.py: 30,000 connections, 100,000
messages, 20,000 reactions by default), then runs the real command line as a user would:

- import into an empty store (contacts, activity, message interactions all new),
- the same zip again (everything already there: nothing written),

and prints each run, the medians, and the sizes of the files written. The target (issue 16)
is under 15 s for the first import on the 2-core machine.

Usage: python benchmarks/import_archive.py [--connections N] [--messages N] [--reactions N]
[--runs N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from linkedin_archive import write_archive


def run(store: Path, archive: Path) -> tuple[float, str]:
    env = {**os.environ, "NETPLAN_TODAY": "2026-11-25", "NETPLAN_DATA": str(store)}
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "netplan", "import", "linkedin", str(archive)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    took = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"import failed ({done.returncode}): {done.stderr}")
    return took, done.stdout


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--connections", type=int, default=30_000)
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--reactions", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        archive = write_archive(
            folder / "Complete_LinkedInDataExport_11-25-2026.zip",
            args.connections,
            args.messages,
            args.reactions,
        )
        print(
            f"archive: {args.connections:,} connections, {args.messages:,} messages, "
            f"{args.reactions:,} reactions; {archive.stat().st_size / 2**20:.1f} MiB zipped"
        )
        first, again, summary = [], [], ""
        for n in range(args.runs):
            store = folder / f"store-{n}"
            took, out = run(store, archive)
            first.append(took)
            summary = (
                out.splitlines()[0]
                + "\n"
                + next(
                    line
                    for line in out.splitlines()
                    if line.startswith("Imported LinkedIn activity")
                )
            )
            took, _out = run(store, archive)
            again.append(took)
            if n < args.runs - 1:
                shutil.rmtree(store)
        print(summary)
        print("first import:  " + ", ".join(f"{t:.2f} s" for t in first))
        print("same again:    " + ", ".join(f"{t:.2f} s" for t in again))
        print(
            f"median: first {statistics.median(first):.2f} s (target < 15 s), "
            f"again {statistics.median(again):.2f} s"
        )
        last = folder / f"store-{args.runs - 1}"
        for name in ("contacts.toml", "journal.toml", "activity.toml"):
            print(f"  {name}: {(last / name).stat().st_size / 2**20:.1f} MiB")


if __name__ == "__main__":
    main()
