"""Stores of a given size for the benchmarks, written through the real store code."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from netplan.demo import demo_data
from netplan.models import Contact, ContactBook, Interaction, Journal, Milestone
from netplan.store import Store

TODAY = date(2026, 11, 25)
FIRST = [
    "Ana",
    "Ben",
    "Chen",
    "Dara",
    "Elif",
    "Femi",
    "Gita",
    "Hugo",
    "Ines",
    "Jon",
    "Kai",
    "Lena",
    "Mateo",
    "Nia",
    "Omar",
    "Pia",
    "Quinn",
    "Rosa",
    "Sami",
    "Tara",
    "Uma",
    "Vik",
]
LAST = [
    "Smith",
    "Garcia",
    "Okafor",
    "Tanaka",
    "Müller",
    "Rossi",
    "Kowalski",
    "Haddad",
    "Nguyen",
    "Silva",
    "Johansson",
    "Cohen",
    "Mensah",
    "Laurent",
    "Ivanova",
    "Patel",
]
COMPANIES = ["Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark", "Wayne", "Tyrell"]
TAGS = ["fintech", "data", "mentor", "client", "community", "speaker", "recruiter"]


def big_people(contacts: int, interactions: int) -> tuple[ContactBook, Journal]:
    rng = random.Random(7)
    people = []
    for number in range(contacts):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {number}"
        created = TODAY - timedelta(days=rng.randrange(1, 2000))
        extra = {}
        if rng.random() < 0.3:
            extra["cadence_days"] = rng.choice([14, 30, 60, 90])
        if rng.random() < 0.1:
            extra["follow_up"] = TODAY + timedelta(days=rng.randrange(-30, 30))
        if rng.random() < 0.2:
            extra["milestones"] = [
                Milestone(label="Birthday", date=date(1990, rng.randrange(1, 13), 10), yearly=True)
            ]
        people.append(
            Contact(
                id=f"c{number}",
                name=name,
                company=rng.choice(COMPANIES),
                role="Engineer",
                email=f"person{number}@example.com",
                handles={"linkedin": f"https://www.linkedin.com/in/person{number}"},
                tags=rng.sample(TAGS, rng.randrange(0, 3)),
                notes="Met at a meetup; interested in data platforms.",
                created=created,
                **extra,
            )
        )
    log = []
    for number in range(interactions):
        day = TODAY - timedelta(days=rng.randrange(0, 365))
        log.append(
            Interaction(
                id=f"i-{day:%Y%m%d}-{number}",
                contact=f"c{rng.randrange(contacts)}",
                on=day,
                kind=rng.choice(["message", "call", "coffee", "comment"]),
                exchange=rng.choice(["gave", "asked", "neutral"]),
                minutes=rng.choice([5, 15, 30, 45]),
                note="Talked about the roadmap.",
            )
        )
    return ContactBook(contacts=people), Journal(interactions=log)


def make_store(folder: Path, kind: str) -> Path:
    """kind: "empty" (first run), "demo", "30k" (demo plan, 30,000 contacts, 20,000 entries),
    or "archive" (demo plan, then a generated LinkedIn archive of 30,000 connections, 100,000
    messages and 20,000 reactions imported through the command line: ~51,000 activity items)."""
    store = Store(folder)
    store.ensure()
    if kind == "empty":
        return folder
    store.load()
    plan, contacts, journal = demo_data(TODAY)
    if kind == "archive":
        store.save(plan=plan.model_copy(update={"events": []}))  # theirs name demo people
        import_generated_archive(folder)
        return folder
    if kind == "30k":
        contacts, journal = big_people(30_000, 20_000)
        plan = plan.model_copy(update={"events": []})  # theirs name demo people
    store.save(plan=plan, contacts=contacts, journal=journal)
    return folder


def import_generated_archive(folder: Path) -> None:
    """`netplan import linkedin` of a generated Complete archive into the store at folder."""
    import os
    import subprocess
    import sys
    import tempfile

    from linkedin_archive import write_archive

    with tempfile.TemporaryDirectory() as temp:
        archive = write_archive(Path(temp) / "export.zip", 30_000, 100_000, 20_000)
        env = {**os.environ, "NETPLAN_DATA": str(folder), "NETPLAN_TODAY": TODAY.isoformat()}
        subprocess.run(
            [sys.executable, "-m", "netplan", "import", "linkedin", str(archive)],
            env=env,
            check=True,
            capture_output=True,
        )
