"""`protocheck diff DRAFT REVISED --editor NAME`: two versions of a report as tracked changes.

The revised version is read as the document; every difference from the draft becomes
a change by the editor, as if Word had tracked it, so the report-edit rules judge it
exactly as they judge tracked changes. Paragraphs are aligned in order (difflib); a
paragraph found unchanged elsewhere is a move, not a deletion; within a changed
paragraph the words are compared, so a deletion sits where the text was.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from protocheck.model.document import Block, Change, RawDocument
from protocheck.read import read

_TOKEN = re.compile(r"\S+\s*")


def _norm(text: str) -> str:
    return " ".join(text.split()).lower()


def _word_changes(old: str, new: str, author: str, date: str | None) -> list[Change]:
    """Changes that turn `old` into `new`, positioned in `new`."""
    a = _TOKEN.findall(old)
    b = _TOKEN.findall(new)
    starts, pos = [], 0
    for tok in b:
        starts.append(pos)
        pos += len(tok)
    starts.append(pos)
    out = []
    matcher = difflib.SequenceMatcher(
        None, [t.strip() for t in a], [t.strip() for t in b], autojunk=False
    )
    regions: list[list[int]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        # one rewording touched in several places is one change: join regions a word or two apart
        if regions and i1 - regions[-1][1] <= 2 and j1 - regions[-1][3] <= 2:
            regions[-1][1], regions[-1][3] = i2, j2
        else:
            regions.append([i1, i2, j1, j2])
    for region in regions:
        i1, i2, j1, j2 = _slide(region, a, b)
        at = starts[j1]
        if i2 > i1:
            out.append(Change("deletion", author, date, "".join(a[i1:i2]).strip(), at, at))
        if j2 > j1:
            text = "".join(b[j1:j2]).rstrip()
            out.append(Change("insertion", author, date, text, at, at + len(text)))
    return out


_ENDS = (".", ":", ";", "!", "?")


def _slide(region: list[int], a: list[str], b: list[str]) -> tuple[int, int, int, int]:
    """A run only deleted (or only inserted) where a reader would put it.

    Such a run can often sit a word earlier or later with the same result: difflib
    deletes "2: close the library on Mondays. Option" where Word Compare shows
    "Option 2: close the library on Mondays." deleted. Of the places it can slide to,
    the first whose run ends a sentence or line (or starts after one) is taken."""
    i1, i2, j1, j2 = region
    if (i2 > i1) == (j2 > j1):
        return i1, i2, j1, j2  # a replacement stays where it is
    run, other, lo, hi, at = (a, b, i1, i2, j1) if i2 > i1 else (b, a, j1, j2, i1)
    key = [t.strip() for t in run]
    okey = [t.strip() for t in other]
    while lo > 0 and at > 0 and key[lo - 1] == key[hi - 1] and okey[at - 1] == key[lo - 1]:
        lo, hi, at = lo - 1, hi - 1, at - 1
    places = [(lo, hi, at)]
    while hi < len(run) and at < len(other) and key[lo] == key[hi] and okey[at] == key[hi]:
        lo, hi, at = lo + 1, hi + 1, at + 1
        places.append((lo, hi, at))

    def natural(place: tuple[int, int, int]) -> bool:
        s, e, _ = place
        return run[e - 1].rstrip(" ").endswith(("\n", *_ENDS)) or s == 0 or "\n" in run[s - 1]

    lo, hi, at = next(
        (p for p in places if natural(p)),
        (region[0], region[1], region[2]) if i2 > i1 else (region[2], region[3], region[0]),
    )
    return (lo, hi, at, at) if i2 > i1 else (at, at, lo, hi)


def compare(draft: Path, revised: Path, editor: str | None) -> RawDocument:
    """The revised document, its blocks carrying the differences from the draft as changes."""
    old_raw, new_raw = read(draft), read(revised)
    author = (
        editor
        or new_raw.properties.get("last_modified_by")
        or new_raw.properties.get("author")
        or "unknown"
    )
    date = None
    old = [b for b in old_raw.blocks if b.kind in ("paragraph", "heading", "cell", "textbox")]
    new = [b for b in new_raw.blocks if b.kind in ("paragraph", "heading", "cell", "textbox")]
    others = [b for b in new_raw.blocks if b not in new]
    old_keys, new_keys = [_norm(b.text) for b in old], [_norm(b.text) for b in new]
    deleted_keys = set(old_keys) - set(new_keys)
    inserted_keys = set(new_keys) - set(old_keys)
    moved = {k for k in set(old_keys) & set(new_keys) if old_keys.count(k) == new_keys.count(k)}
    blocks: list[Block] = []
    matcher = difflib.SequenceMatcher(None, old_keys, new_keys, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            blocks.extend(new[j1:j2])
            continue
        olds, news = old[i1:i2], new[j1:j2]
        # pair each new paragraph with the most similar removed one
        unpaired = list(olds)
        for nb in news:
            key = _norm(nb.text)
            if key in moved:  # the same paragraph, moved here from elsewhere
                blocks.append(nb)
                continue
            best, score = None, 0.0
            for ob in unpaired:
                s = difflib.SequenceMatcher(None, _norm(ob.text), key).ratio()
                if s > score:
                    best, score = ob, s
            if best is not None and score >= 0.5:
                unpaired.remove(best)
                nb.changes = _word_changes(best.text, nb.text, author, date)
            elif key in inserted_keys:
                nb.changes = [Change("insertion", author, date, nb.text, 0, len(nb.text))]
            blocks.append(nb)
        for ob in unpaired:
            if _norm(ob.text) in moved or _norm(ob.text) not in deleted_keys:
                continue  # moved elsewhere, not deleted
            # a deleted paragraph: an empty block where it stood, carrying the deletion
            blocks.append(
                Block(
                    ob.kind,
                    "",
                    page=ob.page,
                    style=ob.style,
                    changes=[Change("deletion", author, date, ob.text, 0, 0)],
                    meta={"deleted_from_draft": True},
                )
            )
    return RawDocument(
        str(revised),
        new_raw.format,
        blocks + others,
        properties=new_raw.properties,
        pages=new_raw.pages,
        notices=new_raw.notices,
    )
