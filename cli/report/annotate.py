"""`--annotate OUT.docx`: a copy of a .docx with a Word comment on each finding.

The comment (author "protocheck") is anchored on the flagged words: the runs that
hold them are split at the finding's edges, so the comment sits on exactly those
words; a finding on a tracked deletion is anchored on its paragraph. The paragraph
is found by the reader's own walk and numbering (protocheck.read.docx.body_paragraphs:
text boxes, table cells), so a finding's paragraph N is the comment's paragraph N.
Findings outside the body (headers, footers, comments) are anchored on the first
paragraph and say where they are. The input file is never written.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from protocheck.model.findings import FileResult
from protocheck.read.docx import body_paragraphs

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"


_NOT_ACCEPTED = (f"{W}del", f"{W}moveFrom", f"{W}txbxContent", f"{MC}Fallback")


def _runs(p: Any) -> list[Any]:
    """The runs whose text is in the accepted paragraph, in order: not deleted, and not in
    a text box inside it (a text box's paragraphs are numbered, and annotated, on their own)."""
    out = []
    for r in p.iter(f"{W}r"):
        if r.find(f"{W}t") is None:
            continue
        for a in r.iterancestors():
            if a is p:
                out.append(r)
                break
            if a.tag in _NOT_ACCEPTED:
                break
    return out


def _run_text(r: Any) -> str:
    return "".join(t.text or "" for t in r.iter(f"{W}t"))


def _split(r: Any, at: int) -> Any:
    """Split run `r` at character `at`; return the new right-hand run (inserted after `r`)."""
    text = _run_text(r)
    right = copy.deepcopy(r)
    for t in list(r.iter(f"{W}t"))[1:]:
        t.getparent().remove(t)
    for t in list(right.iter(f"{W}t"))[1:]:
        t.getparent().remove(t)
    left_t, right_t = r.find(f"{W}t"), right.find(f"{W}t")
    left_t.text, right_t.text = text[:at], text[at:]
    for t in (left_t, right_t):
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    r.addnext(right)
    return right


def _anchor_runs(p: Any, text: str) -> list[Any]:
    """Split the paragraph's runs so that `text` is covered by whole runs; return those runs."""
    runs = _runs(p)
    full = "".join(_run_text(r) for r in runs)
    start = full.find(text) if text else -1
    if start < 0:
        return runs  # not found as written (a deletion, or text joined differently): the whole paragraph
    end = start + len(text)
    pos, covered = 0, []
    for r in list(runs):
        rt = _run_text(r)
        r_start, r_end = pos, pos + len(rt)
        pos = r_end
        if r_end <= start or r_start >= end:
            continue
        if r_start < start:
            r = _split(r, start - r_start)
            r_start = start
        if r_end > end:
            _split(r, end - r_start)
        covered.append(r)
    return covered or runs


def annotate(source: Path, target: Path, result: FileResult) -> int:
    """Write `target`: `source` with a comment per finding. Returns how many were added."""
    import docx
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run

    document = docx.Document(str(source))
    # numbered as the reader numbers them, so finding N is commented on paragraph N
    numbered = [bp for bp in body_paragraphs(document.element) if bp.number is not None]
    by_number = {bp.number: bp.element for bp in numbered}
    # a finding outside the body goes on the first paragraph not in a text box
    first = next((bp.element for bp in numbered if bp.kind != "textbox"), None)
    if first is None and numbered:
        first = numbered[0].element
    added = 0
    for f in result.findings:
        p_el = None
        if f.location.paragraph is not None:
            p_el = by_number.get(f.location.paragraph)
        anchor_text = "" if f.location.change else f.text
        note = ""
        if p_el is None:
            if first is None:
                continue
            p_el, anchor_text = first, ""
            note = f' (found in the {f.location.where or "document"}: "{f.text}")'
        paragraph = Paragraph(p_el, document.part)
        runs = [Run(r, paragraph) for r in _anchor_runs(p_el, anchor_text)]
        if not runs:
            continue
        clause = f.clauses[0] if f.clauses else None
        body = f"{f.code} {f.rule} ({f.severity}): {f.message}{note}"
        if clause is not None:
            body += f'\n{clause.ref}: "{clause.text}"'
        document.add_comment(runs, text=body, author="protocheck", initials="PC")
        added += 1
    document.save(str(target))
    return added
