"""Fixtures shared by the app's test modules: a fresh store and one filled with demo data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from app_helpers import make_store

from netplan.store import Store


@pytest.fixture(autouse=True, scope="session")
def _own_cache_folder(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The store's record of files checked valid (netplan.store.checked) lives in the user's
    cache folder: the tests keep theirs apart, and so do the commands they run."""
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return make_store(tmp_path / "store")


@pytest.fixture
def demo_store(tmp_path: Path) -> Store:
    return make_store(tmp_path / "demo", demo=True)
