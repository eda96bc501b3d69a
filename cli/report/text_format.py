"""`--format text`: what a council officer reads. Colour on a terminal, plain when piped.

Each finding: severity, code and slug, where it is; the message; the sentence with
the flagged words highlighted (and marked with ^ for plain output); the clause of
the council's protocol, in its own words (shortened, never paraphrased).
"""

from __future__ import annotations

import io
import re
import textwrap
from typing import IO

from protocheck.model import profiles
from protocheck.model.findings import Clause, FileResult, Finding, Report
from rich.console import Console
from rich.text import Text

STYLE = {"error": "bold red", "warning": "bold yellow", "info": "bold cyan"}
INDENT = 10
CLAUSE_CHARS = 320


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


def _sentence_lines(f: Finding, width: int) -> list[tuple[str, int, int]]:
    """The sentence wrapped to width, each line with the highlighted range inside it."""
    sentence = f.sentence or f.text
    rel_start = f.location.start - f.sentence_start if f.sentence else 0
    rel_end = f.location.end - f.sentence_start if f.sentence else len(sentence)
    if not (0 <= rel_start <= len(sentence)) or f.text not in sentence:
        rel_start = max(sentence.find(f.text), 0)
        rel_end = rel_start + len(f.text)
    flat = sentence.replace("\n", " ")
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
    return f'{council_short(c.profile)}, {c.ref}: "{shorten(c.text)}"'


def render_finding(console: Console, f: Finding, width: int, plain: bool) -> None:
    """One finding, printed at once (Rich's cost is per print, not per line)."""
    parts: list[Text] = []
    head = Text(" ")
    head.append(f"{f.severity:<8} ", style=STYLE.get(f.severity, "bold"))
    head.append(f"{f.code} ", style="bold")
    head.append(f"{f.rule}", style="magenta")
    head.append(f"   {f.location.describe()}", style="dim")
    if f.location.change:
        ch = f.location.change
        head.append(f", tracked {ch.get('type')} by {ch.get('author') or 'unknown'}", style="dim")
    parts.append(head)
    pad = " " * INDENT
    for line in textwrap.wrap(f.message, width=width - INDENT, break_on_hyphens=False):
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
        parts.append(Text(pad + f"suppressed: {f.suppression_reason}", style="dim italic"))
    if f.fix:
        for line in textwrap.wrap(f"What to do: {f.fix}", width=width - INDENT):
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


HANG = "    "  # how far a wrapped header line is indented under the file name


def header(r: FileResult, width: int = 10_000) -> Text:
    """The file name, then its kind, sender and profile; wrapped lines hang under it."""
    bits = []
    if r.kind:
        bits.append(r.kind)
    if r.sender:
        bits.append(f"from {r.sender}")
    if r.profile:
        bits.append(f"profile {r.profile}")
    full = r.path + ("  " + ", ".join(bits) if bits else "")
    lines = textwrap.wrap(
        full, width=width, subsequent_indent=HANG, break_on_hyphens=False, break_long_words=False
    ) or [full]
    t = Text("\n".join(lines), style="dim")
    t.stylize("bold underline", 0, min(len(r.path), len(lines[0])))
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
        record=stream is None,
    )
    plain = color is False or not console.is_terminal
    w = min(console.width, 110)
    if show_clean is None:
        show_clean = len(report.files) <= 20
    for r in report.files:
        live = list(r.findings)
        if r.error:
            continue  # unreadable files are reported one line each on stderr
        if not live:
            if show_clean or r.notices:  # a note (text not read, truncated) is always shown
                t = header(r, w)
                t.append(": no findings", style="green")
                console.print(t)
                for n in r.notices:
                    console.print(Text(f"  note: {n}", style="yellow"))
            continue
        console.print(header(r, w))
        console.print()
        for f in live:
            render_finding(console, f, w, plain)
        for n in r.notices:
            console.print(Text(f"  note: {n}", style="yellow"))
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
    console.print(summary)
    return console.export_text() if stream is None else ""
