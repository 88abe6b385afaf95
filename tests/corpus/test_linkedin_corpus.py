"""`netplan import linkedin` on the real exports of the corpus (../shared/real-corpus/linkedin).

Each file's expectations were read from the file by hand: how many people it holds, which
rows are skipped, and for a few people their name, email, company, role and Connected On day.
The files are read where they are, never copied into the repository.
"""

from __future__ import annotations

import contextlib
import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from corpus_helpers import CORPUS, corpus_files, needs_corpus

from netplan.cli import main
from netplan.importers.linkedin import parse_file
from netplan.store import Store

TODAY = "2026-11-25"
FILES = corpus_files("linkedin", ".csv")


@dataclass(frozen=True)
class Person:
    name: str
    email: str | None
    company: str | None
    role: str | None
    created: str  # the Connected On day


@dataclass(frozen=True)
class Expected:
    people: int
    skipped: tuple[str, ...]  # the lines skipped: rows without a name (hidden members)
    with_email: int
    with_url: int
    some: tuple[Person, ...]


P = Person
EXPECTED: dict[str, Expected] = {
    "tombarr-hello-again.csv": Expected(
        1,
        (),
        0,
        1,
        (P("Alex Rohrberg", None, "Schneider Electric", "Software Engineer", "2025-12-22"),),
    ),
    "huanghunz-gemini.csv": Expected(
        2,
        ("line 6",),
        0,
        2,
        (
            P("Mark DDD", None, "DDD & Associates", "Owner", "2025-11-25"),
            # the last row, without a final newline
            P("Linda ZZZ", None, "YY", "Art Development Manager", "2025-08-07"),
        ),
    ),
    "mauricio-connections-map.csv": Expected(
        120,
        (),
        3,
        120,
        (
            P(
                "Sakshi Dhoke",
                None,
                "Gegnat Yards",
                "Talent Acquisition Specialist",
                "2026-06-27",
            ),
            P(
                "João Rerbert",
                "person-991503@gmail.com",
                "Zup Innovation",
                "Internal Audit Coordinator",
                "2026-06-26",
            ),
            P("Sudeep Lalka, PMP", None, "HCLTech", "Engagement Manager", "2026-06-26"),
            P(
                "~ Antonella Bertuccelli",
                None,
                "Oxigent Technologies",
                "IT Talent Consultant Specialist",
                "2026-06-26",
            ),
            P(
                "Luis Alberto Bohrt Alarcon",
                None,
                "Grupo INTERSALUD SRL",
                "Responsable Nacional de Talento Humano",
                "2026-06-23",
            ),
        ),
    ),
    "irisz-2021-no-url.csv": Expected(
        198,
        ("line 26", "line 54", "line 66", "line 70", "line 72", "line 113"),
        0,
        0,
        (
            P(
                "Greeshma Ganji",
                None,
                "Rochester Institute of Technology",
                "Teaching Assistant",
                "2021-12-14",
            ),
            P(
                "Katharine Flanagan",
                None,
                "Aetna, a CVS Health Company",
                "IT Leadership Development Professional",
                "2021-11-18",
            ),
            P(
                "Alyssa Lilly, MBA",
                None,
                "Aetna, a CVS Health Company",
                "Product Manager - API Management Team",
                "2021-09-16",
            ),
        ),
    ),
    "anna-2023-no-preamble.csv": Expected(
        256,
        ("line 16", "line 139", "line 226", "line 257"),
        5,
        0,
        (
            P("Kavyashree Sawadi", None, "FarMart", "Data Analyst", "2023-04-23"),
            P(
                "Adela Mehic-Dzanic (IoT), MBA",
                None,
                "MAVOCO AG",
                "Head of Connectivity Service Providers - CSP",
                "2023-04-14",
            ),
            P(
                "Arunakumara Matada",
                "person-86e81b@gmail.com",
                "Accenture",
                "Custom Software Engineering Analyst",
                "2022-10-26",
            ),
            P("𝐀𝐧𝐚𝐧𝐝 𝐍𝐚𝐛𝐚𝐩𝐮𝐫", None, None, None, "2022-06-12"),
            P(
                "Vinoth B 🇮🇳",
                None,
                "Flutura Decision Sciences & Analytics",
                "Associate Technical Lead - Full Stack",
                "2022-07-08",
            ),
        ),
    ),
    "abhishek-2018.csv": Expected(
        41,
        (),
        40,  # one Email Address is an urn:li:member: id, left out
        0,
        (
            P("Claus Bergh", "person-f9e0ff@approveit.dk", "ApproveIT", "Owner", "2018-01-08"),
            P(
                "shailja mishra",
                "person-f3f23d@gmail.com",
                "Khaitan public shool",
                "HOD (Biology)",
                "2017-11-17",
            ),
            P(
                "Vaishnavi Rai",
                "person-5c1b62@gmail.com",
                "Gargi College",
                "BA (hons) Applied Psychology",
                "2015-07-21",
            ),
            P(
                "Nguyễn Xuân Chính",
                "person-95f653@gmail.com",
                "Camera Team",
                "Photographer",
                "2018-07-29",
            ),
            P("Yugam Parashar", None, None, None, "2018-08-18"),
            P("Vidit kumar", "person-7c01db@gmail.com", "ISTEPS", "CTO", "2018-10-18"),
        ),
    ),
    "agutierrez-augmented.csv": Expected(
        60,
        (),
        0,
        60,
        (
            P(
                "Rahul Naidu",
                None,
                "VE Commercial Vehicles Ltd.",
                "Sales and Marketing Lead – Domestic OEM Business | B2B Senior Marketing Manager",
                "2026-07-04",
            ),
            P("Eliberto Villafuerte", None, None, None, "2026-07-03"),
            P(
                "Wasif Shehzad",
                None,
                "Data Mechanics Pvt Ltd",
                "Co-founder & Chief Technology Officer",
                "2026-07-02",
            ),
            # written with a left-to-right mark and a space before it
            P("𝗨𝗿𝗶𝗲𝗹 𝗖𝗿𝘂𝘇", None, "SGS", "Commercial Excellence Manager", "2026-06-15"),
        ),
    ),
    "duongkstn-dutch.csv": Expected(
        150,
        (),
        1,
        150,
        (
            P(
                "Ricardo Strikker",
                None,
                "Apollo Consulting (NL)",
                "SAP HCM Lead consultant",
                "2023-12-11",
            ),
            P(
                "Jack van der Voorn",
                None,
                "Van der Voorn Accountants en Belastingadviseurs BV (Koudekerk aan den Rijn)",
                "Accountant-controller en fiscalist",
                "2023-12-11",
            ),
            P(
                "Bastiaan Frerix",
                "person-a90758@icloud.com",
                "Gemeente Almelo",
                "Business Controller",
                "2023-12-07",
            ),
        ),
    ),
    "delphine-nospace-header.csv": Expected(
        119,
        ("line 65",),
        4,
        0,
        (
            P(
                "Haider Abbas, PhD",
                None,
                "Confidential",
                "Applied Research Scientist",
                "2022-05-04",
            ),
            P(
                "Alejandra Rodríguez Vidrio",
                "person-e4a826@gmail.com",
                "Investissements PSP",
                "Intern, Transversal Risk",
                "2022-05-02",
            ),
            P(
                "Guillaume Nanot",
                "person-5bb145@audanis.fr",
                "AUDANIS",
                "Agriculture - Stratégie Digitale & Omnicanale",
                "2021-12-08",
            ),
        ),
    ),
    "mxkilian-headerless.csv": Expected(
        191,
        (),
        0,
        0,
        (
            P("Raoul Ortado", None, "Capgemini", "Lead Business Analyst", "2021-06-11"),
            # rows wrapped whole in quotes
            P(
                "Laura Herbst",
                None,
                "Interhyp Gruppe",
                "Digital Products & Technology, Working Student",
                "2021-05-07",
            ),
            P(
                "Galina Trunina",
                None,
                "Café Roma, Maximilienstr. 33",
                "Servicekraft",
                "2020-11-02",
            ),
            P("Serena Caporossi, MBA", None, "IABG", "Senior Recruiter", "2018-10-23"),
            P(
                "Nikolay Nenov",
                None,
                "Curtis Instruments, Inc.",
                "Software Architect",
                "2014-04-11",
            ),
        ),
    ),
}
NOT_LINKEDIN = {"laura-not-linkedin.csv"}


def run_import(path: Path, folder: Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err):
        status = main(
            ["import", "linkedin", str(path)],
            environ={"NETPLAN_DATA": str(folder), "NETPLAN_TODAY": TODAY},
            out=out,
        )
    return status, out.getvalue(), err.getvalue()


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@needs_corpus
def test_every_corpus_file_has_its_expectations() -> None:
    assert {p.name for p in FILES} == set(EXPECTED) | NOT_LINKEDIN, CORPUS


@needs_corpus
@pytest.mark.parametrize("path", [p for p in FILES if p.name in EXPECTED], ids=lambda p: p.name)
def test_each_export_is_read_as_written(path: Path, tmp_path: Path) -> None:
    expected = EXPECTED[path.name]
    folder = tmp_path / "store"
    status, out, err = run_import(path, folder)
    assert status == 0, err
    assert "Traceback" not in out + err
    assert f"{expected.people} added, 0 updated, {len(expected.skipped)} skipped" in out
    for line in expected.skipped:
        assert f"  {line}: no first or last name" in out

    contacts = Store(folder).load().contacts.contacts
    assert len(contacts) == expected.people
    assert sum(c.email is not None for c in contacts) == expected.with_email
    assert sum("linkedin" in c.handles for c in contacts) == expected.with_url
    # Every row has a Connected On day: none falls back to the import day.
    assert all(c.created != date.fromisoformat(TODAY) for c in contacts)
    # What the name shows is all there is: no invisible mark or space at its edges.
    assert all(c.name == c.name.strip() and c.name[0].isprintable() for c in contacts)
    by_name = {c.name: c for c in contacts}
    for person in expected.some:
        found = by_name[person.name]
        assert (found.email, found.company, found.role, found.created.isoformat()) == (
            person.email,
            person.company,
            person.role,
            person.created,
        ), person.name

    before = snapshot(folder)
    status, out, _ = run_import(path, folder)
    assert status == 0
    assert (
        f"0 added, 0 updated, {len(expected.skipped)} skipped, {expected.people} unchanged" in out
    )
    assert snapshot(folder) == before


@needs_corpus
def test_the_2018_export_reads_its_days_and_leaves_out_the_urn() -> None:
    parsed = parse_file(CORPUS / "linkedin" / "abhishek-2018.csv")
    assert len(parsed.records) == 41
    assert all(r.created is not None for r in parsed.records)
    assert [(n.where, n.reason) for n in parsed.notes] == [
        ("line 41", '"urn:li:member:664293716" is not an email address; left out')
    ]


@needs_corpus
def test_the_headerless_export_says_how_it_read_the_columns(tmp_path: Path) -> None:
    status, out, _ = run_import(CORPUS / "linkedin" / "mxkilian-headerless.csv", tmp_path / "s")
    assert status == 0
    assert (
        "line 1: no header row; the columns were read as First Name, Last Name, Email Address, "
        "Company, Position, Connected On" in out
    )


@needs_corpus
def test_a_name_behind_a_left_to_right_mark_is_found_by_what_it_shows(tmp_path: Path) -> None:
    folder = tmp_path / "s"
    assert run_import(CORPUS / "linkedin" / "agutierrez-augmented.csv", folder)[0] == 0
    uriel = next(c for c in Store(folder).load().contacts.contacts if c.company == "SGS")
    assert (uriel.name, uriel.id) == ("𝗨𝗿𝗶𝗲𝗹 𝗖𝗿𝘂𝘇", "uriel-cruz")
    environ = {"NETPLAN_DATA": str(folder), "NETPLAN_TODAY": TODAY}
    assert main(["log", "𝗨𝗿𝗶𝗲𝗹", "--kind", "message"], environ=environ, out=io.StringIO()) == 0


@needs_corpus
@pytest.mark.parametrize("existing", [False, True], ids=["no-store", "a-store"])
def test_a_file_that_is_not_linkedin_fails_and_changes_nothing(
    tmp_path: Path, existing: bool
) -> None:
    path = CORPUS / "linkedin" / "laura-not-linkedin.csv"
    folder = tmp_path / "store"
    if existing:
        first = CORPUS / "linkedin" / "tombarr-hello-again.csv"
        assert run_import(first, folder)[0] == 0
    before = snapshot(folder) if existing else None
    status, out, err = run_import(path, folder)
    assert status == 1
    assert out == "" and "Traceback" not in err
    assert str(path) in err and "is not a LinkedIn connections export" in err
    if existing:
        assert snapshot(folder) == before
    else:
        assert not folder.exists()
