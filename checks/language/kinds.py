"""What kind of document this is (letter, email, press release, report, agenda pack,
other), and whether it is the Council's own publicity.

The kind comes from cues in lexicons/kinds.yml, scored over the opening of every
paragraph; an e-mail is "email" unless another kind scores its `override`.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from protocheck.language import lexicon
from protocheck.model.document import KINDS, Document, RawDocument

CUE_REACH = 300  # characters of a paragraph a cue is looked for in: a cue opens a paragraph
KIND_MIN_SCORE = 3  # the score a kind needs to win: one strong cue, or two weaker ones
# An agenda pack is a long report-like document holding several reports.
PACK_REPORT_SCORE = 4  # its report cues score at least this
PACK_PAGES = 10  # it runs to at least this many pages
PACK_REPORT_STARTS = 3  # and at least this many paragraphs open a report ("Agenda Item 7")
MASTHEAD_BLOCKS = 8  # opening body blocks that may carry a masthead or an account's name
IMPRINT_BLOCKS = 5  # closing body blocks that may carry an imprint ("Published by ... Council")
ANNOUNCE_BLOCKS = 5  # opening body paragraphs read for "Kestrel Vale Council will be marking ..."
MASTHEAD_SENTENCE_WORDS = 8  # a line ending in a full stop longer than this is a sentence
MASTHEAD_WORDS = (
    16  # a masthead or imprint line is short; a longer one is a sentence about the council
)


@functools.cache
def _kind_cues() -> dict[str, tuple[int, list[tuple[re.Pattern[str], int]]]]:
    data: dict[str, Any] = lexicon.yaml_data("kinds.yml")
    out = {}
    for kind, spec in data.items():
        if kind not in KINDS:
            raise lexicon.LexiconError(
                "lexicons/kinds.yml", kind, f"unknown kind (one of {', '.join(KINDS)})"
            )
        cues = [
            (re.compile(c["re"], re.IGNORECASE | re.MULTILINE), int(c.get("weight", 1)))
            for c in spec["cues"]
        ]
        out[kind] = (int(spec.get("override", 99)), cues)
    return out


def cue_score(raw: RawDocument, kind: str) -> int:
    """How strongly `raw` carries the cues of `kind` (lexicons/kinds.yml): a page that is
    "other" may still be written for the press ("Ends", "Press statement")."""
    _, cues = _kind_cues()[kind]
    texts = [b.text for b in raw.blocks if b.kind in ("paragraph", "heading", "cell", "header")]
    return sum(w for rx, w in cues if any(rx.search(t[:CUE_REACH]) for t in texts))


def detect_kind(raw: RawDocument) -> str:
    """The kind whose cues score highest (KIND_MIN_SCORE or more), else "other"; an e-mail is "email"
    unless a kind reaches its override; a long report with several report openings is
    an agenda pack."""
    scores = dict.fromkeys(_kind_cues(), 0)
    texts = [
        b.text
        for b in raw.blocks
        if b.kind in ("paragraph", "heading", "cell", "header", "textbox")
    ]
    for kind, (_, cues) in _kind_cues().items():
        for rx, weight in cues:
            if any(rx.search(t[:CUE_REACH]) for t in texts):
                scores[kind] += weight
    is_email = raw.format == "eml" or bool(raw.headers.get("From") or raw.headers.get("To"))
    best = max(scores, key=lambda k: scores[k])
    if is_email:
        for kind, (override, _) in _kind_cues().items():
            if scores[kind] >= override:
                return kind
        return "email"
    if (
        scores["report"] >= PACK_REPORT_SCORE
        and (raw.pages or 1) >= PACK_PAGES
        and _report_starts(texts) >= PACK_REPORT_STARTS
    ):
        return "agenda-pack"
    if scores[best] >= KIND_MIN_SCORE:
        return best
    return "other"


def _report_starts(texts: list[str]) -> int:
    rx = lexicon.phrase("report-start")
    return sum(1 for t in texts if rx.search(t))


def council_published(doc: Document) -> bool:
    """Whether the document shows the Council as its publisher: a masthead, account or
    imprint line naming a council ("Kestrel Vale Borough Council", "Published by ...
    District Council"), the council's name from config, or a council web or e-mail
    domain. A party's site or a newspaper report about the council shows none of these.
    """
    return doc.analysis(_council_published)


def _council_published(doc: Document) -> bool:
    if lexicon.phrase("not-council-publication").search(doc.text):
        return False  # "this is my personal blog ... not a Council publication"
    if lexicon.phrase("news-page").search(doc.text):
        return False  # a news site's page ("Updated ..., 10:32 am"), a council's name on it or not
    masthead = lexicon.phrase("council-masthead")
    name = (doc.config.council or "").lower() if doc.config else ""
    body = [b for b in doc.blocks if b.in_body and b.text.strip()]
    edges = (
        [b for b in doc.blocks if b.kind in ("header", "footer")]
        + body[:MASTHEAD_BLOCKS]
        + body[-IMPRINT_BLOCKS:]
    )
    lines = [ln.strip() for b in edges if not _names_a_member(b.text) for ln in b.text.splitlines()]
    return any(
        ln
        and len(ln.split()) <= MASTHEAD_WORDS
        and not _a_sentence(ln)
        and (masthead.search(ln) or (name and name in ln.lower()))
        for ln in lines
    ) or bool(lexicon.phrase("council-web-address").search(doc.text))


def _a_sentence(line: str) -> bool:
    """ "Kestrel City Council, to take one case, has cut its energy use.": a sentence
    that opens with a council's name, not a masthead or an imprint."""
    return line.rstrip().endswith((".", "!", "?")) and len(line.split()) > MASTHEAD_SENTENCE_WORDS


def _names_a_member(text: str) -> bool:
    """A block that names a councillor ("From: Cllr Kerr, Leader of the Labour Group on
    Harbourside District Council", a Member's sign-off) is the writer's, and the council
    it names is no masthead."""
    from protocheck.language import people

    return people.member_title(text)


def council_publicity(doc: Document) -> bool:
    """Whether the document is the Council's publicity: a press release, a document
    forced to a kind, or any other document that shows the Council as its publisher."""
    return doc.kind != "other" or doc.kind_forced or council_published(doc)


def council_announcement(doc: Document) -> bool:
    """Council publicity, or a council news page without a masthead: one of its opening
    paragraphs has the Council, by its name or as "the Council" with its capital,
    announce what it is doing ("Kestrel Vale District Council will be marking ...",
    "Each year the Council flies the flag"), and nothing in it is a reporter's ("told
    the Gazette", "Coun Hart", "a council spokesperson said"). A newspaper's report
    about the council reads as the latter, and writes "the council" in lower case."""
    if council_publicity(doc):
        return True
    if lexicon.phrase("not-council-publication").search(doc.text):
        return False
    body = [b.text for b in doc.blocks if b.in_body and b.kind in ("paragraph", "heading")]
    announces = lexicon.phrase("council-announces")
    return any(announces.search(t) for t in body[:ANNOUNCE_BLOCKS]) and not lexicon.phrase(
        "reporter-voice"
    ).search(doc.text)
