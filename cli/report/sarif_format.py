"""`--format sarif`: SARIF 2.1.0, as GitHub code scanning accepts it."""

from __future__ import annotations

import json
from pathlib import Path

import protocheck
from protocheck.model.findings import Report
from protocheck.rules import registry

LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def render(report: Report, **_: object) -> str:
    rules = registry.all_rules()
    index = {r.code: i for i, r in enumerate(rules)}
    results = []
    for f in report.files:
        uri = Path(f.path).as_posix()
        for x in f.findings:
            region: dict[str, object] = {
                "snippet": {"text": x.text},
                "charOffset": x.location.start,
                "charLength": max(x.location.end - x.location.start, 0),
            }
            if x.location.paragraph is not None:
                region["startLine"] = x.location.line or x.location.paragraph
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
                        "informationUri": "https://example.invalid/protocheck",
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
            }
        ],
    }
    return json.dumps(sarif, indent=2, ensure_ascii=False) + "\n"


def hash_text(text: str) -> str:
    import hashlib

    return hashlib.sha256(" ".join(text.split()).lower().encode()).hexdigest()[:16]
