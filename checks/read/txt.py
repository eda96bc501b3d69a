"""Plain-text drafts (.txt): UTF-8, with a Windows-1252 fallback."""

from __future__ import annotations

from pathlib import Path

from protocheck.model.document import RawDocument
from protocheck.read.plaintext import decode, split_message


def read(path: Path) -> RawDocument:
    text = decode(path.read_bytes())
    headers, other, blocks = split_message(text)
    return RawDocument(
        str(path),
        "txt",
        blocks,
        headers=headers,
        subject=other.get("Subject"),
        date=other.get("Date") or other.get("Sent"),
    )
