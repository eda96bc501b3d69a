"""`--format github`: GitHub Actions workflow commands (annotations on the run)."""

from __future__ import annotations

from protocheck.model.findings import Report

LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _esc(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def render(report: Report, **_: object) -> str:
    lines = []
    for f in report.files:
        if f.error:
            lines.append(f"::error file={f.path},title=unreadable::{_esc(f.error)}")
        for x in f.findings:
            if x.suppressed:
                continue
            line = x.location.line or x.location.paragraph or 1
            lines.append(
                f"::{LEVEL.get(x.severity, 'warning')} file={f.path},line={line},title={x.code} {x.rule}::"
                + _esc(f'{x.message} ({x.location.describe()}): "{x.text}"')
            )
    return "\n".join(lines) + ("\n" if lines else "")
