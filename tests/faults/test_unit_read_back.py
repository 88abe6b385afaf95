"""A big file's save reads back only what it wrote (netplan.store.rewrite.check_units): what
that check accepts must read back whole as the model, and what it refuses is written whole."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netplan.models import Contact, ContactBook, Interaction, Journal
from netplan.store import Store, codec, decode, encode, rewrite
from netplan.store.messages import UnsavableError
from netplan.store.rewrite import check_units, rewritten
from netplan.store.splice import _splice, splice_changes
from netplan.store.splice_bytes import edited_in_place

DAY = date(2026, 11, 25)
NOTES = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=0, max_size=12
)


@pytest.fixture
def unit_checks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every spliced file is read back unit by unit, however small."""
    monkeypatch.setattr(rewrite, "WHOLE_CHECK_BELOW", 0)


def _journal(count: int, rng: random.Random | None = None) -> tuple[str, Journal]:
    entries = [
        Interaction(id=f"i-{n}", contact=f"c{n % 3}", on=DAY, note=f"note {n}")
        for n in range(count)
    ]
    text = encode(Journal(interactions=entries)).decode()
    text = text.replace('id = "i-0"\n', 'id = "i-0"\n# the first one I logged\n', 1)
    if rng is not None:  # comments above records, after them, a file that ends oddly
        for n in range(count):
            if rng.random() < 0.4:
                text = text.replace(
                    f'[[interactions]]\nid = "i-{n}"\n',
                    f'# about i-{n}\n[[interactions]]\nid = "i-{n}"\n',
                )
        if rng.random() < 0.3:  # a header with a comment after it
            text = text.replace(
                '[[interactions]]\nid = "i-0"', '[[interactions]]  # 1st\nid = "i-0"'
            )
        text = text.rstrip("\n") + rng.choice(["", "\n", "\n\n\n", "\n# the end\n"])
    return text, decode("journal", text.encode())  # type: ignore[return-value]


def test_an_entry_added_at_the_end_is_appended_as_the_whole_splice_would_write_it() -> None:
    text, journal = _journal(5)
    new = journal.model_copy(
        update={"interactions": [*journal.interactions, Interaction(id="n", contact="c1", on=DAY)]}
    )
    found = splice_changes("journal", text, journal, new)
    assert found is not None
    out, changed = found
    assert out == _splice("journal", text, journal, new, [])  # the long way, unit by unit
    assert out.startswith(text)  # every old byte, the comment too
    assert [record for _region, record, _text in changed] == [new.interactions[-1]]
    assert decode("journal", out.encode()) == new


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 10**6), note=NOTES)
def test_what_the_unit_check_accepts_reads_back_whole_as_the_model(seed: int, note: str) -> None:
    rng = random.Random(seed)
    text, journal = _journal(rng.randint(1, 6))
    entries = list(journal.interactions)
    for _ in range(rng.randint(1, 4)):
        choice = rng.random()
        if choice < 0.35 and entries:
            index = rng.randrange(len(entries))
            entries[index] = entries[index].model_copy(update={"note": note, "minutes": 5})
        elif choice < 0.55 and entries:
            entries.pop(rng.randrange(len(entries)))
        else:
            fresh = Interaction(id=f"new-{rng.randrange(10**6)}", contact="c2", on=DAY, note=note)
            if fresh.id not in {e.id for e in entries}:
                at = len(entries) if rng.random() < 0.5 else rng.randint(0, len(entries))
                entries.insert(at, fresh)
    new = journal.model_copy(update={"interactions": entries})
    found = splice_changes("journal", text, journal, new)
    if found is None:
        return  # written whole, and read back whole
    out, changed = found
    assert check_units("journal", new, changed)
    assert decode("journal", out.encode()) == new


def test_a_unit_that_would_not_read_back_sends_the_save_to_the_whole_writer(
    unit_checks: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    text, journal = _journal(4)
    new = journal.model_copy(
        update={"interactions": [*journal.interactions, Interaction(id="n", contact="c1", on=DAY)]}
    )
    wrong = codec.fresh("interactions", Interaction(id="n", contact="c1", on=date(2020, 1, 1)))
    monkeypatch.setattr(codec, "fresh", lambda _part, _value: wrong)  # a writer's bug
    data = rewritten("journal", (text.encode(), journal), new)
    assert decode("journal", data) == new
    assert "# the first one I logged" not in data.decode()  # the whole writer wrote it


def test_a_new_entry_with_a_taken_id_is_refused_by_the_unit_check(unit_checks: None) -> None:
    text, journal = _journal(3)
    twin = Interaction(id="i-1", contact="c1", on=DAY)
    new = Journal.model_construct(interactions=[*journal.interactions, twin])
    with pytest.raises(UnsavableError, match='share the id "i-1"'):
        rewritten("journal", (text.encode(), journal), new)


def test_a_store_save_appends_one_entry_keeping_every_byte_before_it(
    tmp_path: Path, unit_checks: None
) -> None:
    store = Store(tmp_path)
    store.ensure()
    people = ContactBook(contacts=[Contact(id=f"c{n}", name=f"P {n}") for n in range(3)])
    store.save(contacts=people)
    text, _journal_model = _journal(50)
    store.path("journal").write_text(text)
    store = Store(tmp_path)
    snapshot = store.load()
    entry = Interaction(id="i-new", contact="c2", on=DAY, note="Coffee")
    new = snapshot.journal.model_copy(
        update={"interactions": [*snapshot.journal.interactions, entry]}
    )
    store.save(journal=new)
    written = store.path("journal").read_text()
    assert written.startswith(text)
    assert Store(tmp_path).load().journal == new


def test_the_first_records_of_an_empty_file_are_read_back_whole(
    tmp_path: Path, unit_checks: None
) -> None:
    # A new store's contacts.toml says `contacts = []`: tables added after that line
    # would be a syntax error, which only reading back the whole file sees.
    store = Store(tmp_path)
    store.ensure()
    people = ContactBook(contacts=[Contact(id=f"c{n}", name=f"P {n}") for n in range(3)])
    store.save(contacts=people)
    assert Store(tmp_path).read_contacts() == people


@settings(max_examples=80, deadline=None)
@given(seed=st.integers(0, 10**6), note=NOTES)
def test_an_edit_in_place_gives_the_bytes_of_the_whole_splice(seed: int, note: str) -> None:
    rng = random.Random(seed)
    text, journal = _journal(rng.randint(1, 7), rng)
    entries = list(journal.interactions)
    for _ in range(rng.randint(1, 3)):
        index = rng.randrange(len(entries))
        change = rng.choice(
            [{"note": note}, {"note": None}, {"minutes": 7}, {"promise": note or "x"}]
        )
        entries[index] = entries[index].model_copy(update=change)
    new = journal.model_copy(update={"interactions": entries})
    changed: list = []
    fast = edited_in_place("journal", text.encode(), journal, new, changed)
    assert fast is not None
    assert fast.decode() == _splice("journal", text, journal, new, [])
    assert check_units("journal", new, changed)
    assert decode("journal", fast) == new


def test_an_edit_in_place_leaves_files_it_cannot_follow_to_the_whole_splice() -> None:
    text, journal = _journal(3)
    entries = list(journal.interactions)
    entries[1] = entries[1].model_copy(update={"note": "changed"})
    new = journal.model_copy(update={"interactions": entries})
    indented = text.replace('[[interactions]]\nid = "i-1"', '  [[interactions]]\nid = "i-1"')
    assert edited_in_place("journal", indented.encode(), journal, new, []) is None
    quoted = text.replace('note = "note 2"', 'note = """note 2"""')
    assert edited_in_place("journal", quoted.encode(), journal, new, []) is None
    renamed = journal.model_copy(
        update={"interactions": [entries[0].model_copy(update={"id": "other"}), *entries[1:]]}
    )
    assert edited_in_place("journal", text.encode(), journal, renamed, []) is None
