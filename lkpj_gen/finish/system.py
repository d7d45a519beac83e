"""What differs between Linux, macOS and Windows for the processes we start, in one place.

Everything POSIX-only (process groups, ``SIGKILL``, ``start_new_session``) is reached only
through these functions, and each one looks at ``sys.platform`` when it is called, so the
tests can switch a Linux run to the way Windows behaves.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from typing import Any


def windows() -> bool:
    return sys.platform == "win32"


def linux() -> bool:
    return sys.platform.startswith("linux")


def own_group() -> dict[str, Any]:
    """``Popen`` arguments that give a child its own process group, so the child and every
    helper it starts can be killed together and a terminal's Ctrl-C does not reach them."""
    if windows():
        return {"creationflags": getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0x200)}
    return {"start_new_session": True}


def kill_group(pid: int) -> None:
    """Kill the process group led by ``pid`` (POSIX) or the process tree of ``pid`` (Windows).

    Never raises: the processes may be gone already."""
    if windows() or not hasattr(os, "killpg"):
        try:
            subprocess.run(["taskkill", "/F", "/T", "/PID", str(pid)], capture_output=True, timeout=30)
        except (OSError, subprocess.SubprocessError):
            pass
        return
    try:
        os.killpg(pid, getattr(signal, "SIGKILL", 9))
    except (ProcessLookupError, PermissionError):
        pass
