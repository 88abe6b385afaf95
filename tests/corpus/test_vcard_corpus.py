"""`netplan import vcard` on the real exports of the corpus (../shared/real-corpus/vcard).

Each file's expectations were read from the file by hand: how many people it holds, which
cards are skipped (and why), what the report says it left out, and for a few people their
name, email, company, role, birthday and anniversary. The files are read where they are,
never copied into the repository.
"""

from __future__ import annotations

import contextlib
import io
from dataclasses import dataclass
from pathlib import Path

import pytest
from corpus_helpers import CORPUS, corpus_files, needs_corpus

from netplan.cli import main
from netplan.store import Store

TODAY = "2026-11-25"
FILES = corpus_files("vcard", ".vcf")
NO_YEAR = 1904  # how netplan keeps a day without a year


@dataclass(frozen=True)
class Person:
    name: str
    email: str | None = None
    company: str | None = None
    role: str | None = None
    birthday: str | None = None  # YYYY-MM-DD, or --MM-DD without a year
    anniversary: str | None = None


@dataclass(frozen=True)
class Expected:
    people: int
    some: tuple[Person, ...]
    skipped: tuple[str, ...] = ()  # "card N (line L): reason"
    notes: tuple[str, ...] = ()  # "card N (line L): what was left out"


P = Person
JOHN_DOE = "Mr. John Richter, James Doe Sr."  # FN with a comma: escaped (Evolution) or not
NO_NAME = "no name (FN or N)"
EXPECTED: dict[str, Expected] = {
    "eds-1.vcf": Expected(
        1, (P("Frank Dawson", "Frank_Dawson@Lotus.com", "Lotus Development Corporation"),)
    ),
    # QUOTED-PRINTABLE values that start with a soft line break
    "eds-12.vcf": Expected(
        1, (P("Michael Brüning", "ext-Michael.Bruning@nokia.com", birthday="1978-12-29"),)
    ),
    # tab-folded parameters: the preferred email is the one whose PREF was folded
    "eds-13.vcf": Expected(
        1, (P("Ralf Engels", "Frank_Dawson@Lotus.com", "Ralf Engels evil tests"),)
    ),
    "eds-5.vcf": Expected(
        1, (P("十城目管理大型知座", "weird@weird.com", "十城目管理大型知座", "十城目管理大型知座"),)
    ),
    # eds-7.vcf has no BEGIN:VCARD: not a vCard file (test_a_file_without_begin_…)
    "eds-8.vcf": Expected(0, (), skipped=("card 1 (line 1): no END:VCARD at the end of the file",)),
    "eds-sorted-7.vcf": Expected(1, (P("First Name bät"),)),  # N only, no VERSION
    "ezvcard-John_Doe_ANDROID.vcf": Expected(
        4,
        (
            P("Ñ Ñ Ñ Ñ Ñ"),
            P("Ñ Ñ Ñ Ñ", "bob@company.com", "Ñ" * 12),  # the PHOTO is damaged: not read
            P("ÑÑÑÑ", "henry@company.com", "Ñ" * 44),  # the second ORG has a byte not UTF-8
        ),
        skipped=("card 1 (line 1): " + NO_NAME, "card 2 (line 6): " + NO_NAME),
        notes=('card 5 (line 36): "ÑÑÑÑÑÑÑÑÑÑÑÑÑÑ" is not an email address; left out',),
    ),
    "ezvcard-John_Doe_BLACK_BERRY.vcf": Expected(1, (P("John Doe", company="Acme Solutions"),)),
    "ezvcard-John_Doe_EVOLUTION.vcf": Expected(
        1, (P(JOHN_DOE, "john.doe@ibm.com", "IBM", "Money Counter", "1980-03-22", "1980-03-22"),)
    ),
    "ezvcard-John_Doe_GMAIL.vcf": Expected(
        1, (P(JOHN_DOE, "john.doe@ibm.com", "IBM", "Money Counter", "1980-03-22", "1975-03-01"),)
    ),
    "ezvcard-John_Doe_IPHONE.vcf": Expected(  # CR CR LF line ends
        1,
        (
            P(
                "Mr. John Richter James Doe Sr.",
                "john.doe@ibm.com",
                "IBM",
                "Money Counter",
                "2012-06-06",
            ),
        ),
    ),
    "ezvcard-John_Doe_LOTUS_NOTES.vcf": Expected(  # PROFILE:VCard, NAME, TZ:1:00 …
        1,
        (P("Mr. Doe John I Johny", "john.doe@ibm.com", "IBM", "Generic Accountant", "1980-05-21"),),
    ),
    "ezvcard-John_Doe_MAC_ADDRESS_BOOK.vcf": Expected(
        1,
        (
            P(
                "Mr. John Richter,James Doe Sr.",
                "john.doe@ibm.com",
                "IBM",
                "Money Counter",
                "2012-06-06",
            ),
        ),
    ),
    "ezvcard-John_Doe_MS_OUTLOOK.vcf": Expected(
        1,
        (
            P(
                "Mr. John Richter James Doe Sr.",
                "john.doe@ibm.cm",
                "IBM",
                "Money Counter",
                "1980-03-22",
                "2011-01-13",
            ),
        ),
    ),
    "ezvcard-fullcontact.vcf": Expected(  # two ORG and TITLE: the first; an encoded anniversary
        1,
        (
            P(
                "Prefix FirstName MiddleName LastName Suffix",
                "home@example.com",
                "Organization1",
                "Title1",
                "2016-08-01",
                "2016-08-02",
            ),
        ),
    ),
    "ezvcard-gmail-list.vcf": Expected(
        3,
        (
            P("Arnold Smith", "asmithk@gmail.com"),
            P("Chris Beatle", "chrisy55d@yahoo.com"),
            P("Doug White", "dwhite@gmail.com"),
        ),
    ),
    "ezvcard-gmail-single2.vcf": Expected(  # X-ABDATE without the Anniversary label is not one
        1,
        (
            P(
                "VCard Test",
                "email@example.com",
                "TheCompany",
                "TheJobTitle",
                "1912-06-23",
                "1930-03-20",
            ),
        ),
    ),
    "ezvcard-issue114.vcf": Expected(
        1, (P("Dummy, Dummy", "dummy.dummy@dummy.com", "Dummy GmbH"),)
    ),
    "ezvcard-outlook-2003.vcf": Expected(
        1, (P("John Doe III", "jdoe@hotmail.com", "Company, The", "The Job Title", "1980-03-21"),)
    ),
    "ezvcard-outlook-2007.vcf": Expected(
        1,
        (
            P(
                "Mr. Michael Angstadt Jr.",
                "mike.angstadt@gmail.com",
                "TheCompany",
                "TheJobTitle",
                "1922-03-10",
                "2012-08-01",
            ),
        ),
    ),
    "ezvcard-rfc6350-example.vcf": Expected(
        1,
        (
            P(
                "Simon Perreault",
                "simon.perreault@viagenie.ca",
                "Viagenie",
                None,
                "--02-03",
                "2009-08-08",
            ),
        ),
    ),
    "ezvcard-thunderbird-MoreFunctionsForAddressBook-extension.vcf": Expected(
        1,
        (
            P(
                "John Doe",
                "doe.john@hotmail.com",
                "TheOrganization",
                "TheTitle",
                "1970-09-21",
                "1990-04-30",
            ),
        ),
    ),
    "ical4j-4b62872a-849-0.vcf": Expected(  # lower case, empty fn:, VERSION last
        1, (P("Franz M. Branntwein", "franz.m.branntwein@example.com"),)
    ),
    "ical4j-Simon_Perreault.vcf": Expected(  # WORK.ORG, WORK.EMAIL
        1,
        (P("Simon Perreault", "simon.perreault@viagenie.ca", "Viagenie", birthday="1983-02-03"),),
    ),
    "ical4j-vcard-antoni-cardpicture.vcf": Expected(
        1, (P("Antoni Mylka", "antoni@amservices.pl", "AM Services"),)
    ),
    "ical4j-vcard-antoni-kontact.vcf": Expected(  # X-messaging/gadu-All, VERSION last
        1,
        (
            P(
                "Antoni Mylka",
                "antoni.mylka.kde@somedomain.com",
                "Aperture Project",
                "Chief Information Officer",
                "1985-01-28",
                "2008-02-15",
            ),
        ),
    ),
    "ical4j-vcard-antoni-outlook2003.vcf": Expected(  # 8-bit QUOTED-PRINTABLE LABEL, no CHARSET
        1,
        (
            P(
                "Antoni Jozef Mylka jun.",
                "antoni_mylka@somedomain.com",
                "DFKI",
                "Intern",
                "1980-01-18",
            ),
        ),
    ),
    "ical4j-vcard-dirk-whitespaceafterbegin.vcf": Expected(1, (P("Dirk", "dirk@sap.com"),)),
    "ical4j-vcard-group.vcf": Expected(0, (), skipped=("card 1 (line 1): " + NO_NAME,)),
    "ical4j-vcard-vCards-SAP.vcf": Expected(  # Latin-1 bytes, no CHARSET
        30,
        (
            P("Gwendolina Brown", "Gwendolina.Brown@sap.com"),
            P("Karlsruhe Travel", "Frida.Tocken@karlsruhetravel.com", "Karlsruhe Travel"),
            P("Ingrid Spaßlund", "Ingrid.Spasslund@nikesport.com", "Nike"),
            P("Günther Blümchen", "Guenther.Bluemchen@oracle.com", "Oracle"),
            P("Margit Stern"),
            P("Diana Smith", "Diana.Smith@sap.com", "SAP"),
        ),
    ),
    "khard-altid.vcf": Expected(1, (P("altid"),)),
    "khard-korean-c.vcf": Expected(1, (P("최유림"),)),
    "khard-labels.vcf": Expected(1, (P("labeled guy", company="Test Inc"),)),
    "khard-org.vcf": Expected(1, (P("ACME Inc.", company="ACME Inc."),)),
    "khard-photov4.vcf": Expected(1, (P("with photo v4"),)),
    "khard-text-bday.vcf": Expected(
        1,
        (P("text birthday"),),
        notes=('card 1 (line 1): BDAY "circa 1800" is not a date; no Birthday',),
    ),
    "khard-unparsable.vcf": Expected(
        0, (), skipped=("card 1 (line 1): no END:VCARD at the end of the file",)
    ),
    "mxkilian-linkedin-to-vcard.vcf": Expected(  # N without FN
        1, (P("Raoul Ortado", None, "Capgemini", "Lead Business Analyst"),)
    ),
    "nextcloud-forrest-gump.vcf": Expected(
        1, (P("Forrest Gump", "forrestgump@example.com", "Bubba Gump Shrimp Co.", "Shrimp Man"),)
    ),
    "roundcube-apple.vcf": Expected(1, (P("Apple Computer AG", company="Apple Computer AG"),)),
    "roundcube-johndoe.vcf": Expected(  # CHARSET=windows-1252; the TYPE=pref email first
        1, (P("John Doë", "roundcube@gmail.com", "roundcube.net"),)
    ),
    # The Bat!: =F1 is ISO-8859-2 'ń', but nothing says so: read as Windows-1252 'ñ'.
    "roundcube-thebat.vcf": Expected(1, (P("Piotr Iksiñski", "piotr.iksinski@somedomain.com"),)),
    "roundcube-utf-16_sample.vcf": Expected(1, (P("Ǽgean ĽdaMonté"),)),  # no byte-order mark
    "sabre-apple-omit-year.vcf": Expected(1, (P("Forrest Gump", birthday="--04-07"),)),
    "sabre-google-colon-escaping.vcf": Expected(
        1, (P("Evert Pot", "evert@fruux.com", birthday="1985-04-07"),)
    ),
    "sabre-issue153.vcf": Expected(1, (P("Test Benutzer"),)),
    "sabre-issue64.vcf": Expected(0, (), skipped=("card 1 (line 1): " + NO_NAME,)),
    "thunderbird-becky-4e4d186e.vcf": Expected(
        2,
        (
            P("The first man", "first@host.invalid", "Organization"),
            P("The second man", "second@host.invalid", "Organization"),
        ),
    ),
    "thunderbird-export.vcf": Expected(
        2,
        (P("contact number one"), P("contact number two", role='"worker"')),
        notes=(
            'card 1 (line 1): "contact1@invalid" is not an email address; left out',
            'card 2 (line 8): "contact2@invalid" is not an email address; left out',
        ),
    ),
    "vobject-simple-3.0.vcf": Expected(
        1,
        (
            P(
                "Daffy Duck Knudson (with Bugs Bunny and Mr. Pluto)",
                None,
                "University of Novosibirsk",
            ),
        ),
        notes=('card 1 (line 1): BDAY "02-10" is not a date; no Birthday',),
    ),
    "vobject-vcard-with-groups.vcf": Expected(  # home.begin:vcard; `o:` is the organisation
        1,
        (P("Meister Berger", "mb@goerlitz.de", "Universitæt Görlitz", "Mayor", "1963-09-21"),),
    ),
}
NOT_VCARD = {"eds-7.vcf"}


def run_import(path: Path, folder: Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err):
        status = main(
            ["import", "vcard", str(path)],
            environ={"NETPLAN_DATA": str(folder), "NETPLAN_TODAY": TODAY},
            out=out,
        )
    return status, out.getvalue(), err.getvalue()


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def day(milestones: list, label: str) -> str | None:
    found = [m.date for m in milestones if m.label == label and m.yearly]
    assert len(found) <= 1, (label, found)
    if not found:
        return None
    return found[0].strftime("--%m-%d") if found[0].year == NO_YEAR else found[0].isoformat()


@needs_corpus
def test_every_corpus_file_has_its_expectations() -> None:
    assert {p.name for p in FILES} == set(EXPECTED) | NOT_VCARD, CORPUS


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
        assert f"\n  {line}\n" in out + "\n"
    notes = out.split("Imported without some values:\n")[1:]
    assert [n.removeprefix("  ") for n in "".join(notes).strip().splitlines()] == list(
        expected.notes
    )

    contacts = Store(folder).load().contacts.contacts if expected.people else []
    assert len(contacts) == expected.people
    by_name = {c.name: c for c in contacts}
    for person in expected.some:
        found = by_name[person.name]
        assert (
            found.email,
            found.company,
            found.role,
            day(found.milestones, "Birthday"),
            day(found.milestones, "Anniversary"),
        ) == (
            person.email,
            person.company,
            person.role,
            person.birthday,
            person.anniversary,
        ), person.name


@needs_corpus
@pytest.mark.parametrize("path", [p for p in FILES if p.name in EXPECTED], ids=lambda p: p.name)
def test_importing_again_changes_no_byte(path: Path, tmp_path: Path) -> None:
    folder = tmp_path / "store"
    assert run_import(path, folder)[0] == 0
    before = snapshot(folder)
    status, out, _ = run_import(path, folder)
    assert status == 0
    people = EXPECTED[path.name].people
    assert f"0 added, 0 updated, {len(EXPECTED[path.name].skipped)} skipped" in out
    assert f"{people} unchanged" in out
    assert snapshot(folder) == before


@needs_corpus
def test_text_keeps_its_commas_and_encodings(tmp_path: Path) -> None:
    def contact(file: str, name: str | None = None):
        folder = tmp_path / file
        assert run_import(CORPUS / "vcard" / file, folder)[0] == 0
        contacts = Store(folder).load().contacts.contacts
        return next(c for c in contacts if name is None or c.name == name)

    outlook = contact("ezvcard-John_Doe_MS_OUTLOOK.vcf")  # 2.1: a NOTE full of bare commas
    assert "WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED" in outlook.notes
    assert outlook.notes.endswith("EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.")
    linkedin = contact("mxkilian-linkedin-to-vcard.vcf")
    assert linkedin.notes == "Imported from LinkedIn, Connected on: 06-11-21"
    thunderbird = contact("thunderbird-export.vcf", "contact number two")  # lower-case QP
    assert thunderbird.notes == "here's some unicode text…"
    categories = contact("ezvcard-thunderbird-MoreFunctionsForAddressBook-extension.vcf")
    assert categories.tags == ["category1", "category2", "category3"]
    outlook_2007 = contact("ezvcard-outlook-2007.vcf")  # the same URL as HOME and WORK
    assert outlook_2007.handles == {"web": "http://mikeangstadt.name"}
    google = contact("sabre-google-colon-escaping.vcf")  # Google's escaped colon
    assert google.handles == {"web": "http://www.rooftopsolutions.nl/"}


@needs_corpus
@pytest.mark.parametrize("existing", [False, True], ids=["no-store", "a-store"])
def test_a_file_without_begin_is_not_a_vcard_and_changes_nothing(
    tmp_path: Path, existing: bool
) -> None:
    path = CORPUS / "vcard" / "eds-7.vcf"
    folder = tmp_path / "store"
    if existing:
        assert run_import(CORPUS / "vcard" / "eds-1.vcf", folder)[0] == 0
    before = snapshot(folder) if existing else None
    status, out, err = run_import(path, folder)
    assert status == 1
    assert out == "" and "Traceback" not in err
    assert str(path) in err and "is not a vCard file: no BEGIN:VCARD line" in err
    if existing:
        assert snapshot(folder) == before
    else:
        assert not folder.exists()
