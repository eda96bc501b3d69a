"""Result cache: a file whose path, size and modification time, the configuration,
the rules and protocheck itself are unchanged is not read again.

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


def key(path: Path, settings: str) -> str | None:
    try:
        st = path.stat()
    except OSError:
        return None
    raw = f"{path.resolve()}|{st.st_size}|{st.st_mtime_ns}|{settings}|{code_stamp()}"
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
