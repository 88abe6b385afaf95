"""Big contacts and journal files are decoded a few records at a time (store._decode_in_chunks).

The pieces must give exactly what the whole file gives, and anything doubtful must fall back
to the whole file, whose messages name the right entry and line.
"""

from __future__ import annotations

from datetime import date

import pytest
from factories import contact

from netplan.models import ContactBook, Interaction, Journal, Milestone
from netplan.store import StoreError, decode, encode
from netplan.store import codec as store


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store, "CHUNK_RECORDS", 2)
    monkeypatch.setattr(store, "CHUNK_MIN_CHARS", 0)


def whole(name: str, data: bytes):
    """Decode without pieces: the reference."""
    saved = store.CHUNK_MIN_CHARS
    store.CHUNK_MIN_CHARS = 10**12
    try:
        return decode(name, data)
    finally:
        store.CHUNK_MIN_CHARS = saved


def error_of(name: str, data: bytes) -> list[str]:
    with pytest.raises(StoreError) as caught:
        decode(name, data)
    return caught.value.problems


def book(count: int) -> ContactBook:
    return ContactBook(
        contacts=[
            contact(
                f"c{n}",
                f"Person {n}",
                tags=["fintech"] if n % 2 else [],
                handles={"linkedin": f"https://www.linkedin.com/in/p{n}"},
                milestones=[Milestone(label="Birthday", date=date(1990, 1 + n % 12, 1))],
            )
            for n in range(count)
        ]
    )


def test_pieces_give_what_the_whole_file_gives(small_chunks) -> None:
    model = book(7)
    data = encode(model)
    assert store._decode_in_chunks("contacts", data.decode()) == model
    assert decode("contacts", data) == model == whole("contacts", data)
    journal = Journal(
        interactions=[
            Interaction(id=f"i{n}", contact="c0", on=date(2026, 11, n + 1)) for n in range(5)
        ]
    )
    data = encode(journal)
    assert store._decode_in_chunks("journal", data.decode()) == journal
    assert decode("journal", data) == journal


def test_a_header_inside_a_multiline_string_falls_back_to_the_whole(small_chunks) -> None:
    text = encode(book(2)).decode()
    text += 'id = "c2"\nname = "Tricky"\nnotes = """\n[[contacts]]\n[[contacts]]\nstill notes"""\n'
    text = text.replace('id = "c2"', '[[contacts]]\nid = "c2"', 1)
    assert store._decode_in_chunks("contacts", text) is None
    model = decode("contacts", text.encode())
    assert [c.id for c in model.contacts] == ["c0", "c1", "c2"]
    assert model.contacts[2].notes == "[[contacts]]\n[[contacts]]\nstill notes"


def problems_as_for_the_whole(text: str) -> list[str]:
    """What decoding contacts.toml in pieces reports, checked to be what the whole reports."""
    problems = error_of("contacts", text.encode())
    with pytest.raises(StoreError) as reference:
        whole("contacts", text.encode())
    assert problems == reference.value.problems
    return problems


def test_duplicate_ids_in_different_pieces_are_reported_as_for_the_whole(small_chunks) -> None:
    text = encode(book(6)).decode().replace('id = "c5"', 'id = "c0"')
    problems = problems_as_for_the_whole(text)
    assert any('two contacts share the id "c0"' in p for p in problems)


def test_a_bad_value_in_a_late_piece_names_its_entry_and_line(small_chunks) -> None:
    text = encode(book(6)).decode().replace('name = "Person 5"', "name = 5")
    problems = problems_as_for_the_whole(text)
    lines = text.splitlines()
    entry = lines.index('id = "c5"')  # the entry's [[contacts]] line is the one before
    assert problems[0].startswith(f'contacts.toml, line {entry}: contact 6 (id "c5")')


def test_a_table_between_records_falls_back_to_the_whole(small_chunks) -> None:
    text = (
        encode(book(6))
        .decode()
        .replace('[[contacts]]\nid = "c4"', '[other]\nx = 1\n\n[[contacts]]\nid = "c4"')
    )
    assert store._decode_in_chunks("contacts", text) is None
    with pytest.raises(StoreError) as reference:
        whole("contacts", text.encode())
    assert error_of("contacts", text.encode()) == reference.value.problems


def test_a_syntax_error_in_a_piece_gives_the_whole_files_line(small_chunks) -> None:
    text = encode(book(6)).decode().replace('name = "Person 4"', "name = Person 4")
    with pytest.raises(StoreError) as reference:
        whole("contacts", text.encode())
    assert error_of("contacts", text.encode()) == reference.value.problems
    assert f"line {text.splitlines().index('name = Person 4') + 1}" in reference.value.problems[0]


def test_small_files_are_decoded_whole() -> None:
    text = encode(book(3)).decode()
    assert store._decode_in_chunks("contacts", text) is None  # under CHUNK_MIN_CHARS


def test_a_pause_comes_before_every_piece(small_chunks) -> None:
    """The app's loading thread steps aside there for a key (see netplan.runtime.pausing)."""
    model = book(7)
    pauses: list[int] = []
    assert decode("contacts", encode(model), pause=lambda: pauses.append(1)) == model
    assert len(pauses) == 3  # pieces of 3, 2 and 2 records: cuts fall at the 3rd, 5th header
