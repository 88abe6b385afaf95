"""`netplan import csv`: Google Contacts (both header generations) and Outlook CSV exports,
told apart by their header rows; the merge, report, dry run and exit statuses of the others."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest
from factories import book, contact
from test_cli import TODAY, files, run

from netplan.importers import ImportFailed
from netplan.importers import contacts_csv as cc
from netplan.importers.merge import merge
from netplan.models import Milestone
from netplan.store import Store

D = date.fromisoformat

# Google's "Google CSV" export until 2023/4 (the full header row, in Google's order).
GOOGLE_OLD = (
    "Name,Given Name,Additional Name,Family Name,Yomi Name,Given Name Yomi,Additional Name Yomi,"
    "Family Name Yomi,Name Prefix,Name Suffix,Initials,Nickname,Short Name,Maiden Name,Birthday,"
    "Gender,Location,Billing Information,Directory Server,Mileage,Occupation,Hobby,Sensitivity,"
    "Priority,Subject,Notes,Language,Photo,Group Membership,E-mail 1 - Type,E-mail 1 - Value,"
    "E-mail 2 - Type,E-mail 2 - Value,Phone 1 - Type,Phone 1 - Value,Phone 2 - Type,"
    "Phone 2 - Value,Address 1 - Type,Address 1 - Formatted,Address 1 - Street,Address 1 - City,"
    "Address 1 - PO Box,Address 1 - Region,Address 1 - Postal Code,Address 1 - Country,"
    "Address 1 - Extended Address,Organization 1 - Type,Organization 1 - Name,"
    "Organization 1 - Yomi Name,Organization 1 - Title,Organization 1 - Department,"
    "Organization 1 - Symbol,Organization 1 - Location,Organization 1 - Job Description,"
    "Website 1 - Type,Website 1 - Value,Event 1 - Type,Event 1 - Value"
)
# Google's export since 2024.
GOOGLE_NEW = (
    "First Name,Middle Name,Last Name,Phonetic First Name,Phonetic Middle Name,"
    "Phonetic Last Name,Name Prefix,Name Suffix,Nickname,File As,Organization Name,"
    "Organization Title,Organization Department,Birthday,Notes,Photo,Labels,E-mail 1 - Label,"
    "E-mail 1 - Value,E-mail 2 - Label,E-mail 2 - Value,Phone 1 - Label,Phone 1 - Value,"
    "Address 1 - Label,Address 1 - Formatted,Address 1 - Street,Address 1 - City,"
    "Address 1 - PO Box,Address 1 - Region,Address 1 - Postal Code,Address 1 - Country,"
    "Address 1 - Extended Address,Website 1 - Label,Website 1 - Value,Event 1 - Label,"
    "Event 1 - Value"
)
# Outlook.com's and Outlook's "Outlook CSV".
OUTLOOK = (
    "First Name,Middle Name,Last Name,Title,Suffix,Nickname,Given Yomi,Surname Yomi,"
    "E-mail Address,E-mail 2 Address,E-mail 3 Address,Home Phone,Home Phone 2,Business Phone,"
    "Business Phone 2,Mobile Phone,Car Phone,Other Phone,Primary Phone,Pager,Business Fax,"
    "Home Fax,Other Fax,Company Main Phone,Callback,Radio Phone,Telex,TTY/TDD Phone,IMAddress,"
    "Job Title,Department,Company,Office Location,Manager's Name,Assistant's Name,"
    "Assistant's Phone,Company Yomi,Business Street,Business City,Business State,"
    "Business Postal Code,Business Country/Region,Home Street,Home City,Home State,"
    "Home Postal Code,Home Country/Region,Other Street,Other City,Other State,"
    "Other Postal Code,Other Country/Region,Personal Web Page,Spouse,Schools,Hobby,Location,"
    "Web Page,Birthday,Anniversary,Notes,Categories"
)
# Outlook for Windows' Import/Export wizard: another order, every field quoted.
OUTLOOK_DESKTOP = (
    '"Title","First Name","Middle Name","Last Name","Suffix","Company","Department",'
    '"Job Title","Business Street","Business City","Business Postal Code","Business Phone",'
    '"Mobile Phone","Anniversary","Birthday","Categories","E-mail Address","E-mail Type",'
    '"E-mail Display Name","E-mail 2 Address","Notes","Web Page"'
)


def table(header: str, *rows: dict[str, str], newline: str = "\n", quote_all: bool = False) -> str:
    """A CSV file as the exporter writes it: `header`, then each row by column name."""
    names = next(csv.reader([header]))
    out = io.StringIO()
    writer = csv.writer(
        out, lineterminator=newline, quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL
    )
    for row in rows:
        assert set(row) <= set(names), set(row) - set(names)
        writer.writerow([row.get(n, "") for n in names])
    return header + newline + out.getvalue()


def parse(text: str) -> cc.Parsed:
    return cc.parse_text(text, "contacts.csv")


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


JANE_OLD = {
    "Name": "Jane Doe",
    "Given Name": "Jane",
    "Family Name": "Doe",
    "Birthday": "1990-04-12",
    "Notes": "Met at PyCon, 2023.\nLikes hiking, climbing.",
    "Group Membership": "* myContacts ::: Friends ::: * starred ::: Mentors",
    "E-mail 1 - Type": "* Work",
    "E-mail 1 - Value": "jane@acme.example ::: jd@home.example",
    "E-mail 2 - Type": "Home",
    "E-mail 2 - Value": "jane.doe@home.example",
    "Phone 1 - Type": "Mobile",
    "Phone 1 - Value": "+1 555 0100 ::: +1 555 0199",
    "Phone 2 - Type": "Work",
    "Phone 2 - Value": "+1 555 0111",
    "Organization 1 - Type": "",
    "Organization 1 - Name": "Acme, Inc.",
    "Organization 1 - Title": "CTO",
    "Website 1 - Type": "Profile",
    "Website 1 - Value": "https://www.linkedin.com/in/janedoe",
    "Event 1 - Type": "Anniversary",
    "Event 1 - Value": "2015-06-20",
}


# --- Google --------------------------------------------------------------------------------


def test_google_export_until_2024() -> None:
    parsed = parse(
        table(
            GOOGLE_OLD,
            JANE_OLD,
            {"Name": "Sam Lee", "Birthday": "--02-29", "Group Membership": "* myContacts"},
            {"Given Name": "Ann", "Family Name": "Bo", "Organization 1 - Name": "Globex"},
        )
    )
    assert parsed.kind == "Google CSV" and parsed.skipped == [] and parsed.notes == []
    jane, sam, ann = parsed.records
    assert (jane.where, jane.name, jane.company, jane.role) == (
        "line 2",
        "Jane Doe",
        "Acme, Inc.",
        "CTO",
    )
    assert jane.emails == ["jane@acme.example", "jd@home.example", "jane.doe@home.example"]
    assert jane.phone == "+1 555 0100"
    assert jane.notes == "Met at PyCon, 2023.\nLikes hiking, climbing."
    assert jane.tags == ["Friends", "Mentors"]  # * myContacts and * starred are Google's own
    assert jane.handles == {"linkedin": "https://www.linkedin.com/in/janedoe"}
    assert jane.milestones == [
        Milestone(label="Birthday", date=D("1990-04-12"), yearly=True),
        Milestone(label="Anniversary", date=D("2015-06-20"), yearly=True),
    ]
    # The quoted line break in Jane's notes takes a line: Sam's row starts on line 4.
    assert (sam.where, sam.tags, sam.emails) == ("line 4", [], [])
    assert sam.milestones == [Milestone(label="Birthday", date=D("1904-02-29"), yearly=True)]
    assert (ann.where, ann.name, ann.company) == ("line 5", "Ann Bo", "Globex")


def test_google_export_since_2024() -> None:
    parsed = parse(
        table(
            GOOGLE_NEW,
            {
                "First Name": "Zoë",
                "Middle Name": "A.",
                "Last Name": "O'Brien",
                "Name Suffix": "PhD",
                "Organization Name": "Initech",
                "Organization Title": "Head of Data",
                "Birthday": "--04-12",
                "Notes": '"Quotes", commas,\r\nand lines',
                "Labels": "Clients ::: * myContacts ::: Conference 2024",
                "E-mail 1 - Label": "Work",
                "E-mail 1 - Value": "zoe@initech.example",
                "Phone 1 - Label": "Mobile",
                "Phone 1 - Value": "+44 20 7946 0000",
                "Website 1 - Label": "",
                "Website 1 - Value": "https://zoe.example",
                "Event 1 - Label": "Anniversary",
                "Event 1 - Value": "2019-09-01",
            },
            {"Nickname": "Kim", "E-mail 1 - Value": "kim@example.com"},
        )
    )
    zoe, kim = parsed.records
    assert parsed.kind == "Google CSV"
    assert (zoe.name, zoe.company, zoe.role, zoe.emails, zoe.phone) == (
        "Zoë A. O'Brien PhD",
        "Initech",
        "Head of Data",
        ["zoe@initech.example"],
        "+44 20 7946 0000",
    )
    assert zoe.notes == '"Quotes", commas,\nand lines'
    assert zoe.tags == ["Clients", "Conference 2024"]
    assert zoe.handles == {"web": "https://zoe.example"}
    assert [(m.label, m.date) for m in zoe.milestones] == [
        ("Birthday", D("1904-04-12")),
        ("Anniversary", D("2019-09-01")),
    ]
    assert (kim.name, kim.where) == ("Kim", "line 4")  # no name but a nickname


def test_a_utf16_google_export_with_its_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "google.csv"
    path.write_bytes(table(GOOGLE_OLD, {"Name": "Søren Æbelø"}).encode("utf-16"))
    assert [r.name for r in cc.parse_file(path).records] == ["Søren Æbelø"]


# --- Outlook -------------------------------------------------------------------------------


def test_outlook_export() -> None:
    parsed = parse(
        table(
            OUTLOOK,
            {
                "First Name": "José",
                "Last Name": "García",
                "Title": "Dr.",
                "Suffix": "Jr.",
                "E-mail Address": "jose@banco.example",
                "E-mail 2 Address": "jg@home.example",
                "Home Phone": "+34 91 000 0000",
                "Mobile Phone": "+34 600 000 000",
                "Job Title": "Analyst, Payments",
                "Company": "Banco Sol",
                "Web Page": "linkedin.com/in/jgarcia/",
                "Birthday": "4/12/1990",
                "Anniversary": "0/0/00",
                "Notes": "Intro by Sam, at Web Summit.\r\nFollow up in March.",
                "Categories": "Clients;Conference 2024",
            },
            {
                "First Name": "Ann",
                "Last Name": "Bo",
                "E-mail Address": "/o=ExchangeLabs/ou=Exchange/cn=Recipients/cn=ann",
                "Birthday": "0/0/00",
            },
            newline="\r\n",
        )
    )
    jose, ann = parsed.records
    assert parsed.kind == "Outlook CSV"
    assert (jose.name, jose.role, jose.company) == (
        "José García Jr.",
        "Analyst, Payments",
        "Banco Sol",
    )
    assert jose.emails == ["jose@banco.example", "jg@home.example"]
    assert jose.phone == "+34 600 000 000"  # the mobile before the home phone
    assert jose.handles == {"linkedin": "linkedin.com/in/jgarcia/"}
    assert jose.notes == "Intro by Sam, at Web Summit.\nFollow up in March."
    assert jose.tags == ["Clients", "Conference 2024"]
    assert jose.milestones == [Milestone(label="Birthday", date=D("1990-04-12"), yearly=True)]
    assert (ann.where, ann.emails, ann.milestones) == ("line 4", [], [])
    assert [(p.where, p.reason) for p in parsed.notes] == [
        (
            "line 4",
            '"/o=ExchangeLabs/ou=Exchange/cn=Recipients/cn=ann" is not an email address; left out',
        )
    ]


def test_outlook_desktop_export_in_windows_1252(tmp_path: Path) -> None:
    text = table(
        OUTLOOK_DESKTOP,
        {
            "Title": "Ms.",
            "First Name": "Zoë",
            "Last Name": "Ekström",
            "Company": "Café Nord, AB",
            "Job Title": "Gérante",
            "Birthday": "29/2/1988",  # a day over 12 in front: the file is day first
            "Categories": "Fika; Stockholm",
            "E-mail Address": "zoe@cafe.example",
            "E-mail Type": "SMTP",
            "Notes": "Résumé: “great” coffee – ask about €",
        },
        {"First Name": "Åsa", "Last Name": "Berg", "Birthday": "4/3/1990"},
        newline="\r\n",
        quote_all=True,
    )
    path = tmp_path / "outlook.csv"
    path.write_bytes(text.encode("cp1252"))
    zoe, asa = cc.parse_file(path).records
    assert (zoe.name, zoe.company, zoe.role, zoe.tags) == (
        "Zoë Ekström",
        "Café Nord, AB",
        "Gérante",
        ["Fika", "Stockholm"],
    )
    assert zoe.notes == "Résumé: “great” coffee – ask about €"
    assert zoe.milestones[0].date == D("1988-02-29")
    assert (asa.name, asa.milestones[0].date) == ("Åsa Berg", D("1990-03-04"))


def test_a_birthday_that_is_not_a_date_is_left_out_with_a_note() -> None:
    parsed = parse(
        table(OUTLOOK, {"First Name": "A", "Last Name": "B", "Birthday": "sometime in May"})
    )
    assert parsed.records[0].milestones == []
    assert [(p.where, p.reason) for p in parsed.notes] == [
        ("line 2", 'Birthday "sometime in May" is not a date; no Birthday')
    ]


# --- files that are not, rows that cannot be read ------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Date,Amount,Description\n2026-01-02,12.50,Coffee\n",
        "",
        "Name,Phone\nJane,123\n",
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Jane,Doe,https://www.linkedin.com/in/jd,,Acme,CTO,12 Mar 2024\n",
        # LinkedIn's archive: Recommendations_Given.csv
        "First Name,Last Name,Company,Job Title,Text,Creation Date,Status\n"
        'Jane,Doe,Acme,CTO,"Great to work with","06/11/24, 09:15 AM",VISIBLE\n',
    ],
    ids=["bank-statement", "empty", "generic", "linkedin", "linkedin-recommendations"],
)
def test_neither_google_nor_outlook(text: str) -> None:
    with pytest.raises(ImportFailed, match=r"contacts\.csv is neither a Google Contacts nor"):
        parse(text)


def test_a_linkedin_file_is_pointed_to_import_linkedin() -> None:
    with pytest.raises(ImportFailed, match="use `netplan import linkedin`"):
        parse("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n")


def test_a_bad_row_is_skipped_with_its_line_and_the_rest_imported() -> None:
    text = table(GOOGLE_OLD, JANE_OLD)  # lines 2-3
    text += "Broken,Row,Here\n"  # line 4: too few fields
    text += table(GOOGLE_OLD, {"Name": "", "E-mail 1 - Value": "only@mail.example"}).split("\n", 1)[
        1
    ]  # line 5: no name
    text += 'Unclosed,"quote\n'  # line 6, swallowing the next line
    text += table(GOOGLE_OLD, {"Name": "Sam Lee"}).split("\n", 1)[1]  # line 7
    parsed = parse(text)
    width = GOOGLE_OLD.count(",") + 1
    assert [(p.where, p.reason) for p in parsed.skipped] == [
        ("line 4", f"has 3 fields where the header has {width}"),
        ("line 5", "no name"),
        ("line 6", f"has 2 fields where the header has {width} (a quote that never closes?)"),
    ]
    assert [(r.where, r.name) for r in parsed.records] == [
        ("line 2", "Jane Doe"),
        ("line 7", "Sam Lee"),
    ]


# --- merging and the command line ------------------------------------------------------------


def test_merged_like_the_other_imports() -> None:
    existing = book(contact("jane", name="Janet Doe", email="JD@home.example"))
    result, report = merge(existing, parse(table(GOOGLE_OLD, JANE_OLD)), D(TODAY))
    assert report.added == [] and [u.id for u in report.updated] == ["jane"]
    jane = result.contacts[0]
    # Matched by its second email; what netplan has is kept, what it lacked filled in.
    assert (jane.name, jane.email, jane.phone) == ("Janet Doe", "JD@home.example", "+1 555 0100")
    assert (jane.company, jane.role) == ("Acme, Inc.", "CTO")
    assert jane.tags == ["Friends", "Mentors"]
    assert {m.label for m in jane.milestones} == {"Birthday", "Anniversary"}
    again, report = merge(result, parse(table(GOOGLE_OLD, JANE_OLD)), D(TODAY))
    assert report.unchanged == 1 and again is result


def write(tmp_path: Path, text: str, name: str = "contacts.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(b"\xef\xbb\xbf" + text.encode())  # Google writes a byte-order mark
    return path


def test_import_then_reimport_changes_nothing(tmp_path: Path) -> None:
    path = write(tmp_path, table(GOOGLE_OLD, JANE_OLD, {"Name": "Sam Lee"}))
    folder = tmp_path / "s"
    result = run("import", "csv", str(path), data=folder)
    assert result.returncode == 0, result.stderr
    assert "Imported Google CSV contacts from" in result.stdout
    assert "2 added, 0 updated, 0 skipped, 0 unchanged" in result.stdout
    contacts = {c.id: c for c in Store(folder).load().contacts.contacts}
    assert set(contacts) == {"jane-doe", "sam-lee"}
    assert contacts["jane-doe"].created == D(TODAY)
    assert contacts["jane-doe"].handles == {"linkedin": "https://www.linkedin.com/in/janedoe"}
    before = snapshot(folder)
    result = run("import", "csv", str(path), data=folder)
    assert result.returncode == 0
    assert "0 added, 0 updated, 0 skipped, 2 unchanged" in result.stdout
    assert snapshot(folder) == before


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    path = write(tmp_path, table(OUTLOOK, {"First Name": "Ann", "Last Name": "Bo"}))
    folder = tmp_path / "s"
    result = run("import", "csv", str(path), "--dry-run", data=folder)
    assert result.returncode == 0, result.stderr
    assert "Would import Outlook CSV contacts" in result.stdout
    assert "Dry run: nothing was written." in result.stdout
    assert not folder.exists()
    assert run("demo", data=folder).returncode == 0
    before = snapshot(folder)
    result = run("import", "csv", str(path), "--dry-run", data=folder)
    assert result.returncode == 0 and "1 added" in result.stdout
    assert snapshot(folder) == before


@pytest.mark.parametrize("store_first", [False, True], ids=["no-store", "a-store"])
def test_a_file_that_is_not_a_contacts_export_fails_and_changes_nothing(
    tmp_path: Path, store_first: bool
) -> None:
    path = write(tmp_path, "Date,Amount,Description\n2026-01-02,12.50,Coffee\n", "bank.csv")
    folder = tmp_path / "s"
    if store_first:
        assert run("demo", data=folder).returncode == 0
        before = files(folder)
    result = run("import", "csv", str(path), data=folder)
    assert result.returncode == 1
    assert result.stdout == "" and "Traceback" not in result.stderr
    assert f"{path} is neither a Google Contacts nor an Outlook CSV export" in result.stderr
    if store_first:
        assert files(folder) == before
    else:
        assert not folder.exists()


def test_a_missing_file_is_exit_1(tmp_path: Path) -> None:
    result = run("import", "csv", str(tmp_path / "nope.csv"), data=tmp_path / "s")
    assert result.returncode == 1 and "nope.csv does not exist" in result.stderr


def test_import_csv_is_in_the_help() -> None:
    result = run("import", "--help")
    assert result.returncode == 0 and "Google Contacts or Outlook CSV export" in result.stdout
