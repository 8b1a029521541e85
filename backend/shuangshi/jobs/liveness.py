"""Whether a worker process on this machine is alive: SQLite's rule for dead workers.

SQLite (the embedded `make run` default) is one machine and has no session locks; a job in
its transaction cannot write a heartbeat there (one writer at a time). A worker names itself
"<host>:<pid>" (services.WORKER); when the host is this one, its process says whether it is
alive: a dead one at once, a live one however long its heartbeat is silent. A pid the dead
worker left may be given to a newer process: a process that started after the worker took
its job is not that worker (its start time read from /proc on Linux).

No Django here: plain functions over a name and a time.
"""

import os
import socket
from datetime import datetime

NAME_LENGTH = 100  # Job.worker's max_length: a longer name was cut, and its pid with it
# /proc gives a process's start to the clock tick, against a boot time in whole seconds;
# the wall clock may also have been stepped since. A process that started this much after
# its job did is another one.
START_SLACK_SECONDS = 30


def process_alive(worker: str, *, since: datetime | None = None) -> bool | None:
    """True or False for a worker "<this host>:<pid>" that took its job at `since`; None
    when the worker runs elsewhere or its name cannot be read (then the heartbeat decides)."""
    host, sep, pid_text = worker.rpartition(":")
    if not sep or len(worker) >= NAME_LENGTH or host != socket.gethostname():
        return None
    if os.name != "posix" or not pid_text.isdigit() or int(pid_text) <= 0:
        return None
    pid = int(pid_text)
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # it exists, run by another user
    started = _process_start(pid)
    if started is None:
        return True  # no /proc: alive by the signal
    state, start = started
    if state in ("Z", "X", "x"):
        return False  # killed, not yet waited for by its parent
    return since is None or start <= since.timestamp() + START_SLACK_SECONDS


def _process_start(pid: int) -> tuple[str, float] | None:
    """(state, start as a UNIX time) of a process from /proc; None without /proc."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            fields = stat.read()
        with open("/proc/stat", "rb") as system:
            boot = next(int(line.split()[1]) for line in system if line.startswith(b"btime "))
    except FileNotFoundError:
        # Gone since the signal, or no /proc at all.
        return ("X", 0.0) if os.path.exists("/proc/self/stat") else None
    except (OSError, StopIteration, ValueError):
        return None
    # "pid (comm) state ppid …": comm may hold spaces and parentheses, so cut at the last ")".
    after = fields[fields.rindex(b")") + 2 :].split()
    state, ticks = after[0].decode(), int(after[19])  # fields 3 and 22 of proc(5)
    return state, boot + ticks / os.sysconf("SC_CLK_TCK")
