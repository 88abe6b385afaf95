"""The LinkedIn archive reader (netplan.importers.archive) on the hand-made fixture archive
(tests/fixtures/linkedin-archive, invented names) and on small files and zips built in tmp."""

from __future__ import annotations

import csv
import tracemalloc
import unicodedata
import zipfile
from collections import Counter
from datetime import date, datetime
from pathlib import Path

import pytest

from netplan.importers import ImportFailed
from netplan.importers.archive import kind_of, read_archive, url_key
from netplan.importers.archive.dates import parse_event_start, parse_stamp, parse_us, parse_when
from netplan.importers.archive.engagement import undo_share_quotes
from netplan.importers.archive.messages import split_recipients
from netplan.importers.archive.model import person

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "linkedin-archive"
# The pieces of activity the fixture holds, by kind (its connections come apart).
FIXTURE_KINDS = {
    "comment": 2,
    "reaction": 3,
    "share": 2,
    "article": 1,
    "invitation": 2,
    "event": 2,
    "endorsement-received": 2,
    "recommendation-received": 1,
}
BASIC = (
    "Connections.csv",
    "messages.csv",
    "Invitations.csv",
    "Events.csv",
    "Endorsement_Given_Info.csv",
    "Endorsement_Received_Info.csv",
    "Profile.csv",
    "Company Follows.csv",
    "guide_messages.csv",
)
REACTIONS_HEADER = "Date,Type,Link\n"
IN = "https://www.linkedin.com/in/"
LINK = "https://www.linkedin.com/feed/update/urn%3Ali%3Aactivity%3A"


def _kinds(archive) -> Counter:
    return Counter(item.kind for item in archive.items)


def _zip(path: Path, names, extra: dict[str, bytes] | None = None) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in names:
            archive.write(FIXTURE / name, name)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return path


def _folder(tmp_path: Path, files: dict[str, bytes]) -> Path:
    folder = tmp_path / "export"
    for name, data in files.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return folder


# --- the fixture folder ----------------------------------------------------------------


def test_fixture_folder_gives_every_kind_of_record():
    archive = read_archive([FIXTURE])
    assert archive.sources == [str(FIXTURE)]
    assert archive.owner is not None
    assert (archive.owner.name, archive.owner.url_key) == ("Olive Owner", "olive-owner-42")
    assert [r.name for r in archive.connections.records] == [
        "Alba Xample",
        "Bruno Božić",
        "Cara Testperson",
    ]
    assert archive.connections.records[1].handles["linkedin"].endswith("bo%C5%BEi%C4%87")
    assert _kinds(archive) == FIXTURE_KINDS
    assert Counter(g.kind for g in archive.given) == {"endorsement": 2, "recommendation": 1}
    assert len(archive.messages) == 4


def test_fixture_file_reports_list_used_and_ignored_files():
    archive = read_archive([FIXTURE])
    reports = {r.file: r for r in archive.files}
    assert not reports["Company Follows.csv"].used
    assert not reports["guide_messages.csv"].used
    assert reports["Connections.csv"].used and reports["Connections.csv"].read == 3
    assert [p.where for p in reports["Connections.csv"].skipped] == ["line 8"]
    assert reports["Reactions.csv"].read == 3
    assert all(r.layout is None for r in archive.files)
    assert all(r.archive == str(FIXTURE) for r in archive.files)


def test_messages_drop_drafts_sponsored_rows_and_keep_no_body():
    archive = read_archive([FIXTURE])
    got = [(m.conversation, m.at, m.from_me) for m in archive.messages]
    assert got == [
        ("2-R1JPVQ==_100", datetime(2026, 1, 5, 18, 30), False),
        ("2-QkJCQg==_100", datetime(2026, 2, 10, 8, 0), False),
        ("2-QUFBQQ==_100", datetime(2026, 3, 1, 9, 0), True),
        ("2-QUFBQQ==_100", datetime(2026, 3, 2, 10, 0), False),  # the quoted multi-line body
    ]
    group = archive.messages[0]
    assert [(p.name, p.url_key) for p in group.others] == [
        ("Cara Testperson", "cara-testperson-123"),
        ("Dan Dummy, PhD", "dan-dummy"),
    ]
    assert group.title == "Meetup crew"
    assert archive.messages[1].others[0].url_key == "bruno-božić"
    assert archive.messages[3].where == "messages.csv line 2"
    assert not hasattr(archive.messages[0], "content")
    assert any("2 sponsored" in n and "1 drafts" in n for n in archive.notes)


def test_items_carry_clean_text_urls_and_people():
    archive = read_archive([FIXTURE])
    by_kind = {}
    for item in archive.items:
        by_kind.setdefault(item.kind, []).append(item)
    comment = next(i for i in by_kind["comment"] if i.on == date(2026, 3, 5))
    assert comment.text == 'Great point, "Alba"!'
    assert comment.where == "Comments.csv line 2"
    share = by_kind["share"][0]
    assert share.text == "First paragraph of my post."
    assert share.url.endswith("share%3A7000000000000000007")
    article = by_kind["article"][0]
    assert (article.on, article.text) == (date(2026, 2, 2), "Why small meetups matter")
    assert article.url == "https://www.linkedin.com/pulse/why-small-meetups-matter-ab12c"
    events = {(e.on, e.text, e.url) for e in by_kind["event"]}
    assert events == {
        (date(2026, 3, 10), "Python Meetup, Spring Edition", "https://example.com/meetup"),
        (date(2026, 4, 2), "Cloud Summit", None),
    }
    invitations = sorted(i.person.name for i in by_kind["invitation"])
    assert invitations == ["Alba Xample", "Evan Example"]  # OUTGOING only, name trimmed
    received = {(i.person.name, i.on, i.text) for i in by_kind["endorsement-received"]}
    assert received == {
        ("Bruno Božić", date(2026, 1, 20), "Python, SQL"),
        ("Dan Dummy, PhD", date(2024, 5, 1), "Mentoring"),
    }
    recommendation = by_kind["recommendation-received"][0]
    assert recommendation.person.name == "Cara Testperson"
    assert recommendation.on == date(2025, 12, 24)
    reaction = next(i for i in by_kind["reaction"] if i.text == "EMPATHY")
    assert reaction.on == date(2025, 12, 31)  # the UTC day
    assert "commentUrn" in reaction.key and reaction.key.startswith("2025-12-31T23:59:59|EMPATHY|")


def test_given_endorsements_are_grouped_per_person_and_day():
    archive = read_archive([FIXTURE])
    endorsements = {(g.person.name, g.on): g for g in archive.given if g.kind == "endorsement"}
    assert endorsements[("Alba Xample", date(2026, 2, 14))].text == "Python, Public Speaking"
    assert endorsements[("Alba Xample", date(2026, 2, 14))].person.url_key == "alba-xample"
    assert endorsements[("Cara Testperson", date(2025, 11, 2))].text == "Leadership"
    recommendation = next(g for g in archive.given if g.kind == "recommendation")
    assert recommendation.company == "Acme Corp"
    assert recommendation.text == "Alba is a careful, kind engineer."
    assert recommendation.on == date(2026, 2, 15)


def test_since_keeps_later_activity_and_every_connection():
    archive = read_archive([FIXTURE], since=date(2026, 3, 1))
    assert len(archive.connections.records) == 3
    assert all(i.on >= date(2026, 3, 1) for i in archive.items)
    assert _kinds(archive) == {"comment": 2, "reaction": 2, "event": 2}
    assert [m.at.date() for m in archive.messages] == [date(2026, 3, 1), date(2026, 3, 2)]
    assert archive.given == []


# --- inputs: single files, zips, folders -----------------------------------------------


def test_single_csv_is_told_apart_by_its_name(tmp_path):
    reactions = tmp_path / "Reactions.csv"
    reactions.write_bytes((FIXTURE / "Reactions.csv").read_bytes())
    archive = read_archive([reactions])
    assert _kinds(archive) == {"reaction": 3}
    assert archive.connections is None
    other = tmp_path / "my-network.csv"  # any other name: a Connections.csv
    other.write_bytes((FIXTURE / "Connections.csv").read_bytes())
    assert len(read_archive([other]).connections.records) == 3


def test_single_csv_that_is_not_linkedin_fails_naming_it(tmp_path):
    path = tmp_path / "contacts.csv"
    path.write_text("Name,Phone\nAnn,123\n")
    with pytest.raises(ImportFailed, match=r"contacts\.csv"):
        read_archive([path])


def test_basic_and_complete_zips_together_give_no_duplicates(tmp_path):
    every = [p.relative_to(FIXTURE).as_posix() for p in FIXTURE.rglob("*") if p.is_file()]
    basic = _zip(tmp_path / "Basic_LinkedInDataExport_03-07-2026.zip", BASIC)
    complete = _zip(tmp_path / "Complete_LinkedInDataExport_03-08-2026.zip", every)
    both = read_archive([basic, complete])
    alone = read_archive([FIXTURE])
    assert len(both.connections.records) == 3
    assert sorted((i.kind, i.key) for i in both.items) == sorted(
        (i.kind, i.key) for i in alone.items
    )
    assert both.messages == alone.messages
    assert len(both.given) == len(alone.given)
    assert {r.archive for r in both.files} == {str(basic), str(complete)}
    assert len(both.files) == len(BASIC) + len(every)


def test_zip_entries_at_any_depth_with_numbered_names(tmp_path):
    data = (FIXTURE / "Reactions.csv").read_bytes()
    path = _zip(tmp_path / "export.zip", [], {"Part 2/Reactions_123456789.csv": data})
    archive = read_archive([path])
    assert _kinds(archive) == {"reaction": 3}
    assert archive.items[0].file == "Reactions_123456789.csv"


def test_corrupt_zip_fails_naming_it(tmp_path):
    good = _zip(tmp_path / "good.zip", ["Connections.csv"])
    broken = tmp_path / "Complete_LinkedInDataExport_broken.zip"
    broken.write_bytes(good.read_bytes()[:40])
    with pytest.raises(ImportFailed, match=r"Complete_LinkedInDataExport_broken\.zip"):
        read_archive([broken])


def test_zip_member_with_a_bad_crc_is_skipped_with_a_reason(tmp_path):
    path = _zip(tmp_path / "export.zip", ["Connections.csv"], {"Reactions.csv": b"x" * 5000})
    data = bytearray(path.read_bytes())
    offset = data.find(b"Reactions.csv") + len("Reactions.csv")
    data[offset + 10] ^= 0xFF  # damage the deflated bytes of the second entry
    path.write_bytes(bytes(data))
    archive = read_archive([path])
    report = next(r for r in archive.files if r.file == "Reactions.csv")
    assert report.skipped and "cannot be read" in report.skipped[0].reason
    assert len(archive.connections.records) == 3


def test_zip_bomb_is_refused_with_bounded_memory(tmp_path):
    bomb = tmp_path / "bomb.zip"
    block = b"\0" * (1 << 20)
    with (
        zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive,
        archive.open("messages.csv", "w") as handle,
    ):
        for _ in range(200):  # 200 MiB of zeros, about 200 KB compressed
            handle.write(block)
    tracemalloc.start()
    try:
        with pytest.raises(ImportFailed, match="zip bomb"):
            read_archive([bomb])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 64 * (1 << 20)  # the cap is 100× the zip's size, about 20 MiB here


def test_zip_bomb_beside_good_files_skips_only_the_bomb(tmp_path):
    path = tmp_path / "export.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(FIXTURE / "Connections.csv", "Connections.csv")
        archive.writestr("Reactions.csv", REACTIONS_HEADER.encode() + b" " * (50 << 20))
    archive = read_archive([path])
    assert len(archive.connections.records) == 3
    report = next(r for r in archive.files if r.file == "Reactions.csv")
    assert not report.used and "zip bomb" in report.skipped[0].reason


def test_entries_climbing_out_of_the_zip_are_refused(tmp_path):
    data = (FIXTURE / "Reactions.csv").read_bytes()
    evil = _zip(tmp_path / "evil.zip", [], {"../evil.csv": data, "/etc/Reactions.csv": data})
    with pytest.raises(ImportFailed, match="leads out of the archive"):
        read_archive([evil])
    mixed = _zip(tmp_path / "mixed.zip", ["Connections.csv"], {"../Reactions.csv": data})
    archive = read_archive([mixed])
    report = next(r for r in archive.files if r.file == "../Reactions.csv")
    assert not report.used and "leads out" in report.skipped[0].reason
    assert archive.items == []


def test_zip_without_a_linkedin_file_fails(tmp_path):
    path = tmp_path / "photos.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("holiday.jpg", b"\xff\xd8\xff")
        archive.writestr("Company Follows.csv", "Organization,Followed On\n")
    with pytest.raises(ImportFailed, match=r"photos\.zip.*no file netplan reads"):
        read_archive([path])


def test_missing_path_fails_naming_it(tmp_path):
    with pytest.raises(ImportFailed, match="nowhere"):
        read_archive([tmp_path / "nowhere"])


# --- decoding and CSV quirks -----------------------------------------------------------


def test_bom_and_crlf_are_read(tmp_path):
    text = (
        REACTIONS_HEADER + f"2026-01-02 03:04:05,LIKE,{LINK}1\n2026-01-03 03:04:05,LIKE,{LINK}2\n"
    )
    folder = _folder(
        tmp_path, {"Reactions.csv": b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode()}
    )
    archive = read_archive([folder])
    assert [i.on for i in archive.items] == [date(2026, 1, 2), date(2026, 1, 3)]
    assert archive.items[1].url == f"{LINK}2"  # no \r left
    assert archive.items[1].where == "Reactions.csv line 3"


def test_non_utf8_bytes_are_read_as_windows_1252_and_noted(tmp_path):
    body = f"Date,Link,Message\n2026-01-02 03:04:05,{LINK}1,Caf\xe9 \u201cok\u201d\n".encode(
        "cp1252"
    )
    archive = read_archive([_folder(tmp_path, {"Comments.csv": body})])
    assert archive.items[0].text == "Café “ok”"
    assert any("Comments.csv" in n and "Windows-1252" in n for n in archive.notes)


def test_utf16_legacy_endorsements_are_deduplicated_against_the_utf8_file(tmp_path):
    utf8 = (
        "Endorsement Date,Skill Name,Endorser First Name,Endorser Last Name,Endorsement Status\n"
        "2020/05/14 01:14:39 UTC,HTML5,Nor,Example,ACCEPTED\n"
        "2020/05/14 01:14:39 UTC,JavaScript,Nor,Example,ACCEPTED\n"
    )
    legacy = (
        '"Endorsement Date"\t"Skill Name"\t"Endorser First Name"\t"Endorser Last Name"\t'
        '"Endorsement Status"\t"Display Status"\n'
        '"2022/07/27 01:50:25 UTC"\t"JavaScript"\t"Arif"\t"M."\t"Redacted"\t""\n'
        '"2020/05/14 01:14:39 UTC"\t"HTML5"\t"Nor"\t"Example"\t"Accepted"\t"Show"\n'
    )
    folder = _folder(
        tmp_path,
        {
            "Endorsement_Received_Info.csv": utf8.encode(),
            "Endorsement Received Info.csv": b"\xff\xfe" + legacy.encode("utf-16-le"),
        },
    )
    archive = read_archive([folder])
    assert [(i.person.name, i.on, i.text) for i in archive.items] == [
        ("Nor Example", date(2020, 5, 14), "HTML5, JavaScript")
    ]


def test_unknown_header_sets_the_layout_and_reads_nothing(tmp_path):
    folder = _folder(
        tmp_path,
        {
            "Reactions.csv": b"When,What\n2026-01-02,LIKE\n",
            "Connections.csv": (FIXTURE / "Connections.csv").read_bytes(),
        },
    )
    archive = read_archive([folder])
    report = next(r for r in archive.files if r.file == "Reactions.csv")
    assert report.layout == "no Date/Link columns; header: When,What"
    assert report.read == 0 and archive.items == []
    with pytest.raises(ImportFailed, match="no Date/Link columns"):
        read_archive([_folder(tmp_path / "b", {"Reactions.csv": b"When,What\n"})])


def test_header_names_are_matched_by_name_not_position(tmp_path):
    text = f' "link" ,TYPE,date\n{LINK}1,LIKE,2026-01-02 03:04:05\n'
    archive = read_archive([_folder(tmp_path, {"Reactions.csv": text.encode()})])
    assert [(i.on, i.text, i.url) for i in archive.items] == [
        (date(2026, 1, 2), "LIKE", f"{LINK}1")
    ]


def test_comments_of_the_unquoted_multiline_era(tmp_path):
    text = (
        "Date,Link,Message\r\n"
        f"2021-04-05 21:22:41,{LINK}1,first line of a comment\r\n"
        "its second line, unquoted\r\n"
        "\r\n"
        f'2021-04-04 10:00:00,{LINK}2,"quoted, with a ""quote""\n'
        'and a second line"\r\n'
        f"2021-04-03 10:00:00,{LINK}3,short\r\n"
        "\r\n"
    )
    archive = read_archive([_folder(tmp_path, {"Comments.csv": text.encode()})])
    got = [(i.where, i.text) for i in archive.items]
    assert sorted(got) == [
        ("Comments.csv line 2", "first line of a comment"),
        ("Comments.csv line 5", 'quoted, with a "quote"'),
        ("Comments.csv line 7", "short"),
    ]


def test_comments_of_the_backslash_quote_era(tmp_path):
    text = (
        "Date,Link,Message\n"
        f'2026-04-06 15:43:56,{LINK}1,"a \\"quoted\\" word, and more\n\nsecond paragraph"\n'
        f'2026-04-05 15:43:56,{LINK}2,"\\"starts with a quote\\" then text"\n'
    )
    archive = read_archive([_folder(tmp_path, {"Comments.csv": text.encode()})])
    assert sorted(i.text for i in archive.items) == [
        '"starts with a quote" then text',
        'a "quoted" word, and more',
    ]


def test_share_quote_artefact_is_undone():
    assert undo_share_quotes('line1"\n""\n"line2"\n"line3') == "line1\n\nline2\nline3"
    assert undo_share_quotes("one line") == "one line"


def test_2018_messages_are_keyed_by_other_party_and_subject(tmp_path):
    text = (
        "From,To,Date,Subject,Content,Direction,Folder\n"
        'Ann Example,Olive Owner,"6/19/18, 5:54 AM",RE: Roles in Dubai,xx,INCOMING,INBOX\n'
        'Ann Example,Olive Owner,"6/19/18, 1:53 AM",Roles in Dubai,xx,INCOMING,INBOX\n'
        'Olive Owner,Ann Example,"6/20/18, 12:38 PM",,yes,OUTGOING,SENT\n'
        'Angela from,Olive Owner,"8/13/18, 3:25 AM",Try Premium,xx,INCOMING,INBOX\n'
    )
    archive = read_archive([_folder(tmp_path, {"Messages.csv": text.encode()})])
    assert archive.owner.name == "Olive Owner"
    got = [(m.conversation, m.at, m.from_me) for m in archive.messages]
    assert got == [
        ("ann example|roles in dubai", datetime(2018, 6, 19, 1, 53), False),
        ("ann example|roles in dubai", datetime(2018, 6, 19, 5, 54), False),
        ("ann example|", datetime(2018, 6, 20, 12, 38), True),
    ]


def test_owner_is_found_from_messages_alone(tmp_path):
    owner = "https://www.linkedin.com/in/olive-owner-42"
    rows = [
        "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,"
        "DATE,SUBJECT,CONTENT,FOLDER"
    ]
    for n, name in enumerate(["Ann A", "Ben B", "Cy C"]):
        other = f"https://www.linkedin.com/in/other-{n}"
        rows.append(
            f"c{n},,{name},{other},Olive Owner,{owner},2026-01-0{n + 1} 10:00:00 UTC,,hi,INBOX"
        )
        rows.append(
            f"c{n},,Olive Owner,{owner},{name},{other},2026-01-0{n + 1} 11:00:00 UTC,,yo,INBOX"
        )
    archive = read_archive([_folder(tmp_path, {"messages.csv": "\n".join(rows).encode()})])
    assert archive.owner == person("Olive Owner", owner)
    assert [m.from_me for m in archive.messages] == [False, True] * 3
    assert {p.name for m in archive.messages for p in m.others} == {"Ann A", "Ben B", "Cy C"}


def test_nine_column_messages_recipient_url_taken_from_their_own_rows(tmp_path):
    rows = [
        "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT,FOLDER",
        f'c1,,Ann Example,{IN}ann,"Olive O, PhD",2021-06-15 16:37:00 UTC,,x,INBOX',
        f'c1,,"Olive O, PhD",{IN}olive,Ann Example,2021-06-15 15:45:19 UTC,,x,INBOX',
        f'c2,,Ben B,{IN}ben,"Olive O, PhD",2021-06-14 10:00:00 UTC,,x,INBOX',
    ]
    archive = read_archive([_folder(tmp_path, {"messages.csv": "\n".join(rows).encode()})])
    assert archive.owner == person("Olive O, PhD", "https://www.linkedin.com/in/olive")
    sent = next(m for m in archive.messages if m.from_me)
    assert sent.others == (person("Ann Example", "https://www.linkedin.com/in/ann"),)


# --- pieces ----------------------------------------------------------------------------


def test_url_key_normalises_profile_urls():
    decomposed = unicodedata.normalize("NFD", "https://www.linkedin.com/in/bruno-božić")
    assert url_key("https://www.linkedin.com/in/Bruno-Bo%C5%BEi%C4%87/?trk=x#top") == "bruno-božić"
    assert url_key(decomposed) == "bruno-božić"
    assert url_key("www.linkedin.com/in/abozaid-ibrahim") == "abozaid-ibrahim"
    assert url_key("urn:li:member:610150649") is None
    assert url_key("") is None and url_key(None) is None


def test_file_matching_by_stem():
    assert kind_of("Endorsement Received Info.csv") == "endorsements-received"
    assert kind_of("x/y/endorsement_received_info.csv") == "endorsements-received"
    assert kind_of("Shares_123456789.csv") == "shares"
    assert kind_of("Messages.csv") == "messages"
    assert kind_of("Articles/Articles/some-slug.html") == "article"
    for ignored in (
        "guide_messages.csv",
        "learning_coach_messages.csv",
        "coach_messages.csv",
        "LearningCoachMessages.csv",
        "learning_role_play_messages.csv",
        "Company Follows.csv",
        "Votes.csv",
        "notes.html",
        "Connections.txt",
    ):
        assert kind_of(ignored) is None, ignored


def test_split_recipients_by_url_count():
    got = split_recipients(
        "Walid T, FICS (UK), MSc (SE).,Lukas J,Sam Said",
        "https://www.linkedin.com/in/w,https://www.linkedin.com/in/l,https://www.linkedin.com/in/s",
        person,
    )
    assert [p.name for p in got] == ["Walid T, FICS (UK), MSc (SE).", "Lukas J", "Sam Said"]
    assert [p.name for p in split_recipients("Femi O, CPHR", "", person)] == ["Femi O, CPHR"]


def test_date_formats():
    assert parse_stamp("2024-06-18 11:59:53 UTC") == datetime(2024, 6, 18, 11, 59, 53)
    assert parse_stamp("2019-11-06T02:08:20") == datetime(2019, 11, 6, 2, 8, 20)
    assert parse_stamp("2017/06/08 08:15:44 UTC") == datetime(2017, 6, 8, 8, 15, 44)
    assert parse_us("10/16/18, 8:36 AM") == datetime(2018, 10, 16, 8, 36)
    assert parse_us("12/24/23, 12:28 AM") == datetime(2023, 12, 24, 0, 28)
    assert parse_us("04/15/24, 09:25 PM") == datetime(2024, 4, 15, 21, 25)
    assert parse_us("11/26/24 01:32 PM UTC") == datetime(2024, 11, 26, 13, 32)
    start = parse_event_start("Sep 11, 2021 12:00 PM - Sep 13, 2021 12:00 AM")
    assert start == datetime(2021, 9, 11, 12, 0)
    assert parse_when("Tue Jun 20 12:25:51 UTC 2023") == datetime(2023, 6, 20, 12, 25, 51)
    assert parse_when("yesterday") is None
    assert parse_stamp("2024-02-30 10:00:00") is None


def test_a_message_body_over_the_csv_modules_default_limit_is_read(tmp_path):
    header = "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,CONTENT,FOLDER"
    body = "x" * 300_000
    text = (
        f'{header}\nc1,,Ann Example,{IN}ann,Olive Owner,2026-01-02 10:00:00 UTC,"{body}",INBOX\n'
        f"c1,,Olive Owner,{IN}olive,Ann Example,2026-01-02 11:00:00 UTC,ok,INBOX\n"
    )
    before = csv.field_size_limit()
    profile = b"First Name,Last Name\nOlive,Owner\n"
    files = {"messages.csv": text.encode(), "Profile.csv": profile}
    archive = read_archive([_folder(tmp_path, files)])
    assert archive.owner == person("Olive Owner", f"{IN}olive")
    assert [m.from_me for m in archive.messages] == [False, True]
    assert csv.field_size_limit() == before  # the module's setting is left as it was
