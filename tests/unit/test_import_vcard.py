"""`netplan import vcard`: vCard 3.0 and 4.0 with every field, birthdays without a year,
malformed cards skipped and reported, the same merge rules as LinkedIn."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from factories import book, contact
from test_cli import TODAY, files, run

from netplan.domain.followups import next_occurrence
from netplan.importers import ImportFailed
from netplan.importers import vcard as vc
from netplan.importers.merge import merge
from netplan.models import ContactBook, Milestone
from netplan.store import Store

FIXTURES = Path(__file__).parent.parent / "fixtures" / "vcard"
V3 = FIXTURES / "contacts-3.0.vcf"
V4 = FIXTURES / "contacts-4.0.vcf"
MALFORMED = FIXTURES / "malformed.vcf"
LINKEDIN = Path(__file__).parent.parent / "fixtures" / "linkedin" / "Connections.csv"
D = date.fromisoformat
DAY = D(TODAY)


def birthday(day: str) -> Milestone:
    return Milestone(label="Birthday", date=D(day), yearly=True)


def records(path: Path) -> dict:
    return {r.name: r for r in vc.parse_file(path).records}


def test_vcard_3_every_field() -> None:
    raw = V3.read_bytes()
    assert b"VERSION:3.0\r\n" in raw
    parsed = vc.parse_file(V3)
    assert parsed.skipped == [] and parsed.notes == []
    found = {r.name: r for r in parsed.records}
    assert list(found) == ["Jane Doe", "Samuel Ekström", "Amara Okafor"]
    jane = found["Jane Doe"]
    assert jane.where == "card 1 (line 1)"
    assert jane.company == "Acme"  # ORG's first component; the department is dropped
    assert jane.role == "Head of Data"
    assert jane.emails == ["jane@example.com", "jane.home@example.org"]  # TYPE=pref first
    assert jane.phone == "+1 555 0100"  # the preferred TEL
    assert jane.handles == {
        "web": "https://jane.example.com",  # Apple's escaped colon undone
        "linkedin": "https://www.linkedin.com/in/JaneDoe/",  # from X-SOCIALPROFILE
    }
    assert jane.notes == "Met at PyCon 2026.\nMoving to Berlin in spring, likes hiking."
    assert jane.tags == ["fintech", "mentor"]
    assert jane.milestones == [
        birthday("1990-04-12"),
        Milestone(label="Anniversary", date=D("2015-06-20"), yearly=True),
    ]
    samuel = found["Samuel Ekström"]
    assert samuel.company == "Nordic Pay, AB"  # an escaped comma inside ORG
    assert samuel.handles == {
        "linkedin": "https://www.linkedin.com/in/samuel-ekstrom-8a1b2c",
        "web": "https://samuel.example.se",
    }
    # Apple writes a birthday without a year as 1604 with X-APPLE-OMIT-YEAR.
    assert samuel.milestones == [birthday("1904-02-29")]
    amara = found["Amara Okafor"]  # FN folded over two lines
    assert amara.phone == "+234 1 555 0123" and amara.tags == ["community"]
    assert amara.milestones == [birthday("1904-11-03")]


def test_vcard_4_every_field() -> None:
    parsed = vc.parse_file(V4)
    found = {r.name: r for r in parsed.records}
    assert list(found) == ["Priya Raman", "Tomasz Nowak", "Kenji Ito"]
    priya = found["Priya Raman"]
    assert priya.emails == ["priya.raman@example.com", "priya@home.example"]  # PREF=1 first
    assert priya.phone == "+44-20-7946-0958"  # tel: URI
    assert (priya.company, priya.role) == ("Example Health", "Principal Scientist")
    assert priya.handles == {
        "web": "https://example.com/priya",
        "linkedin": "linkedin.com/in/priyaraman",
    }
    assert priya.notes == "Interested in ML for radiology.\nAsk about the conference talk."
    assert priya.tags == ["health", "research"]
    assert priya.milestones == [
        birthday("1904-02-29"),  # --0229: no year, and Feb 29 still a date
        Milestone(label="Anniversary", date=D("2009-08-08"), yearly=True),
    ]
    assert found["Tomasz Nowak"].milestones == [birthday("1904-04-12")]  # --04-12
    assert found["Kenji Ito"].milestones == []  # only N, and a text BDAY
    assert [(p.where, p.reason) for p in parsed.notes] == [
        ("card 3 (line 24)", 'BDAY "circa 1980" is not a date; no Birthday')
    ]
    assert [(p.where, p.reason) for p in parsed.skipped] == [
        ("card 4 (line 29)", "a group (KIND:group), not a person")
    ]


@pytest.mark.parametrize(
    ("value", "omit", "expected"),
    [
        ("1990-04-12", None, "1990-04-12"),
        ("19900412", None, "1990-04-12"),
        ("1990-04-12T00:00:00Z", None, "1990-04-12"),
        ("--0412", None, "1904-04-12"),
        ("--04-12", None, "1904-04-12"),
        ("--0229", None, "1904-02-29"),
        ("1604-02-29", "1604", "1904-02-29"),
        ("1604-02-29", None, "1604-02-29"),
        ("--0230", None, None),
        ("1990-04", None, None),
        ("---12", None, None),
        ("circa 1800", None, None),
    ],
)
def test_vcard_dates(value: str, omit: str | None, expected: str | None) -> None:
    assert vc.parse_vcard_date(value, omit) == (D(expected) if expected else None)


def test_a_birthday_without_a_year_recurs() -> None:
    milestone = birthday("1904-02-29")
    assert next_occurrence(milestone, DAY) == D("2027-02-28")
    assert next_occurrence(milestone, D("2028-01-01")) == D("2028-02-29")


def test_malformed_cards_are_skipped_and_the_rest_imported() -> None:
    parsed = vc.parse_file(MALFORMED)
    assert [r.name for r in parsed.records] == ["Good One", "Good Two"]
    assert [(p.where, p.reason) for p in parsed.skipped] == [
        ("card 2 (line 6)", "not a valid vCard: Failed to parse line: this line has no colon"),
        ("card 3 (line 11)", "no name (FN or N)"),
        ("card 5 (line 21)", "no END:VCARD at the end of the file"),
    ]
    assert [(p.where, p.reason) for p in parsed.notes] == [
        ("card 4 (line 15)", '"not-an-email" is not an email address; left out'),
        ("card 4 (line 15)", 'BDAY "1985-13-45" is not a date; no Birthday'),
    ]


def test_a_card_opened_twice() -> None:
    parsed = vc.parse_text(
        "BEGIN:VCARD\nVERSION:3.0\nFN:A\nBEGIN:VCARD\nVERSION:3.0\nFN:B\nEND:VCARD\n", "x.vcf"
    )
    assert [r.name for r in parsed.records] == ["B"]
    assert [(p.where, p.reason) for p in parsed.skipped] == [
        ("card 1 (line 1)", "no END:VCARD before the next BEGIN:VCARD")
    ]


def test_not_a_vcard() -> None:
    with pytest.raises(ImportFailed, match=r"x\.vcf is not a vCard file"):
        vc.parse_text("First Name,Last Name\nJane,Doe\n", "x.vcf")


def test_control_characters_and_multiple_notes() -> None:
    parsed = vc.parse_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ja\x1bne\x07 Doe\r\nNOTE:one\\ntwo\x1b[2J\r\n"
        "NOTE:three\r\nCATEGORIES:a\x00b, ,A B\r\nEND:VCARD\r\n",
        "x.vcf",
    )
    [record] = parsed.records
    assert record.name == "Jane Doe"
    assert record.notes == "one\ntwo[2J\n\nthree"
    assert record.tags == ["ab", "A B"]


def test_merge_rules_apply_to_vcards() -> None:
    existing = book(
        contact(
            "jane",
            name="Jane Doe",
            company="Acme",
            role="Head of Data",
            phone="+1 000",
            tags=["Fintech"],
            milestones=[{"label": "Birthday", "date": D("1904-04-12"), "yearly": True}],
        )
    )
    result, report = merge(existing, vc.parse_file(V3), DAY)
    jane = next(c for c in result.contacts if c.id == "jane")
    assert jane.phone == "+1 000"  # kept
    assert jane.email == "jane@example.com"  # filled
    assert jane.tags == ["Fintech", "mentor"]  # tags compared without case
    # The birthday netplan had without a year gains it; the anniversary is new.
    assert jane.milestones == [
        birthday("1990-04-12"),
        Milestone(label="Anniversary", date=D("2015-06-20"), yearly=True),
    ]
    assert report.updated[0].changes == (
        "email",
        "handles.web",
        "handles.linkedin",
        "notes",
        "tags (+mentor)",
        'milestone "Birthday year 1990"',
        'milestone "Anniversary 2015-06-20"',
    )
    assert [a.name for a in report.added] == ["Samuel Ekström", "Amara Okafor"]


def test_a_moved_birthday_is_corrected() -> None:
    existing = book(
        contact(
            "jane",
            name="Jane Doe",
            email="jane@example.com",
            milestones=[{"label": "Birthday", "date": D("1990-04-21"), "yearly": True}],
        )
    )
    result, report = merge(existing, vc.parse_file(V3), DAY)
    assert result.contacts[0].milestones[0] == birthday("1990-04-12")
    assert 'milestone "Birthday 1990-04-21 → 1990-04-12"' in report.updated[0].changes


# --- the command line ----------------------------------------------------------------------


def test_import_3_and_4_then_reimport(tmp_path: Path) -> None:
    folder = tmp_path / "s"
    first = run("import", "vcard", str(V3), data=folder)
    assert first.returncode == 0, first.stderr
    assert "3 added, 0 updated, 0 skipped, 0 unchanged" in first.stdout
    second = run("import", "vcard", str(V4), data=folder)
    assert second.returncode == 0, second.stderr
    assert "3 added, 0 updated, 1 skipped, 0 unchanged" in second.stdout
    assert "card 4 (line 29): a group (KIND:group), not a person" in second.stdout
    snap = Store(folder).load()
    contacts = {c.id: c for c in snap.contacts.contacts}
    assert set(contacts) == {
        "jane-doe",
        "samuel-ekstrom",
        "amara-okafor",
        "priya-raman",
        "tomasz-nowak",
        "kenji-ito",
    }
    priya = contacts["priya-raman"]
    assert priya.created == DAY and priya.kind == "networking"
    assert priya.milestones[0] == birthday("1904-02-29")
    before = files(folder)
    for path in (V3, V4):
        again = run("import", "vcard", str(path), data=folder)
        assert again.returncode == 0
        assert "0 added, 0 updated" in again.stdout
    assert files(folder) == before


def test_vcard_after_linkedin_updates_instead_of_duplicating(tmp_path: Path) -> None:
    folder = tmp_path / "s"
    assert run("import", "linkedin", str(LINKEDIN), data=folder).returncode == 0
    result = run("import", "vcard", str(V3), data=folder)
    assert result.returncode == 0, result.stderr
    assert "0 added, 3 updated" in result.stdout
    contacts = {c.id: c for c in Store(folder).load().contacts.contacts}
    assert len(contacts) == 6
    jane = contacts["jane-doe"]
    assert jane.handles["linkedin"] == "https://www.linkedin.com/in/janedoe"  # kept as it was
    assert jane.milestones[0] == birthday("1990-04-12")
    # The address book has no company for Amara: still the one Amara Okafor netplan knows.
    assert contacts["amara-okafor"].phone == "+234 1 555 0123"


def test_malformed_cards_exit_0_with_a_report(tmp_path: Path) -> None:
    folder = tmp_path / "s"
    result = run("import", "vcard", str(MALFORMED), data=folder)
    assert result.returncode == 0, result.stderr
    assert "2 added, 0 updated, 3 skipped" in result.stdout
    assert "card 2 (line 6): not a valid vCard" in result.stdout
    assert "card 5 (line 21): no END:VCARD" in result.stdout
    assert len(Store(folder).load().contacts.contacts) == 2


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "s"
    assert run("import", "linkedin", str(LINKEDIN), data=folder).returncode == 0
    before = files(folder)
    backups = sorted((folder / ".backups").iterdir())
    result = run("import", "vcard", str(V3), "--dry-run", data=folder)
    assert result.returncode == 0
    assert "Would update:" in result.stdout and "nothing was written" in result.stdout
    assert files(folder) == before
    assert sorted((folder / ".backups").iterdir()) == backups


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (None, "does not exist"),
        (b"First Name,Last Name\nJane,Doe\n", "is not a vCard file"),
        (b"", "is not a vCard file"),
    ],
)
def test_nothing_readable_exits_1(tmp_path: Path, content: bytes | None, expected: str) -> None:
    folder = tmp_path / "s"
    run("validate", data=folder)
    before = files(folder)
    path = tmp_path / "contacts.vcf"
    if content is not None:
        path.write_bytes(content)
    result = run("import", "vcard", str(path), data=folder)
    assert result.returncode == 1
    assert expected in result.stderr and str(path) in result.stderr
    assert "Traceback" not in result.stderr
    assert files(folder) == before


def test_an_empty_book_stays_untouched_when_every_card_is_skipped() -> None:
    parsed = vc.parse_text("BEGIN:VCARD\nVERSION:3.0\nEND:VCARD\n", "x.vcf")
    empty = ContactBook()
    result, report = merge(empty, parsed, DAY)
    assert result is empty and not report.changed
    assert report.skipped[0].reason == "no name (FN or N)"
