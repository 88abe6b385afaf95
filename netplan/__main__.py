"""`python -m netplan` and the `netplan` script: process-wide switches, then the command line."""

from netplan.runtime.gc_pause import pause_for_start
from netplan.runtime.gil import share_finely
from netplan.runtime.pydantic_plugins import skip_plugin_search


def run() -> int:
    pause_for_start()  # before the imports: see gc_pause
    skip_plugin_search()
    share_finely()
    from netplan.cli import main

    return main()


if __name__ == "__main__":
    raise SystemExit(run())
