"""Running the CLI as a user does, with its standard output on a pseudo-terminal (POSIX)."""

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
    leader, follower = os.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    env = {**os.environ, "NO_COLOR": "1", "TERM": "xterm"}
    env.pop("COLUMNS", None)
    proc = subprocess.Popen([sys.executable, "-m", "conflictwatch", *args], stdout=follower,
                            stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, env=env)
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
    assert proc.stderr is not None
    err = proc.stderr.read().decode()
    proc.stderr.close()
    shown = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", b"".join(chunks).decode()).replace("\r\n", "\n")
    return proc.wait(), shown, err


def stderr_on_a_terminal(*args: str, columns: int = 160, cwd: str | None = None) -> tuple[int, str, str]:
    """Run the CLI with its standard error on a pseudo-terminal ``columns`` wide (standard output a
    pipe), as a long job run by hand into a file: (exit status, stdout, everything the terminal was
    sent, escape codes taken out)."""
    leader, follower = os.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    env = {**os.environ, "NO_COLOR": "1", "TERM": "xterm"}
    env.pop("COLUMNS", None)
    proc = subprocess.Popen([sys.executable, "-m", "conflictwatch", *args], stdout=subprocess.PIPE,
                            stderr=follower, stdin=subprocess.DEVNULL, env=env, cwd=cwd)
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
    assert proc.stdout is not None
    out = proc.stdout.read().decode()
    proc.stdout.close()
    shown = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", b"".join(chunks).decode()).replace("\r\n", "\n")
    return proc.wait(), out, shown
