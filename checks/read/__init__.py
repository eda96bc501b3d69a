"""Readers, one per format, behind the guard. A reader never knows a rule.

Each reader runs with a memory ceiling (isolate.py) and reads at most `max_chars`
characters of text (`max-chars` in protocheck.toml); the text past it is not checked,
and the file carries a notice saying where it was cut.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from protocheck.model.document import RawDocument
from protocheck.read import isolate
from protocheck.read.guard import LIMITS, UnreadableError, check

__all__ = ["UnreadableError", "read"]

# what a reader imports, imported once here rather than in every child
_PRELOAD = {"pdf": "pypdfium2", "docx": "lxml.etree", "eml": "email.parser"}


def truncated_notice(max_chars: int, where: str = "") -> str:
    return (
        f"truncated at {max_chars:,} characters{where}: the rest was not checked "
        "(max-chars in protocheck.toml raises the limit)"
    )


# A PDF or Word file may be an agenda pack, whose items are each checked as a document
# of their own: it is read to this many times the budget, and the engine cuts it to the
# budget when it turns out to be one document (truncate).
PACK_BUDGET_FACTOR = 8


def read(path: Path, max_chars: int | None = None, packs: bool = False) -> RawDocument:
    """Read one file, or raise UnreadableError with a one-line reason. With `packs`, a
    PDF or Word file is read to PACK_BUDGET_FACTOR times the budget and left uncut: the
    caller cuts it (truncate) unless it is an agenda pack."""
    fmt = check(path)
    budget = max_chars or LIMITS.max_chars
    whole = packs and fmt in ("pdf", "docx")
    if whole:
        budget *= PACK_BUDGET_FACTOR
    module = importlib.import_module(f"protocheck.read.{fmt}")
    importlib.import_module(_PRELOAD.get(fmt, "pickle"))
    try:
        if fmt == "pdf":  # page by page: a page that cannot be read costs that page only
            raw: RawDocument = module.read(path, budget)
        elif fmt == "docx" and _xml_bytes(path) > SMALL_XML_BYTES:
            raw = isolate.call(lambda: _guarded(module.read, path, fmt, budget), label=fmt)
        else:  # .txt and .eml are read to a byte limit, a small .docx is a small tree
            raw = _guarded(module.read, path, fmt, budget)
    except UnreadableError:
        raise
    except Exception as exc:  # zipfile's NotImplementedError on a forged version, ...
        raise UnreadableError(_reason(fmt, exc)) from None
    if not whole:
        truncate(raw, budget)
    if not any(b.text.strip() for b in raw.blocks):
        raise UnreadableError("no text found in the document")
    return raw


# A .docx whose XML parts hold less than this is parsed in this process: its tree
# cannot outgrow the ceiling, and a fork costs ~10 ms a file. PDFs are always read
# in a child: a few hundred compressed bytes can make a page of millions of characters.
SMALL_XML_BYTES = 4 * 1024 * 1024


def _xml_bytes(path: Path) -> int:
    import zipfile

    with zipfile.ZipFile(path) as zf:  # the guard has read the directory already
        return sum(i.file_size for i in zf.infolist() if i.filename.endswith((".xml", ".rels")))


def _guarded(reader: object, path: Path, fmt: str, budget: int) -> RawDocument:
    try:
        raw: RawDocument = reader(path, budget)  # type: ignore[operator]
    except UnreadableError:
        raise
    except MemoryError:
        raise UnreadableError("refused: reading it needed too much memory") from None
    except RecursionError:
        raise UnreadableError("refused: nested too deeply to read") from None
    except Exception as exc:  # a parser's own error on a malformed file
        raise UnreadableError(_reason(fmt, exc)) from None
    return raw


def _reason(fmt: str, exc: Exception) -> str:
    first = str(exc).splitlines()[0][:160] if str(exc) else ""
    return f"cannot read {fmt}: {type(exc).__name__}: {first}".rstrip(": ")


def truncate(raw: RawDocument, max_chars: int) -> None:
    """Keep the blocks' first `max_chars` characters (a reader that stopped early has
    already said so); the block that crosses the limit is cut."""
    total = 0
    for k, block in enumerate(raw.blocks):
        if total + len(block.text) > max_chars:
            block.text = block.text[: max(0, max_chars - total)]
            block.changes = [c for c in block.changes if c.start < len(block.text)]
            for c in block.changes:
                c.end = min(c.end, len(block.text))
            del raw.blocks[k + 1 :]
            # the reader may have stopped at a larger budget (a file read as a possible pack)
            raw.notices[:] = [n for n in raw.notices if not n.startswith("truncated at")]
            raw.notices.append(truncated_notice(max_chars))
            return
        total += len(block.text)
