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
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return frozenset()
    return frozenset((e["path"], e["code"], e["hash"]) for e in data.get("findings", []))


def apply(result: FileResult, baseline: Path) -> None:
    accepted = load(baseline)
    if not accepted:
        return
    for f in result.findings:
        if not f.suppressed and _key(result.path, f.code, f.text, baseline.parent) in accepted:
            f.suppressed = True
            f.suppression_reason = f"in the baseline {baseline.name}"
