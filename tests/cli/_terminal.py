"""Running the CLI as a user does, with its standard output or standard error on a
pseudo-terminal (POSIX)."""

from __future__ import annotations

import fcntl
import os
import re
import struct
import subprocess
import sys
import termios


def on_a_terminal(*args: str, columns: int = 200) -> tuple[int, str, str]:
    """Run the CLI with its standard output on a pseudo-terminal ``columns`` wide: (exit status,
    what the terminal showed without escape codes, stderr)."""
    return _run(args, columns=columns, terminal="stdout")


def stderr_on_a_terminal(*args: str, columns: int = 160, cwd: str | None = None) -> tuple[int, str, str]:
    """Run the CLI with its standard error on a pseudo-terminal ``columns`` wide (standard output a
    pipe), as a long job run by hand into a file: (exit status, stdout, everything the terminal was
    sent, escape codes taken out)."""
    status, shown, out = _run(args, columns=columns, terminal="stderr", cwd=cwd)
    return status, out, shown


def _run(args: tuple[str, ...], *, columns: int, terminal: str, cwd: str | None = None) -> tuple[int, str, str]:
    """(exit status, what the terminal on ``terminal`` showed, the other stream as piped)."""
    leader, follower = os.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    env = {**os.environ, "NO_COLOR": "1", "TERM": "xterm"}
    env.pop("COLUMNS", None)
    streams = {"stdout": follower, "stderr": subprocess.PIPE} if terminal == "stdout" else \
        {"stdout": subprocess.PIPE, "stderr": follower}
    proc = subprocess.Popen([sys.executable, "-m", "conflictwatch", *args], stdin=subprocess.DEVNULL, env=env,
                            cwd=cwd, **streams)
    os.close(follower)
    chunks = []
    while True:
        try:
            data = os.read(leader, 65536)
        except OSError:  # the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(leader)
    piped = proc.stdout if terminal == "stderr" else proc.stderr
    assert piped is not None
    other = piped.read().decode()
    piped.close()
    shown = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", b"".join(chunks).decode()).replace("\r\n", "\n")
    return proc.wait(), shown, other
