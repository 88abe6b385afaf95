"""Time `netplan import linkedin` with a 30,000-row Connections.csv.

Generates the file in a temp folder (with the quirks of real exports: byte-order mark, CRLF,
a "Notes:" preamble, quoted commas, empty emails), then runs the real command line as a user
would, 3 times each:

- import into an empty store (30,000 added),
- re-import of the same file into that store (30,000 unchanged, nothing written).

Usage: python benchmarks/import_linkedin.py [--rows N] [--runs N]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FIRST = [
    "Jane",
    "John",
    "Amara",
    "Samuel",
    "Priya",
    "Wei",
    "José",
    "Zoë",
    "Olu",
    "Fatima",
    "Kenji",
    "Anna",
    "Lars",
    "Maria",
    "Chen",
]
LAST = [
    "Doe",
    "Smith",
    "Okafor",
    "Ekström",
    "Raman",
    "Li",
    "García",
    "O'Brien",
    "Adeyemi",
    "Khan",
    "Ito",
    "Nowak",
    "Berg",
    "Rossi",
]
COMPANIES = ["Acme", "Globex", "Nordic Pay, AB", "Initech", "Umbrella", "Hooli", "Stark & Co"]
ROLES = ["Engineer", "Head of Data", "CTO", "Product Manager, Payments", "Analyst", "Founder"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

PREAMBLE = (
    "Notes:\r\n"
    '"When exporting your connection data, you may notice that some of the email addresses '
    'are missing. You will only see email addresses for connections who have allowed it."\r\n'
    "\r\n"
)


def _quote(value: str) -> str:
    return f'"{value}"' if "," in value or '"' in value else value


def generate(path: Path, rows: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    lines = ["First Name,Last Name,URL,Email Address,Company,Position,Connected On"]
    for n in range(rows):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        slug = f"{first}-{last}-{n}".lower().replace("'", "")
        email = f"{slug}@example.com" if rng.random() < 0.2 else ""
        connected = f"{rng.randint(1, 28):02d} {rng.choice(MONTHS)} {rng.randint(2010, 2026)}"
        lines.append(
            ",".join(
                [
                    first,
                    _quote(last),
                    f"https://www.linkedin.com/in/{slug}",
                    email,
                    _quote(rng.choice(COMPANIES)),
                    _quote(rng.choice(ROLES)),
                    connected,
                ]
            )
        )
    path.write_bytes(b"\xef\xbb\xbf" + (PREAMBLE + "\r\n".join(lines) + "\r\n").encode())


def run(csv_path: Path, store: Path, kind: str = "linkedin") -> float:
    """Seconds `netplan import KIND FILE` takes, start to exit (the netplan of the current
    folder or PYTHONPATH: run from an old checkout to time it)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NETPLAN_")}
    env.update(NETPLAN_DATA=str(store), NETPLAN_TODAY="2026-11-25")
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "netplan", "import", kind, str(csv_path)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"netplan import failed:\n{result.stderr}")
    print("   ", result.stdout.splitlines()[0])
    return elapsed


def report(label: str, times: list[float]) -> None:
    print(
        f"{label}: median {statistics.median(times):.2f} s, "
        f"min {min(times):.2f} s, max {max(times):.2f} s over {len(times)} runs"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=30_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="netplan-bench-") as temp:
        folder = Path(temp)
        csv_path = folder / "Connections.csv"
        generate(csv_path, args.rows)
        size = csv_path.stat().st_size / 1e6
        print(f"{args.rows} rows, {size:.1f} MB: {csv_path}")
        first: list[float] = []
        again: list[float] = []
        for n in range(args.runs):
            store = folder / f"store-{n}"
            first.append(run(csv_path, store))
            again.append(run(csv_path, store))
            contacts = (store / "contacts.toml").stat().st_size / 1e6
            shutil.rmtree(store)
        print(f"contacts.toml after the import: {contacts:.1f} MB")
        report("import into an empty store", first)
        report("re-import (nothing changes)", again)


if __name__ == "__main__":
    main()
