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
    # A line that is not NAME:value costs that line, not the card.
    assert [r.name for r in parsed.records] == ["Good One", "Broken Line", "Good Two"]
    assert [(p.where, p.reason) for p in parsed.skipped] == [
        ("card 3 (line 11)", "no name (FN or N)"),
        ("card 5 (line 21)", "no END:VCARD at the end of the file"),
    ]
    assert [(p.where, p.reason) for p in parsed.notes] == [
        ("card 2 (line 6)", 'a line that is not "NAME:value" ("this line has no colon"); left out'),
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
    assert "3 added, 0 updated, 2 skipped" in result.stdout
    assert 'card 2 (line 6): a line that is not "NAME:value"' in result.stdout
    assert "card 5 (line 21): no END:VCARD" in result.stdout
    assert len(Store(folder).load().contacts.contacts) == 3


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


# --- issue 14: what real exporters write ------------------------------------------------------


def read(tmp_path: Path, data: bytes | str) -> vc.Parsed:
    """The file's bytes as an exporter wrote them, read through parse_file."""
    path = tmp_path / "cards.vcf"
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return vc.parse_file(path)


def only(tmp_path: Path, data: bytes | str) -> vc.Incoming:
    parsed = read(tmp_path, data)
    assert parsed.skipped == [], parsed.skipped
    [record] = parsed.records
    return record


def card(*lines: str, version: str = "3.0", end: str = "\r\n") -> str:
    return end.join(["BEGIN:VCARD", f"VERSION:{version}", *lines, "END:VCARD", ""])


@pytest.mark.parametrize("version", ["2.1", "3.0"])
def test_1_text_with_unescaped_commas_is_kept_whole(tmp_path: Path, version: str) -> None:
    """2.1 never escapes commas, Google's 3.0 export does not either."""
    record = only(
        tmp_path,
        card(
            "FN:Mr. John Richter, James Doe Sr.",
            "ORG:Acme, Inc.;Sales, EMEA",
            "TITLE:VP, Sales",
            "NOTE:THIS SOFTWARE IS PROVIDED AS IS, WITHOUT WARRANTIES, EXPRESS OR IMPLIED.",
            version=version,
        ),
    )
    assert record.name == "Mr. John Richter, James Doe Sr."
    assert record.company == "Acme, Inc."  # company;department: the company, commas and all
    assert record.role == "VP, Sales"
    assert (
        record.notes == "THIS SOFTWARE IS PROVIDED AS IS, WITHOUT WARRANTIES, EXPRESS OR IMPLIED."
    )


def test_escaped_commas_and_semicolons_are_undone(tmp_path: Path) -> None:
    record = only(
        tmp_path,
        card(
            "FN:Dummy\\, Dummy",
            "ORG:Nordic Pay\\, AB\\; Partners;Payments",
            "TITLE:Head of Data\\, Europe",
            "NOTE:a\\, b\\; c\\nnext \\\\n line",
        ),
    )
    assert (record.name, record.company, record.role) == (
        "Dummy, Dummy",
        "Nordic Pay, AB; Partners",
        "Head of Data, Europe",
    )
    assert record.notes == "a, b; c\nnext \\n line"  # an escaped backslash stays one


@pytest.mark.parametrize(
    "line",
    [
        "PROFILE:VCard",  # Lotus Notes
        "X-messaging/gadu-All:452342",  # KDE Kontact
        "PHOTO;ENCODING=BASE64;JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAIBAQEBAQIBAQE",  # damaged
        "LABEL;ENCODING=QUOTED-PRINTABLE:Krak=F3w, ma=B3opolskie",  # 8-bit, no CHARSET
    ],
)
def test_2_a_property_netplan_does_not_use_never_costs_the_card(tmp_path: Path, line: str) -> None:
    record = only(tmp_path, card("FN:Antoni Mylka", line, "EMAIL:antoni@example.pl"))
    assert (record.name, record.emails) == ("Antoni Mylka", ["antoni@example.pl"])


def test_2_an_unreadable_used_value_is_left_out_with_a_note(tmp_path: Path) -> None:
    data = card(
        "FN:Henry Ford",
        "EMAIL;PREF:henry@company.com",
        "ORG;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=C3=91=C3=91=80",  # not UTF-8
        "TITLE;ENCODING=BASE64:not base64!",
        "NOTE:kept",
        version="2.1",
    )
    parsed = read(tmp_path, card("FN:First") + data)
    assert [r.name for r in parsed.records] == ["First", "Henry Ford"]
    henry = parsed.records[1]
    assert (henry.emails, henry.company, henry.role, henry.notes) == (
        ["henry@company.com"],
        None,
        None,
        "kept",
    )
    assert [(p.where, p.reason) for p in parsed.notes] == [
        ("card 2 (line 5)", "ORG cannot be read (not valid UTF-8 text); left out"),
        ("card 2 (line 5)", "TITLE cannot be read (damaged base64); left out"),
    ]


def test_2_eight_bit_quoted_printable_without_a_charset(tmp_path: Path) -> None:
    """The Bat! writes ISO-8859-2 bytes and no CHARSET: read as Windows-1252, not lost."""
    record = only(
        tmp_path,
        card(
            "N;ENCODING=QUOTED-PRINTABLE:Iksi=F1ski;Piotr",
            "FN;ENCODING=QUOTED-PRINTABLE:Piotr Iksi=F1ski",
            "EMAIL;PREF;INTERNET:piotr@example.com",
            version="2.1",
        ),
    )
    assert record.name == "Piotr Iksiñski" and record.emails == ["piotr@example.com"]


def test_2_the_report_names_the_card_and_the_reason(tmp_path: Path) -> None:
    source = tmp_path / "cards.vcf"
    source.write_bytes(
        card("FN:Ann Lee", "PROFILE:VCard", "ORG;CHARSET=UTF-8:Café").encode("cp1252")
    )
    result = run("import", "vcard", str(source), data=tmp_path / "s")
    assert result.returncode == 0, result.stderr
    assert "1 added, 0 updated, 0 skipped" in result.stdout
    assert "card 1 (line 1): ORG cannot be read (not valid UTF-8 text); left out" in result.stdout


def test_3_cr_cr_lf_line_ends_with_folded_lines(tmp_path: Path) -> None:
    """The iPhone export ends every line with CR CR LF and folds long ones."""
    data = card(
        "N:Doe;John;;;",
        "FN:Mr. John",
        "  Doe",
        "EMAIL;type=INTERNET;type=pref:john.doe@ibm.com",
        "PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD/4QBYRXhpZgAATU0AKgAA",
        "  AAgAAgESAAMAAAABAAEAAIdpAAQAAAABAAAAJgAAAAAAA6ABAAMAAAABAAEAAKACAAQAAAABAA",
        "BDAY;value=date:2012-06-06",
        end="\r\r\n",
    )
    record = only(tmp_path, data)
    assert record.name == "Mr. John Doe"
    assert record.emails == ["john.doe@ibm.com"] and record.milestones == [birthday("2012-06-06")]
    second = data.replace("john.doe@", "jd@").replace("John", "Jon")
    assert [r.name for r in read(tmp_path, data + second).records] == [
        "Mr. John Doe",
        "Mr. Jon Doe",
    ]


def anniversary(day: str) -> Milestone:
    return Milestone(label="Anniversary", date=D(day), yearly=True)


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["item1.X-ABDATE:1975-03-01", "item1.X-ABLabel:_$!<Anniversary>!$_"], "1975-03-01"),
        (["item2.X-ABDATE;type=pref:2016-08-02", "ITEM2.x-ablabel:Anniversary"], "2016-08-02"),
        (
            [
                "item3.X-ABDATE;X-APPLE-OMIT-YEAR=1604:1604-06-20",
                "item3.X-ABLabel:_$!<Anniversary>!$_",
            ],
            "1904-06-20",
        ),
        (["X-MS-ANNIVERSARY:20110113"], "2011-01-13"),
        (["X-EVOLUTION-ANNIVERSARY:1980-03-22"], "1980-03-22"),
        (["X-KADDRESSBOOK-X-Anniversary:2008-02-15"], "2008-02-15"),
    ],
)
def test_4_anniversaries_of_the_big_exporters(
    tmp_path: Path, lines: list[str], expected: str
) -> None:
    other_dates = [
        "item9.X-ABDATE:1776-07-04",
        "item9.X-ABLabel:_$!<Other>!$_",
        "X-ABDATE:2000-01-01",
    ]
    record = only(tmp_path, card("FN:Jo Ann", "BDAY:--0415", *other_dates, *lines))
    assert record.milestones == [birthday("1904-04-15"), anniversary(expected)]


def test_4_an_unlabelled_date_is_no_anniversary(tmp_path: Path) -> None:
    record = only(
        tmp_path,
        card(
            "FN:Jo Ann",
            "item1.X-ABDATE:1776-07-04",
            "item1.X-ABLabel:_$!<Other>!$_",
            "X-ABDATE:2000-01-01",
            "item2.X-ABLabel:_$!<Anniversary>!$_",
            "X-EVOLUTION-ANNIVERSARY:1999-09-09",
        ),
    )
    assert record.milestones == [anniversary("1999-09-09")]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("note;quoted-printable:here's some unicode text=E2=80=A6", "here's some unicode text…"),
        ("NOTE;ENCODING=quoted-printable;CHARSET=utf-8:Zo=c3=ab=0D=0Anext", "Zoë\nnext"),
        (
            "NOTE;Encoding=Quoted-Printable;charset=ISO-8859-2:Krak=F3w, ma=B3opolskie",
            "Kraków, małopolskie",
        ),
        ("NOTE;ENCODING=QUOTED-PRINTABLE:caf=E9 cr=E8me", "café crème"),  # no charset, not UTF-8
        ("NOTE;ENCODING=QUOTED-PRINTABLE:soft=\r\n break, kept", "soft break, kept"),
    ],
)
def test_6_encodings_without_regard_to_case(tmp_path: Path, line: str, expected: str) -> None:
    record = only(tmp_path, card("fn:contact number two", line, "version:2.1", version="2.1"))
    assert record.notes == expected


def test_6_an_eight_bit_value_without_a_charset_in_a_utf8_file(tmp_path: Path) -> None:
    data = card("FN:Zoë Ekström").encode() + card("FN:G\xfcnther Bl\xfcmchen").encode("latin-1")
    assert [r.name for r in read(tmp_path, data).records] == ["Zoë Ekström", "Günther Blümchen"]


@pytest.mark.parametrize("encoding", ["utf-16-be", "utf-16-le"])
def test_7_utf16_without_a_byte_order_mark(tmp_path: Path, encoding: str) -> None:
    """Detected by its NUL bytes (the Roundcube sample)."""
    text = card("N:ĽdaMonté;Ǽgean;;;", "FN:Ǽgean ĽdaMonté", "EMAIL:agean@example.pe")
    record = only(tmp_path, text.encode(encoding))
    assert record.name == "Ǽgean ĽdaMonté" and record.emails == ["agean@example.pe"]


def test_utf16_with_a_byte_order_mark_as_before(tmp_path: Path) -> None:
    record = only(tmp_path, card("FN:Ǽgean ĽdaMonté").encode("utf-16"))
    assert record.name == "Ǽgean ĽdaMonté"


def test_7_utf16_through_the_command_line(tmp_path: Path) -> None:
    source = tmp_path / "utf-16_sample.vcf"
    source.write_bytes(card("FN:Ǽgean ĽdaMonté").encode("utf-16-be"))
    result = run("import", "vcard", str(source), data=tmp_path / "s")
    assert result.returncode == 0, result.stderr
    assert [c.name for c in Store(tmp_path / "s").load().contacts.contacts] == ["Ǽgean ĽdaMonté"]


def test_8_a_group_on_begin_and_end(tmp_path: Path) -> None:
    data = "home.begin:vcard\r\nversion:3.0\r\nfn:Meister Berger\r\nhome.tel:+49 3581\r\n"
    data += "home.END:VCARD\r\n"
    record = only(tmp_path, data)
    assert (record.name, record.phone) == ("Meister Berger", "+49 3581")
    parsed = read(tmp_path, data + card("FN:Frau Berger") + data.replace("Meister", "Herr"))
    assert [r.name for r in parsed.records] == ["Meister Berger", "Frau Berger", "Herr Berger"]


def test_8_a_url_written_twice_is_stored_once(tmp_path: Path) -> None:
    record = only(
        tmp_path,
        card(
            "FN:Michael Angstadt",
            "URL;HOME:http://mikeangstadt.name",
            "URL;WORK:http://mikeangstadt.name",
            "item1.URL:http\\://mikeangstadt.name/",
            "URL:https://www.linkedin.com/in/mike",
            "X-SOCIALPROFILE;type=linkedin:https://www.linkedin.com/in/mike",
            "URL:https://blog.example.com",
            version="2.1",
        ),
    )
    assert record.handles == {
        "web": "http://mikeangstadt.name",
        "linkedin": "https://www.linkedin.com/in/mike",
        "web2": "https://blog.example.com",
    }


# --- the tolerant reader -------------------------------------------------------------------------


def test_a_card_whose_begin_is_lost_is_reported(tmp_path: Path) -> None:
    parsed = read(tmp_path, card("FN:A") + "FN:B\r\nEND:VCARD\r\nEND:VCARD\r\n" + card("FN:C"))
    assert [r.name for r in parsed.records] == ["A", "C"]
    assert [(p.where, p.reason) for p in parsed.skipped] == [
        ("card 2 (line 6)", "END:VCARD without a BEGIN:VCARD; the lines before it were not read")
    ]


def test_what_exporters_write_around_the_rfcs(tmp_path: Path) -> None:
    parsed = read(
        tmp_path,
        card(
            "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=",  # Nokia: a soft break first
            "Br=C3=BCning;=",
            "Michael",
            "EMAIL;TYPE=INTERNET",  # parameters folded with a tab, then a space
            "\t,PREF:pref@example.com",
            "EMAIL;INTERNET:other@example.com",
            "TEL;CELL;PREF:+49 162",  # 2.1 bare parameters
            "TITLE;CHARSET=x-unknown:Mayor",  # an unknown charset reads as none given
            "ORG;ENCODING=b;CHARSET=utf-8:" + "Görlitz AG".encode().hex(),  # not base64: note
            version="2.1",
        )
        + card("FN;ENCODING=b;CHARSET=UTF-8:Wm/DqyBFa3N0csO2bQ==", "ORG:O\\;K;dept")
        + card("FN:Book club", "X-ADDRESSBOOKSERVER-KIND:group")
        + card("KIND:org", "FN:ACME Inc.", "ORG:ACME Inc.;", version="4.0"),
    )
    michael, zoe, acme = parsed.records
    assert michael.name == "Michael Brüning"
    assert michael.emails == ["pref@example.com", "other@example.com"]
    assert (michael.phone, michael.role, michael.company) == ("+49 162", "Mayor", None)
    assert (zoe.name, zoe.company) == ("Zoë Ekström", "O;K")  # base64 text, an escaped ;
    assert acme.name == "ACME Inc."  # an organisation's card is a contact too
    assert [(p.where, p.reason) for p in parsed.skipped] == [
        ("card 3 (line 18)", "a group (KIND:group), not a person")
    ]
    assert [p.reason for p in parsed.notes] == ["ORG cannot be read (damaged base64); left out"]


def test_a_big_photo_costs_linear_time(tmp_path: Path) -> None:
    """Folded lines are joined once: a 40 MB photo is read in well under a second."""
    import base64
    import time

    photo = base64.b64encode(bytes(range(256)) * 120_000).decode()
    folded = "\r\n ".join(photo[i : i + 74] for i in range(0, len(photo), 74))
    started = time.perf_counter()
    record = only(tmp_path, card("FN:Big Photo", "PHOTO;ENCODING=b:" + folded))
    assert record.name == "Big Photo"
    assert time.perf_counter() - started < 10  # quadratic joining would take hours
