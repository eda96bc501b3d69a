"""`--format junit`: one test case per file, a failure per finding (for CI dashboards)."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from protocheck.model.findings import Report


def render(report: Report, **_: object) -> str:
    counts = report.counts()
    failures = counts["errors"] + counts["warnings"] + counts["infos"]
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<testsuites name="protocheck" tests="{len(report.files)}" failures="{failures}" errors="{counts["unreadable"]}">',
        f'  <testsuite name="protocheck" tests="{len(report.files)}" failures="{failures}" errors="{counts["unreadable"]}">',
    ]
    for f in report.files:
        out.append(
            f"    <testcase classname={quoteattr(f.kind or 'document')} name={quoteattr(f.path)}>"
        )
        if f.error:
            out.append(f"      <error message={quoteattr(f.error)}/>")
        for x in f.findings:
            if x.suppressed:
                continue
            msg = f"{x.code} {x.rule}: {x.message}"
            body = f'{x.location.describe()}: "{x.text}"\n' + "\n".join(
                f"{c.ref}: {c.text}" for c in x.clauses[:1]
            )
            out.append(
                f"      <failure type={quoteattr(x.severity)} message={quoteattr(msg)}>{escape(body)}</failure>"
            )
        out.append("    </testcase>")
    out += ["  </testsuite>", "</testsuites>"]
    return "\n".join(out) + "\n"
