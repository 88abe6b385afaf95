"""The layers of netplan hold: no Textual below `tui/`, and imports run one way.

Arrows allowed between packages: `tui`, `cli` → `workspace` → `domain`, `store` → `models`,
`text`, `fsutil`, `defaults`, `runtime`; `workspace` → `importers` (one import for the app and
the command line). Never: anything but `tui` and `cli` → `tui`; anything →
`cli` (except the entry point); `store` → `domain` or `workspace`; `domain` → `store` or
`workspace`.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import netplan

PACKAGE = Path(netplan.__file__).parent

# What each part may import from netplan (its own part is always allowed).
ALLOWED = {
    "models": {"models"},
    "text": set(),
    "fsutil": set(),
    "defaults": {"models"},
    "runtime": set(),
    "domain": {"models", "text", "defaults", "runtime"},
    "store": {"models", "fsutil", "defaults", "runtime"},
    "workspace": {
        "models",
        "text",
        "defaults",
        "runtime",
        "domain",
        "store",
        "merging",
        "importers",
    },
    "merging": {"models", "text", "domain"},
    "importers": {"models", "text", "domain"},
    "exporters": {"models", "text", "fsutil", "domain"},
    "demo": {"models", "text", "defaults", "domain"},
    "sync": {
        "models",
        "text",
        "fsutil",
        "domain",
        "store",
        "workspace",
        "importers",
        "exporters",
    },
    "cli": {
        "models",
        "text",
        "fsutil",
        "defaults",
        "runtime",
        "domain",
        "store",
        "workspace",
        "importers",
        "exporters",
        "demo",
        "merging",
        "sync",
        "tui",
        "__init__",
    },
    "tui": {
        "models",
        "text",
        "defaults",
        "runtime",
        "domain",
        "store",
        "workspace",
        "demo",
    },
    "__main__": {"runtime", "cli"},
    "__init__": set(),
}


def _modules() -> list[str]:
    names = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        names.append(".".join(parts))
    return names


def _part(module: str) -> str:
    """The top-level part of netplan a module belongs to (`netplan.__version__`: __init__)."""
    parts = module.split(".")
    if len(parts) == 1 or (parts[1].startswith("__") and parts[1] != "__main__"):
        return "__init__"
    return parts[1]


def _imports(path: Path, module: str) -> set[str]:
    """Every netplan module `path` imports, at any depth in the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("netplan"))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target == "netplan":
                found.update(f"netplan.{a.name}" for a in node.names)
            elif target.startswith("netplan"):
                found.add(target)
    return found


def test_imports_run_one_way() -> None:
    wrong = []
    for module in _modules():
        path = PACKAGE.parent / (module.replace(".", "/") + ".py")
        if not path.exists():
            path = PACKAGE.parent / module.replace(".", "/") / "__init__.py"
        part = _part(module)
        allowed = ALLOWED[part] | {part, "__init__"}
        for target in sorted(_imports(path, module)):
            if _part(target) not in allowed:
                wrong.append(f"{module} imports {target}")
    assert not wrong, "\n".join(wrong)


# A fresh interpreter imports every module outside tui/, noting which one brought Textual in.
HYGIENE = """
import importlib, json, sys
culprits = []
for name in json.loads(sys.argv[1]):
    before = 'textual' in sys.modules
    importlib.import_module(name)
    if not before and 'textual' in sys.modules:
        culprits.append(name)
print(json.dumps(culprits))
"""


def test_no_textual_outside_tui() -> None:
    modules = [m for m in _modules() if _part(m) != "tui" and m != "netplan.__main__"]
    assert len(modules) > 40  # the walk found the package
    result = subprocess.run(
        [sys.executable, "-c", HYGIENE, json.dumps(modules)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(result.stdout) == []
