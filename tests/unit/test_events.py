"""Events (spec 7.2): attended, what they count for, derived follow-ups, `with`, refusals."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from factories import book, contact, interaction, journal, routine

from netplan.domain.due import due_report
from netplan.domain.events import attended, event_credits, event_people, find_event
from netplan.domain.followups import last_interaction_days
from netplan.domain.history import RoutineHistory, counts_of
from netplan.domain.lookup import AmbiguousError, NotFoundError
from netplan.domain.merging import repoint, without
from netplan.domain.people_index import PeopleIndex
from netplan.domain.routines import count_between, routine_statuses
from netplan.models import Event, Period, Plan, Settings
from netplan.store import Store, StoreError
from netplan.workspace.data import Data
from netplan.workspace.people_edits import delete_contact, log_interaction, merge_contacts

TODAY = date(2026, 11, 25)
D = date.fromisoformat
ATTEND = routine("attend-event", Period.month, 1, since=D("2026-01-01"))


def event(id: str = "pycon", on: str = "2026-11-20", **fields) -> Event:
    for key in ("until",):
        if isinstance(fields.get(key), str):
            fields[key] = D(fields[key])
    return Event(id=id, title=fields.pop("title", id.capitalize()), on=D(on), **fields)


def plan_with(*events: Event, routines=(ATTEND,)) -> Plan:
    return Plan(routines=list(routines), events=list(events))


# --- attended and what it counts -------------------------------------------------------------


def test_an_event_is_attended_from_its_last_day_unless_attended_false() -> None:
    conf = event(on="2026-11-24", until="2026-11-26")
    assert not attended(conf, TODAY)
    assert attended(conf, D("2026-11-26"))  # the last day itself counts
    assert attended(event(on="2026-11-25"), TODAY)
    assert not attended(event(on="2026-11-01", attended=False), TODAY)
    assert attended(event(on="2026-11-01", attended=True), TODAY)


def test_an_event_counts_once_for_attend_event_by_default() -> None:
    plan = plan_with(event(on="2026-11-03"), event("meetup", on="2026-11-10"))
    (status,) = routine_statuses(plan, Period.month, TODAY, TODAY)
    assert (status.done, status.met) == (2, True)
    assert counts_of(ATTEND) == ("event", "linkedin:event")


def test_an_event_over_a_month_boundary_counts_in_the_month_of_its_last_day() -> None:
    plan = plan_with(event(on="2026-10-30", until="2026-11-01"))
    history = RoutineHistory(plan, ATTEND, TODAY)
    assert history.at(D("2026-10-15")).done == 0
    november = history.at(D("2026-11-15"))
    assert (november.done, november.evidence, november.met) == (1, 1, True)
    assert count_between(plan, ATTEND.id, D("2026-11-01"), D("2026-11-01"), TODAY) == 1
    assert count_between(plan, ATTEND.id, D("2026-10-30"), D("2026-10-31"), TODAY) == 0
    assert count_between(plan, ATTEND.id, D("2026-11-01"), D("2026-11-01")) == 0  # no today


def test_attended_false_and_future_events_count_nothing() -> None:
    plan = plan_with(event(on="2026-11-03", attended=False), event("later", on="2026-11-28"))
    assert RoutineHistory(plan, ATTEND, TODAY).at(TODAY).done == 0
    assert RoutineHistory(plan, ATTEND, D("2026-11-28")).at(TODAY).done == 1


def test_counts_decides_which_routines_count_events() -> None:
    mine = routine("go-out", Period.week, 1, since=D("2026-01-01"), counts=["event"])
    silent = routine("attend-event", Period.month, 1, since=D("2026-01-01"), counts=[])
    other = routine("engage-posts", Period.week, 1, since=D("2026-01-01"))
    plan = plan_with(event(on="2026-11-24"), routines=(mine, other))
    by_id = {s.routine.id: s for s in routine_statuses(plan, Period.week, TODAY, TODAY)}
    assert by_id["go-out"].done == 1 and by_id["go-out"].met
    assert by_id["engage-posts"].done == 0
    assert RoutineHistory(plan_with(event(on="2026-11-24")), silent, TODAY).at(TODAY).done == 0


def test_events_feed_streaks_and_due() -> None:
    events = [event(f"e{m}", on=f"2026-{m:02d}-10") for m in range(8, 12)]
    plan = plan_with(*events)
    history = RoutineHistory(plan, ATTEND, TODAY)
    assert history.streak() == 4
    people = PeopleIndex.of(book(), journal(), Settings(), TODAY)
    assert not [s for s in due_report(plan, people, TODAY).routines if s.routine.id == ATTEND.id]
    empty = plan_with()
    assert [s.routine.id for s in due_report(empty, people, TODAY).routines] == [ATTEND.id]


def test_the_same_event_from_two_sources_counts_once() -> None:
    conf = event(on="2026-11-20", until="2026-11-21", title="PyCon  DE")
    assert event_credits([conf], TODAY, [(D("2026-11-21"), "pycon de")]) == {D("2026-11-21"): 1}
    other = event_credits([conf], TODAY, [(D("2026-11-22"), "PyCon DE")])
    assert other == {D("2026-11-21"): 1, D("2026-11-22"): 1}
    twice = event_credits([conf, conf.model_copy(update={"id": "again"})], TODAY)
    assert twice == {D("2026-11-21"): 1}


# --- people: derived follow-ups, `with`, met -------------------------------------------------


def people_at(plan: Plan, *entries) -> PeopleIndex:
    contacts = book(
        contact("jane-doe", cadence_days=30),
        contact("sam-lee", cadence_days=30),
        contact("ana-ruiz", cadence_days=30),
    )
    return PeopleIndex.of(contacts, journal(*entries), plan.settings, TODAY, plan.events)


def test_people_met_at_an_event_are_due_two_days_after_its_last_day() -> None:
    plan = plan_with(event(on="2026-11-20", until="2026-11-22"))
    people = people_at(
        plan,
        interaction("jane-doe", "2026-11-21", event="pycon", with_=["sam-lee"]),
        interaction("ana-ruiz", "2026-11-21", event="pycon", follow_up=D("2026-12-10")),
    )
    assert people.by_id["jane-doe"].due == D("2026-11-24")
    assert people.by_id["sam-lee"].due == D("2026-11-24")  # in `with`: met there too
    # its own follow-up: the usual rule (here the cadence, no contact follow-up was applied)
    assert people.by_id["ana-ruiz"].due == D("2026-12-21")


def test_a_later_interaction_ends_the_derived_follow_up() -> None:
    plan = plan_with(event(on="2026-11-20"))
    people = people_at(
        plan,
        interaction("jane-doe", "2026-11-20", event="pycon"),
        interaction("jane-doe", "2026-11-21", kind="message"),
    )
    assert people.by_id["jane-doe"].due == D("2026-12-21")  # last contact + cadence


def test_people_in_with_count_as_contacted_but_balance_stays_with_contact() -> None:
    plan = plan_with()
    entry = interaction("jane-doe", "2026-11-24", with_=["sam-lee"], exchange="asked")
    people = people_at(plan, entry)
    assert people.by_id["sam-lee"].last == D("2026-11-24")
    assert people.by_id["sam-lee"].due == D("2026-12-24")
    assert people.by_id["sam-lee"].balance.asked == 0
    assert people.by_id["jane-doe"].balance.asked == 1
    assert last_interaction_days(journal(entry)) == {
        "jane-doe": D("2026-11-24"),
        "sam-lee": D("2026-11-24"),
    }


def test_the_people_index_follows_an_added_with_incrementally() -> None:
    plan = plan_with(event(on="2026-11-20"))
    people = people_at(plan)
    contacts, log = people.book, people.journal
    entry = interaction("jane-doe", "2026-11-20", event="pycon", with_=["ana-ruiz"])
    people.update(contacts, journal(entry), plan.settings, TODAY, plan.events)
    assert people.by_id["ana-ruiz"].due == D("2026-11-22")
    assert log is not people.journal


def test_met_and_the_48_hour_follow_up_rate() -> None:
    conf = event(on="2026-11-18", until="2026-11-19")
    entries = [
        interaction("jane-doe", "2026-11-18", event="pycon", with_=["sam-lee"]),
        interaction("ana-ruiz", "2026-11-19", event="pycon"),
        interaction("jane-doe", "2026-11-21", kind="message"),  # within 48 hours
        interaction("ana-ruiz", "2026-11-19", kind="message"),  # the last day: not after
        interaction("sam-lee", "2026-11-22", kind="message"),  # too late
    ]
    people = event_people(conf, entries)
    assert people.met == ("jane-doe", "sam-lee", "ana-ruiz")
    assert people.followed_up == ("jane-doe",)
    assert people.rate == pytest.approx(1 / 3)
    assert people.due == D("2026-11-21") and not people.open(D("2026-11-22"))
    assert event_people(event("empty"), entries).rate is None


def test_find_event_by_id_or_title_prefix() -> None:
    plan = plan_with(event("pycon-de", title="PyCon DE"), event("pycon-it", title="PyCon Italia"))
    assert find_event(plan, "pycon-it").id == "pycon-it"
    assert find_event(plan, "pycon d").id == "pycon-de"
    with pytest.raises(AmbiguousError):
        find_event(plan, "PyCon")
    with pytest.raises(NotFoundError):
        find_event(plan, "jsconf")


# --- merge and delete re-point or remove every reference -----------------------------------------


def data_of(*entries) -> Data:
    plan = plan_with(event(going=["sam-lee", "jane-doe"]))
    contacts = book(contact("jane-doe"), contact("sam-lee"), contact("ana-ruiz"))
    return Data(plan, contacts, journal(*entries))


def test_repoint_and_without_cover_with_and_going() -> None:
    entry = interaction("jane-doe", "2026-11-20", with_=["sam-lee", "ana-ruiz"])
    assert repoint(entry, "sam-lee", "jane-doe").with_ == ["ana-ruiz"]
    assert repoint(entry, "jane-doe", "ana-ruiz").model_dump()["with"] == ["sam-lee"]
    assert without(entry, "sam-lee").with_ == ["ana-ruiz"]
    assert without(event(going=["sam-lee"]), "sam-lee").going == []


def test_deleting_a_contact_removes_it_from_with_and_going_and_undo_puts_it_back() -> None:
    data = data_of(
        interaction("jane-doe", "2026-11-20", id="a", with_=["sam-lee"]),
        interaction("sam-lee", "2026-11-20", id="b"),
    )
    edit = delete_contact(data.contacts.contacts[1])
    after = edit.forward(data)
    assert [i.id for i in after.journal.interactions] == ["a"]
    assert after.journal.interactions[0].with_ == []
    assert after.plan.events[0].going == ["jane-doe"]
    back = edit.backward(after)
    assert (back.journal, back.plan, back.contacts) == (data.journal, data.plan, data.contacts)


def test_merging_re_points_with_and_going_and_undo_restores_them() -> None:
    data = data_of(interaction("jane-doe", "2026-11-20", id="a", with_=["sam-lee", "ana-ruiz"]))
    edit = merge_contacts("ana-ruiz", "sam-lee", "Merge")
    after = edit.forward(data)
    assert after.journal.interactions[0].with_ == ["ana-ruiz"]
    assert after.plan.events[0].going == ["ana-ruiz", "jane-doe"]
    back = edit.backward(after)
    assert back.journal == data.journal and back.plan == data.plan


def test_logging_with_others_applies_the_follow_up_rule_to_each_and_undoes() -> None:
    from netplan.domain.journal import LogRequest

    data = data_of()
    data = Data(
        data.plan,
        book(contact("jane-doe"), contact("sam-lee", follow_up=D("2026-11-19"))),
        data.journal,
    )
    request = LogRequest("jane-doe", D("2026-11-20"), with_=("sam-lee", "jane-doe"), event="pycon")
    edit = log_interaction(request, "Log")
    after = edit.forward(data)
    (entry,) = after.journal.interactions
    assert (entry.with_, entry.event) == (["sam-lee"], "pycon")
    assert after.contacts.contacts[1].follow_up is None  # done with, as for the contact
    assert edit.backward(after).contacts == data.contacts
    with pytest.raises(KeyError):
        log_interaction(LogRequest("jane-doe", TODAY, event="nope"), "Log").forward(data)
    with pytest.raises(KeyError):
        log_interaction(LogRequest("jane-doe", TODAY, with_=("nobody",)), "Log").forward(data)


# --- the files --------------------------------------------------------------------------------


def test_events_with_and_event_round_trip_through_the_store(tmp_path: Path) -> None:
    store = Store(tmp_path / "s")
    store.ensure()
    loaded = store.load()
    plan = loaded.plan.model_copy(
        update={"events": [event(until="2026-11-22", venue="Darmstadt", kind="conference")]}
    )
    store.save(plan=plan, contacts=book(contact("jane-doe"), contact("sam-lee")))
    entry = interaction("jane-doe", "2026-11-21", id="i-1", event="pycon", with_=["sam-lee"])
    store.save(journal=journal(entry))
    text = (store.folder / "journal.toml").read_text()
    assert 'with = ["sam-lee"]' in text and 'event = "pycon"' in text
    assert "with_" not in text
    again = Store(store.folder).load()
    assert again.plan.events == plan.events and again.journal.interactions == [entry]
    assert 'kind = "conference"' in (store.folder / "plan.toml").read_text()


def test_an_event_edit_keeps_the_plans_comments(tmp_path: Path) -> None:
    store = Store(tmp_path / "s")
    store.ensure()
    loaded = store.load()
    store.save(plan=loaded.plan.model_copy(update={"events": [event()]}))
    path = store.folder / "plan.toml"
    path.write_text(path.read_text().replace('title = "Pycon"', 'title = "Pycon"  # mine'))
    store = Store(store.folder)
    plan = store.load().plan
    changed = plan.events[0].model_copy(update={"venue": "Berlin"})
    ahead = event("later", on="2026-12-01", attended=False)
    store.save(plan=plan.model_copy(update={"events": [changed, ahead]}))
    text = path.read_text()
    assert 'title = "Pycon"  # mine' in text and 'venue = "Berlin"' in text
    assert "attended = false" in text and "going" not in text
    assert Store(store.folder).load().plan.events == [changed, ahead]


GOOD_CONTACTS = b'[[contacts]]\nid = "jane-doe"\nname = "Jane Doe"\n'
EVENT = b'[[events]]\nid = "pycon"\ntitle = "PyCon"\non = 2026-11-20\n'
REFUSED = {
    "until before on": (
        EVENT + b"until = 2026-11-19\n",
        b"",
        r'plan\.toml.*event 1 \(id "pycon"\), field "until": must not be before on',
    ),
    "going unknown": (
        EVENT + b'going = ["nobody"]\n',
        b"",
        r'plan\.toml: event 1 \(id "pycon"\), field "going": no contact .* "nobody"',
    ),
    "with unknown": (
        EVENT,
        b'[[interactions]]\nid = "i-1"\ncontact = "jane-doe"\non = 2026-11-20\nwith = ["x"]\n',
        r'journal\.toml: interaction 1 \(id "i-1"\), field "with": no contact .* "x"',
    ),
    "event unknown": (
        EVENT,
        b'[[interactions]]\nid = "i-1"\ncontact = "jane-doe"\non = 2026-11-20\nevent = "x"\n',
        r'journal\.toml: interaction 1 \(id "i-1"\), field "event": no event .* "x"',
    ),
    "kind unknown": (
        EVENT + b'kind = "party"\n',
        b"",
        r'plan\.toml.*event 1 \(id "pycon"\), field "kind"',
    ),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_bad_events_are_refused_on_load_naming_file_entry_and_field(
    tmp_path: Path, case: str
) -> None:
    store = Store(tmp_path / "s")
    store.ensure()
    plan_text, journal_text, pattern = REFUSED[case]
    (store.folder / "plan.toml").write_bytes(b"schema_version = 1\n" + plan_text)
    (store.folder / "contacts.toml").write_bytes(GOOD_CONTACTS)
    if journal_text:
        (store.folder / "journal.toml").write_bytes(journal_text)
    before = {p.name: p.read_bytes() for p in store.folder.iterdir() if p.is_file()}
    with pytest.raises(StoreError) as raised:
        Store(store.folder).load()
    assert any(re.search(pattern, p) for p in raised.value.problems), raised.value.problems
    assert {p.name: p.read_bytes() for p in store.folder.iterdir() if p.is_file()} == before
