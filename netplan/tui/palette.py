"""What the command palette and the keymap know: every product key of every tab.

The palette lists every action from wherever it is opened (on the Week tab, "log" finds
Contacts: Log), each with the key that does it now (after the keymap), and none of the
widgets' own keys (a table's "Cursor left", "Copy selected text"): a product key is one with
an id, which is also what a keymap in `[settings.keymap]` names. Choosing an action from
another tab shows that tab first, then runs it where its key would.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.actions import parse as parse_action
from textual.app import SystemCommand
from textual.binding import Binding, BindingsMap
from textual.css.query import NoMatches
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widget import Widget

if TYPE_CHECKING:
    from netplan.tui.app import NetplanApp

MOVES = ("cursor", "scroll", "page")
TAB_TITLES = {"week": "Week", "month": "Month", "contacts": "Contacts", "goals": "Goals"}


@dataclass(frozen=True)
class ProductKey:
    """One action the user can take, where it lives, and its keys as shown."""

    binding: Binding
    node: DOMNode
    tab: str | None  # None: everywhere (the app's own keys) or the open dialog's
    keys: str

    @property
    def title(self) -> str:
        where = TAB_TITLES.get(self.tab or "")
        return f"{where}: {self.binding.description}" if where else self.binding.description

    @property
    def help(self) -> str:
        about = self.binding.tooltip or self.binding.description
        return f"{about} (key {self.keys})"


def _keys_by_id(app: NetplanApp, node: DOMNode) -> dict[str, tuple[Binding, list[str]]]:
    """The node's product bindings after the keymap: id → (binding, its keys)."""
    bindings: BindingsMap = node._bindings.copy()
    if app._keymap:
        bindings.apply_keymap(app._keymap)
    found: dict[str, tuple[Binding, list[str]]] = {}
    for key, key_bindings in bindings.key_to_bindings.items():
        for binding in key_bindings:
            if binding.id is None or not binding.description:
                continue
            shown = app.get_key_display(binding.with_key(key=key, key_display=None))
            entry = found.setdefault(binding.id, (binding, []))
            if shown not in entry[1]:
                entry[1].append(shown)
    return found


def _keys_of(app: NetplanApp, node: DOMNode, tab: str | None) -> Iterator[ProductKey]:
    for binding, keys in _keys_by_id(app, node).values():
        _namespace, name, parameters = parse_action(binding.action)
        if name.startswith(MOVES):
            continue  # moving a cursor is no action to look up by name
        if node.check_action(name, parameters) is False:
            continue  # hidden where it is (the starter routines once there are routines)
        yield ProductKey(binding, node, tab, " or ".join(keys))


def _with_bindings(root: Widget) -> Iterator[Widget]:
    """The root and the widgets below it that declare keys of their own."""
    for node in (root, *root.query("*")):
        if node._bindings.key_to_bindings:
            yield node


def product_keys(app: NetplanApp, screen: Screen) -> list[ProductKey]:
    """Every product key reachable from `screen`: a dialog's own keys while one is open;
    otherwise the app's, then each tab's (its pane and every widget in it)."""
    if isinstance(screen, ModalScreen):
        found = [k for node in _with_bindings(screen) for k in _keys_of(app, node, None)]
        return _unique(found)
    found = list(_keys_of(app, app, None))
    for tab in TAB_TITLES:
        try:
            pane = app.query_one(f"#{tab}-pane", Widget)
        except NoMatches:  # right after start the other tabs are not mounted yet
            continue
        found += [k for node in _with_bindings(pane) for k in _keys_of(app, node, tab)]
    return _unique(found)


def _unique(found: Iterable[ProductKey]) -> list[ProductKey]:
    seen: set[tuple[str | None, str | None]] = set()
    unique = []
    for key in found:
        mark = (key.tab, key.binding.id)
        if mark not in seen:
            seen.add(mark)
            unique.append(key)
    return unique


def known_ids() -> set[str]:
    """The binding ids a keymap may name: those of every netplan widget and screen, the
    forms too (they load when first opened, so this imports every module of the app)."""
    import importlib
    import pkgutil

    import netplan.tui

    for module in pkgutil.walk_packages(netplan.tui.__path__, "netplan.tui."):
        importlib.import_module(module.name)
    ids: set[str] = set()
    classes: list[type] = [DOMNode]
    while classes:
        cls = classes.pop()
        classes += cls.__subclasses__()
        if cls.__module__.startswith("netplan."):
            declared = cls.__dict__.get("BINDINGS", [])
            ids |= {b.id for b in declared if isinstance(b, Binding) and b.id}
    return ids


def unknown_in_keymap(keymap: dict[str, str]) -> str | None:
    """What to say about ids in `[settings.keymap]` that no key has (None: all known)."""
    unknown = sorted(set(keymap) - known_ids())
    if not unknown:
        return None
    return (
        f"plan.toml [settings.keymap]: no key has the id {', '.join(unknown)}."
        " The ids are listed in the README under Keys."
    )


def commands(app: NetplanApp, screen: Screen) -> Iterator[SystemCommand]:
    """The palette's entries for the product keys reachable from `screen`."""
    for key in product_keys(app, screen):
        yield SystemCommand(key.title, key.help, lambda key=key: _run(app, key))


def _run(app: NetplanApp, key: ProductKey) -> None:
    if key.tab is not None and key.tab != app.active_tab:
        app.action_show_tab(key.tab)
    node = key.node
    if isinstance(node, Widget) and node.focusable and not node.has_focus:
        node.focus()
    # After the tab switch has been drawn: the action may look at the cursor or open a form.
    app.call_after_refresh(node.run_action, key.binding.action)
