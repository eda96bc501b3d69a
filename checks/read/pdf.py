"""PDF drafts and agenda packs, read with PDFium (pypdfium2, which pdfplumber brings).

PDFium gives text in stream order (two columns read correctly) at about 1 ms a
page; character boxes give each line's position, from which paragraphs are
rebuilt (a gap wider than the line pitch starts a new one). Running headers and
footers (lines repeated at the top or bottom of most pages) are taken out of the
pages and kept once as header/footer blocks; line-end hyphens are joined; pages
with no text layer are reported as scans. Each line keeps its position and its
first character's font size and weight (PDFium gives both), and the pages' lines and
bookmarks are kept (`layout`, `outline`) for splitting an agenda pack into items
(protocheck.language.packs); `assemble` turns a run of pages into blocks, the whole
file or one item. pdfplumber is for tables, not for text or title lines: it is about
30 times slower a page.
Pages are read in a forked child with a memory ceiling (protocheck.read.isolate).
"""

from __future__ import annotations

import functools
import itertools
import re
import statistics
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from protocheck import progress
from protocheck.model.document import Block, RawDocument
from protocheck.read.guard import LIMITS, UnreadableError

SOFT_HYPHENS = ("\ufffe", "\x02", "\u00ad")
_PAGE_NUMBER = re.compile(r"^(page\s*)?-?\s*\d{1,4}\s*-?(\s*(of|/)\s*\d{1,4})?$", re.IGNORECASE)
_DIGITS = re.compile(r"\d+")
_SPACES = re.compile(r"[ \t\u00a0]+")
_LINE = re.compile(r"[^\r\n]+")


@dataclass
class Line:
    text: str
    top: float
    bottom: float
    left: float
    right: float
    size: float = 0.0  # font size of the line's first character
    weight: int = 0  # font weight of the line's first character (700 bold), where the PDF says


def _page_lines(
    textpage: object, max_chars: int = LIMITS.max_page_chars
) -> tuple[list[Line], bool]:
    """The page's lines, from its first `max_chars` characters; and whether it had more.

    A line's box is its first and last characters' loose boxes, read with PDFium's own
    functions into one reused rectangle (pypdfium2's `get_charbox` makes a new one and a
    tuple a call: a third of the time of reading a page's lines)."""
    import pypdfium2.raw as raw
    from pypdfium2 import PdfiumError

    count = textpage.count_chars()  # type: ignore[attr-defined]
    if count <= 0:
        return [], False
    cut = count > max_chars
    count = min(count, max_chars)
    text = textpage.get_text_range(0, count)  # type: ignore[attr-defined]
    positioned = len(text) == count
    handle = textpage.raw  # type: ignore[attr-defined]
    rect = raw.FS_RECTF()
    loose_box, font_size, font_weight = (
        raw.FPDFText_GetLooseCharBox,
        raw.FPDFText_GetFontSize,
        raw.FPDFText_GetFontWeight,
    )
    lines: list[Line] = []
    for found in _LINE.finditer(text):
        seg, start = found.group(), found.start()
        if seg.strip():
            top = bottom = left = right = size = 0.0
            weight = 0
            if positioned:
                first = start + (len(seg) - len(seg.lstrip()))
                last = start + len(seg.rstrip()) - 1
                if not loose_box(handle, first, rect):
                    raise PdfiumError("Failed to get charbox.")
                left, bottom, top = rect.left, rect.bottom, rect.top
                if not loose_box(handle, last, rect):
                    raise PdfiumError("Failed to get charbox.")
                right = rect.right
                size = font_size(handle, first)
                weight = font_weight(handle, first)
            if "  " in seg or "\t" in seg or "\u00a0" in seg:
                seg = _SPACES.sub(" ", seg)  # (a single space stands as it is)
            lines.append(Line(seg.strip(), top, bottom, left, right, size, max(weight, 0)))
    return lines, cut


def _paragraphs(lines: list[Line]) -> list[str]:
    """Group a page's lines into paragraphs by vertical gaps; keep short lines as lines."""
    if not lines:
        return []
    heights = [ln.top - ln.bottom for ln in lines if ln.top > ln.bottom]
    height = statistics.median(heights) if heights else 0.0
    pitches = sorted(
        a.top - b.top for a, b in itertools.pairwise(lines) if a.top - b.top > 0.5 * height
    )
    # the line pitch: the tighter pitches on the page, capped by what the font size allows
    base = min(pitches[len(pitches) // 4], 1.6 * height) if pitches else 1.2 * height
    full = max((ln.right for ln in lines), default=0.0)
    paras: list[list[Line]] = [[lines[0]]]
    for prev, cur in itertools.pairwise(lines):
        pitch = prev.top - cur.top
        size_change = abs(cur.size - prev.size) > 0.1 * max(cur.size, prev.size, 1.0)
        new_para = height > 0 and (pitch > 1.3 * base or pitch < -height or size_change)
        if new_para:
            paras.append([cur])
        else:
            paras[-1].append(cur)
    out = []
    for para in paras:
        text = ""
        for j, ln in enumerate(para):
            if j == 0:
                text = ln.text
                continue
            prev_ln = para[j - 1]
            if text.endswith(SOFT_HYPHENS):
                text = text.rstrip("".join(SOFT_HYPHENS)) + ln.text
            elif full > 0 and prev_ln.right < 0.8 * full:
                text += "\n" + ln.text  # the line ended early: a real line break
            else:
                text += " " + ln.text
        for h in SOFT_HYPHENS:
            text = text.replace(h, "")
        out.append(text)
    return out


def _running(pages: list[list[Line]]) -> set[str]:
    """Normalised lines that sit in the top or bottom three lines of most pages."""
    with_text = [p for p in pages if p]
    if len(with_text) < 2:
        return set()
    counts: dict[str, int] = {}
    for lines in with_text:
        # running headers and footers are short: a long line that recurs is body text
        edge = {_key(ln.text) for ln in lines[:3] + lines[-3:] if len(ln.text.split()) <= 12}
        for key in edge:
            counts[key] = counts.get(key, 0) + 1
    need = max(2, int(0.6 * len(with_text) + 0.5))
    return {k for k, n in counts.items() if n >= need}


def _key(text: str) -> str:
    return _DIGITS.sub("#", text.lower()).strip()


def _pages(path: Path, start: int, max_page_chars: int) -> Iterator[tuple[str, Any]]:
    """("info", (page count, metadata)), then ("page", (index, lines, cut)) from `start`,
    each line as the tuple of its Line's fields."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise UnreadableError("encrypted PDF: remove the password first") from None
        raise UnreadableError(f"corrupt PDF: {exc}") from None
    try:
        n = len(pdf)
        if n > LIMITS.max_pdf_pages:
            raise UnreadableError(f"refused: {n} pages (limit {LIMITS.max_pdf_pages})")
        meta = {}
        try:
            meta = {k.lower(): str(v) for k, v in pdf.get_metadata_dict(skip_empty=True).items()}
        except Exception:
            meta = {}
        yield "info", (n, meta, _outline(pdf))
        for i in range(start, n):
            page = pdf[i]
            tp = page.get_textpage()
            try:
                lines, cut = _page_lines(tp, max_page_chars)
            finally:
                tp.close()
                page.close()
            # as plain tuples: a fifth less to pickle through the pipe than Line objects
            rows = [(x.text, x.top, x.bottom, x.left, x.right, x.size, x.weight) for x in lines]
            yield "page", (i, rows, cut)
    finally:
        pdf.close()


MAX_SKIPPED_PAGES = 3  # pages that cannot be read before the whole file is refused


def read(path: Path, max_chars: int = LIMITS.max_chars) -> RawDocument:
    """Pages are read in a child process with a memory ceiling (isolate.py): a page that
    needs more is skipped with a notice and reading goes on from the next one."""
    from protocheck.read import isolate, truncated_notice

    n: int | None = None
    meta: dict[str, str] = {}
    outline: list[tuple[int, str, int]] = []
    got: dict[int, list[Line]] = {}
    cut_pages: list[int] = []
    skipped: list[int] = []
    chars = 0
    stopped_at: int | None = None
    why = ""
    start = 0
    while True:
        received = 0

        def take(item: tuple[str, Any]) -> bool:
            nonlocal n, meta, outline, chars, stopped_at, received
            kind, value = item
            if kind == "info":
                n, meta, outline = value
                return True
            i, rows, cut = value
            received += 1
            got[i] = lines = [Line(*row) for row in rows]
            if cut:
                cut_pages.append(i + 1)
            chars += sum(len(ln.text) for ln in lines)
            if n is not None and n >= 20 and (i + 1) % 10 == 0:
                progress.step("pages", i + 1, n)
            if chars > max_chars:
                stopped_at = i + 1
                return False
            return True

        out = isolate.run(
            functools.partial(_pages, path, start, LIMITS.max_page_chars), label="pdf", on_item=take
        )
        if out.unreadable is not None:
            raise UnreadableError(out.unreadable)
        if out.died is None or n is None:
            if out.died is not None:
                raise UnreadableError(out.died)
            break
        bad = start + received  # the page the child was reading when it died
        skipped.append(bad + 1)
        why = out.died.replace("refused: reading it ", "")
        if len(skipped) > MAX_SKIPPED_PAGES or (bad + 1 >= n and not got):
            named = "s " + ", ".join(map(str, skipped)) if len(skipped) > 1 else f" {skipped[0]}"
            raise UnreadableError(f"refused: reading page{named} {why}")
        start = bad + 1
        if start >= n:
            break
    if not n:
        raise UnreadableError("PDF has no pages")
    read_pages = stopped_at or n
    pages = [got.get(i, []) for i in range(read_pages)]
    scans = [i + 1 for i, p in enumerate(pages) if not p and i + 1 not in skipped]
    if len(scans) == n:
        raise UnreadableError(
            "PDF has no text layer (a scanned image?): nothing to check, and no OCR offline"
        )
    blocks = assemble(pages)
    notices = []
    for k in skipped:
        notices.append(f"page {k} was not read: it {why}")
    if cut_pages:
        notices.append(
            f"page{'s' if len(cut_pages) > 1 else ''} {', '.join(map(str, cut_pages))} "
            f"truncated at {LIMITS.max_page_chars:,} characters a page"
        )
    if stopped_at is not None and stopped_at < n:
        notices.append(truncated_notice(max_chars, f" (page {stopped_at} of {n})"))
    if scans:
        notices.append(
            f"pages {', '.join(map(str, scans))} have no text layer (scans): not checked"
        )
    properties: dict[str, str] = {
        k: meta[k] for k in ("author", "title", "creationdate", "moddate") if k in meta
    }
    return RawDocument(
        str(path),
        "pdf",
        blocks,
        properties=properties,
        notices=notices,
        pages=n,
        date=properties.get("moddate") or properties.get("creationdate"),
        layout=pages,
        outline=outline,
    )


def assemble(pages: list[list[Line]], first_page: int = 1) -> list[Block]:
    """The blocks of a run of pages read as one document: running headers and footers
    (lines at the top or bottom of most of these pages) kept once as header/footer
    blocks, page numbers dropped, the rest rebuilt into paragraphs. Pages are numbered
    from `first_page` (an agenda-pack item keeps the pack's page numbers)."""
    running = _running(pages)
    blocks: list[Block] = []
    chrome: list[Block] = []
    seen_chrome: set[str] = set()
    for number, lines in enumerate(pages, first_page):
        body: list[Line] = []
        for k, ln in enumerate(lines):
            at_edge = k < 3 or k >= len(lines) - 3
            key = _key(ln.text)
            if at_edge and (key in running or _PAGE_NUMBER.match(ln.text)):
                if key not in seen_chrome and not _PAGE_NUMBER.match(ln.text):
                    seen_chrome.add(key)
                    chrome.append(Block("header" if k < 3 else "footer", ln.text, page=number))
                continue
            body.append(ln)
        for para_no, text in enumerate(_paragraphs(body), 1):
            blocks.append(Block("paragraph", text, page=number, paragraph=para_no))
    return chrome + blocks


def _outline(pdf: object) -> list[tuple[int, str, int]]:
    """The PDF's bookmarks as (level, title, page index), where it has any."""
    out: list[tuple[int, str, int]] = []
    try:
        for mark in pdf.get_toc():  # type: ignore[attr-defined]
            index = mark.get_dest().get_index() if mark.get_dest() is not None else None
            title = (mark.get_title() or "").strip()
            if index is not None and title:
                out.append((mark.level, title, int(index)))
    except Exception:
        return []  # a broken outline is no reason to refuse the text
    return out
