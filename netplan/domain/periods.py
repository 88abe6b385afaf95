"""Calendar arithmetic for weeks and months: starts, labels, shifting and day parsing.

Everything here is a pure function of its arguments. Month names are spelled out in English on
purpose: `strftime("%b")` follows the locale, and labels must not change with it.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from netplan.models import Period, WeekStart

MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
MONTH_ABBRS = tuple(name[:3] for name in MONTH_NAMES)

_ONE_DAY = timedelta(days=1)
_ONE_WEEK = timedelta(days=7)


# --- weeks -------------------------------------------------------------------------------


def week_start_of(day: date, week_start: WeekStart) -> date:
    """The first day (Monday or Sunday) of the week holding `day`."""
    offset = (day.weekday() + 1) % 7 if week_start == WeekStart.sunday else day.weekday()
    return day - timedelta(days=offset)


def week_days(day: date, week_start: WeekStart) -> list[date]:
    """The seven days of the week holding `day`, in order."""
    start = week_start_of(day, week_start)
    return [start + timedelta(days=i) for i in range(7)]


def week_label(day: date, week_start: WeekStart) -> str:
    """ISO style label such as "2026-W48".

    The label is the ISO year-week of the Monday inside the week, so a Sunday-start week is named
    after the ISO week it mostly overlaps, and weeks around New Year carry the ISO year (the week
    of 2027-01-01 is 2026-W53).
    """
    start = week_start_of(day, week_start)
    monday = start + _ONE_DAY if week_start == WeekStart.sunday else start
    iso = monday.isocalendar()
    return f"{iso.year}-W{iso.week:02d}"


def week_title(day: date, week_start: WeekStart) -> str:
    """Label plus day range: "2026-W48 · Nov 23–29", or "2026-W49 · Nov 30–Dec 6"."""
    start = week_start_of(day, week_start)
    end = start + timedelta(days=6)
    first = f"{MONTH_ABBRS[start.month - 1]} {start.day}"
    if (start.year, start.month) == (end.year, end.month):
        last = str(end.day)
    else:
        last = f"{MONTH_ABBRS[end.month - 1]} {end.day}"
    return f"{week_label(day, week_start)} · {first}–{last}"


# --- months ------------------------------------------------------------------------------


def month_start(day: date) -> date:
    return day.replace(day=1)


def month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def month_label(day: date) -> str:
    """ "November 2026" (English whatever the locale)."""
    return f"{MONTH_NAMES[day.month - 1]} {day.year}"


def add_months(day: date, n: int) -> date:
    """`day` moved by `n` calendar months, the day of month clamped (Jan 31 + 1 -> Feb 28/29)."""
    index = day.year * 12 + (day.month - 1) + n
    year, month0 = divmod(index, 12)
    if not date.min.year <= year <= date.max.year:
        raise OverflowError("date out of range")
    last = calendar.monthrange(year, month0 + 1)[1]
    return date(year, month0 + 1, min(day.day, last))


@dataclass(frozen=True)
class MonthWeek:
    """One column of the month grid: a week that overlaps the month.

    `start` is the week's real first day (it may lie in the previous month); `first` and `last`
    bound the part of the week inside the month.
    """

    start: date
    first: date
    last: date
    label: str

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.first <= day <= self.last


def month_weeks(day: date, week_start: WeekStart) -> list[MonthWeek]:
    """Every week overlapping the month of `day`, in order, clipped to the month."""
    first_day, last_day = month_start(day), month_end(day)
    weeks: list[MonthWeek] = []
    start = week_start_of(first_day, week_start)
    while start <= last_day:
        end = start + timedelta(days=6)
        weeks.append(
            MonthWeek(
                start=start,
                first=max(start, first_day),
                last=min(end, last_day),
                label=week_label(start, week_start),
            )
        )
        start += _ONE_WEEK
    return weeks


def month_record_day(week: MonthWeek, today: date) -> date:
    """The day a completion added on a month grid's week cell is recorded on.

    Today when the week's part inside the month holds today, otherwise the first day of that
    part, so the completion always counts in the month shown.
    """
    return today if week.first <= today <= week.last else week.first


# --- periods in general ------------------------------------------------------------------


def period_range(period: Period, day: date, week_start: WeekStart) -> tuple[date, date]:
    """Inclusive first and last day of the week or month holding `day`."""
    if period == Period.week:
        start = week_start_of(day, week_start)
        return start, start + timedelta(days=6)
    return month_start(day), month_end(day)


def period_start(period: Period, day: date, week_start: WeekStart) -> date:
    """The first day of the week or month holding `day` (a key identifying the period)."""
    if period == Period.week:
        return week_start_of(day, week_start)
    return month_start(day)


def shift_period(period: Period, day: date, n: int, week_start: WeekStart) -> date:
    """A day `n` weeks or months away from `day` (`n` may be negative).

    Weeks move by 7 days, so the result lies in the period n away whatever the week start;
    months keep the day of month, clamped to the target month's length.
    """
    if period == Period.week:
        return day + timedelta(days=7 * n)
    return add_months(day, n)


# --- what can be checked off ------------------------------------------------------------

WEEKDAY_ABBRS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def span_label(first: date, last: date) -> str:
    """ "Fri 27" for one day, "Dec 7–13" for several (a grid cell's days)."""
    if first == last:
        return f"{WEEKDAY_ABBRS[first.weekday()]} {first.day}"
    if (first.year, first.month) == (last.year, last.month):
        return f"{MONTH_ABBRS[first.month - 1]} {first.day}–{last.day}"
    return f"{MONTH_ABBRS[first.month - 1]} {first.day}–{MONTH_ABBRS[last.month - 1]} {last.day}"


def still_to_come(first: date, last: date, today: date) -> str | None:
    """Why no completion may be added on the days from `first` to `last`: all of them lie
    after today, and a check-off records what was done (None: it may be added). Removing
    one stays allowed, so a slip of the key can be taken back."""
    if first <= today:
        return None
    return f"{span_label(first, last)} is still to come: check off what is done"


# --- parsing -----------------------------------------------------------------------------

_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_RELATIVE = re.compile(r"^([+-])(\d{1,6})([dw])$")
_NAMED = {"today": 0, "yesterday": -1, "tomorrow": 1}


def parse_day(text: str, today: date) -> date:
    """Parse a day typed on the command line or in a form.

    Accepts "YYYY-MM-DD", "today", "yesterday", "tomorrow", "+Nd"/"-Nd" (days) and
    "+Nw"/"-Nw" (weeks), relative to `today`. Anything else raises ValueError.
    """
    value = text.strip().lower()
    if value in _NAMED:
        return today + timedelta(days=_NAMED[value])
    if _ISO_DAY.match(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise ValueError(f'"{text.strip()}" is not a real date') from None
    match = _RELATIVE.match(value)
    if match:
        sign, amount, unit = match.groups()
        days = int(amount) * (7 if unit == "w" else 1)
        try:
            return today + timedelta(days=-days if sign == "-" else days)
        except OverflowError:
            raise ValueError(f'"{text.strip()}" is out of the calendar\'s range') from None
    raise ValueError(
        f'"{text.strip()}" is not a date: use YYYY-MM-DD, today, yesterday, tomorrow, '
        "+Nd/-Nd (days) or +Nw/-Nw (weeks)"
    )
