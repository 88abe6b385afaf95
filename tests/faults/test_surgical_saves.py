"""A save changes only the bytes of what changed: every comment, blank line, key order and
spacing elsewhere survives, in all three files, from the app and the command line."""

from __future__ import annotations

import difflib
import random
from datetime import date
from pathlib import Path

import pytest
from app_helpers import make_app, settle
from faults_helpers import demo_store
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netplan.cli import main
from netplan.models import Contact, GoalStatus, Interaction, Milestone
from netplan.store import Store, decode, encode
from netplan.store.splice import splice, units

TODAY = "2026-11-25"
ENV = {"NETPLAN_TODAY": TODAY}

PLAN_NOTES = {
    "schema_version = 1": "# My networking plan, synced with Syncthing\nschema_version = 1",
    "[settings]": "[settings]  # what I set up in January",
    'id = "engage-posts"': 'id = "engage-posts"\n# three a week, on LinkedIn',
    "target = 3": "target = 3  # three a week",
}
CONTACT_NOTES = {
    'id = "lukas-becker"': 'id = "lukas-becker"\n# ask about his move; new phone +49 151 …',
    'role = "Staff Data Engineer"': 'role  =  "Staff Data Engineer"   # since March',
}
JOURNAL_NOTES = {"[[interactions]]": "# the first entry I logged\n[[interactions]]"}


def annotate(path: Path, notes: dict[str, str]) -> str:
    text = path.read_text()
    for old, new in notes.items():
        assert old in text, old
        text = text.replace(old, new, 1)
    path.write_text(text)
    return text


@pytest.fixture
def noted(tmp_path: Path) -> Store:
    store = demo_store(tmp_path / "store", people=8)
    annotate(store.path("plan"), PLAN_NOTES)
    annotate(store.path("contacts"), CONTACT_NOTES)
    annotate(store.path("journal"), JOURNAL_NOTES)
    Store(store.folder).load()  # still valid
    return Store(store.folder)


def changed_lines(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="")
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def texts(store: Store) -> dict[str, str]:
    return {n: store.path(n).read_text() for n in ("plan", "contacts", "journal")}


def test_a_check_off_from_the_cli_keeps_every_comment(noted: Store) -> None:
    before = texts(noted)
    args = ["--data", str(noted.folder), "check", "engage-posts", "--on", "2026-11-30"]
    assert main(args, ENV) == 0
    after = texts(noted)
    assert after["contacts"] == before["contacts"] and after["journal"] == before["journal"]
    for note in PLAN_NOTES.values():
        assert note in after["plan"]
    # One new day: its three lines, and the blank line before it.
    added = [line for line in changed_lines(before["plan"], after["plan"]) if line != "+"]
    assert added == ['+[completions."2026-11-30"]', "+engage-posts = 1"]


def test_a_log_on_another_contact_keeps_the_comments_under_this_one(noted: Store) -> None:
    before = texts(noted)
    args = ["--data", str(noted.folder), "log", "amara", "--follow-up", "2026-12-24"]
    assert main(args, ENV) == 0
    after = texts(noted)
    for note in CONTACT_NOTES.values():
        assert note in after["contacts"]
    assert changed_lines(before["contacts"], after["contacts"]) == [
        "-follow_up = 2026-11-22",
        "+follow_up = 2026-12-24",
    ]
    assert after["journal"].startswith(before["journal"])  # appended, nothing else touched
    assert JOURNAL_NOTES["[[interactions]]"] in after["journal"]
    assert after["plan"] == before["plan"]


async def test_the_apps_saves_keep_comments_in_all_three_files(noted: Store) -> None:
    before = texts(noted)
    app = make_app(noted)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        await pilot.press("space")  # a check-off today
        await pilot.press("3")
        await settle(pilot, app)
        await pilot.press("slash", *"lukas", "enter", "l")
        await pilot.pause()
        await pilot.press("ctrl+s")  # log a message with Lukas
        await settle(pilot, app)
        await pilot.press("4", "plus")  # move a manual goal
        await settle(pilot, app)
    after = texts(noted)
    for name, notes in (("plan", PLAN_NOTES), ("contacts", CONTACT_NOTES)):
        for note in notes.values():
            assert note in after[name], (name, note)
    assert JOURNAL_NOTES["[[interactions]]"] in after["journal"]
    assert after["plan"] != before["plan"] and after["journal"] != before["journal"]
    for line in changed_lines(before["plan"], after["plan"]):
        assert "completions" in line or "engage-posts" in line or "progress" in line or line in "+-"
    assert decode("plan", after["plan"].encode()) == Store(noted.folder).read_plan()


def test_a_changed_record_keeps_its_own_comments_and_unchanged_keys(noted: Store) -> None:
    book = noted.read_contacts()
    lukas = next(c for c in book.contacts if c.id == "lukas-becker")
    edited = lukas.model_copy(update={"notes": "Moved to Utrecht.", "tags": ["data"]})
    others = [edited if c.id == lukas.id else c for c in book.contacts]
    before = noted.path("contacts").read_text()
    noted.save(contacts=book.model_copy(update={"contacts": others}))
    after = noted.path("contacts").read_text()
    for note in CONTACT_NOTES.values():
        assert note in after
    assert sorted(changed_lines(before, after)) == [
        '+notes = "Moved to Utrecht."',
        '+tags = ["data"]',
        '-notes = "Rides the Amstel Gold route every April."',
        '-tags = ["former-colleague", "data"]',
    ]


def test_deleting_a_contact_takes_only_its_lines(noted: Store) -> None:
    book = noted.read_contacts()
    before = noted.path("contacts").read_text()
    layout = units(before, "contacts")
    assert layout is not None
    _head, parts = layout
    gone = next(n for n, c in enumerate(book.contacts) if c.id == "elena-marin")
    noted.save(
        contacts=book.model_copy(
            update={"contacts": [c for c in book.contacts if c.id != "elena-marin"]}
        )
    )
    after = noted.path("contacts").read_text()
    assert after == before.replace(parts[gone][1], "", 1)


def test_a_file_laid_out_otherwise_is_written_whole_and_still_right(tmp_path: Path) -> None:
    store = Store(tmp_path / "s")
    store.ensure()
    path = store.path("contacts")
    path.write_text('contacts = [{ id = "x", name = "X" }]  # inline: not record by record\n')
    book = Store(store.folder).read_contacts()
    fresh = Store(store.folder)
    fresh.read_contacts()
    fresh.save(contacts=book.model_copy(update={"contacts": [Contact(id="x", name="Y")]}))
    assert decode("contacts", path.read_bytes()).contacts == [Contact(id="x", name="Y")]


def test_a_contact_edit_in_a_thousand_contacts_changes_one_line(tmp_path: Path) -> None:
    store = demo_store(tmp_path / "store", people=40)
    book = store.read_contacts()
    many = [c.model_copy(update={"id": f"{c.id}-{n}"}) for n in range(25) for c in book.contacts]
    store.save(contacts=book.model_copy(update={"contacts": many}))
    store = Store(store.folder)
    book = store.read_contacts()
    before = store.path("contacts").read_text()
    target = book.contacts[500]
    edited = target.model_copy(update={"notes": "Changed."})
    new = book.model_copy(
        update={"contacts": [edited if c is target else c for c in book.contacts]}
    )
    store.save(contacts=new)
    lines = changed_lines(before, store.path("contacts").read_text())
    assert len(lines) == 2 and lines[1] == '+notes = "Changed."', lines


# --- any edit, any comments: the result reads as the model, comments on others stay ---------

NAMES = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=12
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(seed=st.integers(0, 10**6), name=NAMES)
def test_random_edits_keep_untouched_records_byte_for_byte(seed: int, name: str) -> None:
    rng = random.Random(seed)
    book_text, book = _commented_book(rng)
    records = list(book.contacts)
    touched: set[str] = set()
    for _ in range(rng.randint(1, 4)):
        choice = rng.random()
        if choice < 0.4 and records:
            index = rng.randrange(len(records))
            changes = rng.choice(
                [
                    {"name": name},
                    {"notes": None},
                    {"company": name},
                    {"tags": [name, "x"]},
                    {"follow_up": date(2027, 1, rng.randint(1, 28))},
                    {"milestones": [Milestone(label=name, date=date(1990, 1, 2), yearly=True)]},
                    {"handles": {"github": name}},
                    {"archived": True},
                ]
            )
            touched.add(records[index].id)
            records[index] = records[index].model_copy(update=changes)
        elif choice < 0.7 and records:
            touched.add(records.pop(rng.randrange(len(records))).id)
        else:
            new = Contact(id=f"new-{rng.randrange(10**6)}", name=name)
            if new.id not in {r.id for r in records}:
                records.insert(rng.randint(0, len(records)), new)
    new_book = book.model_copy(update={"contacts": records})
    out = splice("contacts", book_text, book, new_book)
    if not records:
        assert out is None  # no record left: the writer writes `contacts = []`
        return
    assert out is not None
    assert decode("contacts", out.encode()) == new_book
    for record in new_book.contacts:
        if record.id not in touched and not record.id.startswith("new-"):
            assert f"# about {record.id}\n" in out  # its comment, where it was


def _commented_book(rng: random.Random):
    contacts = [
        Contact(
            id=f"c{n}", name=f"Person {n}", notes="x" if n % 2 else None, tags=["t"] * (n % 3 > 0)
        )
        for n in range(rng.randint(1, 6))
    ]
    from netplan.models import ContactBook

    book = ContactBook(contacts=contacts)
    text = encode(book).decode()
    for contact in contacts:
        text = text.replace(
            f'id = "{contact.id}"\n', f'id = "{contact.id}"\n# about {contact.id}\n', 1
        )
    return text, decode("contacts", text.encode())


def test_goal_status_and_interactions_edits_keep_the_plans_comments(noted: Store) -> None:
    plan = noted.read_plan()
    goal = plan.goals[0]
    done = goal.model_copy(update={"status": GoalStatus.done})
    noted.save(plan=plan.model_copy(update={"goals": [done, *plan.goals[1:]]}))
    text = noted.path("plan").read_text()
    for note in PLAN_NOTES.values():
        assert note in text
    journal = noted.read_journal()
    extra = Interaction(id="i-x", contact="amara-okafor", on=date(2026, 11, 25))
    noted.save(journal=journal.model_copy(update={"interactions": [*journal.interactions, extra]}))
    assert JOURNAL_NOTES["[[interactions]]"] in noted.path("journal").read_text()
