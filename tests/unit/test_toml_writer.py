"""The TOML writer: what it writes parses back to the same data, for any text."""

from __future__ import annotations

import tomllib
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from netplan.models import Contact, ContactBook, Milestone
from netplan.store import decode, encode, toml_writer

text = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)


@given(
    name=text.filter(lambda s: s.strip() != ""),
    notes=text,
    tags=st.lists(text.filter(bool), max_size=3),
    handles=st.dictionaries(text.filter(bool), text, max_size=3),
    label=text.filter(bool),
    day=st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
)
@settings(max_examples=200, deadline=None)
def test_any_text_round_trips(name, notes, tags, handles, label, day) -> None:
    contact = Contact(
        id="x",
        name=name,
        notes=notes,
        tags=tags,
        handles=handles,
        milestones=[Milestone(label=label, date=day, yearly=True)],
    )
    book = ContactBook(contacts=[contact])
    data = encode(book)
    assert decode("contacts", data) == book
    assert encode(decode("contacts", data)) == data


def test_layout_matches_the_spec() -> None:
    document = {
        "schema_version": 1,
        "settings": {"week_start": "monday", "cadence_by_tag": {"family": 14}},
        "completions": {"2026-11-23": {"engage-posts": 2}},
        "goals": [{"id": "g", "source": {"tag": "fintech"}}],
    }
    text_out = toml_writer.dumps(document)
    assert "[settings]\nweek_start" in text_out
    assert "[settings.cadence_by_tag]\nfamily = 14" in text_out
    assert '[completions."2026-11-23"]\nengage-posts = 2' in text_out
    assert "[completions]" not in text_out
    assert '[[goals]]\nid = "g"\nsource = { tag = "fintech" }' in text_out
    assert tomllib.loads(text_out) == document


def test_control_characters_and_quotes_are_escaped() -> None:
    value = 'say "hi"\\\n\t\x00\x1b\x7f é 😀'
    assert tomllib.loads(toml_writer.dumps({"k": value}))["k"] == value
