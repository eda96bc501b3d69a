"""`--format sarif`: SARIF 2.1.0, as GitHub code scanning accepts it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import quote

import protocheck
from protocheck.cli.report import printable
from protocheck.model.findings import Report
from protocheck.rules import registry

LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def render(report: Report, **_: object) -> str:
    rules = registry.all_rules()
    index = {r.code: i for i, r in enumerate(rules)}
    results = []
    for f in report.files:
        uri = _uri(f.path)
        for x in f.findings:
            # startLine is the file's own line for .txt and .eml; a .docx or .pdf has no
            # lines, so its page and paragraph go in the region's properties (start/end index
            # the extracted text, not the file, and are not SARIF offsets)
            region: dict[str, object] = {
                "startLine": x.location.line or 1,
                "snippet": {"text": x.text},
            }
            where = {
                k: v
                for k, v in (("page", x.location.page), ("paragraph", x.location.paragraph))
                if v is not None and not x.location.line
            }
            if where:
                region["properties"] = where
            result: dict[str, object] = {
                "ruleId": x.code,
                "ruleIndex": index.get(x.code, 0),
                "level": LEVEL.get(x.severity, "warning"),
                "message": {"text": f'{x.message}. {x.location.describe()}: "{x.text}"'},
                "locations": [
                    {"physicalLocation": {"artifactLocation": {"uri": uri}, "region": region}}
                ],
                "partialFingerprints": {"protocheck/v1": f"{x.code}:{hash_text(x.text)}"},
            }
            if x.suppressed:
                result["suppressions"] = [
                    {"kind": "inSource", "justification": x.suppression_reason or ""}
                ]
            results.append(result)
    sarif = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "protocheck",
                        "version": protocheck.__version__,
                        "rules": [
                            {
                                "id": r.code,
                                "name": r.slug,
                                "shortDescription": {"text": r.summary},
                                "fullDescription": {
                                    "text": r.sections.get("What it flags", r.summary)
                                },
                                "help": {
                                    "text": "What to do: "
                                    + r.sections.get("What to do", r.summary)
                                    + "\n\nWhy it matters: "
                                    + r.sections.get("Why it matters", r.summary)
                                },
                                "defaultConfiguration": {"level": LEVEL.get(r.severity, "warning")},
                                "properties": {"tags": [r.family or "protocol"]},
                            }
                            for r in rules
                        ],
                    }
                },
                "results": results,
                "invocations": [
                    {
                        "executionSuccessful": not any(f.error for f in report.files),
                        "toolExecutionNotifications": [
                            {
                                "level": "error",
                                "message": {"text": f"{f.path}: {f.error}"},
                                "locations": [
                                    {
                                        "physicalLocation": {
                                            "artifactLocation": {"uri": _uri(f.path)}
                                        }
                                    }
                                ],
                            }
                            for f in report.files
                            if f.error
                        ],
                    }
                ],
            }
        ],
    }
    return json.dumps(_clean(sarif), indent=2, ensure_ascii=False) + "\n"


def _uri(path: str) -> str:
    """A path as a URI: a relative one as a relative reference (what code scanning
    resolves against the checkout), an absolute one as a file: URI; `%`, spaces, `#` and
    `?` in a name are percent-encoded (RFC 3986), so a viewer finds the file."""
    p = Path(path)
    if p.is_absolute():
        return p.as_uri()
    return quote(p.as_posix(), safe="/", errors="surrogateescape")


def _clean(value: Any) -> Any:
    """Every string of the log without characters XML 1.0 forbids or a terminal acts on
    (a SARIF viewer may be either): they are shown as escapes (`\\x1b`)."""
    if isinstance(value, str):
        return printable(value, keep="\n\t")
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def hash_text(text: str) -> str:
    import hashlib

    return hashlib.sha256(" ".join(text.split()).lower().encode()).hexdigest()[:16]
