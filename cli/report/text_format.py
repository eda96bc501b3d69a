"""`--format text`: what a council officer reads. Colour on a terminal, plain when piped.

Each finding: severity, code and slug, where it is; the message; the sentence with
the flagged words highlighted (and marked with ^ for plain output); the clause of
the council's protocol, in its own words (shortened, never paraphrased).
"""

from __future__ import annotations

import dataclasses
import io
import re
import textwrap
from typing import IO

from protocheck.cli.report import printable
from protocheck.model import profiles
from protocheck.model.findings import Clause, FileResult, Finding, Report
from rich.cells import cell_len
from rich.console import COLOR_SYSTEMS, Console
from rich.segment import Segment
from rich.text import Text

STYLE = {"error": "bold red", "warning": "bold yellow", "info": "bold cyan"}
INDENT = 10
CLAUSE_CHARS = 320


class _Writer:
    """Prints Text as `Console.print` does, byte for byte, without its layout pass.

    Every line the report prints is already wrapped to the width, so Rich's wrapping
    and cropping (most of its cost, per print) would change nothing: a Text whose lines
    all fit is written from its own segments. One with a line too wide for the console
    (a long file name, wide characters) or a tab goes through Rich's layout as before.
    The output is collected a file at a time and written at once."""

    def __init__(self, console: Console, styled: bool) -> None:
        self.console = console
        self.width = console.width
        name = console.color_system
        self.color_system = COLOR_SYSTEMS[name] if styled and name else None
        self.no_color = console.no_color
        self.parts: list[str] = []

    def print(self, text: Text | None = None) -> None:
        if text is None:
            self.parts.append("\n")
            return
        plain = text.plain
        fits = "\t" not in plain and all(cell_len(line) <= self.width for line in plain.split("\n"))
        if fits and self.color_system is None:
            self.parts.append(plain + "\n")
            return
        if fits:
            if text.style:  # Console.print joins it first: its own style becomes a span
                text = Text().join([text])
            segments: list[Segment] = list(text.render(self.console, end="\n"))
        else:
            lines = Segment.split_and_crop_lines(
                self.console.render(text, self.console.options), self.width, pad=False
            )
            segments = [segment for line in lines for segment in line]
        append = self.parts.append
        for segment in segments:
            piece, style = segment.text, segment.style
            if not style or self.color_system is None:
                append(piece)
                continue
            if self.no_color:
                style = style.without_color
            # a styled piece is closed at each line end, as Rich splits lines first
            append(
                "\n".join(
                    style.render(part, color_system=self.color_system) for part in piece.split("\n")
                )
            )

    def take(self) -> str:
        out = "".join(self.parts)
        self.parts.clear()
        return out


def council_short(profile_id: str) -> str:
    try:
        council = profiles.get(profile_id).council
    except ValueError:
        return profile_id
    return re.sub(r"\s+(County\s+)?(Borough\s+|District\s+)?Council$", "", council)


def shorten(text: str, limit: int = CLAUSE_CHARS) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + " ..."


def _pieces(f: Finding) -> tuple[str, str, str]:
    """The sentence as three pieces: before the flagged words, the flagged words, after.

    For an edit (a tracked change, or a difference `protocheck diff` found) the middle
    piece is the edit as Word Compare shows it: the words removed as [-...-], the
    words put in their place as {+...+}, where they stand in the sentence."""
    change = f.location.change or {}
    if change.get("type") in ("deletion", "insertion"):
        sentence = f.sentence
        at = min(max(f.location.start - f.sentence_start, 0), len(sentence)) if sentence else 0
        if change["type"] == "deletion":
            removed, added = f.text, str(change.get("replaced_by") or "")
        else:
            removed, added = str(change.get("replaces") or ""), f.text
        if sentence[at : at + len(added)] != added:
            added = ""  # not where it should stand: show only what was removed
        shown = (f"[-{removed}-]" if removed.strip() else "") + (
            f"{{+{added}+}}" if added.strip() else ""
        )
        before, after = sentence[:at], sentence[at + len(added) :]
        if not added and after[:1].isalnum():
            after = " " + after  # the removed sentence stood apart from the next
        if before[-1:].strip() and removed[:1].isupper():
            before += " "  # "2.2 [-That Cabinet ...-]": a numbered paragraph lost its text
        return before, shown, after
    sentence = f.sentence or f.text
    rel_start = f.location.start - f.sentence_start if f.sentence else 0
    rel_end = f.location.end - f.sentence_start if f.sentence else len(sentence)
    if not (0 <= rel_start <= len(sentence)) or f.text not in sentence:
        rel_start = max(sentence.find(f.text), 0)
        rel_end = rel_start + len(f.text)
    return sentence[:rel_start], sentence[rel_start:rel_end], sentence[rel_end:]


def _sentence_lines(f: Finding, width: int) -> list[tuple[str, int, int]]:
    """The sentence wrapped to width, each line with the highlighted range inside it."""
    # escaped piece by piece, so the highlight still covers the flagged words
    before, flagged, after = (printable(part, flat=True) for part in _pieces(f))
    flat = before + flagged + after
    rel_start, rel_end = len(before), len(before) + len(flagged)
    out = []
    pos = 0
    for line in textwrap.wrap(flat, width=width, break_long_words=True, drop_whitespace=False) or [
        flat
    ]:
        start, end = pos, pos + len(line)
        hs, he = max(rel_start, start) - start, min(rel_end, end) - start
        out.append((line.rstrip(), hs, he) if hs < he else (line.rstrip(), 0, 0))
        pos = end
    return out


def _clause(c: Clause) -> str:
    return printable(f'{council_short(c.profile)}, {c.ref}: "{shorten(c.text)}"', flat=True)


def render_finding(console: _Writer, f: Finding, width: int, plain: bool) -> None:
    """One finding, printed at once (Rich's cost is per print, not per line)."""
    parts: list[Text] = []
    head = Text(" ")
    head.append(f"{f.severity:<8} ", style=STYLE.get(f.severity, "bold"))
    head.append(f"{f.code} ", style="bold")
    head.append(f"{f.rule}", style="magenta")
    where = printable(f.location.describe(), flat=True)
    if f.location.change:
        ch = f.location.change
        author = printable(str(ch.get("author") or "unknown"), flat=True)
        verb = {"deletion": "deleted", "insertion": "inserted", "move": "moved"}.get(
            str(ch.get("type")), str(ch.get("type"))
        )
        if "replaced_by" in ch or "replaces" in ch:
            verb = "changed"  # words removed and others put in their place
        where += f", {verb} by {author}"
    pad = " " * INDENT
    if head.cell_len + 3 + len(where) <= width:
        head.append(f"   {where}", style="dim")
        parts.append(head)
    else:  # too long for one line: where it is goes under the code, not wrapped by the terminal
        parts.append(head)
        for line in textwrap.wrap(where, width=width - INDENT, break_on_hyphens=False):
            parts.append(Text(pad + line, style="dim"))
    message = printable(f.message, flat=True)
    for line in textwrap.wrap(message, width=width - INDENT, break_on_hyphens=False):
        parts.append(Text(pad + line))
    for line, hs, he in _sentence_lines(f, width - INDENT - 2):
        t = Text(pad + "| ")
        t.append(line[:hs])
        t.append(line[hs:he], style="bold red underline" if not plain else "")
        t.append(line[he:])
        parts.append(t)
        if he > hs:
            parts.append(Text(pad + "| " + " " * hs + "^" * (he - hs), style="red"))
    if f.suppressed:
        reason = printable(f.suppression_reason or "", flat=True)
        parts.append(Text(pad + f"suppressed: {reason}", style="dim italic"))
    if f.fix:
        for line in textwrap.wrap(
            printable(f"What to do: {f.fix}", flat=True), width=width - INDENT
        ):
            parts.append(Text(pad + line, style="cyan"))
    if f.clauses:
        wrapped = textwrap.wrap(_clause(f.clauses[0]), width=width - INDENT)
        for line in wrapped:
            parts.append(Text(pad + line, style="green"))
        if len(f.clauses) > 1:
            parts.append(
                Text(
                    pad
                    + f"(+{len(f.clauses) - 1} more clause{'s' if len(f.clauses) > 2 else ''}: protocheck rule {f.code})",
                    style="dim",
                )
            )
    console.print(Text("\n").join(parts))
    console.print()


def item_heading(item: dict[str, object]) -> str:
    """'Item 5 - Library opening hours (report, pages 12-19)'."""
    first, last = item.get("first_page"), item.get("last_page")
    pages = f"page {first}" if first == last else f"pages {first}-{last}"
    title = f"Item {item['number']} - {item['title']}" if item.get("number") else str(item["title"])
    return printable(f"{title} ({item.get('kind') or 'other'}, {pages})", flat=True)


def _by_item(console: _Writer, r: FileResult, live: list[Finding], width: int, plain: bool) -> None:
    """An agenda pack's findings under the item each is in, in page order; the pack's
    page numbers throughout."""
    groups: dict[tuple[object, ...], list[Finding]] = {}
    for f in live:
        key = tuple((f.item or {}).values())
        groups.setdefault(key, []).append(f)
    for findings in groups.values():
        item = findings[0].item
        if item is not None:
            console.print(Text(" " + item_heading(item), style="bold"))
            console.print()
        for f in findings:  # the heading names the item: the finding's line gives the page
            shown = dataclasses.replace(f, location=dataclasses.replace(f.location, item=None))
            render_finding(console, shown, width, plain)


def _notes(console: _Writer, r: FileResult, width: int) -> None:
    """The file's notes (a page with no text, an unused suppression), wrapped under "note:"."""
    for n in r.notices:
        lines = textwrap.wrap(
            "note: " + printable(n, flat=True),
            width=width - 2,
            subsequent_indent="      ",
            break_on_hyphens=False,
        )
        console.print(Text("\n".join("  " + line for line in lines), style="yellow"))


HANG = "    "  # how far a wrapped header line is indented under the file name


def header(r: FileResult, width: int = 10_000) -> Text:
    """The file name, then its kind, sender and profile; wrapped lines hang under it."""
    bits = []
    if r.kind:
        bits.append(r.kind)
    if r.sender:
        bits.append(f"from {printable(r.sender, flat=True)}")
    if r.items is not None:  # an agenda pack: its meeting and how many items it was split into
        meeting = " ".join(str(v) for v in (r.pack or {}).values() if isinstance(v, str))
        meeting = printable(meeting, flat=True)
        bits.append(f"{meeting + ', ' if meeting else ''}{len(r.items)} items")
    if r.profile:
        bits.append(f"profile {r.profile}")
    path = printable(r.path)  # a name is shown as it is spelt: a newline in it as \n
    full = path + ("  " + ", ".join(bits) if bits else "")
    lines = textwrap.wrap(
        full, width=width, subsequent_indent=HANG, break_on_hyphens=False, break_long_words=False
    ) or [full]
    t = Text("\n".join(lines), style="dim")
    t.stylize("bold underline", 0, min(len(path), len(lines[0])))
    return t


def render(
    report: Report,
    stream: IO[str] | None = None,
    color: bool | None = None,
    width: int | None = None,
    show_clean: bool | None = None,
) -> str:
    console = Console(
        file=stream
        if stream is not None
        else io.StringIO(),  # a report for --output: not to stdout too
        force_terminal=color,
        no_color=True if color is False else None,  # None: Rich honours NO_COLOR
        width=width,
        highlight=False,
        soft_wrap=False,
    )
    plain = color is False or not console.is_terminal
    w = min(console.width, 110)
    # a report for --output is plain text, as Console.export_text() gave it
    out = _Writer(console, styled=stream is not None)
    if show_clean is None:
        show_clean = len(report.files) <= 20
    for r in report.files:
        live = list(r.findings)
        if r.error:
            continue  # unreadable files are reported one line each on stderr
        if not live:
            if show_clean or r.notices:  # a note (an unused suppression) is shown all the same
                t = header(r, w)
                t.append(": no findings", style="green")
                out.print(t)
                _notes(out, r, w)
        else:
            out.print(header(r, w))
            out.print()
            if r.items is not None:
                _by_item(out, r, live, w, plain)
            else:
                for f in live:
                    render_finding(out, f, w, plain)
            _notes(out, r, w)
        if stream is not None and len(out.parts) > 1000:
            stream.write(out.take())
    c = report.counts()
    summary = Text(f"\n{c['files']} file{'s' if c['files'] != 1 else ''} checked: ")
    summary.append(
        f"{c['errors']} error{'s' if c['errors'] != 1 else ''}",
        style="bold red" if c["errors"] else "",
    )
    summary.append(
        f", {c['warnings']} warning{'s' if c['warnings'] != 1 else ''}",
        style="bold yellow" if c["warnings"] else "",
    )
    if c["infos"]:
        summary.append(f", {c['infos']} info")
    suppressed = sum(f.suppressed for r in report.files for f in r.findings)
    if suppressed:
        summary.append(f", {suppressed} suppressed", style="dim")
    summary.append(f", {c['unreadable']} unreadable", style="bold red" if c["unreadable"] else "")
    out.print(summary)
    if stream is None:
        return out.take()
    stream.write(out.take())
    stream.flush()
    return ""
