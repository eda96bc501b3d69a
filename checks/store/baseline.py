"""Baselines: findings accepted once, so CI fails only on new ones.

`protocheck baseline PATH...` writes every current finding as (file, code, hash of
the flagged text); with `baseline = "..."` in the config, a finding that matches
one is kept in the output as suppressed ("in the baseline"). Moving text within a
file does not break the match; changing the flagged words does.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from pathlib import Path
from typing import Any

from protocheck.model.findings import FileResult

VERSION = 1


def text_hash(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).lower().encode()).hexdigest()[:16]


def _key(path: str, code: str, text: str, base: Path) -> tuple[str, str, str]:
    p = Path(path)
    try:
        rel = p.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        rel = p.as_posix()
    return rel, code, text_hash(text)


def write(results: list[FileResult], target: Path) -> int:
    base = target.parent
    entries = sorted(
        {
            _key(r.path, f.code, f.text, base)
            for r in results
            for f in r.findings
            if not f.suppressed
        }
    )
    data: dict[str, Any] = {
        "version": VERSION,
        "tool": "protocheck",
        "findings": [{"path": p, "code": c, "hash": h} for p, c, h in entries],
    }
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")  # whole or not at all
    tmp.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, target)
    return len(entries)


@functools.cache
def load(path: Path) -> frozenset[tuple[str, str, str]]:
    """The accepted findings; an entry that is not {path, code, hash} strings is
    ignored, and a file that is not a baseline accepts nothing (`problem` says why)."""
    return _load(path)[0]


@functools.cache
def problem(path: Path) -> str | None:
    """Why the baseline at `path` is not used in whole or in part, or None."""
    return _load(path)[1]


@functools.cache
def _load(path: Path) -> tuple[frozenset[tuple[str, str, str]], str | None]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return frozenset(), f"baseline {path} not found: nothing accepted"
    except (OSError, ValueError) as exc:
        why = exc.strerror if isinstance(exc, OSError) else "not JSON"
        return frozenset(), f"baseline {path} cannot be read ({why}): nothing accepted"
    entries = data.get("findings") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        return frozenset(), f"baseline {path} is not a protocheck baseline: nothing accepted"
    good = frozenset(
        (e["path"], e["code"], e["hash"])
        for e in entries
        if isinstance(e, dict) and all(isinstance(e.get(k), str) for k in ("path", "code", "hash"))
    )
    bad = len(entries) - len(good)
    why = (
        f"baseline {path}: {bad} malformed entr{'ies' if bad != 1 else 'y'} ignored"
        if bad
        else None
    )
    return good, why


def apply(result: FileResult, baseline: Path) -> None:
    accepted = load(baseline)
    why = problem(baseline)
    if why is not None and result.error is None and why not in result.notices:
        result.notices.append(why)
    if not accepted:
        return
    for f in result.findings:
        if not f.suppressed and _key(result.path, f.code, f.text, baseline.parent) in accepted:
            f.suppressed = True
            f.suppression_reason = f"in the baseline {baseline.name}"
