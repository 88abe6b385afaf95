"""Goal edits: record-level steps by goal id, each undone by its backward step."""

from __future__ import annotations

import pytest
from factories import goal, plan

from netplan.models import GoalStatus
from netplan.workspace.history import Session
from netplan.workspace.plan_edits import Data, move_goal_progress, put_goal, set_goal_status


def _data(*goals) -> Data:
    return Data(plan=plan().model_copy(update={"goals": list(goals)}))


def _ids(data: Data) -> list[str]:
    return [g.id for g in data.plan.goals]


def test_put_goal_adds_at_the_end_and_undoes() -> None:
    before = _data(goal(id="a"), goal(id="b"))
    edit = put_goal(before.plan, goal(id="c", title="Third"))
    assert edit.label == "Add goal Third"
    after = edit.forward(before)
    assert _ids(after) == ["a", "b", "c"]
    assert edit.backward(after) == before


def test_put_goal_replaces_in_place_and_undoes() -> None:
    before = _data(goal(id="a"), goal(id="b", target=3), goal(id="c"))
    edit = put_goal(before.plan, goal(id="b", target=9, title="Bigger"))
    assert edit.label == "Edit goal Bigger"
    after = edit.forward(before)
    assert _ids(after) == ["a", "b", "c"]
    assert after.plan.goals[1].target == 9
    assert edit.backward(after) == before


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
    session = Session(before)
    assert session.apply(move_goal_progress(g, -1)) is False  # nothing recorded to undo


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


def test_undo_and_redo_through_the_session() -> None:
    g = goal(id="talks", progress=2)
    session = Session(_data(g))
    session.apply(move_goal_progress(g, 1))
    session.apply(set_goal_status(g, GoalStatus.done))
    assert session.data.plan.goals[0].model_dump(include={"progress", "status"}) == {
        "progress": 3,
        "status": GoalStatus.done,
    }
    session.undo()
    session.undo()
    assert session.data == _data(g)
    session.redo()
    assert session.data.plan.goals[0].progress == 3
