"""`--format github`: GitHub Actions workflow commands (annotations on the run).

Values are escaped as the Actions toolkit escapes them (`%`, CR and LF in the
message; also `:` and `,` in a property such as file= or title=), so that no file
name or document text can end a command or start another; other control
characters (an ANSI or OSC 8 sequence in a name or a sentence) are shown as
escapes (`\\x1b`), so none reaches the log.
"""

from __future__ import annotations

from protocheck.cli.report import printable
from protocheck.model.findings import Report

LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _esc(s: str) -> str:
    """A workflow command's message."""
    s = printable(s, keep="\r\n")
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(s: str) -> str:
    """A workflow command's property value (file=, title=): `,` and `:` end it, so they
    are escaped too, as the Actions toolkit does."""
    return _esc(s).replace(":", "%3A").replace(",", "%2C")


def render(report: Report, **_: object) -> str:
    lines = []
    for f in report.files:
        if f.error:
            lines.append(f"::error file={_prop(f.path)},title=unreadable::{_esc(f.error)}")
        for x in f.findings:
            if x.suppressed:
                continue
            # a line only where the file has lines (.txt, .eml); a .docx paragraph is no line
            at = f",line={x.location.line}" if x.location.line else ""
            lines.append(
                f"::{LEVEL.get(x.severity, 'warning')} file={_prop(f.path)}{at},"
                f"title={_prop(f'{x.code} {x.rule}')}::"
                + _esc(f'{x.message} ({x.location.describe()}): "{x.text}"')
            )
    return "\n".join(lines) + ("\n" if lines else "")
