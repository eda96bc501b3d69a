"""Files the command line writes (a report, an annotated copy, a baseline, a starter
config): never an input, never an existing document without --force, and whole or
not at all.

An output is compared with every input by device and inode, so a hard link, a
symlink or another spelling of an input's path is caught, not only the same name.
Writes go to a temporary file beside the target, renamed over it at the end.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

# documents protocheck reads: an existing one is never overwritten by a report
# without --force, even when it was not among this run's inputs
DOCUMENT_SUFFIXES = (".docx", ".pdf", ".eml", ".txt")


def _same(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def refusal(target: Path, inputs: Iterable[Path], *, force: bool, replaceable: bool) -> str | None:
    """Why `target` must not be written, or None.

    `replaceable`: an existing file of this kind (a report, a baseline) is replaced
    as a matter of course; otherwise (an annotated copy, a config) only with --force.
    An input is never written over, --force or not.
    """
    for source in inputs:
        if _same(target, source):
            return f"{target} would overwrite the input {source}: choose another path"
    if target.is_dir():
        return f"{target} is a folder: name a file"
    document = target.suffix.lower() in DOCUMENT_SUFFIXES
    if target.exists() and not force and (not replaceable or document):
        return f"{target} already exists (use --force to overwrite)"
    return None


def write_atomically(target: Path, write: Callable[[Path], T]) -> T:
    """Call `write(temporary path)` beside `target`, then rename it over `target`: a
    crash or a full disk leaves the old file, never half a new one."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        done = write(Path(tmp))
        os.replace(tmp, target)
        return done
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_text(target: Path, text: str) -> None:
    write_atomically(target, lambda p: p.write_text(text, encoding="utf-8"))


def annotated_names(sources: list[Path], folder: Path) -> list[Path]:
    """One output a source in `folder`: `<stem>.annotated.docx`, or, where two sources
    share a name, a name that carries the folders that tell them apart
    ("a__letter.annotated.docx" for a/letter.docx beside b/letter.docx)."""
    stems = [s.stem for s in sources]
    common = Path(os.path.commonpath([str(s.resolve().parent) for s in sources]))
    out = []
    for src in sources:
        if stems.count(src.stem) == 1:
            out.append(folder / f"{src.stem}.annotated.docx")
        else:
            rel = src.resolve().relative_to(common).with_suffix("")
            out.append(folder / f"{'__'.join(rel.parts)}.annotated.docx")
    return out
