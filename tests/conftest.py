"""Fixtures shared by the app's test modules: a fresh store and one filled with demo data."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_helpers import make_store

from netplan.store import Store


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return make_store(tmp_path / "store")


@pytest.fixture
def demo_store(tmp_path: Path) -> Store:
    return make_store(tmp_path / "demo", demo=True)
