"""Finding, Location and Clause: the shape of INTERFACE.md's JSON report."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"error": 3, "warning": 2, "info": 1, "never": 99}


@dataclass(frozen=True)
class Clause:
    profile: str
    ref: str
    text: str

    def as_json(self) -> dict[str, Any]:
        return {"profile": self.profile, "ref": self.ref, "text": self.text}


@dataclass
class Location:
    page: int | None = None
    paragraph: int | None = None
    line: int | None = None
    change: dict[str, Any] | None = None
    start: int = 0
    end: int = 0
    item: str | None = None
    where: str | None = None  # "body", "header", "footer", "table", "comment", "email-header" ...

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "page": self.page,
            "paragraph": self.paragraph,
            "line": self.line,
            "change": self.change,
            "start": self.start,
            "end": self.end,
        }
        if self.item is not None:
            out["item"] = self.item
        return out

    def describe(self) -> str:
        parts = []
        if self.item:
            parts.append(f"item {self.item}")
        if self.page is not None:
            parts.append(f"page {self.page}")
        if self.where and self.where not in ("body", "paragraph"):
            parts.append(self.where)
        if self.paragraph is not None:
            parts.append(f"paragraph {self.paragraph}")
        if self.line is not None:
            parts.append(f"line {self.line}")
        return ", ".join(parts) or "document"


@dataclass
class Finding:
    code: str
    rule: str
    severity: str
    message: str
    text: str
    location: Location
    sentence: str = ""  # the whole sentence the span sits in (for display)
    sentence_start: int = 0  # offset of `sentence` in the document text
    pattern: str | None = None  # the lexicon entry id that fired
    clauses: list[Clause] = field(default_factory=list)
    suppressed: bool = False
    suppression_reason: str | None = None
    judge: dict[str, Any] | None = None  # a trained judge's say: {"score": 0.93, "cues": [...]}
    fix: str | None = None  # what to do about it (the rule's advice)
    # in an agenda pack, the item it is in: number, title, kind, first_page, last_page
    item: dict[str, Any] | None = None

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "code": self.code,
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "text": self.text,
            "location": self.location.as_json(),
            "clauses": [c.as_json() for c in self.clauses],
            "fix": self.fix,
            "suppressed": self.suppressed,
        }
        if self.judge is not None:
            out["judge"] = self.judge
        if self.item is not None:
            out["item"] = self.item
        if self.suppressed:
            out["suppression_reason"] = self.suppression_reason
        return out


@dataclass
class FileResult:
    path: str
    kind: str | None = None
    error: str | None = None
    findings: list[Finding] = field(default_factory=list)
    profile: str | None = None
    sender: str | None = None
    notices: list[str] = field(default_factory=list)
    # an agenda pack: each item found (number, title, kind, first_page, last_page,
    # sender, exempt), findings or not, and the pack's own facts (committee, meeting date)
    items: list[dict[str, Any]] | None = None
    pack: dict[str, Any] | None = None

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "path": self.path,
            "kind": self.kind,
            "error": self.error,
            "findings": [f.as_json() for f in self.findings],
        }
        if self.profile is not None:
            out["profile"] = self.profile
        if self.notices:
            out["notices"] = self.notices
        if self.pack is not None:
            out["pack"] = self.pack
        if self.items is not None:
            out["items"] = self.items
        return out

    def to_json(self) -> str:
        """This file's entry of the JSON report (INTERFACE.md), as text."""
        import json

        return json.dumps(self.as_json(), indent=2, ensure_ascii=False)


@dataclass
class Report:
    profile: str
    files: list[FileResult] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        live = [f for r in self.files for f in r.findings if not f.suppressed]
        return {
            "files": len(self.files),
            "errors": sum(f.severity == "error" for f in live),
            "warnings": sum(f.severity == "warning" for f in live),
            "infos": sum(f.severity == "info" for f in live),
            "unreadable": sum(r.error is not None for r in self.files),
            "suppressed": sum(f.suppressed for r in self.files for f in r.findings),
        }

    def as_json(self) -> dict[str, Any]:
        """The JSON report of INTERFACE.md: what `--format json` prints."""
        from protocheck import __version__

        return {
            "version": "1",
            "tool": {"name": "protocheck", "version": __version__},
            "profile": self.profile,
            "files": [r.as_json() for r in self.files],
            "summary": self.counts(),
        }

    def to_json(self) -> str:
        import json

        return json.dumps(self.as_json(), indent=2, ensure_ascii=False) + "\n"
