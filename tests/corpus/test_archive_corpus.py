"""The archive reader on the real, trimmed LinkedIn exports of the corpus
(../shared/real-corpus/linkedin-archive; origins in its MANIFEST.md).

The counts were read off the files by hand: records per file (MANIFEST.md's "rows kept", a
multi-line record counted once), which message rows are drafts, sponsored or campaign rows,
which events are APPROVED, and how endorsement rows group per person and day. The files are
read where they are, never copied into the repository.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime

import pytest
from corpus_helpers import CORPUS, corpus_folders, needs_corpus

from netplan.importers.archive import read_archive

ROOT = CORPUS / "linkedin-archive"
pytestmark = needs_corpus

# folder -> (owner name, owner key, items per kind, messages kept, given per kind)
EXPECTED = {
    "2018-11-complete-abhishek": (
        "Abhishek Mathur",
        None,
        {"share": 5, "invitation": 4},
        7,  # 10 rows, 3 from "Angela from" (LinkedIn Premium)
        {},
    ),
    "2021-06-femi10": (
        "Femi O SPHRi, CPHR",
        "femi-o-sphri-cphr-57191289",
        {"comment": 16, "reaction": 10, "share": 4},
        10,
        {},
    ),
    "2022-09-complete-sajiah": (
        "Sajiah Naqib",
        "sajiah-naqib-5275a513a",
        {"invitation": 10, "endorsement-received": 3},
        9,  # the InMail campaign from a sender without a profile URL is left out
        {},
    ),
    "2023-07-basic-mohamedeways": (
        "Muhammed Ewies",
        "muhammed-ewies-535408150",
        {"invitation": 10, "event": 3, "endorsement-received": 1},
        5,  # the 5 rows of the Sponsored Conversation are left out
        {"endorsement": 9},
    ),
    "2024-03-apk0703": (None, None, {"comment": 14}, 0, {}),
    "2024-12-feynman10": (
        "Sarhang Said",
        "sarhangsaid",
        {"event": 7, "article": 1},
        11,  # 14 rows: 2 drafts and 1 sponsored left out
        {"endorsement": 9, "recommendation": 3},
    ),
    "2025-07-sanand0": (None, None, {"comment": 15, "share": 2}, 0, {}),
    "2025-08-complete-mgjslearn": (
        "Mahathi Gumudavelli",
        "mahathi-gumudavelli",
        {
            "reaction": 10,
            "invitation": 10,
            "comment": 5,
            "share": 3,
            "event": 1,
            "endorsement-received": 1,
            "recommendation-received": 1,
        },
        10,  # 11 rows, 1 sponsored
        {},
    ),
    "2026-03-unigalactix": (
        "Rajesh Kodaganti",
        "rajesh-kodaganti-323118215",
        {"invitation": 10, "event": 4},  # 6 APPROVED rows, 2 of them repeats (same start, name)
        12,  # 13 rows, the InMail from "Angela Xu, PhD" (no profile URL) left out
        {"endorsement": 1},
    ),
}


def _read(folder: str):
    return read_archive([ROOT / folder])


def test_every_sample_folder_is_expected():
    assert {p.name for p in corpus_folders("linkedin-archive")} == set(EXPECTED)


@pytest.mark.parametrize("folder", sorted(EXPECTED))
def test_sample_folder_reads_with_the_counts_seen_in_its_files(folder):
    name, key, items, messages, given = EXPECTED[folder]
    archive = _read(folder)
    if name is None:
        assert archive.owner is None
    else:
        assert (archive.owner.name, archive.owner.url_key) == (name, key)
    assert Counter(i.kind for i in archive.items) == items
    assert len(archive.messages) == messages
    assert Counter(g.kind for g in archive.given) == given
    assert all(r.layout is None for r in archive.files), [r for r in archive.files if r.layout]
    assert all(not r.skipped for r in archive.files), [r for r in archive.files if r.skipped]
    assert len({(i.kind, i.key) for i in archive.items}) == len(archive.items)
    assert [m.at for m in archive.messages] == sorted(m.at for m in archive.messages)


def test_coach_and_other_files_are_listed_as_ignored():
    files = {r.file: r.used for r in _read("2024-12-feynman10").files}
    assert files["coach_messages.csv"] is False
    assert files["learning_coach_messages.csv"] is False
    assert files["Rich_Media.csv"] is False
    assert files["messages.csv"] is True
    files = {r.file: r.used for r in _read("2025-08-complete-mgjslearn").files}
    assert files["LearningCoachMessages.csv"] is False
    assert files["guide_messages.csv"] is False


def test_2021_comments_unquoted_multiline_records_stay_whole():
    comments = {i.where: i for i in _read("2021-06-femi10").items if i.kind == "comment"}
    # line 21 is an unquoted comment whose second physical line (22) is not a record
    assert comments["Comments.csv line 21"].on == date(2021, 4, 5)
    assert comments["Comments.csv line 21"].text == "xxx xxx xxx xxxx xx xxxx xxxxxx. xxx"
    assert "Comments.csv line 22" not in comments
    # line 9 is a quoted comment running over lines 9-14 (blank lines inside)
    assert comments["Comments.csv line 9"].text == "xxxx xxxx xxxx xxxx xx xxx xxxxxxxxx."
    assert "Comments.csv line 15" in comments


def test_2024_comments_multiline_replies_are_one_record_each():
    comments = [i for i in _read("2024-03-apk0703").items if i.kind == "comment"]
    assert len(comments) == 14
    assert {c.on for c in comments} >= {date(2023, 11, 10), date(2024, 3, 17)}


def test_2025_comments_backslash_quotes_are_undone():
    comments = {i.where: i for i in _read("2025-07-sanand0").items if i.kind == "comment"}
    assert comments["Comments.csv line 21"].text.startswith('"... xx xxx xxx xxxxxx xxxx xxxxx')
    assert '\\"' not in "".join(c.text for c in comments.values())
    assert all(c.url.startswith("https://www.linkedin.com/feed/update/") for c in comments.values())


def test_shares_lose_the_quote_artefact_and_2018_utf16_shares_read():
    shares = [i for i in _read("2025-07-sanand0").items if i.kind == "share"]
    texts = {s.where: s.text for s in shares}
    assert texts["Shares.csv line 2"] == "x'x xxx xxx x 00-xxx xxxxxxxxx xxxxxxxxxx xxxxxxx."
    legacy = sorted(i.on for i in _read("2018-11-complete-abhishek").items if i.kind == "share")
    assert legacy[0] == date(2015, 10, 4) and legacy[-1] == date(2017, 6, 8)


def test_reactions_on_comments_are_kept_as_rows():
    reactions = [i for i in _read("2021-06-femi10").items if i.kind == "reaction"]
    assert sum("commentUrn" in r.key for r in reactions) == 2
    assert len(reactions) == 10


def test_legacy_utf16_endorsements_deduplicate_against_the_utf8_file():
    archive = _read("2022-09-complete-sajiah")
    received = sorted(
        (i.person.name, i.on, i.text) for i in archive.items if i.kind == "endorsement-received"
    )
    assert received == [
        ("Naheed Rihan", date(2018, 5, 7), received[0][2]),
        ("Nor Faiz Fikrie", date(2020, 5, 14), "HTML5, JavaScript"),
        ("Nor Faiz Fikrie", date(2020, 6, 9), "css3"),
    ]
    assert received[0][2].startswith("Microsoft PowerPoint, Microsoft Excel")
    assert len([i for i in archive.items if i.kind == "endorsement-received"]) == 3
    assert any(r.file == "Endorsement Received Info.csv" and r.used for r in archive.files)


def test_2026_all_quoted_messages_with_multiline_bodies():
    archive = _read("2026-03-unigalactix")
    assert len(archive.messages) == 12
    by_line = {m.where: m for m in archive.messages}
    # record 9 (line 10) has a body over three lines; the next record starts on line 13
    assert by_line["messages.csv line 10"].at == datetime(2026, 2, 25, 22, 36, 55)
    assert "messages.csv line 13" in by_line
    assert not any(p.name.startswith("Angela Xu") for m in archive.messages for p in m.others)
    sent = [m for m in archive.messages if m.from_me]
    assert sent and all(m.others for m in sent)


def test_drafts_sponsored_and_group_messages_2024():
    archive = _read("2024-12-feynman10")
    names = {p.name for m in archive.messages for p in m.others}
    assert "Ümit Tekcan" not in names and "Ken Stephens" not in names  # drafts
    assert "LinkedIn Member" not in names
    group = next(m for m in archive.messages if m.title == "Sweden SotG")
    assert [p.url_key for p in group.others] == [
        "sotg-founder",
        "walidtimimi",
        "lukas-johansson-8a3b7811",
        "hussein-alwaday",
    ]
    assert group.others[1].name == "Walid Timimi, FICS (UK), MSc (SE), 3rd Dan KWF (JP)."


def test_articles_published_only():
    article = next(i for i in _read("2024-12-feynman10").items if i.kind == "article")
    assert article.url.startswith("https://www.linkedin.com/pulse/")
    assert article.on.year >= 2022 and article.text
    assert not [i for i in _read("2026-03-unigalactix").items if i.kind == "article"]  # draft
    assert not [i for i in _read("2018-11-complete-abhishek").items if i.kind == "article"]


def test_invitation_urns_give_no_profile_key():
    invitations = [i for i in _read("2023-07-basic-mohamedeways").items if i.kind == "invitation"]
    assert all(i.person.url_key is None and i.url is None for i in invitations)
    assert invitations[0].on.year == 2023


def test_all_samples_read_together_without_duplicates():
    folders = [ROOT / name for name in sorted(EXPECTED)]
    together = read_archive(folders + folders[:3])
    assert len({(i.kind, i.key) for i in together.items}) == len(together.items)
    single = sum(len(read_archive([f]).items) for f in folders)
    assert len(together.items) == single
