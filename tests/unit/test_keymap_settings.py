"""[settings.keymap] in plan.toml: optional, hand-written, checked with a clear message."""

from __future__ import annotations

from cli_helpers import run

from netplan.store import Store


def test_a_fresh_plan_has_no_keymap_line(tmp_path) -> None:
    assert run("validate", data=tmp_path).returncode == 0
    assert "keymap" not in (tmp_path / "plan.toml").read_text()


def test_a_hand_written_keymap_loads_and_survives_a_save(tmp_path) -> None:
    run("validate", data=tmp_path)
    plan = tmp_path / "plan.toml"
    head, routines = plan.read_text().split("[[routines]]", 1)
    keymap = '[settings.keymap]  # my keys\ncheck = "c, space"\nundo = "ctrl+z"\n\n'
    plan.write_text(head + keymap + "[[routines]]" + routines)
    store = Store(tmp_path)
    loaded = store.load().plan
    assert loaded.settings.keymap == {"check": "c, space", "undo": "ctrl+z"}
    settings = loaded.settings.model_copy(update={"theme": "nord"})
    store.save(plan=loaded.model_copy(update={"settings": settings}))
    text = plan.read_text()
    assert "# my keys" in text and 'check = "c, space"' in text and 'theme = "nord"' in text


def test_a_bad_key_list_names_the_file_and_field(tmp_path) -> None:
    run("validate", data=tmp_path)
    plan = tmp_path / "plan.toml"
    before = plan.read_text() + '\n[settings.keymap]\ncheck = "c,,x"\n'
    plan.write_text(before)
    result = run("validate", data=tmp_path)
    assert result.returncode == 1
    assert "plan.toml" in result.stderr and "keymap.check" in result.stderr
    assert "keys separated by commas" in result.stderr
    assert plan.read_text() == before
