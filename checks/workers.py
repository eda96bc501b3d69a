"""Worker processes for `--jobs N`: one file at a time a worker, so a worker that dies
costs the file it held and nothing else.

Each worker checks the files it is sent and sends each result back. A worker killed
mid-file (the kernel's out-of-memory killer, a crash in a parser's C code) makes that
file unreadable ("worker died: out of memory?"); a new worker takes its place and the
run goes on. Each worker's address space may grow by `worker_memory()` bytes (Linux,
setrlimit); past it an allocation fails inside that worker rather than the machine
swapping. Ctrl-C reaches the caller as KeyboardInterrupt after every worker has been
killed and reaped: workers ignore SIGINT themselves and die with their parent, so no
process is left behind.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from protocheck.model.findings import FileResult

DEFAULT_WORKER_MEMORY = 1536 * 1024 * 1024
FEW_FILES = 4  # a run of more files than this is shared among the free cores by default
# an agenda pack with more text than this (about 100 pages) has its items shared among the
# free cores by default: below about 120,000 characters two workers gain nothing on two cores
PACK_CHARACTERS = 200_000


def usable_cores() -> int:
    """The processors this process may run on (its affinity mask where the OS has one)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def busy_cores(readings: int = 5, pause: float = 0.002) -> int:
    """Processes other than this one running on the machine now: the running count in
    /proc/loadavg (which counts the reader too), the lowest of a few readings a few
    milliseconds apart, so that a process that only flickers does not count. 0 where
    the OS does not say (not Linux).

    The one-minute load average would count protocheck's own last run: a second run
    straight after the first would find the machine busy with itself."""
    import time

    lowest: int | None = None
    for k in range(readings):
        try:
            with open("/proc/loadavg", encoding="ascii") as f:
                running = int(f.read().split()[3].split("/")[0])
        except (OSError, ValueError, IndexError):
            return 0
        lowest = running if lowest is None else min(lowest, running)
        if k + 1 < readings:
            time.sleep(pause)
    return max(0, (lowest or 1) - 1)


def default_jobs(files: int) -> int:
    """Worker processes for a run of `files` files when neither --jobs nor the
    configuration says: 1 for a few files (FEW_FILES or fewer: starting workers would
    cost more than it saves) or when every core is busy, else the free cores."""
    if files <= FEW_FILES:
        return 1
    return max(1, min(_free_cores(), files))


def pack_jobs(characters: int) -> int:
    """Worker processes for the items of one agenda pack of `characters` characters when
    neither --jobs nor the configuration says: 1 for a pack shorter than PACK_CHARACTERS
    (forking workers would cost more than it saves) or when every core is busy, else
    the free cores."""
    if characters < PACK_CHARACTERS:
        return 1
    return max(1, _free_cores())


def _free_cores() -> int:
    """The usable cores no other process is running on now (may be 0 or less)."""
    return usable_cores() - busy_cores()


def worker_memory() -> int:
    """Bytes a worker's address space may grow by: $PROTOCHECK_WORKER_MEMORY_MB or 1.5 GB."""
    value = os.environ.get("PROTOCHECK_WORKER_MEMORY_MB", "")
    return int(value) * 1024 * 1024 if value.isdigit() and int(value) > 0 else DEFAULT_WORKER_MEMORY


def _serve(conn: Connection, opts: Any, memory: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent stops the run
    from protocheck import engine, progress
    from protocheck.read import isolate

    isolate.die_with_parent()
    isolate.limit_memory(memory)
    progress.install(None, None)  # the parent draws any progress bar
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        index, path = task
        try:
            result = engine.check_path(path, opts)
        except MemoryError:
            result = FileResult(
                str(path), error=f"out of memory (a worker may use {memory // 2**20} MB more)"
            )
        conn.send((index, result))


class _Worker:
    def __init__(self, ctx: Any, opts: Any, memory: int):
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_serve, args=(child, opts, memory), daemon=True)
        self.proc.start()
        child.close()
        self.task: int | None = None

    def stop(self) -> None:
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(timeout=2)
        self.conn.close()


def _died(worker: _Worker) -> str:
    code = worker.proc.exitcode
    if code is not None and code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        return f"worker died ({name}): out of memory?"
    return f"worker died (exit code {code}): out of memory?"


def run(
    files: list[Path],
    todo: list[int],
    opts: Any,
    jobs: int,
    on_done: Callable[[int, FileResult], None],
) -> None:
    """Check files[i] for each i in todo on `jobs` workers; on_done(i, result) as each ends."""
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    memory = worker_memory()
    queue = list(reversed(todo))
    workers = [_Worker(ctx, opts, memory) for _ in range(min(jobs, len(todo)))]

    def assign(w: _Worker) -> None:
        w.task = queue.pop() if queue else None
        if w.task is not None:
            w.conn.send((w.task, files[w.task]))

    try:
        for w in workers:
            assign(w)
        while any(w.task is not None for w in workers):
            busy = [w for w in workers if w.task is not None]
            ready = set(wait([w.conn for w in busy] + [w.proc.sentinel for w in busy]))
            for k, w in enumerate(workers):
                if w.task is None or not (w.conn in ready or w.proc.sentinel in ready):
                    continue
                message = None
                try:
                    if w.conn.poll():
                        message = w.conn.recv()
                except (EOFError, OSError):
                    message = None
                if message is not None:
                    index, result = message
                    w.task = None
                    on_done(index, result)
                    assign(w)
                    continue
                w.proc.join(timeout=5)
                if w.proc.exitcode is None:
                    continue  # woken by the pipe with nothing in it yet
                index = w.task
                on_done(index, FileResult(str(files[index]), error=_died(w)))
                w.task = None
                w.stop()
                workers[k] = _Worker(ctx, opts, memory)  # the run goes on
                assign(workers[k])
        for w in workers:
            w.conn.send(None)
    finally:
        for w in workers:
            w.stop()
