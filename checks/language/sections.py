"""Officer reports as sections: which heading each paragraph sits under.

A heading is a block in a Word heading style, or a short line (no full stop at
the end) whose words, after any numbering, match lexicons/sections/report.yml.
Each body block gets `meta["section"]` (options, advice, recommendations,
reasons, legal, financial, key-decision, consultation, ...) and
`meta["heading"]` (the heading as written).
"""

from __future__ import annotations

import re

from protocheck.language import lexicon
from protocheck.model.document import Block, Document

NUMBERING = re.compile(
    r"^\s*(section\s+)?(\(?[0-9]{1,2}(\.[0-9]{1,2})*\.?\)?|\(?[a-z]\)|[ivx]{1,4}\.)\s*[:.-]?\s*",
    re.IGNORECASE,
)


def classify(heading: str) -> str | None:
    """The section a heading opens, or None when it names none."""
    text = NUMBERING.sub("", heading.strip()).strip(" :")
    for name, patterns in lexicon.regex_table("sections/report.yml"):
        if any(p.match(text) for p in patterns):
            return name
    return None


HEADING_CHARS = 90  # a report's section heading is one short line; a longer one is a paragraph
HEADING_WORDS = 12  # "Legal implications (comments of the Monitoring Officer)" fits


def is_heading(block: Block) -> bool:
    if block.kind == "heading":
        return True
    text = block.text.strip()
    if not text or "\n" in text or len(text) > HEADING_CHARS or text.endswith((".", ",", ";")):
        return False
    return len(text.split()) <= HEADING_WORDS and classify(text) is not None


def mark(doc: Document) -> None:
    """Set meta["section"] and meta["heading"] on every body block."""
    section, heading = None, None
    for block in doc.blocks:
        if not block.in_body:
            continue
        first_line = block.text.split("\n", 1)[0]
        if is_heading(block) or (
            len(first_line) <= HEADING_CHARS
            and not first_line.endswith(".")
            and classify(first_line)
            and "\n" in block.text
        ):
            found = classify(first_line)
            if found is not None or block.kind == "heading":
                section, heading = found, first_line.strip()
                block.meta["is_heading"] = True
        block.meta["section"] = section
        block.meta["heading"] = heading


def present(doc: Document) -> set[str]:
    """The sections the report has headings for."""
    return {
        b.meta["section"] for b in doc.blocks if b.meta.get("is_heading") and b.meta.get("section")
    }
