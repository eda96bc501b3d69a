"""Progress hooks: the command line installs them; long readers report through them.

Readers call `step("pages", done, total)` as they go, the language pipeline
`step("paragraphs", ...)`; `run` calls `files(done, total, name)`.
With no hook installed (tests, JSON to a pipe) both do nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar

FileHook = Callable[[int, int, str], None]
StepHook = Callable[[str, int, int], None]

_files: ContextVar[FileHook | None] = ContextVar("protocheck_file_progress", default=None)
_steps: ContextVar[StepHook | None] = ContextVar("protocheck_step_progress", default=None)


def install(on_file: FileHook | None, on_step: StepHook | None) -> None:
    _files.set(on_file)
    _steps.set(on_step)


def files(done: int, total: int, name: str) -> None:
    hook = _files.get()
    if hook is not None:
        hook(done, total, name)


def step(what: str, done: int, total: int) -> None:
    hook = _steps.get()
    if hook is not None:
        hook(what, done, total)
