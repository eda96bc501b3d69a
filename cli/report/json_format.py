"""`--format json`: exactly the JSON of INTERFACE.md (Report.to_json).

Control characters are escaped by JSON itself; a lone surrogate (a file name that is
not UTF-8) is written as its JSON escape (`\\udcff`), so the report is valid UTF-8 and
the name reads back as Python spells it (os.fsencode gives the original bytes).
"""

from __future__ import annotations

import re

from protocheck.model.findings import Report

_SURROGATE = re.compile("[\ud800-\udfff]")


def render(report: Report, **_: object) -> str:
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", report.to_json())
