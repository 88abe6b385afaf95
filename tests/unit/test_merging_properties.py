"""Property tests of the three-way merge (netplan.merging): a random base file, two random
sequences of edits applied to copies of it (records added, removed and patched, check-offs
added and removed), then

1. every change of one side that the other side did not also make is in the result, and every
   field both sides changed differently is reported (ours kept);
2. swapping ours and theirs gives the same file outside the reported conflicts;
3. merging a file with itself, against any base, changes nothing and reports nothing.

Ids, days and values come from small alphabets so that both sides touch the same records.
Example counts scale with NETPLAN_STRESS (tests/faults_helpers.py).
"""

from __future__ import annotations

from collections.abc import Hashable
from datetime import date
from typing import Any

from faults_helpers import rounds
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from netplan.domain.ids import next_interaction_id
from netplan.merging import Merged, merge_models
from netplan.merging.files import COLLECTIONS
from netplan.merging.records import Collection, alias
from netplan.merging.report import count_where, field_where
from netplan.models import (
    Activity,
    ActivityKind,
    ActivityLog,
    Contact,
    ContactBook,
    EarlierTarget,
    Event,
    EventKind,
    Exchange,
    Goal,
    GoalSource,
    GoalStatus,
    Interaction,
    InteractionKind,
    Journal,
    Milestone,
    Period,
    Plan,
    Routine,
    Settings,
    Skip,
    WeekStart,
)

D0, D1, D2, D3 = (date(2026, 11, d) for d in (23, 24, 25, 26))
IDS = ["a", "b", "c", "d"]
ROUTINE_IDS = ["a", "b", "c"]


def one_of(*values: Any) -> st.SearchStrategy[Any]:
    return st.sampled_from(values)


# What a new record starts from, and the values each field may be patched to. Some
# combinations are invalid (a goal due before its start, a kept day before the interaction):
# an edit making one is not applied, but a merge may combine two valid edits into one.
REQUIRED: dict[type[BaseModel], dict[str, Any]] = {
    Routine: {"title": "R", "period": Period.week, "target": 1},
    Goal: {"title": "G", "target": 1},
    Event: {"title": "E", "on": D0},
    Skip: {"from_": D0, "to": D1},
    Contact: {"name": "N"},
    Interaction: {"contact": "a", "on": D0},
    Activity: {"on": D0, "platform": "LinkedIn", "kind": ActivityKind.comment},
}
DAYS = one_of(D0, D1, D2, D3)
MAYBE_DAY = one_of(None, D0, D1, D2, D3)
FIELDS: dict[type[BaseModel], dict[str, st.SearchStrategy[Any]]] = {
    Routine: {
        "title": one_of("R", "Post", "Call", "Write"),
        "period": st.sampled_from(Period),
        "target": st.integers(1, 4),
        "platform": one_of(None, "LinkedIn", "Slack", "X"),
        "minutes": one_of(0, 15, 30, 45),
        "archived": st.booleans(),
        "since": MAYBE_DAY,
        "earlier": one_of(
            [], [EarlierTarget(until=D0, target=2)], [EarlierTarget(until=D1, target=3)]
        ),
        "counts": one_of(None, ["event"], ["linkedin:comment"], []),
    },
    Goal: {
        "title": one_of("G", "Grow", "Meet", "Ask"),
        "target": st.integers(1, 5),
        "why": one_of(None, "growth", "jobs", "fun"),
        "start": MAYBE_DAY,
        "due": MAYBE_DAY,
        "status": st.sampled_from(GoalStatus),
        "progress": st.integers(0, 4),
        "source": one_of(None, GoalSource(routine="a"), GoalSource(tag="x"), GoalSource(tag="y")),
    },
    Event: {
        "title": one_of("E", "Conf", "Meetup", "Fair"),
        "on": DAYS,
        "until": MAYBE_DAY,
        "venue": one_of(None, "Berlin", "Paris", "Online"),
        "kind": st.sampled_from(EventKind),
        "going": one_of([], ["a"], ["a", "b"], ["c"]),
        "attended": one_of(None, True, False),
    },
    Skip: {
        "from_": one_of(D0, D1),
        "to": one_of(D1, D2),
        "routines": one_of(None, ["a"], ["a", "b"]),
        "reason": one_of(None, "flu", "trip", "move"),
    },
    Contact: {
        "name": one_of("N", "Jane", "Sam", "Ada"),
        "company": one_of(None, "Acme", "Initech", "Globex"),
        "email": one_of(None, "j@acme.com", "s@initech.com", "not an address"),
        "tags": one_of([], ["x"], ["x", "y"], ["y"]),
        "circle": one_of(None, 5, 15, 50),
        "follow_up": MAYBE_DAY,
        "archived": st.booleans(),
        "handles": one_of({}, {"x": "@j"}, {"x": "@jd"}, {"slack": "jd"}),
        "milestones": one_of(
            [], [Milestone(label="birthday", date=D0)], [Milestone(label="job", date=D1)]
        ),
        "notes": one_of(None, "a", "b", "c"),
    },
    Interaction: {
        "contact": st.sampled_from(IDS),
        "on": DAYS,
        "kind": st.sampled_from(InteractionKind),
        "exchange": st.sampled_from(Exchange),
        "minutes": one_of(0, 15, 30, 60),
        "note": one_of(None, "hi", "yo", "hey"),
        "promise": one_of(None, "intro", "a book", "a call"),
        "kept": MAYBE_DAY,
        "source": one_of(None, "s1", "s2", "s3"),
        "with_": one_of([], ["b"], ["c"], ["b", "c"]),
    },
    Activity: {
        "on": DAYS,
        "platform": one_of("LinkedIn", "Twitter", "Mastodon"),
        "kind": st.sampled_from(ActivityKind),
        "text": one_of(None, "x", "y", "z"),
        "contact": one_of(None, "a", "b", "c"),
    },
}
SETTINGS = {
    "week_start": st.sampled_from(WeekStart),
    "theme": one_of("textual-dark", "nord", "gruvbox"),
    "weekly_hours": one_of((5, 10), (2, 4), (1, 2)),
    "platforms": one_of(["LinkedIn"], ["Slack", "X"], []),
    "cadence_by_tag": one_of({}, {"x": 7}, {"x": 14}),
}
FILES = (Plan, ContactBook, Journal, ActivityLog)
# Fields a rule ties together (a goal's due not before its start, a kept day needs a promise
# and comes after the interaction), and the import source no two interactions share: hot
# fields that make a merge of two valid files invalid unless the merge takes care.
TIED = ({"start", "due"}, {"on", "until"}, {"promise", "kept"}, {"on", "kept"}, {"source"})
TIED_FILES = ((Plan, {"start", "due"}), (Plan, {"on", "until"}), (Journal, {"promise", "kept"}))
TIED_FILES += ((Journal, {"on", "kept"}), (Journal, {"source"}), (Journal, {"source", "id"}))


def _valid(cls: type[BaseModel], values: dict[str, Any]) -> BaseModel | None:
    try:
        return cls.model_validate(values)
    except ValidationError:
        return None


def _fields(model: BaseModel) -> dict[str, Any]:
    return {name: getattr(model, name) for name in type(model).model_fields}


def _fresh(draw: st.DrawFn, kind: Collection) -> BaseModel | None:
    """A new record: its required fields, an id from IDS, and a few fields drawn."""
    values = dict(REQUIRED[kind.cls])
    if "id" in kind.cls.model_fields:
        values["id"] = draw(st.sampled_from(IDS))
    for name in draw(st.sets(st.sampled_from(sorted(FIELDS[kind.cls])), max_size=4)):
        values[name] = draw(FIELDS[kind.cls][name])
    return _valid(kind.cls, values)


def _counts(model: Plan, day: date, routine: str, delta: int) -> dict[date, dict[str, int]]:
    """A check-off added or taken back, as the app does it: no zero count, no empty day."""
    counts = {d: dict(c) for d, c in model.completions.items()}
    now = max(0, counts.get(day, {}).get(routine, 0) + delta)
    counts.setdefault(day, {})[routine] = now
    if not now:
        del counts[day][routine]
    return {d: c for d, c in sorted(counts.items()) if c}


@st.composite
def edited(
    draw: st.DrawFn,
    model: BaseModel,
    least: int = 1,
    hot: frozenset[str] = frozenset(),
    patches_only: bool = False,
) -> BaseModel:
    """`model` after `least` to 6 random edits, each one leaving a valid file (an edit that
    would not is not made). A patch mostly picks a `hot` field when the record has one, so
    that two sides' edits meet on one field, or on two fields a rule ties together."""
    kinds = COLLECTIONS[type(model)]
    # Patches weigh most: two sides patching one record is where merges get interesting.
    ops = ["add", "remove", "patch", "patch", "patch"]
    if patches_only:
        ops = ["patch"]
    elif isinstance(model, Plan):
        ops += ["count", "count", "settings"]
    # Tries, not edits: an edit that changes nothing (a patch to the same value, an added id
    # already there) is tried again, up to three times the edits wanted.
    wanted, made = draw(st.integers(least, 6)), 0
    for _ in range(3 * wanted):
        if made >= wanted:
            break
        before = model
        op = draw(st.sampled_from(ops))
        values = _fields(model)
        if op == "count" and isinstance(model, Plan):
            day, routine = draw(one_of(D0, D1, D2)), draw(st.sampled_from(ROUTINE_IDS))
            values["completions"] = _counts(model, day, routine, draw(one_of(1, 1, 2, -1)))
        elif op == "settings" and isinstance(model, Plan):
            name = draw(st.sampled_from(sorted(SETTINGS)))
            patch = {**_fields(model.settings), name: draw(SETTINGS[name])}
            values["settings"] = _valid(Settings, patch) or model.settings
        else:
            # Mostly an array with a hot field, and its first record: both sides meet there.
            warm = [kind for kind in kinds if hot.intersection(FIELDS[kind.cls])]
            kind = draw(st.sampled_from(warm if warm and draw(st.integers(0, 2)) else kinds))
            records = list(values[kind.attr])
            if op == "add":
                record = _fresh(draw, kind)
                if record is not None:
                    records.insert(draw(st.integers(0, len(records))), record)
            elif records:
                at = draw(st.integers(0, len(records) - 1)) if draw(st.booleans()) else 0
                if op == "remove":
                    del records[at]
                else:
                    records[at] = _patched(draw, kind, records[at], hot)
            if len(set(map(kind.raw_key, records))) < len(records):
                continue  # two records with one key (id, or a skip's days): not a valid edit
            values[kind.attr] = records
        model = _valid(type(model), values) or model  # two imports alike: the edit is not made
        made += model != before
    return model


def _patched(
    draw: st.DrawFn, kind: Collection, record: BaseModel, hot: frozenset[str]
) -> BaseModel:
    names = sorted(FIELDS[kind.cls]) + (["id"] if "id" in kind.cls.model_fields else [])
    near = sorted(hot.intersection(names))
    name = draw(st.sampled_from(near if near and draw(st.integers(0, 2)) else names))
    value = draw(st.sampled_from(IDS)) if name == "id" else draw(FIELDS[kind.cls][name])
    return _valid(kind.cls, {**_fields(record), name: value}) or record


@st.composite
def a_file(draw: st.DrawFn, cls: type[BaseModel]) -> BaseModel:
    """A base file: up to 5 records in each array, keys unique, a few check-offs."""
    values: dict[str, Any] = {}
    for kind in COLLECTIONS[cls]:
        records: dict[Hashable, BaseModel] = {}
        for _ in range(draw(st.integers(0, 5))):
            record = _fresh(draw, kind)
            if record is not None:
                records.setdefault(kind.raw_key(record), record)
        values[kind.attr] = list(records.values())
    if cls is Journal:  # each import source once
        seen: set[str | None] = {None}
        for i, record in enumerate(values["interactions"]):
            if record.source in seen:
                values["interactions"][i] = record.model_copy(update={"source": None})
            seen.add(record.source)
    if cls is Plan:
        values["completions"] = draw(
            st.dictionaries(
                one_of(D0, D1, D2),
                st.dictionaries(st.sampled_from(ROUTINE_IDS), st.integers(1, 3), min_size=1),
                max_size=3,
            )
        )
        values["completions"] = dict(sorted(values["completions"].items()))
    return cls.model_validate(values)


@st.composite
def three_files(
    draw: st.DrawFn, cls: type[BaseModel] | None = None, hot: frozenset[str] | None = None
) -> tuple[BaseModel, BaseModel, BaseModel]:
    """A base file and two sides edited from it, meeting mostly on the `hot` fields."""
    cls = cls or draw(st.sampled_from(FILES))
    base = draw(a_file(cls))
    names = sorted({name for kind in COLLECTIONS[cls] for name in FIELDS[kind.cls]} | {"id"})
    focus = hot is not None  # the sides only patch, so that they meet on the hot fields
    if hot is None:
        some = st.sets(st.sampled_from(names), min_size=1, max_size=3)
        hot = frozenset(draw(some | one_of(*TIED)))
    # Mostly both sides edit; sometimes one side is the base itself.
    one_side = draw(st.sampled_from(["both", "both", "both", "ours", "theirs"]))
    side = edited(base, hot=hot, patches_only=focus)
    ours = base if one_side == "theirs" else draw(side)
    theirs = base if one_side == "ours" else draw(side)
    return base, ours, theirs


# --- the checks --------------------------------------------------------------------------


def _wheres(*merges: Merged) -> set[str]:
    return {c.where for merged in merges for c in merged.conflicts}


def _tables(model: BaseModel) -> list[tuple[Collection, dict[Hashable, BaseModel]]]:
    return [(kind, kind.index(getattr(model, kind.attr))) for kind in COLLECTIONS[type(model)]]


def _expect_fields(
    cls: type[BaseModel],
    place: str,
    base: BaseModel | None,
    ours: BaseModel,
    theirs: BaseModel,
    got: BaseModel,
    wheres: set[str],
) -> None:
    """Field by field: one side's change taken, the other's kept, a clash reported (ours)."""
    for name in cls.model_fields:
        o, t, now = getattr(ours, name), getattr(theirs, name), getattr(got, name)
        where = field_where(place, alias(cls, name))
        if where in wheres or o == t:
            assert now == o, where
        elif base is not None and getattr(base, name) == o:
            assert now == t, where
        elif base is not None and getattr(base, name) == t:
            assert now == o, where
        else:
            raise AssertionError(f"{where}: differs on both sides and is not reported")


def check_sides(base: BaseModel | None, ours: BaseModel, theirs: BaseModel, merged: Merged) -> None:
    got, wheres = merged.model, _wheres(merged)
    assert type(got).model_validate(got.model_dump()) == got
    dropped = {c.where for c in merged.conflicts if c.kept == "absent" and c.other != "absent"}
    no_tables = [(None, {})] * len(COLLECTIONS[type(ours)])
    tables = zip(
        _tables(base) if base is not None else no_tables,
        _tables(ours),
        _tables(theirs),
        _tables(got),
        strict=True,
    )
    for (_, b), (kind, o), (_, t), (_, r) in tables:
        for key in o.keys() | t.keys() | b.keys() | r.keys():
            place = kind.where(key)
            was, mine, other, now = b.get(key), o.get(key), t.get(key), r.get(key)
            if mine is not None and other is not None:
                assert now is not None, place
                _expect_fields(kind.cls, place, was, mine, other, now, wheres)
                continue
            side = mine if mine is not None else other
            if side is None:
                assert now is None, place  # deleted on both sides, or never there
            elif base is not None and was == side:
                assert now is None, place  # deleted on one side, untouched on the other
            elif place in dropped:
                assert now is None and mine is None, place  # theirs' copy of ours' import
            else:
                assert now == side, place  # added on one side, or changed against a delete
                if base is not None and was is not None:
                    assert place in wheres, f"{place}: a delete against a change not reported"
    if type(ours) is Plan:
        _expect_fields(
            type(ours.settings),
            "settings",
            base.settings if base else None,
            ours.settings,
            theirs.settings,
            got.settings,
            wheres,
        )
        check_counts(base, ours, theirs, got)


def check_counts(base: Plan | None, ours: Plan, theirs: Plan, got: Plan) -> None:
    """The completion deltas of both sides add up exactly (max without a base)."""
    if ours == theirs:
        assert got == ours
        return
    cells = {(d, r) for p in (ours, theirs) for d, counts in p.completions.items() for r in counts}
    count = lambda p, d, r: p.completions.get(d, {}).get(r, 0)  # noqa: E731
    for day, routine in cells:
        o, t = count(ours, day, routine), count(theirs, day, routine)
        want = max(o, t) if base is None else max(0, o + t - count(base, day, routine))
        assert count(got, day, routine) == want, (day, routine)
    assert all(got.completions.values())  # no empty day
    assert all(n > 0 for counts in got.completions.values() for n in counts.values())
    assert list(got.completions) == sorted(got.completions)


def check_taken(ours: BaseModel, merged: Merged) -> None:
    """The report of what was taken names each record the merge added to ours or removed."""
    said = {(c.what, c.where) for c in merged.taken}
    for (kind, before), (_, after) in zip(_tables(ours), _tables(merged.model), strict=True):
        for key in before.keys() ^ after.keys():
            what = "added" if key in after else "removed"
            assert (what, kind.where(key)) in said, (what, key)
    if merged.model != ours:
        assert merged.taken


def same_outside_conflicts(one: Merged, two: Merged) -> None:
    wheres = _wheres(one, two)
    for (kind, r1), (_, r2) in zip(_tables(one.model), _tables(two.model), strict=True):
        for key in r1.keys() | r2.keys():
            place = kind.where(key)
            if place in wheres:
                continue
            assert (key in r1) == (key in r2), place
            if key in r1:
                for name in kind.cls.model_fields:
                    if field_where(place, alias(kind.cls, name)) not in wheres:
                        assert getattr(r1[key], name) == getattr(r2[key], name), (place, name)
    if isinstance(one.model, Plan):
        for name in Settings.model_fields:
            if field_where("settings", name) not in wheres:
                assert getattr(one.model.settings, name) == getattr(two.model.settings, name)
        c1, c2 = one.model.completions, two.model.completions
        for day in c1.keys() | c2.keys():
            for routine in c1.get(day, {}).keys() | c2.get(day, {}).keys():
                if count_where(day, routine) not in wheres:
                    assert c1.get(day, {}).get(routine) == c2.get(day, {}).get(routine)


# --- the properties ----------------------------------------------------------------------

SETTINGS_OF_RUN = settings(
    max_examples=rounds(150), deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@SETTINGS_OF_RUN
@given(three_files())
def test_one_sides_changes_are_taken_and_clashes_reported(files):
    base, ours, theirs = files
    merged = merge_models(base, ours, theirs)
    check_sides(base, ours, theirs, merged)
    assert merged.clean == (not merged.conflicts)
    check_taken(ours, merged)
    if theirs == base:  # nothing to take
        assert merged.model == ours and merged.clean and merged.taken == []
    if ours == base:
        assert merged.model == theirs and merged.clean


@SETTINGS_OF_RUN
@given(three_files())
def test_without_base_nothing_is_dropped_and_differences_are_reported(files):
    _, ours, theirs = files
    check_sides(None, ours, theirs, merge_models(None, ours, theirs))


@SETTINGS_OF_RUN
@given(three_files(), st.booleans())
def test_swapping_the_sides_changes_only_the_conflicts(files, with_base):
    base, ours, theirs = files
    base = base if with_base else None
    one, two = merge_models(base, ours, theirs), merge_models(base, theirs, ours)
    same_outside_conflicts(one, two)


@SETTINGS_OF_RUN
@given(three_files(), st.sampled_from(["none", "itself", "base", "other"]))
def test_a_file_merged_with_itself_is_unchanged(files, which):
    base, x, other = files
    against = {"none": None, "itself": x, "base": base, "other": other}[which]
    merged = merge_models(against, x, x)
    assert merged.model == x
    assert merged.taken == [] and merged.conflicts == []


# The tied cases are rarer (both sides on one record, two fields in a bad order): more tries.
@settings(max_examples=rounds(400), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(TIED_FILES).flatmap(lambda c: three_files(c[0], frozenset(c[1]))))
def test_fields_a_rule_ties_never_make_an_invalid_file(files):
    """Both sides edit the fields a rule ties together: the merge of two valid files stays
    valid (a record that would not be goes back to ours, reported), in either direction."""
    base, ours, theirs = files
    for b in (base, None):
        one, two = merge_models(b, ours, theirs), merge_models(b, theirs, ours)
        check_sides(b, ours, theirs, one)
        check_sides(b, theirs, ours, two)
        same_outside_conflicts(one, two)


@st.composite
def logged(draw: st.DrawFn, journal: Journal) -> Journal:
    """`journal` with a few interactions logged as the app logs them: ids counted per day."""
    for _ in range(draw(st.integers(0, 4))):
        day, note = draw(one_of(D0, D1)), draw(st.text("xyz", max_size=3))
        entry = Interaction(id=next_interaction_id(journal, day), contact="a", on=day, note=note)
        journal = Journal(interactions=[*journal.interactions, entry])
    return journal


@SETTINGS_OF_RUN
@given(logged(Journal()).flatmap(lambda b: st.tuples(st.just(b), logged(b), logged(b))))
def test_interactions_logged_on_both_machines_are_all_kept(files):
    """Two machines logging on one day count up the same ids: every entry either logged is
    in the merge, once, the ids stay unique, and nothing is a conflict."""
    base, ours, theirs = files
    merged = merge_models(base, ours, theirs)
    assert merged.clean
    new = lambda j: [i for i in j.interactions if i not in base.interactions]  # noqa: E731
    both = [i for i in new(ours) if i in new(theirs)]  # the same entry on both sides: once
    want = [*ours.interactions, *(i for i in new(theirs) if i not in both)]
    got = merged.model.interactions
    assert sorted((i.on, i.note) for i in got) == sorted((i.on, i.note) for i in want)
    assert len({i.id for i in got}) == len(got)
