"""Likely duplicates (each reason, accents, groups at scale), the merge rule, and the merge
edit with its undo."""

from __future__ import annotations

import random
from datetime import date

import pytest
from factories import book, contact, interaction, journal, plan

from netplan.domain.duplicates import (
    SAME_EMAIL,
    SAME_LINKEDIN,
    SAME_NAME,
    SAME_NAME_AND_COMPANY,
    duplicates_of,
    find_duplicates,
)
from netplan.domain.matching import fold_name, linkedin_key
from netplan.domain.merging import merge_contact
from netplan.importers import merge as import_merge
from netplan.models import Milestone
from netplan.workspace.data import Data
from netplan.workspace.people_edits import merge_contacts

D = date.fromisoformat


def pairs(contacts) -> set[tuple[str, str, tuple[str, ...]]]:
    return {(d.keep.id, d.other.id, d.reasons) for d in find_duplicates(contacts)}


# --- the keys --------------------------------------------------------------------------------


def test_names_fold_case_accents_and_spaces() -> None:
    assert fold_name("José  García") == fold_name("jose garcia") == "jose garcia"
    assert fold_name(" ZOË\tMüller ") == "zoe muller"
    assert fold_name("İlker") == "ilker"  # casefold's combining dot goes too
    assert fold_name("山田 太郎") == "山田 太郎"  # other scripts stay, they do not vanish
    assert fold_name("") == ""


def test_the_import_and_duplicates_share_one_linkedin_rule() -> None:
    assert import_merge.linkedin_key is linkedin_key
    assert linkedin_key("https://www.linkedin.com/in/JaneDoe/") == "linkedin.com/in/janedoe"
    assert linkedin_key("http://linkedin.com/in/janedoe") == "linkedin.com/in/janedoe"


# --- each reason -----------------------------------------------------------------------------


def test_same_email_without_case() -> None:
    a = contact("jane-doe", email="jane@example.com")
    b = contact("j-doe", "J. Doe", email="Jane@Example.COM")
    assert pairs([a, b]) == {("jane-doe", "j-doe", (SAME_EMAIL,))}


def test_same_linkedin_url_without_case_scheme_www_or_slash() -> None:
    a = contact("jane-doe", handles={"linkedin": "https://www.linkedin.com/in/JaneDoe/"})
    b = contact("jd", "JD", handles={"linkedin": "linkedin.com/in/janedoe"})
    c = contact("bare", "Bare", handles={"linkedin": "https://www.linkedin.com/"})
    d = contact("bare-2", "Bare Two", handles={"linkedin": "linkedin.com"})
    assert pairs([a, b, c, d]) == {("jane-doe", "jd", (SAME_LINKEDIN,))}


def test_same_name_after_folding_case_accents_and_spaces() -> None:
    a = contact("jose-garcia", "José  García")
    b = contact("jose-garcia-2", "jose garcia")
    assert pairs([a, b]) == {("jose-garcia", "jose-garcia-2", (SAME_NAME,))}


def test_same_name_and_company_says_so_instead_of_same_name() -> None:
    a = contact("jane-doe", company="Acme  Corp")
    b = contact("jane-doe-2", "JANE DOE", company="acme corp")
    c = contact("jane-doe-3", "Jane Doe", company="Globex")
    found = pairs([a, b, c])
    assert ("jane-doe", "jane-doe-2", (SAME_NAME_AND_COMPANY,)) in found
    assert ("jane-doe", "jane-doe-3", (SAME_NAME,)) in found
    assert len(found) == 2


def test_every_reason_of_a_pair_is_given_strongest_first() -> None:
    a = contact("jane-doe", email="jane@example.com", handles={"linkedin": "linkedin.com/in/jd"})
    b = contact(
        "jane-doe-2",
        "Jane Doe",
        email="JANE@example.com",
        handles={"linkedin": "https://linkedin.com/in/JD/"},
    )
    (found,) = find_duplicates([a, b])
    assert found.reasons == (SAME_EMAIL, SAME_LINKEDIN, SAME_NAME)
    assert found.reason == "same email, same LinkedIn URL, same name"


def test_different_people_and_archived_ones_are_not_listed() -> None:
    a = contact("jane-doe", email="jane@example.com")
    b = contact("jane-roe", email="jane@example.org")
    old = contact("jane-doe-old", "Jane Doe", email="jane@example.com", archived=True)
    assert find_duplicates([a, b, old]) == []
    assert duplicates_of(a, [a, b, old]) == []


def test_the_one_kept_has_more_history_then_more_details() -> None:
    sparse = contact("jane-doe", email="jane@example.com")
    rich = contact("jane-d", "Jane D", email="jane@example.com", company="Acme", tags=["x"])
    assert pairs([sparse, rich]) == {("jane-d", "jane-doe", (SAME_EMAIL,))}
    (found,) = find_duplicates([sparse, rich], entries={"jane-doe": 3})
    assert (found.keep.id, found.other.id) == ("jane-doe", "jane-d")


def test_duplicates_of_one_contact_lists_every_match_keeping_it() -> None:
    a = contact("jane-doe", email="jane@example.com", company="Acme")
    b = contact("jane-doe-2", "Jane Doe", company="Acme")
    c = contact("jd", "JD", email="JANE@EXAMPLE.COM")
    d = contact("sam-lee")
    found = duplicates_of(b, [a, b, c, d])
    assert [(f.keep.id, f.other.id, f.reasons) for f in found] == [
        ("jane-doe-2", "jane-doe", (SAME_NAME_AND_COMPANY,))
    ]
    found = duplicates_of(a, [a, b, c, d])
    assert [(f.other.id, f.reasons) for f in found] == [
        ("jd", (SAME_EMAIL,)),
        ("jane-doe-2", (SAME_NAME_AND_COMPANY,)),
    ]


def test_thousands_of_contacts_give_exactly_the_planted_pairs() -> None:
    """Grouped by key: a name shared by 600 people is 599 pairs to merge, not 179,700."""
    rng = random.Random(3)
    people = [
        contact(f"p{n}", f"Person {n}", email=f"p{n}@example.com", company=rng.choice("ABCD"))
        for n in range(4000)
    ]
    planted = set()
    for n in range(0, 300, 3):
        people.append(contact(f"e{n}", f"Other {n}", email=f"P{n}@EXAMPLE.com"))
        planted.add((f"p{n}", f"e{n}", (SAME_EMAIL,)))
        people.append(contact(f"a{n}", f"PÉRSON  {n + 1}"))
        planted.add((f"p{n + 1}", f"a{n}", (SAME_NAME,)))
    people += [contact(f"s{n}", "Sam Smith", created=D("2020-01-01")) for n in range(600)]
    people[-1] = people[-1].model_copy(update={"created": D("2019-01-01")})
    planted |= {("s599", f"s{n}", (SAME_NAME,)) for n in range(599)}
    rng.shuffle(people)
    assert pairs(people) == planted


# --- the merge rule --------------------------------------------------------------------------


def test_keep_stays_its_empty_fields_are_filled_and_lists_united() -> None:
    keep = contact(
        "jane-doe",
        company="Acme",
        tags=["fintech"],
        topics=["hiking"],
        handles={"linkedin": "https://www.linkedin.com/in/jane/", "twitter": "@jane"},
        follow_up=D("2026-12-10"),
        created=D("2024-05-01"),
        reviewed=D("2026-10-01"),
        notes="Moving to Berlin.",
        milestones=[{"label": "Birthday", "date": D("1990-04-12"), "yearly": True}],
    )
    other = contact(
        "jane-doe-2",
        "J. Doe",
        company="Globex",
        role="CTO",
        email="jane@example.com",
        phone="+49 30 1234",
        met_at="PyCon",
        cadence_days=30,
        tags=["FinTech", "mentor"],
        topics=["hiking", "chess"],
        handles={"linkedin": "linkedin.com/in/JANE", "twitter": "@jdoe", "github": "jd"},
        follow_up=D("2026-12-01"),
        created=D("2023-01-01"),
        reviewed=D("2026-11-01"),
        notes="Has two kids.",
        milestones=[
            {"label": "birthday", "date": D("1990-04-12"), "yearly": True},
            {"label": "Promoted", "date": D("2026-06-01")},
        ],
    )
    merged = merge_contact(keep, other)
    result = merged.contact
    assert (result.id, result.name, result.company) == ("jane-doe", "Jane Doe", "Acme")
    assert (result.role, result.email, result.phone) == ("CTO", "jane@example.com", "+49 30 1234")
    assert (result.met_at, result.cadence_days) == ("PyCon", 30)
    assert result.tags == ["fintech", "mentor"]
    assert result.topics == ["hiking", "chess"]
    assert result.handles == {
        "linkedin": "https://www.linkedin.com/in/jane/",
        "twitter": "@jane",
        "github": "jd",
    }
    assert result.follow_up == D("2026-12-01")  # the earlier
    assert result.created == D("2023-01-01")  # the earlier
    assert result.reviewed == D("2026-11-01")  # the later
    assert result.notes == "Moving to Berlin.\n\nHas two kids."
    assert [m.label for m in result.milestones] == ["Birthday", "Promoted"]
    assert merged.filled == ("role", "email", "phone", "met_at", "cadence_days")
    assert merged.conflicts == ('handles.twitter: kept "@jane", not "@jdoe"',)
    assert "tags (+mentor)" in merged.united and "milestones (+1)" in merged.united
    assert "notes joined" in merged.chosen


def test_notes_are_not_repeated_and_nothing_new_changes_nothing() -> None:
    keep = contact("a", notes="Met at PyCon. Likes chess.", created=D("2020-01-01"))
    other = contact("b", "A", notes="likes  CHESS.", created=D("2021-01-01"))
    merged = merge_contact(keep, other)
    assert merged.contact is keep and not merged.changed


# --- the edit and its undo ------------------------------------------------------------------


def _data():
    people = book(
        contact("jane-doe", email="jane@example.com"),
        contact("sam-lee"),
        contact("jane-2", "Jane Doe", company="Acme", tags=["x"]),
    )
    log = journal(
        interaction("jane-2", "2026-11-01", id="i-1"),
        interaction("sam-lee", "2026-11-02", id="i-2"),
        interaction("jane-2", "2026-11-03", id="i-3"),
    )
    return Data(plan(), people, log)


def test_the_merge_edit_repoints_the_journal_and_undoes_exactly() -> None:
    before = _data()
    edit = merge_contacts("jane-doe", "jane-2", "Merge")
    after = edit.forward(before)
    assert [c.id for c in after.contacts.contacts] == ["jane-doe", "sam-lee"]
    assert after.contacts.contacts[0].company == "Acme"
    assert [i.contact for i in after.journal.interactions] == ["jane-doe", "sam-lee", "jane-doe"]
    assert after.journal.interactions[1] is before.journal.interactions[1]  # untouched
    undone = edit.backward(after)
    assert undone == before
    assert edit.backward(edit.forward(undone)) == before  # redo, undo again


def test_a_merge_without_journal_entries_leaves_the_journal_as_it_is() -> None:
    before = _data()
    after = merge_contacts("sam-lee", "jane-doe", "Merge").forward(before)
    assert after.journal is before.journal  # not saved again


def test_a_merge_of_a_contact_into_itself_or_a_missing_one_is_refused() -> None:
    with pytest.raises(ValueError):
        merge_contacts("jane-doe", "jane-doe", "Merge")
    with pytest.raises(KeyError):
        merge_contacts("jane-doe", "nobody", "Merge").forward(_data())


def test_milestones_of_the_same_label_and_day_are_one() -> None:
    birthday = Milestone(label="Birthday", date=D("1990-04-12"), yearly=True)
    keep = contact("a", milestones=[birthday])
    other = contact("b", "A", milestones=[birthday.model_copy(update={"label": "BIRTHDAY"})])
    assert merge_contact(keep, other).contact.milestones == [birthday]
