"""What the command line's parsers share: their error exit, argument types, choices, and the
markers that tell `netplan completion` which arguments name files or folders."""

from __future__ import annotations

import argparse
import sys
from typing import NoReturn

from netplan.cli.support import EXIT_USAGE

INTERACTION_KINDS = ("message", "comment", "call", "coffee", "meeting", "event", "intro", "other")

# Completion markers for shtab (`netplan completion`): an argument that names a file or a
# folder gets `.complete = FILE` / `DIRECTORY`, shtab's names for `shtab.FILE` and
# `shtab.DIRECTORY` (importing shtab here would slow every command down). argparse ignores them.
FILE = "file"
DIRECTORY = "directory"


class Parser(argparse.ArgumentParser):
    """A usage error is exit status 2, with the usage, as every command's."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"netplan: error: {message}\n")


def not_negative(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text!r} must not be negative")
    return value


def count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value == 0:
        raise argparse.ArgumentTypeError("the count must not be 0 (use a negative one to remove)")
    return value
