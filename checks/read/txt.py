"""Plain-text drafts (.txt): UTF-8, with a Windows-1252 fallback."""

from __future__ import annotations

from pathlib import Path

from protocheck.model.document import RawDocument
from protocheck.read.guard import LIMITS
from protocheck.read.plaintext import decode_with_notices, split_message


def read(path: Path, max_chars: int = LIMITS.max_chars) -> RawDocument:
    from protocheck.read import truncated_notice

    with path.open("rb") as fh:
        data = fh.read(4 * max_chars + 4)  # a character is at most four bytes
        more = bool(fh.read(1))
    text, notices = decode_with_notices(data, partial=more)
    if more or len(text) > max_chars:
        text = text[:max_chars]
        notices.append(truncated_notice(max_chars))
    headers, other, blocks = split_message(text)
    return RawDocument(
        str(path),
        "txt",
        blocks,
        headers=headers,
        subject=other.get("Subject"),
        date=other.get("Date") or other.get("Sent"),
        notices=notices,
    )
