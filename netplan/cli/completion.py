"""`netplan completion bash|zsh|fish`: a completion script generated from the command line.

shtab writes the script from the argparse parser itself, so a new command or option completes
as soon as it is declared. Arguments that name a file or a folder carry shtab's `.complete`
marker (`FILE`, `DIRECTORY` in netplan.cli) and complete as paths. Neither Textual nor the
store is imported: the command is quick, and works without a store.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator, Mapping
from typing import TextIO

from netplan.cli.support import EXIT_OK, CommandError

SHELLS = ("bash", "zsh", "fish")

# Arguments declared without a marker (by a command's own module) that still name a path, by
# their metavar: they complete as paths too.
_PATH_METAVARS = re.compile(r"(?P<dir>DIR|FOLDER)|FILE(\.\w+)?|PATH")
# A `%` argparse cannot expand in a help text: not `%%`, not `%(name)s`.
_LONE_PERCENT = re.compile(r"%(?![(%])")


def parsers(parser: argparse.ArgumentParser) -> Iterator[argparse.ArgumentParser]:
    """The parser and every sub-command's parser below it, depth first."""
    yield parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in dict.fromkeys(action.choices.values()):  # aliases once
                yield from parsers(sub)


def documented_parser() -> argparse.ArgumentParser:
    """netplan's parser, ready for the tools that write from it (completion, man page).

    Path arguments without a marker get one from their metavar; a help text with a `%` that
    argparse cannot expand (which `--help` would trip over) is read literally.
    """
    from netplan.cli import DIRECTORY, FILE, build_parser

    parser = build_parser()
    for each in parsers(parser):
        formatter = each._get_formatter()
        for action in each._actions:
            if not hasattr(action, "complete") and isinstance(action.metavar, str):
                named = _PATH_METAVARS.fullmatch(action.metavar)
                if named and action.nargs != 0:
                    action.complete = DIRECTORY if named["dir"] else FILE  # type: ignore[attr-defined]
            _readable_help(formatter, action)
            if isinstance(action, argparse._SubParsersAction):
                for choice in action._choices_actions:
                    _readable_help(formatter, choice)
    return parser


def _readable_help(formatter: argparse.HelpFormatter, action: argparse.Action) -> None:
    if not action.help or action.help == argparse.SUPPRESS:
        return
    try:
        formatter._expand_help(action)
    except (ValueError, TypeError, KeyError):
        action.help = _LONE_PERCENT.sub("%%", action.help)


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
    text = shtab.complete(documented_parser(), shell=shell)
    return text if text.endswith("\n") else text + "\n"


def cmd_completion(args: argparse.Namespace, environ: Mapping[str, str], out: TextIO) -> int:
    out.write(script(args.shell))
    out.flush()
    return EXIT_OK
