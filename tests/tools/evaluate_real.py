"""`make eval-real DIR=...`: score protocheck on labelled real pages.

A folder holds plain-text pages and a `labels.jsonl`, one line a page:
`file`, `force_kind` (the kind to check it as, where a party page is read as if it
were council publicity), `date`, `config` (`{"elections": [...]}`), `expected`
spans (rule slug + exact quote), `acceptable` spans (defensible either way: a
finding on one is neither right nor wrong), `not_expected` traps and `embedded`.

Figures (span level): a finding is right when it falls on an expected span of its
rule, wrong when it falls on no expected or acceptable span; an expected span is
found when some finding of its rule falls on it. Document level: for each rule, of
the pages with an expected span of it, how many get any finding of it. Clean pages
(no expected span) with any wrong finding are counted apart. Page precision: of the
pages where a rule has any finding, how many have an expected or acceptable span of
it (a breaching page on which a labeller marked only some of its sentences is right).

python tests/tools/evaluate_real.py DIR [DIR ...] [-v]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from expect import norm
from protocheck import engine
from protocheck.model.findings import Finding
from protocheck.rules import registry


def on_span(f: Finding, quote: str) -> bool:
    """Whether a finding falls on a labelled span: its words inside the span, or the
    span inside the sentence the finding is on."""
    q, text, sent = norm(quote), norm(f.text), norm(f.sentence or f.text)
    if not q:
        return False
    return q in sent or (bool(text) and (text in q or q in text)) or (bool(sent) and sent in q)


def toml_config(config: dict[str, Any] | None) -> str:
    lines = ['profile = "model"']
    for e in (config or {}).get("elections", []):
        lines += [
            "[[elections]]",
            f"name = {json.dumps(e.get('name', 'election'))}",
            f"notice = {e['notice']}",
            f"poll = {e['poll']}",
        ]
    return "\n".join(lines) + "\n"


@dataclass
class Tally:
    tp: int = 0  # findings on an expected span
    fp: int = 0  # findings on no expected or acceptable span
    found: int = 0  # expected spans found
    spans: int = 0  # expected spans
    docs: int = 0  # pages with an expected span of the rule
    docs_hit: int = 0  # of those, pages with any finding of the rule
    pages_flagged: int = 0  # pages with any finding of the rule
    pages_right: int = 0  # of those, pages with an expected or acceptable span of it
    notes: list[str] = field(default_factory=list)


def score_page(
    label: dict[str, Any],
    findings: list[Finding],
    slug_of: dict[str, str],
    tallies: dict[str, Tally],
) -> bool:
    """Add one page's figures; return whether it has a wrong finding."""
    name = label["file"]
    expected = label.get("expected") or []
    acceptable = label.get("acceptable") or []
    live = [f for f in findings if not f.suppressed]
    wrong = False
    for f in live:
        slug = slug_of[f.code]
        t = tallies.setdefault(slug, Tally())
        if any(e["rule"] == slug and on_span(f, e["quote"]) for e in expected):
            t.tp += 1
        elif any(a["rule"] == slug and on_span(f, a["quote"]) for a in acceptable):
            t.notes.append(f"  accept {name}: {f.text[:100]!r}")
        else:
            t.fp += 1
            wrong = True
            t.notes.append(f"  extra  {name}: {f.text[:100]!r} [{f.pattern}]")
    labelled = {e["rule"] for e in expected} | {a["rule"] for a in acceptable}
    for slug in {slug_of[f.code] for f in live}:
        t = tallies.setdefault(slug, Tally())
        t.pages_flagged += 1
        t.pages_right += slug in labelled
    for slug in {e["rule"] for e in expected}:
        t = tallies.setdefault(slug, Tally())
        t.docs += 1
        t.docs_hit += any(slug_of[f.code] == slug for f in live)
    for e in expected:
        t = tallies.setdefault(e["rule"], Tally())
        t.spans += 1
        if any(slug_of[f.code] == e["rule"] and on_span(f, e["quote"]) for f in live):
            t.found += 1
        else:
            t.notes.append(f"  miss   {name}: {e['quote'][:100]!r}")
    return wrong


def evaluate(folders: list[Path]) -> tuple[dict[str, Tally], dict[str, int]]:
    slug_of = {r.code: r.slug for r in registry.all_rules()}
    tallies: dict[str, Tally] = {}
    pages = {"pages": 0, "clean": 0, "clean_flagged": 0, "unreadable": 0}
    with tempfile.TemporaryDirectory() as tmp:
        for folder in folders:
            for n, line in enumerate(
                (folder / "labels.jsonl").read_text(encoding="utf-8").splitlines()
            ):
                if not line.strip():
                    continue
                label = json.loads(line)
                cfg = Path(tmp) / f"{folder.name}-{n}.toml"
                cfg.write_text(toml_config(label.get("config")), encoding="utf-8")
                date = label.get("date") or ""
                opts = engine.Options(
                    config_path=cfg,
                    kind=label.get("force_kind"),
                    date=date if len(date) == 10 else None,
                    use_cache=False,
                )
                result = engine.check_path(folder / label["file"], opts)
                pages["pages"] += 1
                if result.error:
                    pages["unreadable"] += 1
                wrong = score_page(label, result.findings, slug_of, tallies)
                if not label.get("expected"):
                    pages["clean"] += 1
                    pages["clean_flagged"] += wrong
    return tallies, pages


def ratio(a: int, b: int) -> str:
    return f"{a / b:.3f}" if b else "  -  "


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("folders", nargs="+", type=Path)
    ap.add_argument("-v", "--verbose", action="store_true", help="list misses and wrong findings")
    args = ap.parse_args()
    tallies, pages = evaluate(args.folders)
    print(f"{pages['pages']} pages ({pages['clean']} clean), {pages['unreadable']} unreadable\n")
    print(
        f"{'rule':26} {'TP':>4} {'FP':>4} {'found':>6} {'spans':>6}  precision  recall  doc-recall"
        "   page-precision"
    )
    tot = Tally()
    for slug in sorted(tallies):
        t = tallies[slug]
        for k in ("tp", "fp", "found", "spans", "docs", "docs_hit", "pages_flagged", "pages_right"):
            setattr(tot, k, getattr(tot, k) + getattr(t, k))
        print(
            f"{slug:26} {t.tp:4} {t.fp:4} {t.found:6} {t.spans:6}  {ratio(t.tp, t.tp + t.fp):>9}"
            f"  {ratio(t.found, t.spans):>6}  {ratio(t.docs_hit, t.docs):>6} ({t.docs_hit}/{t.docs})"
            f"  {ratio(t.pages_right, t.pages_flagged):>6} ({t.pages_right}/{t.pages_flagged})"
        )
    print(
        f"{'all':26} {tot.tp:4} {tot.fp:4} {tot.found:6} {tot.spans:6}  {ratio(tot.tp, tot.tp + tot.fp):>9}"
        f"  {ratio(tot.found, tot.spans):>6}  {ratio(tot.docs_hit, tot.docs):>6} ({tot.docs_hit}/{tot.docs})"
        f"  {ratio(tot.pages_right, tot.pages_flagged):>6} ({tot.pages_right}/{tot.pages_flagged})"
    )
    print(
        f"\nclean pages with a wrong finding: {pages['clean_flagged']} of {pages['clean']}"
        f" ({ratio(pages['clean_flagged'], pages['clean'])})"
    )
    if args.verbose:
        for slug in sorted(tallies):
            if tallies[slug].notes:
                print(f"\n{slug}:")
                print("\n".join(tallies[slug].notes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
