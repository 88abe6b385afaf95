"""Instructions executed to the week grid's first frame, counted by valgrind: a steady measure.

    python benchmarks/instructions.py

Wall-clock start-up on a shared 2-core machine moves by a third from one run to the next;
the number of instructions a start executes barely moves (±0.1 %), so it shows what a change
to start-up saves even when the timings cannot. It is no substitute for the timed ratios
of run.py: memory stalls and the cyclic collector cost time that instructions do not show.
Needs valgrind (Debian: apt install valgrind); each start takes about 15 s under it.
"""

from __future__ import annotations

import compileall
import os
import pty
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import MARKER, environment  # noqa: E402
from stores import make_store  # noqa: E402

# Runs the subject and ends the process as soon as the first frame holding MARKER is written.
FIRST_FRAME = """
import os, sys
subject = sys.argv[1]
if subject == "netplan":
    from netplan.__main__ import run  # the command's first lines pause the collector
import textual.drivers.linux_driver as driver
write = driver.LinuxDriver.write
def first_frame(self, data):
    write(self, data)
    if {marker!r} in data:
        self.flush()
        os._exit(0)
driver.LinuxDriver.write = first_frame
if subject == "netplan":
    sys.argv = ["netplan"]
    run()
else:
    sys.path.insert(0, {here!r})
    import bare_app
    bare_app.BareApp().run()
"""


def instructions(subject: str, env: dict[str, str], script: Path) -> int:
    """Instructions (valgrind's "I refs") of one start on a pseudo-terminal."""
    command = [
        "valgrind",
        "--tool=cachegrind",
        "--cache-sim=no",
        "--cachegrind-out-file=/dev/null",
        sys.executable,
        str(script),
        subject,
    ]
    master, slave = pty.openpty()
    try:
        done = subprocess.run(
            command, stdin=slave, stdout=slave, stderr=subprocess.PIPE, env=env, timeout=300
        )
    finally:
        os.close(slave)
        os.close(master)
    found = re.search(rb"I\s+refs:\s+([\d,]+)", done.stderr)
    if found is None:
        raise RuntimeError(done.stderr.decode(errors="replace")[-2000:])
    return int(found.group(1).replace(b",", b""))


def main() -> None:
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed")
    # Bytecode caches as an installed copy has them; compiling would be counted otherwise.
    import netplan

    compileall.compile_dir(Path(netplan.__file__).parent, quiet=1)
    with tempfile.TemporaryDirectory() as temp:
        script = Path(temp) / "first_frame.py"
        script.write_text(FIRST_FRAME.format(marker=MARKER, here=str(HERE)))
        folder = make_store(Path(temp) / "empty", "empty")
        env = dict(environment(folder), PYTHONHASHSEED="0")
        bare = instructions("bare", env, script)
        ours = instructions("netplan", env, script)
    print(f"{'instructions to the first frame (millions)':52} {'count':>8}  ratio")
    print(f"{'bare Textual app':52} {bare / 1e6:8.1f}  1.00×")
    print(f"{'netplan, empty store':52} {ours / 1e6:8.1f}  {ours / bare:.2f}×")


if __name__ == "__main__":
    main()
