"""The `netplan` command skips Pydantic's search for plugins: netplan uses none.

The first time Pydantic builds a validator it looks for plugins, packages that registered
the entry-point group "pydantic" (an observability tool, say). That imports
importlib.metadata (with email, zipfile and csv) and reads the metadata of every installed
package: 25 ms on the benchmark machine, 46 million instructions of the 1,870 million before
the week grid is drawn. netplan's validators check its own files; a plugin installed in the
same environment for another program has no business in them.

Pydantic's own switch, `PYDANTIC_DISABLE_PLUGINS=__all__`, skips the reading but not the
import, so the command puts a stand-in for Pydantic's plugin loader in place before Pydantic
is imported. Whatever else a later Pydantic asks of that module comes from the real one.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import Any

LOADER = "pydantic.plugin._loader"


def _no_plugins() -> tuple[()]:
    return ()


def _from_real_loader(name: str) -> Any:
    """A name the stand-in lacks: hand the module back to Pydantic and take it from there."""
    if name.startswith("__"):  # the import system asking whether this is a package
        raise AttributeError(name)
    if sys.modules.get(LOADER) is _stand_in:
        del sys.modules[LOADER]
    return getattr(importlib.import_module(LOADER), name)


_stand_in = types.ModuleType(LOADER, "netplan's stand-in: no Pydantic plugins are looked for")
_stand_in.get_plugins = _no_plugins  # type: ignore[attr-defined]
_stand_in.__getattr__ = _from_real_loader  # type: ignore[attr-defined]


def skip_plugin_search() -> None:
    """Called by the `netplan` command before anything imports Pydantic."""
    sys.modules.setdefault(LOADER, _stand_in)
