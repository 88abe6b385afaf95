"""What day it is: NETPLAN_TODAY fixes it for the whole program (tests, screenshots, demos)."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from datetime import date


def today(environ: Mapping[str, str] = os.environ) -> date:
    """Today's date, or NETPLAN_TODAY's when set; ValueError when that is not YYYY-MM-DD."""
    fixed = environ.get("NETPLAN_TODAY", "").strip()
    if not fixed:
        return date.today()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", fixed):
        raise ValueError(f"NETPLAN_TODAY must be a date like 2026-11-25, not {fixed!r}")
    try:
        return date.fromisoformat(fixed)
    except ValueError as error:
        raise ValueError(f"NETPLAN_TODAY={fixed} is not a real date: {error}") from None
