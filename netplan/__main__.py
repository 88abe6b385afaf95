"""`python -m netplan` and the `netplan` script."""

from netplan.gc_pause import pause_for_start


def run() -> int:
    pause_for_start()  # before the imports: see gc_pause
    from netplan.cli import main

    return main()


if __name__ == "__main__":
    raise SystemExit(run())
