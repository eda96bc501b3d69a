"""Reading with a memory ceiling: a parser runs in a forked child process whose
address space may grow by at most `Limits.max_read_bytes`.

A parser's C code (PDFium's text page, libxml2's tree) allocates outside Python, so a
file built to need gigabytes would take the whole machine with it; in a child under
`setrlimit(RLIMIT_AS)` it fails there, and the parent turns the failure into one line.
The child sends back what it yields, item by item, so a reader that yields pages keeps
the pages read before the one that failed. The child dies with its parent
(PR_SET_PDEATHSIG on Linux), so Ctrl-C or a killed worker leaves no orphan. Where the
platform has no fork (Windows), the reader runs in this process without a ceiling.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import struct
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from protocheck.read.guard import LIMITS, UnreadableError

_HEADER = struct.Struct("!Q")
ENABLED = hasattr(os, "fork") and os.environ.get("PROTOCHECK_NO_ISOLATE") != "1"


@dataclass
class Outcome:
    """What a child sent before it stopped: its items, and why it stopped early, if it did."""

    items: list[Any] = field(default_factory=list)
    unreadable: str | None = None  # the reader's own one-line reason
    died: str | None = None  # the child ran out of memory or crashed


def die_with_parent() -> None:
    """Linux: this process is killed when its parent dies (no orphan after SIGKILL)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def limit_memory(extra: int) -> None:
    """Let this process's address space grow by `extra` bytes at most, where the
    platform enforces it (Linux); elsewhere nothing happens."""
    try:
        import resource
    except ImportError:
        return
    size = _address_space()
    if size is None:
        return
    try:
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        want = size + extra
        if hard != resource.RLIM_INFINITY:
            want = min(want, hard)
        if soft == resource.RLIM_INFINITY or want < soft:
            resource.setrlimit(resource.RLIMIT_AS, (want, hard))
    except (ValueError, OSError):
        pass


def _address_space() -> int | None:
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        return None
    return None


def _send(fd: int, obj: Any) -> None:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    view = memoryview(_HEADER.pack(len(data)) + data)
    while view:
        view = view[os.write(fd, view) :]


def _child(fd: int, produce: Callable[[], Iterator[Any]], extra: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides what Ctrl-C does
    die_with_parent()
    limit_memory(extra)
    try:
        for item in produce():
            _send(fd, ("item", item))
        _send(fd, ("done", None))
    except UnreadableError as exc:
        _send(fd, ("unreadable", str(exc)))
    except MemoryError:
        _send(fd, ("memory", None))
    except BaseException as exc:  # a reader's bug: named, never a traceback
        _send(fd, ("error", f"{type(exc).__name__}: {str(exc)[:160]}".rstrip(": ")))


def _read_exact(fd: int, n: int) -> bytes | None:
    chunks = []
    while n:
        chunk = os.read(fd, min(n, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        n -= len(chunk)
    return b"".join(chunks)


def _memory_reason(extra: int) -> str:
    return f"refused: reading it needed more than {extra // 2**20} MB of memory"


_WHILE_READING: list[Callable[[], object]] = []
PIPE_WHILE_READING = 1 << 20  # bytes: Linux's default limit for an unprivileged pipe


def while_reading(task: Callable[[], object]) -> None:
    """Have `task` run once, in this process, while the next child reads: work the
    caller needs next anyway (building the language pipeline) done on another core
    instead of after the child has finished."""
    if task not in _WHILE_READING:
        _WHILE_READING.append(task)


def run(
    produce: Callable[[], Iterator[Any]],
    extra: int | None = None,
    label: str = "file",
    on_item: Callable[[Any], bool] | None = None,
) -> Outcome:
    """Run `produce` in a child with a memory ceiling; collect what it yields.
    `label` names the format in the reason given for a reader's own error; `on_item`
    sees each item as it comes and may return False to stop the child there."""
    extra = LIMITS.max_read_bytes if extra is None else extra
    out = Outcome()
    if not ENABLED:
        try:
            for item in produce():
                out.items.append(item)
                if on_item is not None and not on_item(item):
                    break
        except UnreadableError as exc:
            out.unreadable = str(exc)
        except MemoryError:
            out.died = _memory_reason(extra)
        except Exception as exc:
            out.unreadable = f"cannot read {label}: {type(exc).__name__}: {str(exc)[:160]}".rstrip(
                ": "
            )
        return out
    rfd, wfd = os.pipe()
    if _WHILE_READING:  # the child writes on while this process is busy: a larger pipe
        with contextlib.suppress(OSError, AttributeError):
            import fcntl

            fcntl.fcntl(wfd, fcntl.F_SETPIPE_SZ, PIPE_WHILE_READING)
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        os.close(rfd)
        try:
            _child(wfd, produce, extra)
        finally:
            os._exit(0)
    os.close(wfd)
    finished = stopped = False
    try:
        while _WHILE_READING:
            _WHILE_READING.pop(0)()
        while True:
            head = _read_exact(rfd, _HEADER.size)
            if head is None:
                break
            body = _read_exact(rfd, _HEADER.unpack(head)[0])
            if body is None:
                break
            kind, value = pickle.loads(body)
            if kind == "item":
                out.items.append(value)
                if on_item is None or on_item(value):
                    continue
                stopped = True
                break
            finished = True
            if kind == "unreadable":
                out.unreadable = value
            elif kind == "memory":
                out.died = _memory_reason(extra)
            elif kind == "error":
                out.unreadable = f"cannot read {label}: {value}"
            break
    finally:
        os.close(rfd)
        if not finished:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
    if not finished and not stopped and out.died is None:
        sig = os.WTERMSIG(status) if os.WIFSIGNALED(status) else None
        if sig in (signal.SIGABRT, signal.SIGKILL, signal.SIGSEGV, signal.SIGBUS, None):
            out.died = _memory_reason(extra)
        else:
            out.died = f"the parser crashed (signal {sig})"
    return out


def call(read: Callable[[], Any], extra: int | None = None, label: str = "file") -> Any:
    """`read()` in a child with a memory ceiling: its result, or UnreadableError."""

    def produce() -> Iterator[Any]:
        yield read()

    out = run(produce, extra, label)
    if out.unreadable is not None:
        raise UnreadableError(out.unreadable)
    if out.died is not None or not out.items:
        raise UnreadableError(out.died or "the reader returned nothing")
    return out.items[0]
