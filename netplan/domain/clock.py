"""What day it is: NETPLAN_TODAY fixes it for the whole program (tests, screenshots, demos).

A command asks once (`today`). The app lives across midnight, so it keeps a `Clock` and asks
it again now and then: the day follows the wall clock unless NETPLAN_TODAY fixes it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date


def fixed_day(environ: Mapping[str, str] = os.environ) -> date | None:
    """NETPLAN_TODAY's date, None when unset; ValueError when that is not YYYY-MM-DD."""
    fixed = environ.get("NETPLAN_TODAY", "").strip()
    if not fixed:
        return None
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", fixed):
        raise ValueError(f"NETPLAN_TODAY must be a date like 2026-11-25, not {fixed!r}")
    try:
        return date.fromisoformat(fixed)
    except ValueError as error:
        raise ValueError(f"NETPLAN_TODAY={fixed} is not a real date: {error}") from None


def today(environ: Mapping[str, str] = os.environ) -> date:
    """Today's date, or NETPLAN_TODAY's when set; ValueError when that is not YYYY-MM-DD."""
    fixed = fixed_day(environ)
    return date.today() if fixed is None else fixed


@dataclass
class Clock:
    """Today, asked again whenever it matters: `fixed` when set, else what `now` says."""

    fixed: date | None = None
    now: Callable[[], date] = field(default=date.today, repr=False)

    @classmethod
    def of(
        cls, environ: Mapping[str, str] = os.environ, now: Callable[[], date] = date.today
    ) -> Clock:
        """The wall clock (`now`), or NETPLAN_TODAY's day for good; ValueError like `today`."""
        return cls(fixed=fixed_day(environ), now=now)

    def today(self) -> date:
        return self.fixed if self.fixed is not None else self.now()
