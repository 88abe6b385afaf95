"""`netplan completion bash|zsh|fish`: scripts generated from the parser, checked by the shells."""

from __future__ import annotations

import argparse
import io
import json
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from netplan.cli import DIRECTORY, FILE, build_parser, main
from netplan.cli.completion import SHELLS, parsers, script

PATHS = {"DIR", "FILE", "PATH", "FILE.vcf", "FILE.csv"}


def _command_names(parser: argparse.ArgumentParser) -> set[str]:
    names = set()
    for each in parsers(parser):
        for action in each._actions:
            if isinstance(action, argparse._SubParsersAction):
                names.update(action.choices)
    return names


def _bash(lines: str, cwd: Path) -> str:
    """Run `lines` in bash after `source <(python -m netplan completion bash)`."""
    generate = f"{shlex.quote(sys.executable)} -m netplan completion bash"
    result = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", f"source <({generate}) && {lines}"],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=True,
    )
    return result.stdout


def _complete(words: list[str]) -> str:
    quoted = " ".join(f"'{w}'" for w in words)
    run = '_shtab_netplan; echo "${COMPREPLY[@]}"'
    return f"COMP_WORDS=({quoted}); COMP_CWORD={len(words) - 1}; {run}"


@pytest.mark.parametrize("shell", SHELLS)
def test_the_script_names_every_command(shell: str) -> None:
    out = io.StringIO()
    assert main(["completion", shell], {}, out) == 0
    text = out.getvalue()
    names = _command_names(build_parser())
    assert {"completion", "import", "export", "linkedin", "vcard", "ics", "json"} <= names
    assert text.strip()
    missing = [name for name in sorted(names) if name not in text]
    assert not missing, missing
    assert "dry-run" in text and "follow-up" in text  # options too (fish: -l dry-run)


def test_an_unknown_shell_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        main(["completion", "powershell"], {}, io.StringIO())
    assert raised.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_path_arguments_carry_shtab_markers() -> None:
    import shtab

    # The names netplan.cli uses are shtab's own, for shtab.FILE and shtab.DIRECTORY.
    assert shtab.CHOICE_FUNCTIONS[FILE] == shtab.FILE
    assert shtab.CHOICE_FUNCTIONS[DIRECTORY] == shtab.DIRECTORY
    declared = {}
    for each in parsers(build_parser()):
        for action in each._actions:
            if hasattr(action, "complete"):
                declared[(each.prog, action.metavar)] = action.complete
    assert declared[("netplan", "DIR")] == DIRECTORY  # --data
    assert declared[("netplan import linkedin", "PATH")] == FILE
    assert declared[("netplan import vcard", "FILE.vcf")] == FILE
    assert declared[("netplan export csv", "DIR")] == DIRECTORY
    assert declared[("netplan export ics", "FILE")] == FILE
    # Commands declared in their own modules mark theirs too.
    unmarked = [
        f"{each.prog} {action.metavar}"
        for each in parsers(build_parser())
        for action in each._actions
        if action.metavar in PATHS and not hasattr(action, "complete")
    ]
    assert not unmarked


def test_markers_do_not_change_parsing() -> None:
    args = build_parser().parse_args(["--data", "d", "import", "vcard", "cards.vcf", "--dry-run"])
    assert (args.data, args.format, args.file, args.dry_run) == ("d", "vcard", "cards.vcf", True)
    args = build_parser().parse_args(["completion", "fish"])
    assert (args.command, args.shell) == ("completion", "fish")


def test_the_command_imports_neither_textual_nor_the_store() -> None:
    code = (
        "import argparse, io, json, sys\n"
        "from netplan.cli.completion import cmd_completion\n"
        "for shell in ('bash', 'zsh', 'fish'):\n"
        "    cmd_completion(argparse.Namespace(shell=shell), {}, io.StringIO())\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    loaded = json.loads(result.stdout)
    heavy = [m for m in loaded if m.split(".")[0] in {"textual", "pydantic", "rich"}]
    heavy += [m for m in loaded if m.startswith(("netplan.store", "netplan.workspace"))]
    assert not heavy


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_bash_completes_commands_choices_and_paths(tmp_path: Path) -> None:
    (tmp_path / "cards.vcf").write_text("", encoding="utf-8")
    (tmp_path / "exports").mkdir()
    checks = [
        "complete -p netplan",
        _complete(["netplan", "imp"]),
        _complete(["netplan", "import", ""]),
        _complete(["netplan", "export", ""]),
        _complete(["netplan", "import", "vcard", "ca"]),
        _complete(["netplan", "export", "csv", "ex"]),
        _complete(["netplan", "due", "--data", "ex"]),
        _complete(["netplan", "log", "amara", "--kind", "co"]),
        _complete(["netplan", "completion", ""]),
    ]
    lines = _bash("; ".join(checks), tmp_path).splitlines()
    assert lines[0].startswith("complete ") and lines[0].endswith(" netplan")
    assert "import" in lines[1].split()
    assert lines[2].split() == ["linkedin", "vcard", "csv"]
    assert lines[3].split() == ["ics", "csv", "json"]
    assert lines[4].split() == ["cards.vcf"]
    assert lines[5].split() == ["exports"]
    assert lines[6].split() == ["exports"]
    assert set(lines[7].split()) == {"comment", "coffee"}
    assert lines[8].split() == ["bash", "zsh", "fish"]


@pytest.mark.parametrize("shell", ["zsh", "fish"])
def test_the_shell_reads_the_script(shell: str, tmp_path: Path) -> None:
    if shutil.which(shell) is None:
        pytest.skip(f"{shell} is not installed: no syntax check of its script")
    path = tmp_path / f"netplan.{shell}"
    path.write_text(script(shell), encoding="utf-8")
    result = subprocess.run([shell, "-n", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


@pytest.mark.skipif(shutil.which("fish") is None, reason="fish is not installed")
def test_fish_completes_commands_choices_and_paths(tmp_path: Path) -> None:
    (tmp_path / "cards.vcf").write_text("", encoding="utf-8")
    (tmp_path / "exports").mkdir()
    (tmp_path / "netplan.fish").write_text(script("fish"), encoding="utf-8")
    asks = ["netplan imp", "netplan import ", "netplan import vcard ca", "netplan export csv ex"]
    code = "source netplan.fish; " + "; ".join(f"complete -C '{a}'; echo ---" for a in asks)
    result = subprocess.run(
        ["fish", "--no-config", "-c", code], capture_output=True, text=True, cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    answers = [
        [line.split("\t")[0] for line in block.strip().splitlines()]
        for block in result.stdout.split("---")[:-1]
    ]
    assert "import" in answers[0]
    assert sorted(answers[1]) == ["csv", "linkedin", "vcard"]
    assert answers[2] == ["cards.vcf"]
    assert answers[3] == ["exports/"]


@pytest.mark.skipif(shutil.which("zsh") is None, reason="zsh is not installed")
def test_zsh_registers_the_script_from_fpath(tmp_path: Path) -> None:
    (tmp_path / "functions").mkdir()
    (tmp_path / "functions" / "_netplan").write_text(script("zsh"), encoding="utf-8")
    code = (
        "fpath=(./functions $fpath); autoload -Uz compinit; compinit -u -D; "
        'echo "${_comps[netplan]}"; autoload -Uz +X _netplan && echo loaded'
    )
    result = subprocess.run(["zsh", "-f", "-c", code], capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["_netplan", "loaded"]
