"""Rule metadata, the @rule decorator, and selection by code, slug or prefix.

A check module under `checks/` declares one rule with `@rule(...)`; its module
docstring (fixed sections, as in ruff) is the rule's documentation for
`protocheck rule`, the rules table and SARIF.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from protocheck.model.document import Document, Hit

CheckFn = Callable[["Document"], Iterable["Hit"]]
WhenFn = Callable[["Document"], bool]
# An analysis a rule needs run on the document before it looks (politics.mark adds
# the PARTY matches, sections.mark the report sections): a function, so a reader and
# a type checker can follow it; the engine runs each once per document.
Analysis = Callable[["Document"], object]
# What `uses` may name: the lexicon data a rule reads (declarations only; the
# pattern files among them are the ones the language pipeline runs)
DATA_PREFIXES = ("patterns/", "words/", "roles/", "sections/", "phrases")
DOC_SECTIONS = ("What it flags", "Why it matters", "What to do", "Flagged", "Not flagged")


@dataclass
class Rule:
    code: str
    slug: str
    severity: str
    kinds: tuple[str, ...]
    uses: tuple[str, ...]
    check: CheckFn
    module: str
    family: str = ""
    summary: str = ""
    sections: dict[str, str] = field(default_factory=dict)
    when: WhenFn | None = None  # a precondition known before any language analysis
    needs: tuple[Analysis, ...] = ()

    @property
    def fix(self) -> str:
        """What to do about a finding, in one line: the first paragraph of the docstring's
        "What to do" section (the rest is for `protocheck rule` and SARIF help)."""
        advice = self.sections.get("What to do", "")
        return " ".join(advice.split("\n\n", 1)[0].split())

    def applies_to(self, kind: str) -> bool:
        return not self.kinds or kind in self.kinds

    def applies(self, doc: Document) -> bool:
        """Whether the rule can find anything here: its kinds, then its precondition."""
        return self.applies_to(doc.kind) and (self.when is None or self.when(doc))


_RULES: dict[str, Rule] = {}


def rule(
    code: str,
    slug: str,
    *,
    severity: str,
    kinds: tuple[str, ...] = (),
    uses: tuple[str, ...] = (),
    needs: tuple[Analysis, ...] = (),
    when: WhenFn | None = None,
) -> Callable[[CheckFn], CheckFn]:
    """Register the decorated function as the check for `code` / `slug`.

    `uses` names the lexicon files the rule reads (`patterns/x` runs that pattern
    file's matcher); `needs` the analyses to run first (functions such as
    `politics.mark`). `when` is an optional precondition on the analysed document
    (its kind, sender, recipients) so that a rule that cannot apply costs no language
    analysis.
    """
    bad = [u for u in uses if not u.startswith(DATA_PREFIXES)]
    if bad:
        raise ValueError(
            f"rule {code}: uses names lexicon files only, not {bad}; analyses go in needs"
        )

    def register(fn: CheckFn) -> CheckFn:
        module = sys.modules[fn.__module__]
        summary, sections = parse_docstring(module.__doc__ or "")
        family = fn.__module__.split(".")[-2] if fn.__module__.count(".") >= 2 else ""
        if code in _RULES and _RULES[code].module != fn.__module__:
            raise ValueError(
                f"rule {code} registered twice ({_RULES[code].module}, {fn.__module__})"
            )
        _RULES[code] = Rule(
            code,
            slug,
            severity,
            kinds,
            uses,
            fn,
            fn.__module__,
            family,
            summary,
            sections,
            when,
            needs,
        )
        return fn

    return register


def parse_docstring(doc: str) -> tuple[str, dict[str, str]]:
    lines = doc.strip().splitlines()
    summary = lines[0].strip() if lines else ""
    sections: dict[str, str] = {}
    current: str | None = None
    for line in lines[1:]:
        heading = re.match(r"^##\s+(.+?)\s*$", line)
        if heading:
            current = heading.group(1)
            sections[current] = ""
        elif current is not None:
            sections[current] += line + "\n"
    return summary, {k: v.strip() for k, v in sections.items()}


def all_rules() -> list[Rule]:
    """Import every module under protocheck.rules (once) and return the rules by code."""
    if not _RULES:
        import protocheck.rules as pkg

        for info in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + "."):
            importlib.import_module(info.name)
    return [_RULES[c] for c in sorted(_RULES)]


def find_rule(code_or_slug: str) -> Rule | None:
    key = code_or_slug.strip()
    for r in all_rules():
        if key.upper() == r.code or key.lower() == r.slug:
            return r
    return None


def _matches(r: Rule, selector: str) -> bool:
    s = selector.strip()
    if not s:
        return False
    if s.upper() == "ALL":
        return True
    return r.code.startswith(s.upper()) or r.slug == s.lower()


def unknown_selectors(selectors: Iterable[str]) -> list[str]:
    rules = all_rules()
    return [s for s in selectors if s.strip() and not any(_matches(r, s) for r in rules)]


def select(selectors: Iterable[str] | None, ignores: Iterable[str] | None) -> Iterator[Rule]:
    sel = [s for s in (selectors or []) if s.strip()]
    ign = [s for s in (ignores or []) if s.strip()]
    for r in all_rules():
        if sel and not any(_matches(r, s) for s in sel):
            continue
        if any(_matches(r, s) for s in ign):
            continue
        yield r
