"""Time `netplan import csv` with a 30,000-row Google Contacts CSV export.

Generates the file in a temp folder as Google writes it (the full pre-2024 header row, a
byte-order mark, several values joined by " ::: ", labels, quoted notes with commas and line
breaks, birthdays with and without a year), then runs the real command line 3 times each:

- import into an empty store (30,000 added),
- re-import of the same file into that store (30,000 unchanged, nothing written).

Usage: python benchmarks/import_csv.py [--rows N] [--runs N]
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from import_linkedin import COMPANIES, FIRST, LAST, ROLES, report, run

HEADER_ROW = (
    "Name,Given Name,Additional Name,Family Name,Yomi Name,Given Name Yomi,Additional Name Yomi,"
    "Family Name Yomi,Name Prefix,Name Suffix,Initials,Nickname,Short Name,Maiden Name,Birthday,"
    "Gender,Location,Billing Information,Directory Server,Mileage,Occupation,Hobby,Sensitivity,"
    "Priority,Subject,Notes,Language,Photo,Group Membership,E-mail 1 - Type,E-mail 1 - Value,"
    "E-mail 2 - Type,E-mail 2 - Value,Phone 1 - Type,Phone 1 - Value,Address 1 - Type,"
    "Address 1 - Formatted,Organization 1 - Type,Organization 1 - Name,Organization 1 - Title,"
    "Website 1 - Type,Website 1 - Value"
)
HEADER = next(csv.reader([HEADER_ROW]))
LABELS = ["Friends", "Clients", "Conference 2024", "Mentors", "Family"]
SYLLABLES = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"]


def middle_name(n: int) -> str:
    """A made-up middle name unique to n ("Kobani"), so no two rows are the same person by
    name and company and every row is added."""
    parts = []
    while True:
        n, rest = divmod(n, len(SYLLABLES))
        parts.append(SYLLABLES[rest])
        if n == 0:
            break
    return "".join(parts).capitalize()


def generate(path: Path, rows: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    for n in range(rows):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        slug = f"{first}-{last}-{n}".lower().replace("'", "")
        row = dict.fromkeys(HEADER, "")
        row.update(
            {
                "Name": f"{first} {middle_name(n)} {last}",
                "Given Name": first,
                "Additional Name": middle_name(n),
                "Family Name": last,
                "Group Membership": " ::: ".join(
                    ["* myContacts", *rng.sample(LABELS, rng.randint(0, 2))]
                ),
                "E-mail 1 - Type": "* Work",
                "E-mail 1 - Value": f"{slug}@example.com",
                "Organization 1 - Name": rng.choice(COMPANIES),
                "Organization 1 - Title": rng.choice(ROLES),
            }
        )
        if rng.random() < 0.5:
            row["Phone 1 - Type"], row["Phone 1 - Value"] = "Mobile", f"+1 555 {n:07d}"
        if rng.random() < 0.3:
            row["E-mail 2 - Value"] = f"{slug}@home.example ::: {slug}@old.example"
        if rng.random() < 0.3:
            year = rng.choice(["", str(rng.randint(1960, 2000))])
            row["Birthday"] = f"{year or '-'}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        if rng.random() < 0.2:
            row["Notes"] = f"Met at event {n % 40}, said hello.\nFollow up about {slug}."
        if rng.random() < 0.3:
            row["Website 1 - Value"] = f"https://www.linkedin.com/in/{slug}"
        writer.writerow(row.values())
    path.write_bytes(b"\xef\xbb\xbf" + out.getvalue().encode())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=30_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="netplan-bench-") as temp:
        folder = Path(temp)
        csv_path = folder / "google.csv"
        generate(csv_path, args.rows)
        size = csv_path.stat().st_size / 1e6
        print(f"{args.rows} rows, {size:.1f} MB: {csv_path}")
        first: list[float] = []
        again: list[float] = []
        for n in range(args.runs):
            store = folder / f"store-{n}"
            first.append(run(csv_path, store, "csv"))
            again.append(run(csv_path, store, "csv"))
            contacts = (store / "contacts.toml").stat().st_size / 1e6
            shutil.rmtree(store)
        print(f"contacts.toml after the import: {contacts:.1f} MB")
        report("import into an empty store", first)
        report("re-import (nothing changes)", again)


if __name__ == "__main__":
    main()
