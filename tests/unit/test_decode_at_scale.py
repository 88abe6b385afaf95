"""Big journals and contact books: a broken record is reported from the piece it is in, with
the whole file's lines and entry numbers and without a second parse of the whole text; and
the decoded records share their fields sets and repeated values (store/compact.py) while
being exactly the models a plain validation gives."""

from __future__ import annotations

import copy
import tomllib
from datetime import date
from pathlib import Path

import pytest
from factories import contact

from netplan.models import Activity, ActivityLog, ContactBook, Interaction, Journal, Milestone
from netplan.store import Store, StoreError, codec, decode, encode

RECORDS = 4000  # about 440 KB of journal.toml: decoded in 40 pieces of 100 records
LATE = 3950  # a record in the last piece but one


def journal(count: int = RECORDS) -> Journal:
    records = []
    for n in range(count):
        fields: dict = {}
        if n % 3 == 0:
            fields["follow_up"] = date(2026, 12, 1 + n % 20)
        if n % 5 == 0:
            fields.update(promise="send the deck", kept=date(2026, 11, 20 + n % 5))
        if n % 7 == 0:
            fields["with_"] = [f"c{(n + 1) % 40}"]
        if n % 11 == 0:
            fields["venue"] = "Cafe Central"
        if n % 2:
            fields["note"] = f"note {n}"
        records.append(
            Interaction(
                id=f"i{n}",
                contact=f"c{n % 40}",
                on=date(2026, 1 + n % 10, 1 + n % 28),
                **fields,
            )
        )
    return Journal(interactions=records)


def book(count: int) -> ContactBook:
    return ContactBook(
        contacts=[
            contact(
                f"c{n}",
                f"Person {n}",
                company=["Acme", "Initech", "Tyrell"][n % 3],
                tags=["fintech", "data"][: n % 3],
                handles={"linkedin": f"https://www.linkedin.com/in/p{n}"},
                milestones=[Milestone(label="Birthday", date=date(1990, 1 + n % 12, 1))]
                if n % 4 == 0
                else [],
            )
            for n in range(count)
        ]
    )


@pytest.fixture
def whole_parses(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The parses of a whole big file's text (codec._parse): the fallback of the pieces."""
    calls: list[int] = []
    parse = codec._parse

    def counted(file: str, text: str):
        if len(text) > 100_000:  # not plan.toml or an empty file
            calls.append(len(text))
        return parse(file, text)

    monkeypatch.setattr(codec, "_parse", counted)
    return calls


def whole_problems(name: str, data: bytes, label: str) -> list[str]:
    """What decoding the whole text reports: the reference for every message here."""
    saved = codec.CHUNK_MIN_CHARS
    codec.CHUNK_MIN_CHARS = 10**12
    try:
        with pytest.raises(StoreError) as raised:
            decode(name, data, label)
    finally:
        codec.CHUNK_MIN_CHARS = saved
    return raised.value.problems


def saved_store(tmp_path: Path, **models) -> Store:
    store = Store(tmp_path / "store")
    store.ensure()
    store.load()
    store.save(**models)
    return store


def break_record(text: str, number: int, old: str, new: str) -> str:
    """The text with `old` replaced by `new` in the number-th record (counting from 0)."""
    at = text.index(f'id = "i{number}"\n')
    end = text.find("[[interactions]]", at)
    end = len(text) if end == -1 else end
    return text[:at] + text[at:end].replace(old, new, 1) + text[end:]


def problems_of_read(store: Store, name: str, data: bytes) -> tuple[list[str], list[str]]:
    """What the store reports for `data` as the file, and what the whole text reports."""
    path = store.path(name)
    path.write_bytes(data)
    with pytest.raises(StoreError) as raised:
        Store(store.folder).read(name)
    return raised.value.problems, whole_problems(name, data, str(path))


def test_a_syntax_error_near_the_end_is_reported_from_its_piece(
    tmp_path: Path, whole_parses: list[int]
) -> None:
    store = saved_store(tmp_path, journal=journal())
    text = store.path("journal").read_text()
    broken = break_record(text, LATE, "minutes = 0", "minutes = = 0")
    problems, reference = problems_of_read(store, "journal", broken.encode())
    line = broken.splitlines().index("minutes = = 0") + 1
    assert problems == reference
    assert problems[0] == (
        f"{store.path('journal')}, line {line}, column 11: TOML syntax error: Invalid value "
        "(netplan reads TOML 1.0)"
    )
    assert whole_parses == [len(broken)]  # the reference's only: the store parsed no whole

    # Bytes that are not UTF-8 further on are reported first, as the whole file does.
    with_bad_byte = broken.encode() + b"\n# caf\xe9\n"
    problems, reference = problems_of_read(store, "journal", with_bad_byte)
    assert problems == reference
    assert "not valid UTF-8" in problems[0]


def test_bad_values_in_several_pieces_are_all_reported_as_for_the_whole(
    tmp_path: Path, whole_parses: list[int]
) -> None:
    store = saved_store(tmp_path, journal=journal())
    text = store.path("journal").read_text()
    text = break_record(text, 0, "minutes = 0", "minutes = 0.5")  # in the first piece
    text = break_record(text, 1234, "minutes = 0", 'minutes = "five"')
    text = break_record(text, LATE, 'contact = "c30"', "contact = 30")
    text = break_record(text, RECORDS - 1, "on = ", "on = 1979-05-27T07:32:00\nx = 1\nold = ")
    problems, reference = problems_of_read(store, "journal", text.encode())
    assert problems == reference
    lines = text.splitlines()
    late = lines.index(f'id = "i{LATE}"')  # the entry's [[interactions]] line is the one before
    assert (
        f'{store.path("journal")}, line {late}: interaction {LATE + 1} (id "i{LATE}"), '
        'field "contact": Input should be a valid string, got 30'
    ) in problems
    assert len(problems) == 6  # minutes twice; contact; on, x and old of the last record
    assert len(whole_parses) == 1  # the reference's


def test_ids_shared_across_pieces_are_found_without_a_second_parse(
    tmp_path: Path, whole_parses: list[int]
) -> None:
    store = saved_store(tmp_path, journal=journal())
    text = store.path("journal").read_text()
    text = break_record(text, LATE, f'id = "i{LATE}"', 'id = "i7"')
    problems, reference = problems_of_read(store, "journal", text.encode())
    assert problems == reference == [f'{store.path("journal")}: two interactions share the id "i7"']
    assert len(whole_parses) == 1


def test_lines_are_counted_as_the_whole_file_counts_them(
    tmp_path: Path, whole_parses: list[int]
) -> None:
    """Windows line ends, and notes holding characters str.splitlines ends lines at (a pasted
    U+2028) or several bytes each: the line named is still the whole file's."""
    model = journal()
    records = list(model.interactions)
    for n in (5, 700, 2500):
        records[n] = records[n].model_copy(update={"note": "one\u2028two \u00e9\u4e2d \U0001f600"})
    store = saved_store(tmp_path, journal=Journal(interactions=records))
    text = store.path("journal").read_text(encoding="utf-8")
    assert text.count("\u2028") == 3  # written as it is, not as an escape
    broken = break_record(text, LATE, "minutes = 0", "minutes = = 0").replace("\n", "\r\n")
    problems, reference = problems_of_read(store, "journal", broken.encode())
    assert problems == reference
    tomllib_line = broken.count("\n", 0, broken.index("minutes = = 0")) + 1
    assert problems[0].startswith(f"{store.path('journal')}, line {tomllib_line}, column 11")

    broken = break_record(text, LATE, "minutes = 0", "minutes = -1").replace("\n", "\r\n")
    problems, reference = problems_of_read(store, "journal", broken.encode())
    assert problems == reference
    # Entries are named by the line of their [[interactions]], counted as str.splitlines does.
    entry_line = broken.splitlines().index(f'id = "i{LATE}"')
    assert problems[0].startswith(
        f'{store.path("journal")}, line {entry_line}: interaction {LATE + 1} (id "i{LATE}")'
    )
    assert len(whole_parses) == 2  # the references'


def test_a_piece_reports_what_it_can_tell_and_leaves_the_rest_to_the_whole(
    tmp_path: Path, whole_parses: list[int]
) -> None:
    store = saved_store(tmp_path, journal=journal())
    text = store.path("journal").read_text()
    told = break_record(text, LATE, "minutes = 0", "minutes = 0 0")
    problems, reference = problems_of_read(store, "journal", told.encode())
    assert problems == reference and len(whole_parses) == 1

    # Pieces start at the [[interactions]] of records 101, 201, … (see CHUNK_RECORDS). A list
    # left open at the end of record 3800 runs on into the next record in the whole file.
    at = told.index('[[interactions]]\nid = "i3801"\n')
    open_list = told[:at].rstrip("\n") + '\nwith = ["c1",\n' + told[at:]
    # A table besides the records' own in the piece: the whole file may have declared it.
    at = told.index('[[interactions]]\nid = "i3905"\n')
    other_table = told[:at] + "[other]\nx = 1\n\n" + told[at:]
    # An exact [[interactions]] line inside a note: entries no longer line up with lines.
    in_note = text.replace('note = "note 3"', 'note = """\n[[interactions]]\nnote 3"""', 1)
    in_note = break_record(in_note, LATE, "minutes = 0", 'minutes = "x"')
    for case in (open_list, other_table, in_note):
        whole_parses.clear()
        problems, reference = problems_of_read(store, "journal", case.encode())
        assert problems == reference
        assert len(whole_parses) == 2  # the store's fallback and the reference


def test_a_bad_milestone_of_a_late_contact_is_named_as_for_the_whole(
    tmp_path: Path, whole_parses: list[int]
) -> None:
    store = saved_store(tmp_path, contacts=book(2400))
    text = store.path("contacts").read_text()
    at = text.index('id = "c2396"')
    day = f"1990-{1 + 2396 % 12:02d}-01"
    broken = text[:at] + text[at:].replace(f"date = {day}", f'date = "{day}"', 1)
    problems, reference = problems_of_read(store, "contacts", broken.encode())
    assert problems == reference
    entry_line = broken.splitlines().index('id = "c2396"')  # its [[contacts]] is the line before
    assert problems[0].startswith(
        f'{store.path("contacts")}, line {entry_line}: contact 2397 (id "c2396"), '
        'field "milestones.0.date"'
    )
    assert len(whole_parses) == 1


def test_a_bad_activity_item_near_the_end_is_named_as_for_the_whole(
    tmp_path: Path, whole_parses: list[int]
) -> None:
    """activity.toml names an item by its index in the whole file (no entry line)."""
    items = [
        Activity(id=f"a{n}", on=date(2026, 1, 1 + n % 28), platform="LinkedIn", kind="comment")
        for n in range(RECORDS)
    ]
    store = saved_store(tmp_path, activity=ActivityLog(activity=items))
    text = store.path("activity").read_text()
    at = text.index(f'id = "a{LATE}"')
    broken = text[:at] + text[at:].replace('platform = "LinkedIn"', "platform = 5", 1)
    problems, reference = problems_of_read(store, "activity", broken.encode())
    assert (
        problems
        == reference
        == [
            f'{store.path("activity")}: [activity], field "{LATE}.platform": '
            "Input should be a valid string, got 5"
        ]
    )
    assert len(whole_parses) == 1


# --- memory: the same models, sharing what they can ------------------------------------------


def plain(name: str, data: bytes):
    """The models pydantic gives for the file, without the store's decoding."""
    return codec.MODELS[name].model_validate(tomllib.loads(data.decode()))


def test_decoded_records_are_the_plain_models_sharing_sets_and_values(tmp_path: Path) -> None:
    store = saved_store(tmp_path, journal=journal(), contacts=book(2400))
    fresh = Store(store.folder)
    for name in ("journal", "contacts"):
        data = store.path(name).read_bytes()
        model = fresh.read(name)
        reference = plain(name, data)
        assert model == reference
        assert model.model_dump() == reference.model_dump()
        assert encode(model) == data  # and a save writes the same bytes
    records = fresh.read("journal").interactions
    # i1 and i13 have the same fields (a note, nothing else optional): one set between them.
    assert records[1].model_fields_set == records[13].model_fields_set
    assert records[1].__pydantic_fields_set__ is records[13].__pydantic_fields_set__
    assert records[0].__pydantic_fields_set__ is not records[1].__pydantic_fields_set__
    assert records[40].contact is records[0].contact  # "c0"
    assert records[280].on is records[0].on  # 2026-01-01
    people = fresh.read("contacts").contacts
    assert people[3].company is people[0].company
    assert people[12].milestones[0].date is people[0].milestones[0].date  # 1990-01-01


def test_a_changed_copy_of_a_record_leaves_the_others_alone(tmp_path: Path) -> None:
    store = saved_store(tmp_path, journal=journal())
    records = Store(store.folder).read("journal").interactions
    one, other = records[1], records[13]
    assert one.__pydantic_fields_set__ is other.__pydantic_fields_set__
    before = set(other.model_fields_set)
    changed = one.model_copy(update={"venue": "Cafe Central", "contact": "c9"})
    deep = one.model_copy(update={"event": "meetup"}, deep=True)
    shallow = copy.copy(one)
    shallow_fields = shallow.model_fields_set
    assert changed.model_fields_set == before | {"venue", "contact"}
    assert deep.model_fields_set == before | {"event"}
    assert one.model_fields_set == other.model_fields_set == shallow_fields == before
    assert (one.venue, one.contact, other.venue) == (None, "c1", None)
    assert one.model_dump(exclude_unset=True) == {
        "id": "i1",
        "contact": "c1",
        "on": date(2026, 2, 2),
        "kind": "other",
        "exchange": "neutral",
        "minutes": 0,
        "note": "note 1",
    }
    assert changed != one and changed.model_copy(update={"venue": None, "contact": "c1"}) == one
