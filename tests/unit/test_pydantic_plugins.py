"""The `netplan` command's stand-in for Pydantic's plugin loader (see pydantic_plugins).

Each check runs in a fresh interpreter: this one has imported Pydantic and
importlib.metadata long ago.
"""

from __future__ import annotations

import inspect
import subprocess
import sys
import textwrap

import pydantic.plugin._loader as real_loader
import pydantic.plugin._schema_validator as schema_validator


def fresh_python(code: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_validating_a_plan_looks_for_no_plugins() -> None:
    out = fresh_python(
        """
        import sys
        from netplan.runtime.pydantic_plugins import skip_plugin_search
        skip_plugin_search()
        from netplan.models import Plan
        plan = Plan.model_validate({"schema_version": 1, "routines": [
            {"id": "a", "title": "A", "period": "week", "target": 2}]})
        print(plan.routines[0].target, "importlib.metadata" in sys.modules)
        """
    )
    assert out == "2 False"


def test_without_the_stand_in_pydantic_searches_as_usual() -> None:
    """The check above can fail: plain Pydantic imports importlib.metadata to validate."""
    out = fresh_python(
        """
        import sys
        from netplan.models import Plan
        Plan.model_validate({"schema_version": 1})
        print("importlib.metadata" in sys.modules)
        """
    )
    assert out == "True"


def test_any_other_name_comes_from_pydantics_real_loader() -> None:
    out = fresh_python(
        """
        import sys
        from netplan.runtime.pydantic_plugins import skip_plugin_search
        skip_plugin_search()
        from pydantic.plugin._loader import PYDANTIC_ENTRY_POINT_GROUP
        print(PYDANTIC_ENTRY_POINT_GROUP, sys.modules["pydantic.plugin._loader"].__file__)
        """
    )
    group, path = out.split()
    assert group == "pydantic"
    assert path == real_loader.__file__


def test_pydantic_still_asks_its_loader_for_get_plugins_alone() -> None:
    """If a Pydantic upgrade changes this, the stand-in needs another look."""
    assert "from ._loader import get_plugins\n" in inspect.getsource(schema_validator)
    assert not inspect.signature(real_loader.get_plugins).parameters
