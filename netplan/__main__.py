"""`python -m netplan` and the `netplan` script."""

from netplan.runtime.gc_pause import pause_for_start
from netplan.runtime.pydantic_plugins import skip_plugin_search


def run() -> int:
    pause_for_start()  # before the imports: see gc_pause
    skip_plugin_search()
    from netplan.cli.commands import main

    return main()


if __name__ == "__main__":
    raise SystemExit(run())
