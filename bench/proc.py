"""Wall time and peak memory of a command run in a fresh process.

``maxrss_mib``: the largest single process among the command and what it waited for (like
`/usr/bin/time -v`); ``tree_mib``: the summed RSS of its whole process tree, sampled from /proc,
which also sees LibreOffice (in a session of its own). A small wrapper process starts the command
and reads getrusage(RUSAGE_CHILDREN): Linux counts the pages a child shared with its parent at
fork time in the child's maxrss, so started from the benchmark (hundreds of MiB after an
in-process 10x build) the command would seem that large.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import tempfile
import sys
import time
from dataclasses import dataclass
from pathlib import Path

PAGE_KIB = os.sysconf("SC_PAGE_SIZE") // 1024
_WRAPPER = (
    "import json, resource, subprocess, sys, time\n"
    "start = time.perf_counter()\n"
    "rc = subprocess.call(sys.argv[2:])\n"
    "wall = time.perf_counter() - start\n"
    "u = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "json.dump([rc, wall, u.ru_utime + u.ru_stime, u.ru_maxrss], open(sys.argv[1], 'w'))\n"
)


@dataclass
class Measured:
    wall: float  # seconds, measured by the wrapper around the command alone
    cpu: float  # seconds of CPU (user + system) of the command and the descendants it waited for
    rc: int
    stdout: str
    stderr: str
    maxrss_mib: float
    tree_mib: float
    timed_out: bool = False


def tree(root: int) -> dict[int, int]:
    """``root`` and all its descendants now, each with its RSS in KiB, from /proc."""
    parent, rss = {}, {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    parent[int(entry)] = int(f.read().rsplit(")", 1)[1].split()[1])
                with open(f"/proc/{entry}/statm") as f:
                    rss[int(entry)] = int(f.read().split()[1]) * PAGE_KIB
            except (OSError, ValueError, IndexError):
                pass
    found = {}
    for pid, kib in rss.items():
        p = pid
        while p > 1 and p != root:
            p = parent.get(p, 0)
        if p == root:
            found[pid] = kib
    return found


def measure(cmd: list[str], *, env: dict[str, str] | None = None, cwd: Path | None = None,
            timeout: float | None = None, interval: float = 0.2) -> Measured:
    """Run ``cmd``; after ``timeout`` s it and every descendant are killed (``timed_out``)."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err, \
            tempfile.NamedTemporaryFile("r", suffix=".json") as result:
        start = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-c", _WRAPPER, result.name, *cmd], stdout=out, stderr=err, env=env,
                                cwd=cwd, start_new_session=True)
        peak, timed_out = 0, False
        while proc.poll() is None:
            now = tree(proc.pid)
            peak = max(peak, sum(now.values()) - now.get(proc.pid, 0))  # not the wrapper itself
            if timeout is not None and not timed_out and time.perf_counter() - start > timeout:
                timed_out = True
                for victim in now:  # the command and what it started, LibreOffice included
                    try:
                        os.kill(victim, signal.SIGKILL)
                    except ProcessLookupError:
                        pass
            try:
                proc.wait(interval)
            except subprocess.TimeoutExpired:
                pass
        rc, wall, cpu, maxrss = json.load(result) if not timed_out else (-9, time.perf_counter() - start, 0, 0)
        out.seek(0)
        err.seek(0)
        return Measured(wall, cpu, rc, out.read(), err.read(), maxrss / 1024, peak / 1024, timed_out)
