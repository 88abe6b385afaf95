"""Goal edits: record-level steps by goal id, each undone by its backward step."""

from __future__ import annotations

import pytest
from factories import D, goal, plan

from netplan.models import GoalStatus
from netplan.workspace import Data
from netplan.workspace.edits import changed_fields
from netplan.workspace.history import WorkingCopy
from netplan.workspace.plan_edits import add_goal, move_goal_progress, patch_goal, set_goal_status


def _data(*goals) -> Data:
    return Data(plan=plan().model_copy(update={"goals": list(goals)}))


def _ids(data: Data) -> list[str]:
    return [g.id for g in data.plan.goals]


def test_add_goal_adds_at_the_end_and_undoes() -> None:
    before = _data(goal(id="a"), goal(id="b"))
    edit = add_goal(goal(id="c", title="Third"))
    assert edit.label == "Add goal Third"
    after = edit.forward(before)
    assert _ids(after) == ["a", "b", "c"]
    assert edit.backward(after) == before
    with pytest.raises(ValueError):  # someone else added a goal with that id meanwhile
        edit.forward(_data(goal(id="c", title="Theirs")))


def test_patch_goal_changes_in_place_and_undoes() -> None:
    before = _data(goal(id="a"), goal(id="b", target=3), goal(id="c"))
    new = goal(id="b", target=9, title="Bigger")
    edit = patch_goal("b", changed_fields(before.plan.goals[1], new), new.title)
    assert edit.label == "Edit goal Bigger"
    after = edit.forward(before)
    assert _ids(after) == ["a", "b", "c"]
    assert after.plan.goals[1] == new
    assert edit.backward(after) == before


def test_patch_goal_keeps_a_change_made_meanwhile() -> None:
    edit = patch_goal("b", {"target": 9}, "A goal")
    elsewhere = _data(goal(id="b", target=3, progress=4, why="Their reason"))
    after = edit.forward(elsewhere)
    assert after.plan.goals[0] == goal(id="b", target=9, progress=4, why="Their reason")
    assert edit.backward(after) == elsewhere  # undo puts back the target alone


def test_patch_goal_that_no_longer_fits_does_not_apply() -> None:
    # The form moved the due date; meanwhile someone moved the start after it.
    edit = patch_goal("b", {"due": D("2026-03-01")}, "A goal")
    assert edit.forward(_data(goal(id="b", start="2026-01-01"))).plan.goals[0].due == D(
        "2026-03-01"
    )
    with pytest.raises(ValueError):
        edit.forward(_data(goal(id="b", start="2026-06-01")))
    with pytest.raises(KeyError):
        edit.forward(_data(goal(id="other")))


def test_move_progress_adds_to_the_record() -> None:
    g = goal(id="talks", progress=6)
    before = _data(goal(id="other"), g)
    up = move_goal_progress(g, 1)
    after = up.forward(before)
    assert after.plan.goals[1].progress == 7
    assert after.plan.goals[0] is before.plan.goals[0]
    assert up.backward(after) == before
    # Replayed on a file where someone else moved it meanwhile: still "one more".
    elsewhere = _data(goal(id="other"), goal(id="talks", progress=10))
    assert up.forward(elsewhere).plan.goals[1].progress == 11


def test_move_progress_never_goes_below_zero() -> None:
    g = goal(id="talks", progress=0)
    before = _data(g)
    assert move_goal_progress(g, -1).forward(before) == before
    copy = WorkingCopy(before)
    assert copy.apply(move_goal_progress(g, -1)) is False  # nothing recorded to undo
    assert not copy.dirty and copy.undo() is None


def test_set_status_and_back() -> None:
    g = goal(id="g1")
    before = _data(g, goal(id="g2"))
    done = set_goal_status(g, GoalStatus.done)
    assert done.label == "Mark done: A goal"
    after = done.forward(before)
    assert [x.status for x in after.plan.goals] == [GoalStatus.done, GoalStatus.active]
    assert done.backward(after) == before
    dropped = set_goal_status(after.plan.goals[0], GoalStatus.dropped)
    assert dropped.backward(dropped.forward(after)).plan.goals[0].status == GoalStatus.done


def test_steps_on_a_goal_that_is_gone_raise_key_error() -> None:
    g = goal(id="gone")
    with pytest.raises(KeyError):
        move_goal_progress(g, 1).forward(_data(goal(id="other")))
    with pytest.raises(KeyError):
        set_goal_status(g, GoalStatus.done).forward(_data())


def test_undo_and_redo_through_the_working_copy() -> None:
    g = goal(id="talks", progress=2)
    copy = WorkingCopy(_data(g))
    copy.apply(move_goal_progress(g, 1))
    copy.apply(set_goal_status(g, GoalStatus.done))
    assert copy.data.plan.goals[0].model_dump(include={"progress", "status"}) == {
        "progress": 3,
        "status": GoalStatus.done,
    }
    copy.undo()
    copy.undo()
    assert copy.data == _data(g)
    copy.redo()
    assert copy.data.plan.goals[0].progress == 3
