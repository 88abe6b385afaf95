"""The modal form that adds or edits a routine.

"Also counts" lists what may count for the routine besides its check-offs (spec 7.3): attended
events, the kinds of LinkedIn activity, and any other keys found in the loaded activity. It
shows the routine's `counts`, else its id's default; `counts` is written only when the user
changed the selection, so a routine on its default keeps following the default.
"""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import ValidationError
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, Select, SelectionList

from netplan.domain.history import counts_of
from netplan.domain.ids import unique_id
from netplan.models import Kind, Period, Plan, Routine
from netplan.text import for_screen
from netplan.tui.common.forms import Field, FormScreen, field_errors
from netplan.tui.common.text import plain

# What a routine can count, in the order the form lists it ("event": attended events).
COUNT_KEYS = (
    "event",
    "linkedin:comment",
    "linkedin:reaction",
    "linkedin:share",
    "linkedin:article",
    "linkedin:connection",
    "linkedin:invitation",
    "linkedin:event",
)


class CountsList(SelectionList[str]):
    DEFAULT_CSS = "CountsList { height: auto; max-height: 6; }"


class RoutineForm(FormScreen[Routine]):
    DIALOG_CLASSES = "routine-dialog"

    def __init__(
        self,
        plan: Plan,
        routine: Routine | None,
        period: Period,
        activity_keys: Sequence[str] = (),
    ) -> None:
        super().__init__()
        self.plan = plan
        self.routine = routine
        self.period = routine.period if routine else period
        self.counts_shown = counts_of(routine) if routine else ()
        known = (*COUNT_KEYS, *self.counts_shown, *activity_keys)
        self.count_keys = list(dict.fromkeys(known))

    def form_title(self) -> str:
        return "Edit routine" if self.routine else "New routine"

    def compose_fields(self) -> ComposeResult:
        r = self.routine
        platforms = list(
            dict.fromkeys(self.plan.settings.platforms + ([r.platform] if r and r.platform else []))
        )
        yield Field(
            "Title",
            Input(for_screen(r.title) if r else "", id="title", placeholder="Engage with posts"),
            "title",
        )
        with Horizontal(classes="row"):
            yield Field(
                "Every",
                Select(
                    [("week", "week"), ("month", "month")],
                    value=self.period.value,
                    allow_blank=False,
                    id="period",
                ),
                "period",
            )
            yield Field(
                "Target",
                Input(str(r.target) if r else "1", id="target", type="integer"),
                "target",
            )
            yield Field(
                "Minutes each",
                Input(str(r.minutes) if r else "15", id="minutes", type="integer"),
                "minutes",
            )
        with Horizontal(classes="row"):
            yield Field(
                "Platform",
                Select(
                    [(plain(p), p) for p in platforms],
                    value=r.platform if r and r.platform else Select.NULL,
                    prompt="(none)",
                    id="platform",
                ),
                "platform",
            )
            yield Field(
                "Kind",
                Select(
                    [(k.value, k.value) for k in Kind],
                    value=(r.kind if r else Kind.networking).value,
                    allow_blank=False,
                    id="kind",
                ),
                "kind",
            )
        shown = set(self.counts_shown)
        yield Field(
            "Also counts (space toggles)",
            CountsList(*((plain(key), key, key in shown) for key in self.count_keys), id="counts"),
            "counts",
        )

    def on_mount(self) -> None:
        self.remember_shown()
        self.query_one("#title", Input).focus()

    def check(self) -> tuple[Routine | None, dict[str, str]]:
        errors: dict[str, str] = {}
        old = self.routine  # a field left as shown keeps its value (see KeepsUntouched)
        title = self.kept(
            old and old.title, ("title",), lambda: self.query_one("#title", Input).value.strip()
        )
        values = {
            "title": title,
            "period": self.query_one("#period", Select).value,
            "target": self.kept(
                old and old.target, ("target",), lambda: self.number("target", errors)
            ),
            "minutes": self.kept(
                old and old.minutes, ("minutes",), lambda: self.number("minutes", errors)
            ),
            "kind": self.query_one("#kind", Select).value,
        }
        platform = self.query_one("#platform", Select).value
        if platform is not Select.NULL:
            values["platform"] = platform
        if not title:
            errors["title"] = "give the routine a title"
        counts = self._counts()
        if counts is not None:
            values["counts"] = counts
        elif old is not None and old.counts is not None:
            values["counts"] = old.counts
        if self.routine is not None:
            values["id"] = self.routine.id
            values["archived"] = self.routine.archived
            # History the form does not show is kept; a target change adds to it on save.
            values["since"] = self.routine.since
            values["earlier"] = self.routine.earlier
        else:
            values["id"] = unique_id(title, {r.id for r in self.plan.routines}, "routine")
        try:
            routine = Routine.model_validate(values)
        except ValidationError as error:
            for name, message in field_errors(error).items():
                errors.setdefault(name, message)
            routine = None
        return routine, errors

    def _counts(self) -> list[str] | None:
        """The keys selected, in the list's order, when the user changed them; else None."""
        selected = set(self.query_one("#counts", CountsList).selected)
        if selected == set(self.counts_shown):
            return None
        return [key for key in self.count_keys if key in selected]
