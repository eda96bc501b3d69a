"""Word documents (.docx), read with lxml straight from the package.

python-docx's `Paragraph.text` drops text inside tracked changes, so the body is
walked here: paragraphs and tables in order, text boxes, headers, footers,
footnotes and comments (with the text they are anchored on), and every tracked
insertion, deletion and move with its author and date. Block text is the
accepted text (what the document says with all changes accepted); deleted text
is kept on the block's changes. `body_paragraphs` is the one walk of the body and
its paragraph numbering: the annotator finds a finding's paragraph with it too.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from protocheck.model.document import Block, Change, RawDocument
from protocheck.read.guard import LIMITS, UnreadableError

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {
    "w": W,
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
}


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


P, TBL, TR, TC, T, DELTEXT, SDT = q("p"), q("tbl"), q("tr"), q("tc"), q("t"), q("delText"), q("sdt")
INS, DEL, MOVE_FROM, MOVE_TO = q("ins"), q("del"), q("moveFrom"), q("moveTo")
TXBX = q("txbxContent")
FALLBACK = f"{{{NS['mc']}}}Fallback"
CHANGE_TAGS = {INS: "insertion", DEL: "deletion", MOVE_FROM: "move", MOVE_TO: "move"}
_SPACES = re.compile(r"[ \t\u00a0]+")


def _parse(zf: zipfile.ZipFile, name: str) -> Any:
    from lxml import etree

    with zf.open(name) as fh:
        data = fh.read(LIMITS.max_part_bytes + 1)
    if len(data) > LIMITS.max_part_bytes:
        raise UnreadableError(
            f"refused: '{name}' is larger than {LIMITS.max_part_bytes // 2**20} MB"
        )
    if b"<!DOCTYPE" in data[:4096] or b"<!ENTITY" in data[:65536]:
        raise UnreadableError(
            f"refused: '{name}' declares XML entities (not a file Word writes; possible entity bomb)"
        )
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False
    )
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise UnreadableError(
            f"corrupt .docx: '{name}' is not well-formed XML ({exc.msg})"
        ) from None


class _ParagraphReader:
    """Accepted text of one paragraph, its tracked changes, comment anchors and page breaks."""

    def __init__(self, comment_anchors: dict[str, list[str]], open_comments: set[str]):
        self.comment_anchors = comment_anchors
        self.open_comments = open_comments

    def read(self, p: Any) -> tuple[str, list[Change], int]:
        parts: list[str] = []
        changes: list[Change] = []
        page_breaks = 0
        pos = 0
        current: tuple[Any, Change] | None = None
        for el in p.iter():
            tag = el.tag
            if not isinstance(tag, str):
                continue
            if tag in (T, DELTEXT) or tag in (q("tab"), q("br"), q("cr"), q("noBreakHyphen")):
                if self._skipped(el, p):
                    continue
                if tag == q("br") and el.get(q("type")) == "page":
                    page_breaks += 1
                    continue
                text = {q("tab"): " ", q("br"): "\n", q("cr"): "\n", q("noBreakHyphen"): "-"}.get(
                    tag, el.text or ""
                )
                owner, ctype = self._change_owner(el, p)
                deleted = (
                    ctype in ("deletion",)
                    or (owner is not None and owner.tag == MOVE_FROM)
                    or tag == DELTEXT
                )
                if owner is not None:
                    if current is None or current[0] is not owner:
                        change = Change(
                            ctype or "insertion",
                            owner.get(q("author")),
                            owner.get(q("date")),
                            "",
                            pos,
                            pos,
                        )
                        changes.append(change)
                        current = (owner, change)
                    current[1].text += text
                else:
                    current = None
                if deleted:
                    continue
                parts.append(text)
                pos += len(text)
                if current is not None:
                    current[1].end = pos
                for cid in self.open_comments:
                    self.comment_anchors.setdefault(cid, []).append(text)
            elif tag == q("commentRangeStart"):
                self.open_comments.add(el.get(q("id")))
            elif tag == q("commentRangeEnd"):
                self.open_comments.discard(el.get(q("id")))
        text = "".join(parts)
        return text, changes, page_breaks

    @staticmethod
    def _skipped(el: Any, p: Any) -> bool:
        for anc in el.iterancestors():
            if anc is p:
                return False
            if anc.tag in (TXBX, FALLBACK):
                return True
        return False

    @staticmethod
    def _change_owner(el: Any, p: Any) -> tuple[Any, str | None]:
        for anc in el.iterancestors():
            if anc is p:
                break
            if anc.tag in CHANGE_TAGS:
                return anc, CHANGE_TAGS[anc.tag]
        return None, None


def _normalise(text: str, changes: list[Change]) -> tuple[str, list[Change]]:
    """Collapse runs of spaces and trim, keeping change offsets in step."""
    out: list[str] = []
    mapping: list[int] = []  # old index -> new index
    prev_space = True
    for ch in text:
        mapping.append(len(out))
        if ch in " \t\u00a0":
            if prev_space:
                continue
            out.append(" ")
            prev_space = True
        else:
            out.append(ch)
            prev_space = ch == "\n"
    mapping.append(len(out))
    new = "".join(out)
    stripped = new.rstrip()
    for c in changes:
        c.start = min(mapping[min(c.start, len(text))], len(stripped))
        c.end = min(mapping[min(c.end, len(text))], len(stripped))
    return stripped, changes


def read(path: Path, max_chars: int = LIMITS.max_chars) -> RawDocument:
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        raise UnreadableError("corrupt or truncated .docx (not a readable zip archive)") from None
    with zf:
        try:
            return _read(zf, path, max_chars)
        except (zipfile.BadZipFile, EOFError, zipfile.LargeZipFile, OSError) as exc:
            raise UnreadableError(f"corrupt .docx: {exc}") from None
        except KeyError as exc:
            raise UnreadableError(f"corrupt .docx: missing part {exc}") from None


class _Styles:
    """Style names by id, read from word/styles.xml only when an id does not name itself.

    Word's own ids ("Heading1", "Title", "Normal") say what they are; styles.xml can be
    hundreds of kilobytes, so it is parsed only for ids like "Pennawd1" or "a3".
    """

    SELF_NAMED = re.compile(
        r"^(Heading\d*|Title|Subtitle|Normal|ListParagraph|BodyText\d*|NoSpacing)$"
    )

    def __init__(self, zf: zipfile.ZipFile, names: set[str]):
        self.zf, self.names = zf, names
        self.table: dict[str, str] | None = None

    def name(self, sid: str) -> str:
        if self.SELF_NAMED.match(sid):
            return re.sub(r"(?<=[a-z])(?=[A-Z\d])", " ", sid)
        if self.table is None:
            self.table = {}
            if "word/styles.xml" in self.names:
                for style in _parse(self.zf, "word/styles.xml").iter(q("style")):
                    found = style.get(q("styleId"))
                    el = style.find(q("name"))
                    if found:
                        self.table[found] = el.get(q("val")) if el is not None else found
        return self.table.get(sid, sid)


@dataclass
class BodyParagraph:
    """One w:p of the document body, with the number findings give it.

    `number` counts the body's paragraphs that have text (top-level paragraphs,
    table cells row by row, then each paragraph's text boxes after it), from 1;
    it is None for a paragraph without text. `page` is the page the paragraph is
    on, `page_after` the page the walk is on once the paragraph (not its text
    boxes) is passed.
    """

    element: Any
    kind: str  # "paragraph", "cell" or "textbox"
    meta: dict[str, Any]
    text: str  # accepted text, runs of spaces collapsed
    changes: list[Change]
    number: int | None
    page: int
    page_after: int


def body_paragraphs(
    root: Any, comment_anchors: dict[str, list[str]] | None = None
) -> Iterator[BodyParagraph]:
    """Every paragraph of a parsed word/document.xml's body, in reading order.

    The one walk of the body: the reader makes its blocks from it and the
    annotator finds a finding's paragraph by its number, so both count alike.
    `comment_anchors`, when given, collects the text each comment is anchored on.
    """
    body = root.find(q("body"))
    if body is None:
        return
    reader = _ParagraphReader({} if comment_anchors is None else comment_anchors, set())
    rendered_breaks = root.find(f".//{q('lastRenderedPageBreak')}") is not None
    state = {"page": 1, "para": 0}

    def paragraph(
        p: Any, kind: str = "paragraph", meta: dict[str, Any] | None = None
    ) -> Iterator[BodyParagraph]:
        if (
            rendered_breaks
            and p.find(f".//{q('lastRenderedPageBreak')}") is not None
            and state["para"] > 0
        ):
            state["page"] += 1
        page = state["page"]
        text, changes, breaks = reader.read(p)
        text, changes = _normalise(text, changes)
        number = None
        if text.strip():
            state["para"] += 1
            number = state["para"]
        if not rendered_breaks:
            state["page"] += breaks
            section = p.find(f"{q('pPr')}/{q('sectPr')}")
            if section is not None and _new_page(section):
                state["page"] += 1  # a section break that starts the next section on a new page
        yield BodyParagraph(p, kind, dict(meta or {}), text, changes, number, page, state["page"])
        for box in p.iter(TXBX):
            if any(a.tag == FALLBACK for a in box.iterancestors()):
                continue
            for bp in box.iter(P):
                yield from paragraph(bp, "textbox")

    def walk(container: Any) -> Iterator[BodyParagraph]:
        for child in container:
            if child.tag == P:
                yield from paragraph(child)
            elif child.tag == TBL:
                for r, tr in enumerate(child.iter(TR), 1):
                    for c, tc in enumerate(tr.findall(TC), 1):
                        for cp in tc.iter(P):
                            yield from paragraph(cp, "cell", {"row": r, "col": c})
            elif child.tag == SDT:
                content = child.find(q("sdtContent"))
                if content is not None:
                    yield from walk(content)
            elif child.tag in (INS, DEL, MOVE_TO, MOVE_FROM):
                yield from walk(child)

    yield from walk(body)


def _new_page(section: Any) -> bool:
    kind = section.find(q("type"))
    return kind is None or kind.get(q("val")) not in ("continuous",)


def _read(zf: zipfile.ZipFile, path: Path, max_chars: int = LIMITS.max_chars) -> RawDocument:
    names = set(zf.namelist())
    root = _parse(zf, "word/document.xml")
    styles = _Styles(zf, names)
    if root.find(q("body")) is None:
        raise UnreadableError("corrupt .docx: word/document.xml has no body")
    anchors: dict[str, list[str]] = {}
    blocks: list[Block] = []
    notices: list[str] = []
    pages = 1
    section_start = False  # the next block opens a section (an agenda pack's item, in Word)
    chars = 0
    for bp in body_paragraphs(root, anchors):
        if chars > max_chars:  # the rest of the body is not read (read.truncate cuts the last)
            from protocheck.read import truncated_notice

            notices.append(truncated_notice(max_chars))
            break
        chars += len(bp.text)
        pages = bp.page_after
        style_el = bp.element.find(f"{q('pPr')}/{q('pStyle')}")
        style = styles.name(style_el.get(q("val"))) if style_el is not None else None
        if bp.element.find(f"{q('pPr')}/{q('sectPr')}") is not None:
            section_start = True
            if not (bp.text.strip() or bp.changes):
                continue
        if not (bp.text.strip() or bp.changes):
            continue
        if section_start and bp.element.find(f"{q('pPr')}/{q('sectPr')}") is None:
            bp.meta["section_start"] = True
            section_start = False
        block_kind = bp.kind
        if bp.kind == "paragraph" and style and style.lower().startswith(("heading", "title")):
            block_kind = "heading"
        blocks.append(
            Block(
                block_kind,
                bp.text,
                page=bp.page,
                paragraph=bp.number,
                style=style,
                changes=bp.changes,
                meta=bp.meta,
            )
        )
    extra: list[Block] = []
    seen: set[tuple[str, str]] = set()
    for name in sorted(names):
        m = re.fullmatch(r"word/(header|footer)\d*\.xml", name)
        if not m:
            continue
        part = _parse(zf, name)
        for p in part.iter(P):
            text, changes, _ = _ParagraphReader({}, set()).read(p)
            text, changes = _normalise(text, changes)
            if text.strip() and (m.group(1), text) not in seen:
                seen.add((m.group(1), text))
                extra.append(Block(m.group(1), text, changes=changes))
    if "word/footnotes.xml" in names:
        for note in _parse(zf, "word/footnotes.xml").iter(q("footnote")):
            if note.get(q("type")) in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            text = " ".join(
                _normalise(*_ParagraphReader({}, set()).read(p)[:2])[0] for p in note.iter(P)
            ).strip()
            if text:
                extra.append(Block("footnote", text, meta={"id": note.get(q("id"))}))
    if "word/comments.xml" in names:
        for com in _parse(zf, "word/comments.xml").iter(q("comment")):
            cid = com.get(q("id"))
            text = "\n".join(
                _normalise(*_ParagraphReader({}, set()).read(p)[:2])[0] for p in com.iter(P)
            ).strip()
            if text:
                extra.append(
                    Block(
                        "comment",
                        text,
                        meta={
                            "id": cid,
                            "author": com.get(q("author")),
                            "date": com.get(q("date")),
                            "anchor": _SPACES.sub(" ", "".join(anchors.get(cid or "", []))).strip(),
                        },
                    )
                )
    properties: dict[str, str] = {}
    if "docProps/core.xml" in names:
        core = _parse(zf, "docProps/core.xml")
        for key, xp in (
            ("author", "dc:creator"),
            ("last_modified_by", "cp:lastModifiedBy"),
            ("title", "dc:title"),
            ("created", "dcterms:created"),
            ("modified", "dcterms:modified"),
        ):
            el = core.find(xp, NS)
            if el is not None and el.text:
                properties[key] = el.text.strip()
    return RawDocument(
        str(path),
        "docx",
        blocks + extra,
        properties=properties,
        pages=pages,
        date=properties.get("modified") or properties.get("created"),
        notices=notices,
    )
