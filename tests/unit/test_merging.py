"""The three-way merge of one file (netplan.merging, spec 7.4): one example per rule."""

from __future__ import annotations

from datetime import date

import pytest
from factories import (
    activity,
    activity_log,
    book,
    contact,
    goal,
    interaction,
    journal,
    plan,
    routine,
)

from netplan.merging import CannotMerge, Change, Conflict, Merged, merge_models
from netplan.models import LARGEST, Event, Plan, Settings, Skip, WeekStart

D = date.fromisoformat
DAY = D("2026-11-23")
BOTH_ADDED = "added on both sides with different values"
LARGER = "no common base: kept the larger count"


def wheres(merged: Merged) -> list[str]:
    return [c.where for c in merged.conflicts]


def taken(merged: Merged) -> list[tuple[str, str]]:
    return [(c.what, c.where) for c in merged.taken]


# --- fields of one record ----------------------------------------------------------------


def test_a_field_changed_on_one_side_takes_that_side():
    base = book(contact("jane-doe", company="Acme", role="CTO"))
    ours = book(contact("jane-doe", company="Acme", role="CEO"))
    theirs = book(contact("jane-doe", company="Initech", role="CTO"))
    merged = merge_models(base, ours, theirs)
    assert merged.model == book(contact("jane-doe", company="Initech", role="CEO"))
    assert merged.clean
    assert taken(merged) == [("changed", 'contact "jane-doe", field "company"')]


def test_a_field_changed_on_both_sides_keeps_ours_and_reports_theirs():
    base = book(contact("jane-doe", company="Acme"))
    ours = book(contact("jane-doe", company="Globex"))
    theirs = book(contact("jane-doe", company="Initech"))
    merged = merge_models(base, ours, theirs)
    assert merged.model == ours
    assert merged.conflicts == [
        Conflict(
            'contact "jane-doe", field "company"', '"Globex"', '"Initech"', "changed on both sides"
        )
    ]
    assert not merged.clean
    assert merged.taken == []


def test_the_same_change_on_both_sides_is_no_conflict():
    base = book(contact("jane-doe", company="Acme"))
    both = book(contact("jane-doe", company="Initech", notes="x"))
    other = book(contact("jane-doe", company="Initech"))
    merged = merge_models(base, both, other)
    assert merged.model == both
    assert merged.clean


def test_lists_and_tables_are_whole_values_and_a_clash_is_reported():
    base = book(contact("jane-doe", tags=["a"], handles={"x": "@j"}))
    ours = book(contact("jane-doe", tags=["a", "b"], handles={"x": "@j"}))
    theirs = book(contact("jane-doe", tags=["a", "c"], handles={"x": "@jd"}))
    merged = merge_models(base, ours, theirs)
    assert merged.model.contacts[0].tags == ["a", "b"]
    assert merged.model.contacts[0].handles == {"x": "@jd"}
    assert merged.conflicts == [
        Conflict(
            'contact "jane-doe", field "tags"', '["a", "b"]', '["a", "c"]', "changed on both sides"
        )
    ]


def test_routines_goals_and_events_merge_by_id():
    day = D("2026-12-01")
    base = plan(routine("a"), routine("b"))
    base = base.model_copy(
        update={
            "goals": [goal(id="g", target=5)],
            "events": [Event(id="conf", title="Conf", on=day)],
        }
    )
    ours = base.model_copy(
        update={
            "routines": [routine("a", target=2), routine("b")],
            "goals": [goal(id="g", target=5, why="growth")],
        }
    )
    theirs = base.model_copy(
        update={
            "routines": [routine("a"), routine("b", minutes=15)],
            "goals": [goal(id="g", target=9)],
            "events": [Event(id="conf", title="Conf", on=day, venue="Berlin")],
        }
    )
    merged = merge_models(base, ours, theirs)
    assert merged.clean
    model = merged.model
    assert [r.target for r in model.routines] == [2, 1]
    assert [r.minutes for r in model.routines] == [0, 15]
    assert (model.goals[0].target, model.goals[0].why) == (9, "growth")
    assert model.events[0].venue == "Berlin"
    assert taken(merged) == [
        ("changed", 'routine "b", field "minutes"'),
        ("changed", 'goal "g", field "target"'),
        ("changed", 'event "conf", field "venue"'),
    ]


def test_interactions_and_activity_merge_by_id():
    base = journal(interaction("jane-doe", "2026-11-20", id="i1", note="hi"))
    ours = journal(interaction("jane-doe", "2026-11-20", id="i1", note="hello"))
    theirs = journal(
        interaction("jane-doe", "2026-11-20", id="i1", note="hi", minutes=30),
        interaction("sam-lee", "2026-11-21", id="i2"),
    )
    merged = merge_models(base, ours, theirs)
    assert [(i.id, i.note, i.minutes) for i in merged.model.interactions] == [
        ("i1", "hello", 30),
        ("i2", None, 0),
    ]
    assert ("added", 'interaction "i2"') in taken(merged)

    log = activity_log(activity("comment", "2026-11-20", id="a1"))
    ours_log = activity_log(activity("comment", "2026-11-20", id="a1", text="nice"))
    theirs_log = activity_log(
        activity("comment", "2026-11-20", id="a1"), activity("reaction", "2026-11-21", id="a2")
    )
    merged = merge_models(log, ours_log, theirs_log)
    assert [(a.id, a.text) for a in merged.model.activity] == [("a1", "nice"), ("a2", None)]
    assert merged.clean


def test_settings_merge_field_by_field():
    base = plan()
    ours = plan(week_start="sunday")
    theirs = plan(theme="nord", week_start="monday")
    merged = merge_models(base, ours, theirs)
    assert merged.model.settings == Settings(week_start=WeekStart.sunday, theme="nord")
    assert taken(merged) == [("changed", 'settings, field "theme"')]
    clash = merge_models(base, plan(theme="a"), plan(theme="b"))
    assert clash.conflicts == [
        Conflict('settings, field "theme"', '"a"', '"b"', "changed on both sides")
    ]


# --- records added and deleted -----------------------------------------------------------


def test_a_record_added_on_one_side_is_kept_after_its_predecessor_in_theirs():
    base = book(contact("a"), contact("c"))
    ours = book(contact("a"), contact("c"), contact("d"))
    theirs = book(contact("a"), contact("b"), contact("b2"), contact("c"))
    merged = merge_models(base, ours, theirs)
    assert [c.id for c in merged.model.contacts] == ["a", "b", "b2", "c", "d"]
    assert taken(merged) == [("added", 'contact "b"'), ("added", 'contact "b2"')]
    first = merge_models(base, ours, book(contact("0"), contact("a"), contact("c")))
    assert [c.id for c in first.model.contacts] == ["0", "a", "c", "d"]


def test_a_record_deleted_on_one_side_and_untouched_on_the_other_is_gone():
    base = book(contact("a"), contact("b"))
    merged = merge_models(base, book(contact("a"), contact("b")), book(contact("a")))
    assert merged.model == book(contact("a"))
    assert taken(merged) == [("removed", 'contact "b"')]
    assert merged.clean
    merged = merge_models(base, book(contact("a")), book(contact("a"), contact("b")))
    assert merged.model == book(contact("a"))
    assert merged.taken == []


def test_deleted_on_their_side_changed_on_ours_is_kept_and_reported():
    base = book(contact("a"), contact("b"))
    ours = book(contact("a"), contact("b", company="Acme"))
    merged = merge_models(base, ours, book(contact("a")))
    assert merged.model == ours
    (conflict,) = merged.conflicts
    assert conflict.where == 'contact "b"'
    assert conflict.other == "absent"
    assert conflict.why == "deleted on their side, changed on ours"
    assert 'company = "Acme"' in conflict.kept


def test_deleted_on_our_side_changed_on_theirs_is_kept_and_reported():
    base = book(contact("a"), contact("b"))
    theirs = book(contact("a"), contact("b", company="Acme"))
    merged = merge_models(base, book(contact("a")), theirs)
    assert merged.model == theirs
    assert wheres(merged) == ['contact "b"']
    assert merged.conflicts[0].why == "deleted on our side, changed on theirs"
    # `other` is theirs' value, which here is the one kept.
    assert merged.conflicts[0].other == merged.conflicts[0].kept
    assert taken(merged) == [("added", 'contact "b"')]


def test_added_on_both_sides_with_different_content_keeps_ours_per_field():
    base = book()
    ours = book(contact("a", company="Acme", role="CTO"))
    theirs = book(contact("a", company="Initech", role="CTO", notes="met at PyCon"))
    merged = merge_models(base, ours, theirs)
    assert merged.model == book(contact("a", company="Acme", role="CTO"))
    assert merged.conflicts == [
        Conflict('contact "a", field "company"', '"Acme"', '"Initech"', BOTH_ADDED),
        Conflict('contact "a", field "notes"', "absent", '"met at PyCon"', BOTH_ADDED),
    ]


def test_skips_are_matched_by_days_and_routines_and_reason_is_a_field():
    def skip(start: str, end: str, routines=None, reason=None) -> Skip:
        return Skip.model_validate(
            {"from": D(start), "to": D(end), "routines": routines, "reason": reason}
        )

    holiday = skip("2026-12-20", "2026-12-31")
    base = Plan(skips=[holiday, skip("2026-11-01", "2026-11-02", ["a"])])
    ours = Plan(
        skips=[
            skip("2026-12-20", "2026-12-31", reason="holiday"),
            skip("2026-11-01", "2026-11-02", ["a"]),
        ]
    )
    theirs = Plan(
        skips=[holiday, skip("2026-11-01", "2026-11-02", ["a"]), skip("2026-11-05", "2026-11-05")]
    )
    merged = merge_models(base, ours, theirs)
    assert merged.model.skips == [*ours.skips, skip("2026-11-05", "2026-11-05")]
    assert taken(merged) == [("added", "skip 2026-11-05 to 2026-11-05 (every routine)")]
    gone = merge_models(base, ours, Plan(skips=[holiday]))
    assert gone.model.skips == [ours.skips[0]]
    assert taken(gone) == [("removed", 'skip 2026-11-01 to 2026-11-02 ("a")')]
    clash = merge_models(base, ours, Plan(skips=[skip("2026-12-20", "2026-12-31", reason="flu")]))
    assert clash.conflicts == [
        Conflict(
            'skip 2026-12-20 to 2026-12-31 (every routine), field "reason"',
            '"holiday"',
            '"flu"',
            "changed on both sides",
        )
    ]


# --- completions -------------------------------------------------------------------------


def test_completions_add_both_sides_changes():
    r = routine("engage-posts")
    base = plan(r, completions={DAY: {"engage-posts": 1}})
    ours = plan(r, completions={DAY: {"engage-posts": 2}})
    theirs = plan(r, completions={DAY: {"engage-posts": 3}, "2026-11-22": {"engage-posts": 1}})
    merged = merge_models(base, ours, theirs)
    assert merged.model.completions == {
        D("2026-11-22"): {"engage-posts": 1},
        DAY: {"engage-posts": 4},
    }
    assert list(merged.model.completions) == [D("2026-11-22"), DAY]
    assert merged.clean
    assert merged.taken == [
        Change("completions", 'completions 2026-11-22 "engage-posts" (+1)'),
        Change("completions", 'completions 2026-11-23 "engage-posts" (+2)'),
    ]


def test_completions_never_go_below_zero_and_an_empty_day_disappears():
    r = routine("a")
    base = plan(r, completions={DAY: {"a": 2}})
    ours = plan(r, completions={DAY: {"a": 1}})
    theirs = plan(r, completions={})
    merged = merge_models(base, ours, theirs)
    assert merged.model.completions == {}
    assert merged.taken == [Change("completions", 'completions 2026-11-23 "a" (-1)')]


def test_completions_without_base_keep_the_larger_count():
    r = routine("a")
    ours = plan(r, completions={DAY: {"a": 2}})
    theirs = plan(r, completions={DAY: {"a": 3}, "2026-11-24": {"a": 1}})
    merged = merge_models(None, ours, theirs)
    assert merged.model.completions == {DAY: {"a": 3}, D("2026-11-24"): {"a": 1}}
    swapped = merge_models(None, theirs, ours)
    assert swapped.model.completions == merged.model.completions
    assert [(c.kept, c.other, c.why) for c in swapped.conflicts] == [
        ("3", "2", LARGER),
        ("1", "absent", LARGER),
    ]
    assert merged.conflicts == [
        Conflict('completions 2026-11-23 "a"', "3", "3", f"{LARGER}, ours was 2"),
        Conflict('completions 2026-11-24 "a"', "1", "1", f"{LARGER}, ours was absent"),
    ]


# --- no base -----------------------------------------------------------------------------


def test_without_base_nothing_is_dropped_and_every_difference_is_reported():
    ours = book(contact("a", company="Acme"), contact("b"))
    theirs = book(contact("a", company="Initech"), contact("c"))
    merged = merge_models(None, ours, theirs)
    # c comes after a, the record before it in theirs.
    assert [c.id for c in merged.model.contacts] == ["a", "c", "b"]
    assert merged.model.contacts[0].company == "Acme"
    assert merged.conflicts == [
        Conflict(
            'contact "a", field "company"',
            '"Acme"',
            '"Initech"',
            "no common base: the sides differ",
        )
    ]
    assert taken(merged) == [("added", 'contact "c"')]


# --- what cannot merge, and what would be invalid ----------------------------------------


def test_different_schema_versions_cannot_merge():
    with pytest.raises(CannotMerge, match="schema version"):
        merge_models(Plan(), Plan(), Plan(schema_version=2))
    with pytest.raises(CannotMerge, match="schema version"):
        merge_models(Plan(schema_version=2), Plan(), Plan())
    with pytest.raises(CannotMerge, match="schema version"):
        merge_models(None, Plan(schema_version=2), Plan())


def test_different_file_types_cannot_merge():
    with pytest.raises(CannotMerge):
        merge_models(None, Plan(), book())
    with pytest.raises(CannotMerge):
        merge_models(journal(), book(), book())
    with pytest.raises(CannotMerge):
        merge_models(None, Settings(), Settings())


def test_a_merged_record_that_would_be_invalid_falls_back_to_ours():
    base = plan().model_copy(update={"goals": [goal(id="g", start="2026-01-01", due="2026-06-01")]})
    ours = base.model_copy(update={"goals": [goal(id="g", start="2026-05-01", due="2026-06-01")]})
    theirs = base.model_copy(update={"goals": [goal(id="g", start="2026-01-01", due="2026-03-01")]})
    merged = merge_models(base, ours, theirs)
    assert merged.model == ours
    (conflict,) = merged.conflicts
    assert conflict.where == 'goal "g", field "due"'
    assert (conflict.kept, conflict.other) == ("2026-06-01", "2026-03-01")
    assert conflict.why.startswith("the merged record would be invalid: ")
    assert "due must not be before start" in conflict.why
    assert merged.taken == []


def test_two_interactions_of_one_import_keep_ours_and_report_theirs():
    base = journal()
    ours = journal(interaction("jane-doe", "2026-11-20", id="i1", source="linkedin:message:1"))
    theirs = journal(interaction("jane-doe", "2026-11-20", id="i9", source="linkedin:message:1"))
    merged = merge_models(base, ours, theirs)
    assert merged.model == ours
    (conflict,) = merged.conflicts
    assert (conflict.where, conflict.kept) == ('interaction "i9"', "absent")
    assert 'is that of interaction "i1"' in conflict.why
    # A source set on theirs' side clashing with one ours added: ours' value comes back.
    base = journal(interaction("a", "2026-11-20", id="i2"))
    ours = journal(
        interaction("a", "2026-11-20", id="i2"), interaction("a", "2026-11-20", id="i1", source="s")
    )
    theirs = journal(interaction("a", "2026-11-20", id="i2", source="s", note="n"))
    merged = merge_models(base, ours, theirs)
    assert [(i.id, i.source, i.note) for i in merged.model.interactions] == [
        ("i2", None, "n"),
        ("i1", "s", None),
    ]
    assert wheres(merged) == ['interaction "i2", field "source"']


# --- unchanged merges --------------------------------------------------------------------


def test_merging_a_file_with_itself_changes_nothing():
    r = routine("a")
    x = plan(r, completions={DAY: {"a": 2}})
    for base in (None, x, plan(r, completions={DAY: {"a": 1}}), Plan()):
        merged = merge_models(base, x, x)
        assert merged.model == x
        assert merged.taken == [] and merged.conflicts == []


def test_one_side_unchanged_gives_the_other():
    base = book(contact("a"), contact("b"))
    theirs = book(contact("b", company="Acme"), contact("c"))
    merged = merge_models(base, base, theirs)
    assert merged.model == theirs
    assert merged.clean


def test_only_theirs_changed_takes_theirs_order_too():
    base = book(contact("a"), contact("b"))
    theirs = book(contact("b"), contact("a", company="Acme"))
    merged = merge_models(base, base, theirs)
    assert merged.model == theirs
    assert taken(merged) == [
        ("changed", 'contact "a", field "company"'),
        ("changed", "the order of contacts"),
    ]
    # Both sides changed: ours' order.
    ours = book(contact("a"), contact("b", company="Initech"))
    assert [c.id for c in merge_models(base, ours, theirs).model.contacts] == ["a", "b"]


def test_a_new_record_whose_predecessor_is_gone_follows_the_nearest_one_left():
    base = book(contact("a"), contact("b"), contact("c"))
    ours = book(contact("a"), contact("c"))
    theirs = book(contact("a"), contact("b"), contact("b2"), contact("c"))
    merged = merge_models(base, ours, theirs)
    assert [c.id for c in merged.model.contacts] == ["a", "b2", "c"]


def test_an_event_ending_before_it_starts_after_a_merge_falls_back_to_ours():
    day = D("2026-12-01")
    base = Plan(events=[Event(id="e", title="E", on=day, until=D("2026-12-03"))])
    ours = Plan(events=[Event(id="e", title="E", on=D("2026-12-02"), until=D("2026-12-03"))])
    theirs = Plan(events=[Event(id="e", title="E2", on=day, until=day)])
    merged = merge_models(base, ours, theirs)
    assert merged.model == ours
    assert wheres(merged) == ['event "e", field "title"', 'event "e", field "until"']
    assert all(c.why.startswith("the merged record would be invalid") for c in merged.conflicts)


def test_a_skip_written_twice_is_matched_copy_by_copy():
    holiday = Skip.model_validate({"from": D("2026-12-20"), "to": D("2026-12-31")})
    base = Plan(skips=[holiday, holiday])
    merged = merge_models(base, Plan(skips=[holiday]), base)
    assert merged.model.skips == [holiday]
    assert merged.clean


def test_a_count_beyond_what_a_file_holds_stops_there_and_is_reported():
    r = routine("a")
    merged = merge_models(
        plan(r), plan(r, completions={DAY: {"a": LARGEST}}), plan(r, completions={DAY: {"a": 5}})
    )
    assert merged.model.completions == {DAY: {"a": LARGEST}}
    assert wheres(merged) == ['completions 2026-11-23 "a"']


def test_cannot_merge_is_a_value_error():
    assert issubclass(CannotMerge, ValueError)


def test_an_interaction_logged_on_both_sides_under_one_counted_id_keeps_both():
    # Two machines logging on one day both hand out "i-20261125-3" (domain.ids).
    base = journal(interaction("a", "2026-11-25", id="i-20261125-1"))
    ours = journal(
        *base.interactions,
        interaction("samuel", "2026-11-25", id="i-20261125-3", note="desktop"),
    )
    theirs = journal(
        *base.interactions,
        interaction("nadia", "2026-11-25", id="i-20261125-3", note="laptop"),
        interaction("nadia", "2026-11-25", id="i-20261125-4", note="later"),
    )
    merged = merge_models(base, ours, theirs)
    assert merged.clean
    assert [(i.id, i.note) for i in merged.model.interactions] == [
        ("i-20261125-1", None),
        ("i-20261125-3", "desktop"),
        ("i-20261125-5", "laptop"),
        ("i-20261125-4", "later"),
    ]
    assert taken(merged) == [
        ("added", 'interaction "i-20261125-5"'),
        ("added", 'interaction "i-20261125-4"'),
    ]


def test_one_import_seen_on_both_sides_under_one_counted_id_merges_by_field():
    base = journal()
    ours = journal(interaction("a", "2026-11-25", id="i-20261125-1", source="li:1", note="x"))
    theirs = journal(interaction("a", "2026-11-25", id="i-20261125-1", source="li:1", note="y"))
    merged = merge_models(base, ours, theirs)
    assert merged.model == ours
    assert wheres(merged) == ['interaction "i-20261125-1", field "note"']
    # Without a base nothing says both sides added it: a difference, reported.
    no_base = merge_models(None, journal(interaction("a", "2026-11-25", id="i-20261125-1")), theirs)
    assert len(no_base.model.interactions) == 1
    assert not no_base.clean
