"""`--format json`: exactly the JSON of INTERFACE.md."""

from __future__ import annotations

import json

import protocheck
from protocheck.model.findings import Report


def as_dict(report: Report) -> dict[str, object]:
    return {
        "version": "1",
        "tool": {"name": "protocheck", "version": protocheck.__version__},
        "profile": report.profile,
        "files": [r.as_json() for r in report.files],
        "summary": report.counts(),
    }


def render(report: Report, **_: object) -> str:
    return json.dumps(as_dict(report), indent=2, ensure_ascii=False) + "\n"
