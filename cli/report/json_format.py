"""`--format json`: exactly the JSON of INTERFACE.md (Report.to_json)."""

from __future__ import annotations

from protocheck.model.findings import Report


def render(report: Report, **_: object) -> str:
    return report.to_json()
