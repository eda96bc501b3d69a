"""Readers, one per format, behind the guard. A reader never knows a rule."""

from __future__ import annotations

import importlib
from pathlib import Path

from protocheck.model.document import RawDocument
from protocheck.read.guard import UnreadableError, check

__all__ = ["UnreadableError", "read"]


def read(path: Path) -> RawDocument:
    """Read one file, or raise UnreadableError with a one-line reason."""
    fmt = check(path)
    module = importlib.import_module(f"protocheck.read.{fmt}")
    try:
        raw: RawDocument = module.read(path)
    except UnreadableError:
        raise
    except MemoryError:
        raise UnreadableError("refused: reading it needed too much memory") from None
    except RecursionError:
        raise UnreadableError("refused: nested too deeply to read") from None
    except Exception as exc:  # a parser's own error on a malformed file
        raise UnreadableError(
            f"cannot read {fmt}: {type(exc).__name__}: {str(exc).splitlines()[0][:160] if str(exc) else ''}".rstrip(
                ": "
            )
        ) from None
    if not any(b.text.strip() for b in raw.blocks):
        raise UnreadableError("no text found in the document")
    return raw
