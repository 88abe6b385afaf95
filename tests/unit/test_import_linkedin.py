"""`netplan import linkedin`: every quirk of real Connections.csv exports, the merge rules,
the report, dry runs and exit statuses."""

from __future__ import annotations

import inspect
import json
import locale
import time
from datetime import date
from pathlib import Path

import pytest
from factories import book, contact
from test_cli import TODAY, files, run

from netplan.importers import ImportFailed
from netplan.importers import linkedin as li
from netplan.importers.merge import linkedin_key, merge
from netplan.models import ContactBook, Milestone
from netplan.store import Store
from netplan.text import slugify

FIXTURE = Path(__file__).parent.parent / "fixtures" / "linkedin" / "Connections.csv"
OLD_FIXTURE = Path(__file__).parent.parent / "fixtures" / "linkedin" / "Connections-2019.csv"
D = date.fromisoformat
DAY = D(TODAY)

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
PREAMBLE = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses '
    'are missing. You will only see email addresses for connections who have allowed it."\n'
    "\n"
)


def parse(text: str) -> li.Parsed:
    return li.parse_text(text, "Connections.csv")


def csv_text(*rows: str, preamble: str = "", header: str = HEADER, newline: str = "\n") -> str:
    return (preamble + "\n".join([header, *rows]) + "\n").replace("\n", newline)


def merged(
    text: str, existing: ContactBook | None = None, today: date = DAY
) -> tuple[ContactBook, li.Parsed, object]:
    parsed = parse(text)
    result, report = merge(existing or ContactBook(), parsed, today)
    return result, parsed, report


def by_id(result: ContactBook) -> dict:
    return {c.id: c for c in result.contacts}


# --- the real-looking fixture --------------------------------------------------------------


def test_fixture_reads_every_quirk_at_once() -> None:
    raw = FIXTURE.read_bytes()
    assert (
        raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw and raw.startswith(b"\xef\xbb\xbfNotes:")
    )
    parsed = li.parse_file(FIXTURE)
    assert parsed.skipped == [] and parsed.notes == []
    records = {r.name: r for r in parsed.records}
    assert list(records) == [
        "Jane Doe",
        "Samuel Ekström",
        "Amara Okafor",
        "Li Wei",
        "王 小明",
        "José García",
    ]
    jane = records["Jane Doe"]
    assert (jane.where, jane.company, jane.role, jane.emails, jane.created) == (
        "line 5",
        "Acme",
        "Head of Data",
        ["jane@example.com"],
        D("2024-03-12"),
    )
    assert jane.handles == {"linkedin": "https://www.linkedin.com/in/janedoe"}
    assert records["Samuel Ekström"].company == "Nordic Pay, AB"  # a quoted comma
    assert records["Samuel Ekström"].emails == []  # an empty email
    amara = records["Amara Okafor"]
    assert amara.role == "Community Lead and Events"  # a quoted line break
    assert amara.created == D("2024-02-29")
    # Line numbers count physical lines: the quoted line break and the blank rows too.
    assert records["Li Wei"].where == "line 10"
    assert (records["Li Wei"].company, records["Li Wei"].created) == (None, None)
    assert records["José García"].where == "line 13"


# --- quirks one by one ---------------------------------------------------------------------


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@pytest.mark.parametrize("preamble", ["", PREAMBLE], ids=["no-preamble", "3-line-preamble"])
def test_bom_line_ends_and_preamble(
    tmp_path: Path, bom: bytes, newline: str, preamble: str
) -> None:
    text = csv_text(
        "Jane,Doe,https://www.linkedin.com/in/janedoe,jane@example.com,Acme,CTO,12 Mar 2024",
        "Sam,Lee,https://www.linkedin.com/in/samlee,,Globex,Engineer,1 Jan 2020",
        preamble=preamble,
        newline=newline,
    )
    path = tmp_path / "Connections.csv"
    path.write_bytes(bom + text.encode())
    parsed = li.parse_file(path)
    assert [(r.name, r.company) for r in parsed.records] == [
        ("Jane Doe", "Acme"),
        ("Sam Lee", "Globex"),
    ]
    first_data_line = 2 + preamble.count("\n")
    assert [r.where for r in parsed.records] == [
        f"line {first_data_line}",
        f"line {first_data_line + 1}",
    ]
    assert parsed.skipped == []


def test_preamble_of_any_length_and_an_unbalanced_quote_in_it() -> None:
    preamble = 'Notes:\n"An unclosed quote in the notes\nmore\nnotes\n\n\n'
    parsed = parse(csv_text("Jane,Doe,,,Acme,CTO,12 Mar 2024", preamble=preamble))
    assert [r.name for r in parsed.records] == ["Jane Doe"]
    assert parsed.records[0].where == "line 8"


def test_header_is_found_by_names_in_any_order_and_case() -> None:
    header = "connected on,POSITION,Company,email address,url,last name,first name"
    parsed = parse(
        csv_text("12 Mar 2024,CTO,Acme,j@x.io,linkedin.com/in/j,Doe,Jane", header=header)
    )
    record = parsed.records[0]
    assert (record.name, record.role, record.company, record.emails) == (
        "Jane Doe",
        "CTO",
        "Acme",
        ["j@x.io"],
    )
    assert record.handles == {"linkedin": "linkedin.com/in/j"}
    assert record.created == D("2024-03-12")


def test_quoted_commas_quotes_and_line_breaks() -> None:
    parsed = parse(
        csv_text(
            '"Jane ""JD""","Doe, PhD",,,"Acme, Inc.","Head of Data,\nPlatform",12 Mar 2024',
            "Sam,Lee,,,Globex,Engineer,1 Jan 2020",
        )
    )
    jane, sam = parsed.records
    assert jane.name == 'Jane "JD" Doe, PhD'
    assert jane.company == "Acme, Inc."
    assert jane.role == "Head of Data, Platform"
    assert sam.where == "line 4"


def test_empty_emails_and_blank_rows_are_fine() -> None:
    parsed = parse(
        csv_text(
            "",
            "Jane,Doe,,,Acme,CTO,12 Mar 2024",
            ",,,,,,",
            "   ,  ,,,,,",
            "",
            "Sam,Lee,,   ,Globex,Engineer,1 Jan 2020",
            "",
        )
    )
    assert [(r.name, r.emails, r.where) for r in parsed.records] == [
        ("Jane Doe", [], "line 3"),
        ("Sam Lee", [], "line 7"),
    ]
    assert parsed.skipped == [] and parsed.notes == []


def test_older_export_without_the_url_column() -> None:
    parsed = li.parse_file(OLD_FIXTURE)
    assert [r.name for r in parsed.records] == ["Jane Doe", "Sam Lee"]
    assert all(r.handles == {} for r in parsed.records)
    result, report = merge(ContactBook(), parsed, DAY)
    assert len(report.added) == 2
    assert by_id(result)["jane-doe"].email == "jane@example.com"


@pytest.mark.parametrize(
    "url",
    [
        "https://www.linkedin.com/in/janedoe",
        "https://www.linkedin.com/in/JaneDoe/",
        "HTTP://LinkedIn.com/in/janedoe//",
        "www.linkedin.com/in/janedoe",
        "https://uk.linkedin.com/in/janedoe?trk=profile",
    ],
)
def test_linkedin_urls_match_without_case_scheme_www_or_trailing_slash(url: str) -> None:
    existing = book(
        contact(
            "jane",
            name="Jane Q. Doe",
            handles={"linkedin": "https://www.linkedin.com/in/janedoe/"},
        )
    )
    result, _, report = merged(csv_text(f"Jane,Doe,{url},,,,"), existing)
    assert report.added == [] and report.updated == [] and report.unchanged == 1
    assert result.contacts[0].handles["linkedin"] == "https://www.linkedin.com/in/janedoe/"


def test_linkedin_key() -> None:
    assert linkedin_key("https://www.linkedin.com/in/J%C3%BCrgen/") == "linkedin.com/in/jürgen"
    assert linkedin_key("linkedin.com/in/Jürgen") == "linkedin.com/in/jürgen"
    assert linkedin_key("") is None and linkedin_key(None) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12 Mar 2024", "2024-03-12"),
        ("1 Sep 2022", "2022-09-01"),
        ("01 sept 2022", "2022-09-01"),
        ("29 Feb 2024", "2024-02-29"),
        ("12-Mar-24", "2024-03-12"),
        ("12 March 2024", "2024-03-12"),
        ("March 12, 2024", "2024-03-12"),
        ("Dec 3rd, 2019", "2019-12-03"),
        ("2024-03-12", "2024-03-12"),
        (" 12 MAR 2024 ", "2024-03-12"),
        # 2018 exports: M/D/YY with a time (issue 14, item 5)
        ("1/8/18, 6:14 PM", "2018-01-08"),
        ("11/17/17, 9:40 PM", "2017-11-17"),
        ("12/27/17, 12:43 AM", "2017-12-27"),
        ("7/21/15, 8:13 PM", "2015-07-21"),
        ("1/8/18", "2018-01-08"),
        ("2/29/24, 10:00 AM", "2024-02-29"),
        ("1/8/18 18:14", "2018-01-08"),
        ("12 Mar 2024, 6:14 PM", "2024-03-12"),
        ("2024-03-12 18:14:05", "2024-03-12"),
        ("2024-03-12T18:14:05Z", "2024-03-12"),
        ("13/03/2024", "2024-03-13"),  # a day over 12 tells the order
        ("3/13/2024", "2024-03-13"),
        ("2/30/18, 6:14 PM", None),
        ("13/8/18, 6:14 PM", None),  # M/D/YY has no month 13
        ("31 Feb 2024", None),
        ("12 Mär 2024", None),
        ("12/03/2024", None),
        ("soon", None),
    ],
)
def test_connected_on_dates(text: str, expected: str | None) -> None:
    assert li.parse_connected_on(text) == (D(expected) if expected else None)


def test_month_names_are_english_whatever_the_locale() -> None:
    assert ".strptime(" not in inspect.getsource(li)
    saved = locale.setlocale(locale.LC_TIME)
    tried = []
    try:
        for name in ("de_DE.UTF-8", "fr_FR.UTF-8", "tr_TR.UTF-8", "ja_JP.UTF-8", "C.UTF-8", "C"):
            try:
                locale.setlocale(locale.LC_TIME, name)
            except locale.Error:
                continue
            tried.append(name)
            assert li.parse_connected_on("12 Mar 2024") == D("2024-03-12")
            assert li.parse_connected_on("04 May 2021") == D("2021-05-04")
            assert li.parse_connected_on("15 Dec 2020") == D("2020-12-15")
    finally:
        locale.setlocale(locale.LC_TIME, saved)
    assert tried


@pytest.mark.parametrize("lang", ["de_DE.UTF-8", "tr_TR.UTF-8", "fr_FR.UTF-8"])
def test_import_under_another_locale(tmp_path: Path, lang: str) -> None:
    folder = tmp_path / "s"
    result = run(
        "import", "linkedin", str(FIXTURE), data=folder, env={"LC_ALL": lang, "LANG": lang}
    )
    assert result.returncode == 0, result.stderr
    created = {c.name: c.created for c in Store(folder).load().contacts.contacts}
    assert created["Jane Doe"] == D("2024-03-12")
    assert created["José García"] == D("2021-12-30")


def test_spreadsheet_resaves_semicolons_and_windows_1252(tmp_path: Path) -> None:
    text = csv_text(
        "José;García;https://www.linkedin.com/in/jg;;Banco Sol;Analyst;30-Dec-21",
        header=HEADER.replace(",", ";"),
        newline="\r\n",
    )
    path = tmp_path / "Connections.csv"
    path.write_bytes(text.encode("cp1252"))
    [record] = li.parse_file(path).records
    assert (record.name, record.company, record.created) == (
        "José García",
        "Banco Sol",
        D("2021-12-30"),
    )


# --- malformed rows -------------------------------------------------------------------------


def test_malformed_rows_are_skipped_with_line_and_reason() -> None:
    parsed = parse(
        csv_text(
            "Jane,Doe,,,Acme,CTO,12 Mar 2024",  # line 2: fine
            ",,https://www.linkedin.com/in/nobody,x@y.io,Acme,CTO,12 Mar 2024",  # 3: no name
            "Sam,Lee,,,Globex",  # 4: too few fields
            "Kim,Park,,,Initech,Dev,1 Jan 2020,surprise",  # 5: too many
            "Ola,Nord,,,Hooli,PM,1 Jan 2020,,,",  # 6: trailing empty cells: fine
            "Bad,Email,,not-an-email,Acme,CTO,12 Mar 2024",  # 7: imported without email
            "Bad,Date,,,Acme,CTO,12/03/2024",  # 8: imported, created = import day
        )
    )
    assert [(p.where, p.reason) for p in parsed.skipped] == [
        ("line 3", "no first or last name"),
        ("line 4", "has 5 fields where the header has 7"),
        ("line 5", "has 8 fields where the header has 7"),
    ]
    assert [r.name for r in parsed.records] == ["Jane Doe", "Ola Nord", "Bad Email", "Bad Date"]
    assert [(p.where, p.reason) for p in parsed.notes] == [
        ("line 7", '"not-an-email" is not an email address; left out'),
        (
            "line 8",
            'Connected On "12/03/2024" is not a date like 12 Mar 2024; created is the import day',
        ),
    ]
    result, report = merge(ContactBook(), parsed, DAY)
    assert by_id(result)["bad-date"].created == DAY
    assert by_id(result)["bad-email"].email is None
    text = report.render()
    assert "4 added, 0 updated, 3 skipped, 0 unchanged" in text
    assert "line 4: has 5 fields where the header has 7" in text
    assert "line 7:" in text and "line 8:" in text


def test_a_quote_that_never_closes_costs_only_its_own_line() -> None:
    parsed = parse(
        csv_text(
            'Jane,Doe,,,"Acme,CTO,12 Mar 2024',
            "Sam,Lee,,,Globex,Dev,1 Jan 2020",
            'Ann,Bo,,,"Multi\nline, fine",Dev,1 Jan 2020',
            "Kim,Park,,,Initech,Dev,1 Jan 2020",
        )
    )
    assert [(p.where, p.reason) for p in parsed.skipped] == [
        ("line 2", "has 5 fields where the header has 7 (a quote that never closes?)")
    ]
    assert [(r.where, r.name, r.company) for r in parsed.records] == [
        ("line 3", "Sam Lee", "Globex"),
        ("line 4", "Ann Bo", "Multi line, fine"),
        ("line 6", "Kim Park", "Initech"),
    ]


def test_a_quote_that_never_closes_in_a_big_file() -> None:
    rows = [f"P{n},Q,,,X,Y,1 Jan 2020" for n in range(8000)]
    parsed = parse(csv_text('Jane,Doe,,,"Acme,CTO,12 Mar 2024', *rows))
    assert len(parsed.records) == 8000
    assert [p.where for p in parsed.skipped] == ["line 2"]
    assert "never closes" in parsed.skipped[0].reason


def test_a_file_full_of_broken_quotes_gives_up_after_a_while() -> None:
    parsed = parse(csv_text(*['A,"B'] * 500))
    assert parsed.skipped[-1].reason == (
        "too many malformed lines; the rest of the file was not read"
    )
    assert len(parsed.skipped) == li.MAX_RESYNCS + 2


def test_not_a_linkedin_export() -> None:
    with pytest.raises(
        ImportFailed, match=r"Connections\.csv is not a LinkedIn connections export"
    ):
        parse("Name,Phone\nJane,123\n")
    with pytest.raises(ImportFailed, match="not a LinkedIn"):
        parse("")


def test_control_characters_are_removed() -> None:
    parsed = parse(
        csv_text(
            "Ja\x1b[31mne,Doe\x07,https://www.linkedin.com/in/jd\x00,,Ac\x7fme,C\x9bTO,1 Jan 2020"
        )
    )
    record = parsed.records[0]
    assert (record.name, record.company, record.role) == ("Ja[31mne Doe", "Acme", "CTO")
    assert record.handles["linkedin"] == "https://www.linkedin.com/in/jd"


# --- merge rules ------------------------------------------------------------------------------


def test_new_contacts_get_slug_ids_tags_none_kind_networking() -> None:
    existing = book(contact("jane-doe", name="Someone Else", company="X"))
    result, _, report = merged(
        csv_text(
            "Jane,Doe,https://www.linkedin.com/in/a,,Acme,,1 Jan 2020",
            "Jane,Doe,https://www.linkedin.com/in/b,,Globex,,1 Jan 2020",
            "Zoë,O'Brien-Smith,,,,,",
            "王,小明,,,,,",
            "Алексей,Иванов,,,,,",
        ),
        existing,
    )
    assert [a.id for a in report.added] == [
        "jane-doe-2",
        "jane-doe-3",
        "zoe-o-brien-smith",
        "contact-1",
        "contact-2",
    ]
    for new in result.contacts[1:]:
        assert new.tags == [] and new.kind == "networking"
    assert slugify("Ævar Łukasz Øster-Straße") == "aevar-lukasz-oster-strasse"


def test_matching_by_email_and_by_name_and_company_without_case() -> None:
    existing = book(
        contact("jane", name="Jane Doe", email="Jane@Example.com"),
        contact("sam", name="Sam Lee", company="Globex"),
    )
    result, _, report = merged(
        csv_text(
            "Janet,Doe,https://www.linkedin.com/in/jd,jane@example.COM,,,12 Mar 2024",
            "sam,LEE,https://www.linkedin.com/in/sam,,globex,,1 Jan 2020",
        ),
        existing,
    )
    assert report.added == []
    assert [(u.id, u.changes) for u in report.updated] == [
        ("jane", ("handles.linkedin", "created")),
        ("sam", ("handles.linkedin", "created")),
    ]
    contacts = by_id(result)
    assert contacts["jane"].name == "Jane Doe"  # the name netplan has is kept
    assert contacts["sam"].handles["linkedin"] == "https://www.linkedin.com/in/sam"


def test_same_name_other_company_or_other_linkedin_url_is_someone_else() -> None:
    existing = book(
        contact("jane", name="Jane Doe", company="Acme"),
        contact("sam", name="Sam Lee", company="Globex", handles={"linkedin": "linkedin.com/in/a"}),
    )
    _, _, report = merged(
        csv_text("Jane,Doe,,,Initech,,", "Sam,Lee,linkedin.com/in/b,,Globex,,"), existing
    )
    assert [a.name for a in report.added] == ["Jane Doe", "Sam Lee"]


def test_a_person_twice_in_one_file_is_skipped_the_second_time() -> None:
    _, _, report = merged(
        csv_text(
            "Jane,Doe,https://www.linkedin.com/in/jd,,Acme,CTO,12 Mar 2024",
            "Jane,Doe,https://www.linkedin.com/in/JD/,,Globex,CEO,12 Mar 2024",
        )
    )
    assert len(report.added) == 1
    assert [(p.where, p.reason) for p in report.skipped] == [
        ("line 3", "the same person as line 2 (same LinkedIn URL)")
    ]


def test_reimport_fills_gaps_but_never_overwrites() -> None:
    existing = book(
        contact(
            "jane",
            name="Jane Doe",
            company="Acme",
            role="CTO",
            email="jane@home.example",
            notes="Likes hiking.",
            tags=["mentor"],
            created=D("2025-01-01"),
            handles={"linkedin": "https://www.linkedin.com/in/jd"},
        )
    )
    result, _, report = merged(
        csv_text("J,D,https://www.linkedin.com/in/jd,jane@work.example,Acme,CTO,12 Mar 2024"),
        existing,
    )
    assert report.unchanged == 1 and report.updated == []
    assert result == existing


def test_job_change_keeps_new_values_and_adds_a_milestone() -> None:
    existing = book(
        contact(
            "jane",
            name="Jane Doe",
            company="Acme",
            role="Head of Data",
            handles={"linkedin": "https://www.linkedin.com/in/jd"},
            created=D("2024-03-12"),
            milestones=[{"label": "Birthday", "date": D("1990-04-12"), "yearly": True}],
        ),
        contact(
            "sam",
            name="Sam Lee",
            company="Globex",
            role="Engineer",
            handles={"linkedin": "https://www.linkedin.com/in/sam"},
            created=D("2020-01-01"),
        ),
    )
    result, _, report = merged(
        csv_text(
            "Jane,Doe,https://www.linkedin.com/in/jd,,Globex,CTO,12 Mar 2024",
            "Sam,Lee,https://www.linkedin.com/in/sam,,Globex,Staff Engineer,1 Jan 2020",
        ),
        existing,
    )
    jane, sam = result.contacts
    assert (jane.company, jane.role) == ("Globex", "CTO")
    assert jane.milestones == [
        Milestone(label="Birthday", date=D("1990-04-12"), yearly=True),
        Milestone(label="New role: CTO at Globex", date=DAY, yearly=False),
    ]
    assert (sam.company, sam.role) == ("Globex", "Staff Engineer")
    assert sam.milestones == [Milestone(label="New role: Staff Engineer at Globex", date=DAY)]
    assert report.updated[0].changes == (
        "company (Acme → Globex)",
        "role (Head of Data → CTO)",
        'milestone "New role: CTO at Globex"',
    )
    # The same file again the same day: nothing more to do.
    again, _, report = merged(
        csv_text(
            "Jane,Doe,https://www.linkedin.com/in/jd,,Globex,CTO,12 Mar 2024",
            "Sam,Lee,https://www.linkedin.com/in/sam,,Globex,Staff Engineer,1 Jan 2020",
        ),
        result,
    )
    assert report.updated == [] and report.unchanged == 2 and again == result


def test_job_change_without_a_position_clears_the_old_role() -> None:
    existing = book(contact("jane", name="Jane Doe", company="Acme", role="CTO"))
    result, _, _ = merged(csv_text("Jane,Doe,,,Acme,,", "Jane,Doe,,,Globex,,"), existing)
    jane = result.contacts[0]
    # Row 2 matched Jane; row 3 (another company, same name) is a different person.
    assert (jane.company, jane.role) == ("Acme", "CTO")
    existing = book(
        contact("jane", name="Jane Doe", company="Acme", role="CTO", handles={"linkedin": "x/in/j"})
    )
    result, _, _ = merged(csv_text("Jane,Doe,x/in/j,,Globex,,"), existing)
    jane = result.contacts[0]
    assert (jane.company, jane.role) == ("Globex", None)
    assert jane.milestones[-1].label == "New role at Globex"


def test_first_job_details_are_not_a_job_change() -> None:
    existing = book(contact("jane", name="Jane Doe", handles={"linkedin": "x/in/j"}))
    result, _, report = merged(csv_text("Jane,Doe,x/in/j,,Acme,CTO,"), existing)
    assert (result.contacts[0].company, result.contacts[0].role) == ("Acme", "CTO")
    assert result.contacts[0].milestones == []
    assert report.updated[0].changes == ("company (– → Acme)", "role (– → CTO)")


def test_archived_contacts_are_matched_not_duplicated() -> None:
    existing = book(contact("jane", name="Jane Doe", archived=True, handles={"linkedin": "x/in/j"}))
    result, _, report = merged(csv_text("Jane,Doe,x/in/j,,,,"), existing)
    assert report.added == [] and result.contacts[0].archived


def test_thirty_thousand_rows_merge_in_linear_time() -> None:
    rows = [
        f"First{n},Last{n % 500},https://www.linkedin.com/in/p{n},"
        f"{f'p{n}@example.com' if n % 3 == 0 else ''},Company {n % 50},Role,12 Mar 2024"
        for n in range(30_000)
    ]
    text = csv_text(*rows, preamble=PREAMBLE)
    started = time.perf_counter()
    parsed = parse(text)
    result, report = merge(ContactBook(), parsed, DAY)
    again, report_again = merge(result, parsed, DAY)
    elapsed = time.perf_counter() - started
    assert len(report.added) == 30_000 and report_again.unchanged == 30_000
    assert again is result
    assert elapsed < 30, f"took {elapsed:.1f} s: a per-row scan crept in?"


# --- the command line ---------------------------------------------------------------------


def test_import_then_reimport_is_idempotent(tmp_path: Path) -> None:
    folder = tmp_path / "s"
    result = run("import", "linkedin", str(FIXTURE), data=folder)
    assert result.returncode == 0, result.stderr
    assert "6 added, 0 updated, 0 skipped, 0 unchanged" in result.stdout
    snap = Store(folder).load()
    contacts = {c.id: c for c in snap.contacts.contacts}
    assert set(contacts) == {
        "jane-doe",
        "samuel-ekstrom",
        "amara-okafor",
        "li-wei",
        "contact-1",
        "jose-garcia",
    }
    assert contacts["jose-garcia"].email == "Jose.Garcia@Example.com"
    assert contacts["li-wei"].created == DAY  # no Connected On: the import day
    before = files(folder)
    result = run("import", "linkedin", str(FIXTURE), data=folder)
    assert result.returncode == 0
    assert "0 added, 0 updated, 0 skipped, 6 unchanged" in result.stdout
    assert files(folder) == before


def test_job_change_shows_in_the_agenda(tmp_path: Path) -> None:
    folder = tmp_path / "s"
    assert run("import", "linkedin", str(FIXTURE), data=folder).returncode == 0
    changed = tmp_path / "Connections.csv"
    changed.write_bytes(
        FIXTURE.read_bytes().replace(b"Acme,Head of Data", b"Globex,Chief Data Officer")
    )
    result = run("import", "linkedin", str(changed), data=folder)
    assert result.returncode == 0, result.stderr
    assert "0 added, 1 updated" in result.stdout
    assert "company (Acme → Globex)" in result.stdout
    jane = next(c for c in Store(folder).load().contacts.contacts if c.id == "jane-doe")
    assert jane.milestones == [Milestone(label="New role: Chief Data Officer at Globex", date=DAY)]
    due = run("due", "--json", data=folder)
    milestones = json.loads(due.stdout)["milestones"]
    assert {
        "contact": "jane-doe",
        "name": "Jane Doe",
        "label": jane.milestones[0].label,
        "date": TODAY,
    } in milestones


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "s"
    run("validate", data=folder)
    before = files(folder)
    listing = sorted(p.name for p in folder.iterdir())
    result = run("import", "linkedin", str(FIXTURE), "--dry-run", data=folder)
    assert result.returncode == 0, result.stderr
    assert "Would import" in result.stdout and "6 added" in result.stdout
    assert "Dry run: nothing was written." in result.stdout
    assert files(folder) == before
    assert sorted(p.name for p in folder.iterdir()) == listing
    # Without a store, a dry run creates none.
    fresh = tmp_path / "none"
    assert run("import", "linkedin", str(FIXTURE), "--dry-run", data=fresh).returncode == 0
    assert not fresh.exists()


def test_skipped_rows_still_exit_0(tmp_path: Path) -> None:
    path = tmp_path / "Connections.csv"
    path.write_text(csv_text("Jane,Doe,,,Acme,CTO,12 Mar 2024", ",,,,Acme,CTO,", "Sam"))
    result = run("import", "linkedin", str(path), data=tmp_path / "s")
    assert result.returncode == 0, result.stderr
    assert "1 added, 0 updated, 2 skipped" in result.stdout
    assert "line 3: no first or last name" in result.stdout
    assert "line 4: has 1 field where the header has 7" in result.stdout


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (None, "does not exist"),
        (b"Name,Phone\nJane,123\n", "is not a LinkedIn connections export"),
        (b"", "is not a LinkedIn connections export"),
        (b"\x00\x01\x02\xff\xfe\x00" * 10, "not"),
        # A folder is an unzipped archive now: an empty one holds no LinkedIn file.
        ("dir", "is not a LinkedIn export"),
    ],
)
def test_nothing_readable_exits_1_and_changes_nothing(
    tmp_path: Path, content: bytes | str | None, expected: str
) -> None:
    folder = tmp_path / "s"
    run("validate", data=folder)
    before = files(folder)
    path = tmp_path / "input.csv"
    if content == "dir":
        path.mkdir()
    elif content is not None:
        path.write_bytes(content)
    result = run("import", "linkedin", str(path), data=folder)
    assert result.returncode == 1
    assert expected in result.stderr
    assert str(path) in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    assert files(folder) == before


def test_a_broken_store_refuses_the_import_and_changes_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "s"
    run("validate", data=folder)
    (folder / "journal.toml").write_bytes(b"")
    before = files(folder)
    result = run("import", "linkedin", str(FIXTURE), data=folder)
    assert result.returncode == 1
    assert "journal.toml holds no data" in result.stderr
    assert files(folder) == before


def test_usage_errors(tmp_path: Path) -> None:
    for args in (["import"], ["import", "linkedin"], ["import", "excel", "x.csv"]):
        result = run(*args, data=tmp_path / "s")
        assert result.returncode == 2, args
        assert "Traceback" not in result.stderr


# --- issue 14: 2018 dates, invisible marks, headers and rows of real exports ---------------

EXPORT_2018 = (
    "First Name,Last Name,Email Address,Company,Position,Connected On\n"
    'Claus,Bergh,claus@approveit.example,ApproveIT,Owner,"1/8/18, 6:14 PM"\n'
    'Vivek,Sharma,vivek@example.com,Variance,CEO,"4/4/18, 10:35 AM"\n'
    'Yugam,Parashar,urn:li:member:664293716,,,"8/18/18, 12:37 AM"\n'
)


def test_2018_export_keeps_each_connection_day(tmp_path: Path) -> None:
    path = tmp_path / "Connections.csv"
    path.write_text(EXPORT_2018)
    folder = tmp_path / "s"
    result = run("import", "linkedin", str(path), data=folder)
    assert result.returncode == 0, result.stderr
    created = {c.name: c.created for c in Store(folder).load().contacts.contacts}
    assert created == {
        "Claus Bergh": D("2018-01-08"),
        "Vivek Sharma": D("2018-04-04"),
        "Yugam Parashar": D("2018-08-18"),
    }
    assert "Connected On" not in result.stdout  # no row fell back to the import day
    assert 'line 4: "urn:li:member:664293716" is not an email address; left out' in result.stdout


MARKS = ["\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066"]
MARKS += ["\u2067", "\u2068", "\u2069", "\ufeff", "\u200b"]


@pytest.mark.parametrize("mark", MARKS, ids=[f"U+{ord(m):04X}" for m in MARKS])
def test_invisible_marks_at_the_edges_of_every_field_are_removed(mark: str) -> None:
    m = mark
    [record] = parse(
        csv_text(
            f"{m}Jane{m},{m} Doe {m},{m}https://www.linkedin.com/in/jd{m},{m}j@x.io{m},"
            f"{m}Acme{m},{m}CTO{m},{m}12 Mar 2024{m}"
        )
    ).records
    assert (record.name, record.company, record.role, record.emails, record.created) == (
        "Jane Doe",
        "Acme",
        "CTO",
        ["j@x.io"],
        D("2024-03-12"),
    )
    assert record.handles == {"linkedin": "https://www.linkedin.com/in/jd"}


def test_marks_inside_a_name_stay() -> None:
    # A zero-width joiner holds an emoji together; a mark between two words is the writer's.
    [record] = parse(csv_text("Ana,Silva 👨\u200d💼,,,,,")).records
    assert record.name == "Ana Silva 👨\u200d💼"


def test_a_name_behind_a_left_to_right_mark_is_found_and_matched(tmp_path: Path) -> None:
    path = tmp_path / "Connections.csv"
    path.write_text(csv_text("\u200e Jane,Doe\u200f,,,Acme,CTO,12 Mar 2024"))
    folder = tmp_path / "s"
    assert run("import", "linkedin", str(path), data=folder).returncode == 0
    [jane] = Store(folder).load().contacts.contacts
    assert (jane.id, jane.name) == ("jane-doe", "Jane Doe")
    result = run("log", "Jane Doe", "--kind", "call", data=folder)
    assert result.returncode == 0, result.stderr
    # The same person typed by hand, then imported with the mark: matched, not added.
    existing = book(contact("jane", name="Jane Doe", company="Acme"))
    _, _, report = merged(csv_text("\u200eJane,Doe,,,Acme,,"), existing)
    assert report.added == [] and report.unchanged == 1


@pytest.mark.parametrize(
    "header",
    [
        "FirstName,LastName,EmailAddress,Company,Position,ConnectedOn",
        "first_name,last_name,email_address,company,position,connected_on",
        "Voornaam,Achternaam,E-mailadres,Bedrijf,Functie,Verbonden op",
        '"\u200eFirst Name","Last Name","Email Address",Company,Position,"Connected On"',
    ],
    ids=["nospace", "snake", "dutch", "quoted-with-mark"],
)
def test_header_names_without_spaces_or_in_dutch(header: str) -> None:
    [record] = parse(csv_text("Jane,Doe,j@x.io,Acme,CTO,04-May-22", header=header)).records
    assert (record.name, record.emails, record.company, record.role, record.created) == (
        "Jane Doe",
        ["j@x.io"],
        "Acme",
        "CTO",
        D("2022-05-04"),
    )


def test_columns_in_another_order_with_extra_ones_and_multiline_cells() -> None:
    header = "First Name,Last Name,URL,Connected On,Company,Position,Audit Status,Last Post"
    parsed = parse(
        csv_text(
            'Ana,Ruiz,https://www.linkedin.com/in/ar,04 Jul 2026,SGS,Lead,Activo,"one\ntwo, three"',
            "Bo,Li,https://www.linkedin.com/in/bl,03 Jul 2026,,,Inactivo,",
            header=header,
        )
    )
    assert [(r.where, r.name, r.company, r.created) for r in parsed.records] == [
        ("line 2", "Ana Ruiz", "SGS", D("2026-07-04")),
        ("line 4", "Bo Li", None, D("2026-07-03")),
    ]


def test_a_file_without_its_header_row_is_read_in_linkedins_order() -> None:
    text = (
        "Raoul,Ortado,,Capgemini,Lead Business Analyst,11 Jun 2021\n"
        '"Laura,Herbst,,Interhyp, ""Digital Products, Working Student"",07 May 2021"\n'
        "Clemens J.,Dorsel,,,,06 May 2021\n"
        "Kim,Park,,Initech\n"
        ",,,,,05 May 2021\n"
    )
    parsed = parse(text)
    assert [(r.where, r.name, r.company, r.role, r.created) for r in parsed.records] == [
        ("line 1", "Raoul Ortado", "Capgemini", "Lead Business Analyst", D("2021-06-11")),
        (
            "line 2",
            "Laura Herbst",
            "Interhyp",
            "Digital Products, Working Student",
            D("2021-05-07"),
        ),
        ("line 3", "Clemens J. Dorsel", None, None, D("2021-05-06")),
    ]
    assert [(p.where, p.reason) for p in parsed.skipped] == [
        ("line 4", "has 4 fields where the other rows have 6"),
        ("line 5", "no first or last name"),
    ]
    assert parsed.notes[0].reason.startswith("no header row; the columns were read as First Name")
    seven = parse("Jane,Doe,https://www.linkedin.com/in/jd,,Acme,CTO,12 Mar 2024\n")
    assert seven.records[0].handles == {"linkedin": "https://www.linkedin.com/in/jd"}


@pytest.mark.parametrize(
    "text",
    [
        "AK;AL;AR\n" + '{"count": 1535};{"count":0};{"count":0}\n' * 3,
        "Jane,Doe,not a date,x,y,z\n" * 5,
        "a,b,c,d,e,f,g\n1,2,3,4,5,6,7\n",
        "Jane,Doe,https://example.com/jd,,Acme,CTO,12 Mar 2024\n",  # not a LinkedIn URL
    ],
    ids=["semicolon-json", "no-dates", "numbers", "other-url"],
)
def test_rows_that_are_not_linkedins_are_no_export(text: str) -> None:
    with pytest.raises(ImportFailed, match="is not a LinkedIn connections export"):
        parse(text)


@pytest.mark.parametrize(
    ("header", "kind"),
    [
        ("Name,Given Name,Family Name,E-mail 1 - Value,Group Membership", "Google"),
        ("First Name,Middle Name,Last Name,Organization Name,Labels,E-mail 1 - Value", "Google"),
        (
            "First Name,Middle Name,Last Name,Title,Suffix,E-mail Address,Company,Job Title",
            "Outlook",
        ),
    ],
)
def test_a_google_or_outlook_file_is_pointed_to_import_csv(header: str, kind: str) -> None:
    with pytest.raises(ImportFailed, match=f"is a {kind} contacts export.*netplan import csv"):
        parse(header + "\nJane,,Doe,,,,,\n")


def test_a_row_a_script_quoted_whole_is_read_under_a_header_too() -> None:
    parsed = parse(csv_text('"Sam,Lee,,,""Globex, Inc."",Dev,1 Jan 2020"', "Kim,Park,,,X,Y,"))
    assert [(r.name, r.company, r.role) for r in parsed.records] == [
        ("Sam Lee", "Globex, Inc.", "Dev"),
        ("Kim Park", "X", "Y"),
    ]
