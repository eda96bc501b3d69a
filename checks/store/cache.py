"""Result cache: a file whose path, size, modification time and content hash, the
configuration, the rules and protocheck itself are unchanged is not read again. An
entry that is not what `put` wrote (cut short, edited, `{}`) is a miss, and is
written again after the file is checked.

Entries live in $PROTOCHECK_CACHE_DIR, else $XDG_CACHE_HOME/protocheck, else
~/.cache/protocheck; nothing is written next to the documents checked.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from pathlib import Path
from typing import Any

import protocheck


def cache_dir() -> Path:
    env = os.environ.get("PROTOCHECK_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "protocheck"


@functools.cache
def code_stamp() -> str:
    """Changes whenever protocheck's code or lexicons change (by size and mtime)."""
    h = hashlib.sha256(protocheck.__version__.encode())
    from protocheck import lexicons

    roots = [Path(protocheck.__file__).parent, Path(lexicons.__file__).parent]
    for root in roots:
        for f in sorted(root.rglob("*")):
            if (
                f.suffix in (".py", ".txt", ".yml", ".toml") or "model" in f.parts
            ) and "__pycache__" not in f.parts:
                st = f.stat()
                h.update(f"{f}:{st.st_size}:{st.st_mtime_ns}".encode())
    return h.hexdigest()[:16]


SMALL = 1024 * 1024  # a file this size or less is hashed whole
EDGE = 64 * 1024  # of a larger file, the first and last 64 KB are hashed


def content_hash(path: Path) -> str | None:
    """BLAKE2b of the whole file when small, else of its size and first and last 64 KB:
    a file replaced by another of the same size and modification time is still told
    apart (unless a large one differs only in its middle)."""
    h = hashlib.blake2b(digest_size=16)
    try:
        with path.open("rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            h.update(str(size).encode())
            if size <= SMALL:
                h.update(fh.read(SMALL + 1))
            else:
                h.update(fh.read(EDGE))
                fh.seek(-EDGE, os.SEEK_END)
                h.update(fh.read(EDGE))
    except OSError:
        return None
    return h.hexdigest()


def key(path: Path, settings: str) -> str | None:
    try:
        st = path.stat()
        where = path.resolve()
    except (OSError, RuntimeError):
        return None
    digest = content_hash(path)
    if digest is None:
        return None
    raw = f"{where}|{st.st_size}|{st.st_mtime_ns}|{digest}|{settings}|{code_stamp()}"
    return hashlib.sha256(raw.encode("utf-8", "surrogateescape")).hexdigest()  # any file name


def get(k: str) -> dict[str, Any] | None:
    try:
        data: dict[str, Any] = json.loads(
            (cache_dir() / k[:2] / f"{k}.json").read_text(encoding="utf-8")
        )
        return data
    except (OSError, ValueError):
        return None


def put(k: str, value: dict[str, Any]) -> None:
    target = cache_dir() / k[:2] / f"{k}.json"
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(value), encoding="utf-8")
        tmp.replace(target)
    except OSError:
        pass  # a read-only home is no reason to fail a check
