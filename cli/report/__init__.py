"""Renderers: one module a format. Each turns a Report into text; none judges.

`printable` is how any name or document text reaches a terminal, a CI log or a
machine format: control characters (ANSI colour and cursor sequences, OSC 8 links,
a newline in a file name), the C1 controls, bidirectional overrides and lone
surrogates (a file name that is not UTF-8) are shown as escapes (`\\x1b`, `\\n`,
`\\u202e`), so no file or document can move the cursor, recolour or relink the
screen, start a line of its own, or make XML ill-formed.
"""

from __future__ import annotations

import importlib
import re

FORMATS = ("text", "json", "sarif", "github", "junit")

_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
    "\ud800-\udfff\ufffe\uffff]"
)
_SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_SPACES = re.compile("[\t\n\r\x0b\x0c\u2028\u2029]")


def _escape(m: re.Match[str]) -> str:
    c = m.group()
    return _SHORT.get(c) or (f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}")


def printable(text: str, keep: str = "", flat: bool = False) -> str:
    """`text` with every character that a terminal or XML would act on escaped.

    keep: characters to leave as they are (a report's own line breaks); flat: line
    breaks and tabs become spaces first (a document's sentence on one line)."""
    if flat:
        text = _SPACES.sub(" ", text)
    if keep:
        return _UNSAFE.sub(lambda m: m.group() if m.group() in keep else _escape(m), text)
    return _UNSAFE.sub(_escape, text)


def same_length(text: str, keep: str = "\n\t") -> str:
    """`text` with each unsafe character replaced by `?`, so offsets into it still hold."""
    return _UNSAFE.sub(lambda m: m.group() if m.group() in keep else "?", text)


def render(fmt: str, report: object, **kwargs: object) -> str:
    module = importlib.import_module(f"protocheck.cli.report.{fmt}_format")
    out: str = module.render(report, **kwargs)
    return out
