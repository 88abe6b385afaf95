"""`netplan completion bash|zsh|fish`: a completion script generated from the command line.

shtab writes the script from the argparse parser itself, so a new command or option completes
as soon as it is declared. Arguments that name a file or a folder carry shtab's `.complete`
marker (`FILE`, `DIRECTORY` of netplan.cli.arguments) and complete as paths. Neither Textual nor the
store is imported: the command is quick, and works without a store.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator, Mapping
from typing import Any, TextIO

from netplan.cli.support import EXIT_OK, CommandError

SHELLS = ("bash", "zsh", "fish")


def add_parser(commands: Any) -> None:
    completion = commands.add_parser(
        "completion",
        help="print a shell completion script (bash, zsh or fish)",
        description="Print a completion script for SHELL, generated from this command line. "
        "bash: add `source <(netplan completion bash)` to ~/.bashrc; zsh: save it as _netplan "
        "in a folder on $fpath; fish: save it as ~/.config/fish/completions/netplan.fish.",
    )
    completion.add_argument("shell", metavar="SHELL", choices=SHELLS, help="bash, zsh or fish")


def parsers(parser: argparse.ArgumentParser) -> Iterator[argparse.ArgumentParser]:
    """The parser and every sub-command's parser below it, depth first."""
    yield parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in dict.fromkeys(action.choices.values()):  # aliases once
                yield from parsers(sub)


def script(shell: str) -> str:
    """The completion script for `shell` (bash, zsh or fish), ending in a newline."""
    import shtab

    if shell not in SHELLS:
        raise CommandError(f"no completion for {shell!r}: choose {', '.join(SHELLS)}", 2)
    if shell not in shtab.SUPPORTED_SHELLS:
        raise CommandError(
            f"the installed shtab {shtab.__version__} cannot write {shell} completion; "
            "upgrade it (pip install -U shtab)"
        )
    from netplan.cli import build_parser

    text = shtab.complete(build_parser(), shell=shell)
    return text if text.endswith("\n") else text + "\n"


def cmd_completion(args: argparse.Namespace, environ: Mapping[str, str], out: TextIO) -> int:
    out.write(script(args.shell))
    out.flush()
    return EXIT_OK
