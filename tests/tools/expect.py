"""Read `.expect` files and score findings against them (used by eval and the tests)."""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path

from protocheck.model.findings import Finding

LINE = re.compile(r"^(?P<code>[A-Z]{3}\d{3})\s+(?P<rest>.*)$")


@dataclass
class Expected:
    code: str
    quote: str
    page: int | None = None
    para: int | None = None
    miss: str | None = None  # "!miss reason": known not to be found yet
    extra: str | None = None  # "!extra reason": a wrong finding protocheck is known to produce
    line: int = 0


@dataclass
class ExpectFile:
    path: Path
    labelled: set[str] = field(default_factory=set)
    expected: list[Expected] = field(default_factory=list)
    known_extra: list[Expected] = field(default_factory=list)
    editor: str | None = None  # diff pairs: who made the revision


def sample_for(expect: Path) -> Path:
    return expect.with_suffix("")  # flag-x.docx.expect -> flag-x.docx


def diff_pair(expect: Path) -> tuple[Path, Path] | None:
    """For samples/diff/<case>/diff.expect: the (draft, revised) documents beside it."""
    if expect.name != "diff.expect":
        return None
    found = {
        p.stem: p
        for p in expect.parent.iterdir()
        if p.stem in ("draft", "revised") and p.suffix in (".docx", ".pdf", ".txt")
    }
    return found.get("draft", expect.parent / "draft.docx"), found.get(
        "revised", expect.parent / "revised.docx"
    )


def check(expect: Path, ef: ExpectFile, opts: object) -> object:
    """Run protocheck on the sample an .expect file labels (a file, or a diff pair)."""
    from protocheck import engine

    pair = diff_pair(expect)
    if pair is not None:
        return engine.check_diff(pair[0], pair[1], ef.editor, opts)  # type: ignore[arg-type]
    return engine.check_path(sample_for(expect), opts)  # type: ignore[arg-type]


def parse(path: Path) -> ExpectFile:
    out = ExpectFile(path)
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            m = re.match(r"#\s*labelled:\s*(.*)$", line)
            if m:
                out.labelled |= set(m.group(1).split())
            m = re.match(r"#\s*editor:\s*(.*)$", line)
            if m:
                out.editor = m.group(1).strip()
            continue
        m = LINE.match(line)
        if not m:
            raise ValueError(f"{path}:{n}: cannot read '{line}'")
        rest, miss, extra = m.group("rest"), None, None
        if "!miss" in rest:
            rest, _, miss = rest.partition("!miss")
            miss = miss.strip() or "known miss"
        if "!extra" in rest:
            rest, _, extra = rest.partition("!extra")
            extra = extra.strip() or "known false positive"
        tokens = shlex.split(rest)
        exp = Expected(m.group("code"), "", miss=miss, extra=extra, line=n)
        for tok in tokens:
            if tok.startswith("page="):
                exp.page = int(tok[5:])
            elif tok.startswith("para="):
                exp.para = int(tok[5:])
            else:
                exp.quote = (exp.quote + " " + tok).strip()
        if not exp.quote:
            raise ValueError(f"{path}:{n}: a finding line needs a quote")
        if exp.code not in out.labelled:
            raise ValueError(f"{path}:{n}: {exp.code} is not in '# labelled:'")
        (out.known_extra if extra else out.expected).append(exp)
    if not out.labelled:
        raise ValueError(f"{path}: no '# labelled:' line")
    return out


def norm(s: str) -> str:
    s = (
        s.replace("\u2019", "'")
        .replace("\u2018", "'")
        .replace("\u201c", '"')
        .replace("\u201d", '"')
    )
    return " ".join(s.lower().split())


def matches(exp: Expected, f: Finding) -> bool:
    if f.code != exp.code:
        return False
    if exp.page is not None and f.location.page not in (None, exp.page):
        return False
    q, text, sent = norm(exp.quote), norm(f.text), norm(f.sentence or f.text)
    return bool(q) and (q in sent or (text and text in q) or q in text)


@dataclass
class Score:
    tp: list[tuple[Expected, Finding]] = field(default_factory=list)
    fn: list[Expected] = field(default_factory=list)
    fp: list[Finding] = field(default_factory=list)


def score(ef: ExpectFile, findings: list[Finding]) -> dict[str, Score]:
    """Per labelled code: matched, missed and unexpected findings."""
    out: dict[str, Score] = {c: Score() for c in ef.labelled}
    live = [f for f in findings if f.code in ef.labelled and not f.suppressed]
    used: set[int] = set()
    for exp in ef.expected:
        hit = next((i for i, f in enumerate(live) if i not in used and matches(exp, f)), None)
        if hit is None:
            out[exp.code].fn.append(exp)
        else:
            used.add(hit)
            out[exp.code].tp.append((exp, live[hit]))
    for i, f in enumerate(live):
        if i not in used:
            out[f.code].fp.append(f)
    return out
