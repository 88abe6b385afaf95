"""Time `netplan import vcard` with 30,000 cards in one .vcf file.

Generates the file in a temp folder, mixing what real exports write: Apple/Google 3.0 cards
(item groups, X-ABDATE anniversaries, escaped commas, folded lines), Outlook/Android 2.1
cards (QUOTED-PRINTABLE UTF-8 names with soft line breaks, CRLF notes, X-MS-ANNIVERSARY) and
4.0 cards (PREF=1, tel: URIs, dates without a year); one card in 20 has a small inline
photo. Then runs the real command line as a user would, N times each:

- import into an empty store (every card added),
- re-import of the same file into that store (nothing changes, nothing written).

With --vobject it also times `vobject.readComponents` alone over the same file (parsing
only, no mapping, merge or save: the floor of any importer built on vobject), and with
--parse netplan's `parse_file` alone (parsing and mapping, no merge or save).

Usage: python benchmarks/import_vcard.py [--cards N] [--runs N] [--vobject] [--parse]
Run it with PYTHONPATH pointing at another checkout to compare two versions.
"""

from __future__ import annotations

import argparse
import base64
import itertools
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
    "María",
    "Chen",
    "Ngozi",
    "Søren",
    "Aiko",
    "Mateo",
    "Leila",
    "Björn",
    "Ines",
    "Tomasz",
    "Yara",
    "Rahul",
    "Chloé",
    "Ivan",
    "Mei",
    "Kwame",
    "Sofia",
    "Omar",
    "Hanna",
    "Luca",
    "Ayesha",
    "Diego",
    "Elif",
    "Noah",
    "Ana",
    "Jürgen",
    "Thandiwe",
    "Pierre",
    "Nadia",
    "Ravi",
    "Greta",
    "Malik",
    "Camila",
    "Henrik",
    "Sun-hee",
    "Aleksander",
    "Océane",
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
    "Müller",
    "Dubois",
    "Kowalski",
    "Silva",
    "Nakamura",
    "Haddad",
    "Novák",
    "Jensen",
    "Petrov",
    "Costa",
    "Yılmaz",
    "Mensah",
    "Andersson",
    "Fernández",
    "Schmidt",
    "Moreau",
    "Singh",
    "Kim",
    "Lefèvre",
    "Oyelaran",
    "Virtanen",
    "Horváth",
    "Brown",
    "Papadopoulos",
    "Ó Súilleabháin",
    "Zhang",
]
COMPANIES = ["Acme", "Globex", "Nordic Pay, AB", "Initech", "Umbrella", "Hooli", "Stark & Co"]
DEPARTMENTS = ["Engineering", "Sales", "Research", "Data"]
ROLES = ["Engineer", "Head of Data", "CTO", "VP, Sales", "Analyst", "Founder", "Designer"]
TAGS = ["fintech", "mentor", "community", "pycon", "alumni", "investor"]
NOTE = (
    "Met at PyCon 2026, talked about payments, hiring and hiking.\n"
    "Follow up about the conference talk; she knows people at Globex, Hooli and Initech."
)
PHOTO = base64.b64encode(random.Random(1).randbytes(1500)).decode()


def fold(line: str, width: int = 75) -> list[str]:
    """RFC 6350 folding: at most `width` characters a line, continuations start with a space."""
    if len(line) <= width:
        return [line]
    return [line[:width]] + [" " + line[i : i + width - 1] for i in range(width, len(line), 74)]


def escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n")


def qp(text: str) -> str:
    """QUOTED-PRINTABLE as Android and Outlook write it: =XX bytes (line breaks too), soft
    line breaks (`=` at the end) before 76 characters."""
    safe = set(range(33, 127)) - {ord("=")}
    encoded = [chr(b) if b in safe else f"={b:02X}" for b in text.encode()]
    lines, line = [], ""
    for chunk in encoded:
        if len(line) + len(chunk) > 75:
            lines.append(line + "=")
            line = ""
        line += chunk
    return "\r\n".join([*lines, line])


def card(rng: random.Random, n: int, first: str, middle: str, last: str) -> list[str]:
    name = f"{first} {middle}. {last}"
    slug = f"{first}.{last}.{n}".lower().replace("'", "").replace(" ", "")
    email = f"{slug.encode('ascii', 'ignore').decode() or 'x'}@example.com"
    company, role = rng.choice(COMPANIES), rng.choice(ROLES)
    year, month, day = rng.randint(1950, 2004), rng.randint(1, 12), rng.randint(1, 28)
    tags = ",".join(rng.sample(TAGS, rng.randint(0, 2)))
    kind = rng.choices(["3.0", "2.1", "4.0"], weights=[5, 3, 2])[0]
    lines = ["BEGIN:VCARD", f"VERSION:{kind}"]
    if kind == "3.0":  # Apple Contacts / Google Contacts
        lines += [
            "PRODID:-//Apple Inc.//macOS 14.0//EN",
            f"N:{escape(last)};{escape(first)};{middle}.;;",
            f"FN:{escape(name)}",
            f"ORG:{escape(company)};{rng.choice(DEPARTMENTS)}",
            f"TITLE:{escape(role)}",
            f"EMAIL;type=INTERNET;type=WORK;type=pref:{email}",
            f"TEL;type=CELL;type=VOICE;type=pref:+1 555 {n % 10000:04d}",
            f"item1.URL;type=pref:https\\://example.com/{n}",
            "item1.X-ABLabel:_$!<HomePage>!$_",
            f"BDAY:{year}-{month:02d}-{day:02d}",
        ]
        if rng.random() < 0.3:
            lines += [f"item2.X-ABDATE:{year + 25}-06-20", "item2.X-ABLabel:_$!<Anniversary>!$_"]
        if tags:
            lines.append(f"CATEGORIES:{tags}")
        if rng.random() < 0.5:
            lines += fold(f"NOTE:{escape(NOTE)}")
        lines.append(f"X-ABUID:{rng.getrandbits(64):016X}\\:ABPerson")
    elif kind == "2.1":  # Outlook / Android
        qp_name = qp(name)
        lines += [
            f"N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:{qp(f'{last};{first};{middle}.;;')}",
            f"FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:{qp_name}",
            f"ORG:{company};{rng.choice(DEPARTMENTS)}",  # 2.1 never escapes commas
            f"TITLE:{role}",
            f"TEL;CELL;PREF:+44 20 7946 {n % 10000:04d}",
            f"EMAIL;PREF;INTERNET:{email}",
            f"BDAY:{year}{month:02d}{day:02d}",
        ]
        if rng.random() < 0.3:
            lines.append(f"X-MS-ANNIVERSARY:{year + 25}0620")
        if rng.random() < 0.5:
            note = NOTE.replace("\n", "\r\n")
            lines.append(f"NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:{qp(note)}")
        if tags:
            lines.append(f"CATEGORIES:{tags}")
    else:  # vCard 4.0
        lines += [
            f"FN:{escape(name)}",
            f"N:{escape(last)};{escape(first)};{middle}.;;",
            f"EMAIL;TYPE=work;PREF=1:{email}",
            f'TEL;VALUE=uri;TYPE="voice,cell";PREF=1:tel:+49-30-{n:07d}',
            f"ORG:{escape(company)}",
            f"TITLE:{escape(role)}",
            f"URL:https://www.linkedin.com/in/{slug}",
            f"BDAY:--{month:02d}{day:02d}"
            if rng.random() < 0.4
            else f"BDAY:{year}{month:02d}{day:02d}",
        ]
        if rng.random() < 0.3:
            lines.append(f"ANNIVERSARY:{year + 25}0620")
        if tags:
            lines.append(f"CATEGORIES:{tags}")
        if rng.random() < 0.5:
            lines += fold(f"NOTE:{escape(NOTE)}")
        lines.append(f"UID:urn:uuid:{rng.getrandbits(128):032x}")
    if rng.random() < 0.05:
        encoding = "ENCODING=BASE64;JPEG" if kind == "2.1" else "ENCODING=b;TYPE=JPEG"
        lines += fold(f"PHOTO;{encoding}:{PHOTO}")
        if kind == "2.1":
            lines.append("")  # 2.1 ends base64 with a blank line
    lines.append("END:VCARD")
    return lines


def generate(path: Path, cards: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    middles = [chr(c) for c in range(ord("A"), ord("Z") + 1)]
    people = list(itertools.product(FIRST, middles, LAST))  # distinct names: nothing merges
    if cards > len(people):
        raise SystemExit(f"at most {len(people)} distinct people")
    chosen = rng.sample(people, cards)
    lines: list[str] = []
    for n, (first, middle, last) in enumerate(chosen):
        lines += card(rng, n, first, middle, last)
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode())


def run(vcf: Path, store: Path) -> float:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NETPLAN_")}
    env.update(NETPLAN_DATA=str(store), NETPLAN_TODAY="2026-11-25")
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "netplan", "import", "vcard", str(vcf)],
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


VOBJECT = (
    "import sys, vobject\n"
    "text = open(sys.argv[1], encoding='utf-8').read()\n"
    "print(sum(1 for _ in vobject.readComponents(text, allowQP=True)), 'cards')\n"
)
NETPLAN = (
    "import sys; from pathlib import Path; from netplan.importers.vcard import parse_file\n"
    "print(len(parse_file(Path(sys.argv[1])).records), 'records')\n"
)


def parse_only(code: str, vcf: Path) -> float:
    """Reading the file alone (no merge, no save), in a fresh interpreter."""
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", code, str(vcf)], capture_output=True, text=True, check=False
    )
    elapsed = time.perf_counter() - started
    print("   ", (result.stdout or result.stderr).strip().splitlines()[-1][:200])
    return elapsed


def report(label: str, times: list[float]) -> None:
    print(
        f"{label}: median {statistics.median(times):.2f} s, "
        f"min {min(times):.2f} s, max {max(times):.2f} s over {len(times)} runs"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=30_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--vobject", action="store_true", help="also time vobject's parser")
    parser.add_argument("--parse", action="store_true", help="also time parse_file alone")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="netplan-bench-") as temp:
        folder = Path(temp)
        vcf = folder / "contacts.vcf"
        generate(vcf, args.cards)
        print(f"{args.cards} cards, {vcf.stat().st_size / 1e6:.1f} MB: {vcf}")
        first: list[float] = []
        again: list[float] = []
        parse: list[float] = []
        ours: list[float] = []
        for n in range(args.runs):
            store = folder / f"store-{n}"
            first.append(run(vcf, store))
            again.append(run(vcf, store))
            contacts = (store / "contacts.toml").stat().st_size / 1e6
            shutil.rmtree(store)
            if args.vobject:
                parse.append(parse_only(VOBJECT, vcf))
            if args.parse:
                ours.append(parse_only(NETPLAN, vcf))
        print(f"contacts.toml after the import: {contacts:.1f} MB")
        report("import into an empty store", first)
        report("re-import (nothing changes)", again)
        if parse:
            report("vobject.readComponents alone", parse)
        if ours:
            report("netplan's parse_file alone", ours)


if __name__ == "__main__":
    main()
