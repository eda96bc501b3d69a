"""`--format junit`: one test case per file, as CI dashboards count them.

A file fails when it has a finding at or above `--fail-on` (one <failure> listing
those findings), errors when it could not be read; findings below the threshold are
reported in <system-out>, so a run that exits 0 shows no failures and `failures`
never exceeds `tests`.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from protocheck.cli.report import printable
from protocheck.model.findings import SEVERITY_RANK, Finding, Report


def _x(text: str) -> str:
    """Text XML 1.0 allows: control characters, lone surrogates and U+FFFE/FFFF (from
    a file name or a document) are shown as escapes, never written raw."""
    return printable(text, keep="\n\t")


def _line(x: Finding) -> str:
    clause = "".join(f"\n  {c.ref}: {c.text}" for c in x.clauses[:1])
    return f'{x.severity} {x.code} {x.rule}: {x.message}\n  {x.location.describe()}: "{x.text}"{clause}'


def render(report: Report, fail_on: str = "error", **_: object) -> str:
    threshold = SEVERITY_RANK.get(fail_on, SEVERITY_RANK["error"])
    cases = []
    failed = errored = 0
    for f in report.files:
        live = [x for x in f.findings if not x.suppressed]
        failing = [x for x in live if SEVERITY_RANK[x.severity] >= threshold]
        other = [x for x in live if x not in failing]
        case = [
            f"    <testcase classname={quoteattr(f.kind or 'document')} name={quoteattr(_x(f.path))}>"
        ]
        if f.error:
            errored += 1
            case.append(f"      <error message={quoteattr(_x(f.error))}/>")
        elif failing:
            failed += 1
            summary = (
                f"{len(failing)} finding{'s' if len(failing) != 1 else ''} at or above {fail_on}"
            )
            body = "\n".join(_line(x) for x in failing)
            case.append(
                f"      <failure type={quoteattr(failing[0].severity)} message={quoteattr(summary)}>"
                f"{escape(_x(body))}</failure>"
            )
        if other:
            body = "\n".join(_line(x) for x in other)
            case.append(f"      <system-out>{escape(_x(body))}</system-out>")
        case.append("    </testcase>")
        cases += case
    n = len(report.files)
    totals = f'tests="{n}" failures="{failed}" errors="{errored}"'
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<testsuites name="protocheck" {totals}>',
        f'  <testsuite name="protocheck" {totals}>',
        *cases,
        "  </testsuite>",
        "</testsuites>",
    ]
    return "\n".join(out) + "\n"
