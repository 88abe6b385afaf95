"""Round trips of whole generated stores: save, load, equal; a second save writes nothing.

Hypothesis builds the three files with every optional field present or absent, text of
every kind (right-to-left, combining marks, emoji sequences, control characters, quotes and
TOML syntax, very long notes), numbers at their limits and dates at the calendar's edges.
"""

from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path

import pytest
from faults_helpers import rounds, store_bytes
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netplan.models import (
    Contact,
    ContactBook,
    Goal,
    GoalSource,
    Interaction,
    Journal,
    Milestone,
    Plan,
    Routine,
    Settings,
)
from netplan.store import FILES, REQUIRED, Store, decode, encode
from netplan.store import codec as store_module

BIG = 2**63 - 1  # the largest integer TOML holds
SPECIAL = [
    "\u202eevil\u202c",  # right-to-left override
    "مرحبا بالعالم",
    "שלום",
    "e\u0301\u0308",  # combining marks
    "👩‍👩‍👧‍👦",  # an emoji sequence with joiners
    "🇳🇱",
    "\x00",
    "\x1b[31mred\x1b[0m",
    "\r\n",
    "\t",
    "\x7f",
    "\x85\u2028\u2029",
    "\ufeff",
    '"',
    "\\",
    "'''",
    '"""',
    "# not a comment",
    "[[contacts]]",
    "key = 1",
    " ",
]
text = st.one_of(
    st.text(st.characters(exclude_categories=("Cs",)), max_size=20),
    st.lists(st.sampled_from(SPECIAL), max_size=4).map("".join),
)
name = text.filter(bool)
long_text = st.one_of(text, st.builds(lambda t, n: t * n, name, st.integers(200, 3000)))
ident = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._-]{0,15}", fullmatch=True)
day = st.one_of(
    st.dates(),
    st.sampled_from(
        [date(1, 1, 1), date(9999, 12, 31), date(2024, 2, 29), date(2000, 2, 29), date(1904, 2, 29)]
    ),
)
count = st.one_of(st.integers(0, 5), st.just(BIG))
positive = st.one_of(st.integers(1, 400), st.just(BIG))
email = st.one_of(
    st.from_regex(r"[a-z0-9.+_-]{1,8}@[a-z0-9-]{1,8}\.[a-z]{2,4}", fullmatch=True),
    st.sampled_from(["zoë@exämple.org", "o'brien+tag@mail.co.uk", "用户@例子.广告"]),
)


def maybe(strategy):
    return st.one_of(st.none(), strategy)


def present(**fields):
    """Keyword arguments without the absent (None) ones: absent means absent."""
    return {k: v for k, v in fields.items() if v is not None}


@st.composite
def plans(draw) -> Plan:
    hours = sorted(draw(st.lists(st.floats(0, 168, allow_nan=False), min_size=2, max_size=2)))
    settings_ = Settings(
        **present(
            week_start=draw(maybe(st.sampled_from(["monday", "sunday"]))),
            weekly_hours=tuple(hours) if draw(st.booleans()) else None,
            platforms=draw(maybe(st.lists(name, max_size=3))),
            theme=draw(maybe(name)),
            cadence_by_tag=draw(maybe(st.dictionaries(text, positive, max_size=3))),
        )
    )
    ids = draw(st.lists(ident, unique=True, max_size=5))
    routines = [
        Routine(
            id=rid,
            title=draw(name),
            period=draw(st.sampled_from(["week", "month"])),
            target=draw(positive),
            **present(
                platform=draw(maybe(text)),
                kind=draw(maybe(st.sampled_from(["networking", "social", "both"]))),
                minutes=draw(maybe(st.integers(0, 1440))),
                archived=draw(maybe(st.booleans())),
            ),
        )
        for rid in ids
    ]
    completions = (
        draw(
            st.dictionaries(
                day, st.dictionaries(st.sampled_from(ids), count, min_size=1), max_size=4
            )
        )
        if ids
        else {}
    )
    goals = []
    for gid in draw(st.lists(ident, unique=True, max_size=3)):
        start, due = draw(maybe(day)), draw(maybe(day))
        if start and due and due < start:
            start, due = due, start
        source = draw(
            st.one_of(
                st.none(),
                st.builds(lambda t: GoalSource(tag=t), name),
                st.builds(
                    lambda t, e: GoalSource(**present(interactions_with=t, exchange=e)),
                    name,
                    maybe(st.sampled_from(["gave", "asked", "neutral"])),
                ),
                *(
                    [st.builds(lambda r: GoalSource(routine=r), st.sampled_from(ids))]
                    if ids
                    else []
                ),
            )
        )
        goals.append(
            Goal(
                id=gid,
                title=draw(name),
                target=draw(positive),
                **present(
                    unit=draw(maybe(text)),
                    why=draw(maybe(long_text)),
                    start=start,
                    due=due,
                    status=draw(maybe(st.sampled_from(["active", "done", "dropped"]))),
                    source=source,
                    progress=draw(maybe(count)),
                ),
            )
        )
    return Plan(settings=settings_, routines=routines, completions=completions, goals=goals)


@st.composite
def books(draw) -> ContactBook:
    contacts = []
    for cid in draw(st.lists(ident, unique=True, max_size=5)):
        milestones = draw(
            st.lists(
                st.builds(
                    lambda label, when, yearly: Milestone(
                        **present(label=label, date=when, yearly=yearly)
                    ),
                    name,
                    day,
                    maybe(st.booleans()),
                ),
                max_size=3,
            )
        )
        contacts.append(
            Contact(
                id=cid,
                name=draw(name),
                **present(
                    company=draw(maybe(text)),
                    role=draw(maybe(text)),
                    email=draw(maybe(email)),
                    phone=draw(maybe(text)),
                    handles=draw(maybe(st.dictionaries(text, text, max_size=3))),
                    tags=draw(maybe(st.lists(name, max_size=3))),
                    kind=draw(maybe(st.sampled_from(["networking", "social", "both"]))),
                    met_at=draw(maybe(text)),
                    cadence_days=draw(maybe(positive)),
                    follow_up=draw(maybe(day)),
                    topics=draw(maybe(st.lists(name, max_size=3))),
                    notes=draw(maybe(long_text)),
                    created=draw(maybe(day)),
                    reviewed=draw(maybe(day)),
                    archived=draw(maybe(st.booleans())),
                    milestones=milestones or None,
                ),
            )
        )
    return ContactBook(contacts=contacts)


@st.composite
def journals(draw, contact_ids: list[str]) -> Journal:
    if not contact_ids:
        return Journal()
    interactions = [
        Interaction(
            id=iid,
            contact=draw(st.sampled_from(contact_ids)),
            on=draw(day),
            **present(
                kind=draw(maybe(st.sampled_from(["message", "call", "coffee", "event", "other"]))),
                exchange=draw(maybe(st.sampled_from(["gave", "asked", "neutral"]))),
                minutes=draw(maybe(st.integers(0, 1440))),
                note=draw(maybe(long_text)),
                venue=draw(maybe(text)),
                follow_up=draw(maybe(day)),
                promise=draw(maybe(text)),
            ),
        )
        for iid in draw(st.lists(ident, unique=True, max_size=6))
    ]
    return Journal(interactions=interactions)


@st.composite
def stores(draw) -> tuple[Plan, ContactBook, Journal]:
    book = draw(books())
    return draw(plans()), book, draw(journals([c.id for c in book.contacts]))


@pytest.mark.slow
@given(stores())
@settings(
    max_examples=rounds(40),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
def test_any_store_round_trips_and_a_second_save_writes_nothing(store) -> None:
    plan, book, journal = store
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp) / "store"
        folder.mkdir()
        first = Store(folder)  # an empty folder: every file is new
        assert sorted(first.save(plan=plan, contacts=book, journal=journal)) == sorted(REQUIRED)
        saved = store_bytes(folder)
        stats = {n: os.stat(folder / n).st_mtime_ns for n in (FILES[n] for n in REQUIRED)}
        again = Store(folder)
        loaded = again.load()
        assert (loaded.plan, loaded.contacts, loaded.journal) == (plan, book, journal)
        assert again.save(plan=loaded.plan, contacts=loaded.contacts, journal=loaded.journal) == []
        assert store_bytes(folder) == saved
        assert {n: os.stat(folder / n).st_mtime_ns for n in (FILES[n] for n in REQUIRED)} == stats
        for name, model in (("plan", plan), ("contacts", book), ("journal", journal)):
            assert encode(decode(name, saved[FILES[name]])) == saved[FILES[name]] == encode(model)


def test_a_day_left_empty_by_a_hand_edit_does_not_block_saving(tmp_path: Path) -> None:
    """`[completions."2026-11-23"]` with nothing under it loads as an empty day; the next save
    (which leaves empty days out) must not be refused as "would not read back the same"."""
    from netplan.domain.routines import add_completions

    store = Store(tmp_path / "store")
    store.ensure()
    path = store.folder / "plan.toml"
    path.write_text(path.read_text() + '\n[completions."2026-11-23"]\n')
    plan = Store(store.folder).read_plan()
    fresh = Store(store.folder)
    fresh.read_plan()
    fresh.save(plan=add_completions(plan, "engage-posts", date(2026, 11, 24), 1))
    assert Store(store.folder).read_plan().completions == {date(2026, 11, 24): {"engage-posts": 1}}


def test_a_fresh_plan_can_be_extended_by_hand(tmp_path: Path) -> None:
    """A hand-added day of check-offs, goal or cadence table parses in a first-run file: the
    store never writes `completions = {}` or `goals = []`, which TOML would not let a later
    `[completions."…"]` or `[[goals]]` extend."""
    store = Store(tmp_path / "store")
    store.ensure()
    path = store.folder / "plan.toml"
    path.write_text(
        path.read_text()
        + '\n[completions."2026-11-24"]\nengage-posts = 2\n'
        + '\n[[goals]]\nid = "g"\ntitle = "Five coffees"\ntarget = 5\n'
    )
    plan = Store(store.folder).read_plan()
    assert plan.completions == {date(2026, 11, 24): {"engage-posts": 2}}
    assert [g.id for g in plan.goals] == ["g"]
    text = encode(Plan()).decode()
    assert "cadence_by_tag" not in text and "= {}" not in text and "= []" not in text


@pytest.mark.slow
@given(books(), st.data())
@settings(
    max_examples=rounds(40),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
def test_big_files_decoded_in_pieces_give_the_same_models(book, data) -> None:
    """Pieces of one record each: every cut is tried, text full of TOML syntax included."""
    journal = data.draw(journals([c.id for c in book.contacts]))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(store_module, "CHUNK_RECORDS", 1)
        patch.setattr(store_module, "CHUNK_MIN_CHARS", 0)
        for name, model in (("contacts", book), ("journal", journal)):
            data_ = encode(model)
            pieces = store_module._decode_in_chunks(name, data_.decode())
            assert pieces is None or pieces == model
            assert decode(name, data_) == model
