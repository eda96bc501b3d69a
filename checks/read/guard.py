"""The guard: runs before any parser and turns a bad input into one line naming why.

Magic bytes, size caps, zip-container limits (total uncompressed size, compression
ratio, entry count), required parts, legacy .doc told apart from an encrypted
.docx. Nothing here parses XML or PDF.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path


class UnreadableError(Exception):
    """An input protocheck cannot read; str() is the one-line reason."""


@dataclass(frozen=True)
class Limits:
    max_file_bytes: int = 200 * 1024 * 1024
    max_unzipped_bytes: int = 100 * 1024 * 1024
    max_part_bytes: int = 60 * 1024 * 1024
    max_ratio: float = 100.0
    max_entries: int = 5000
    max_pdf_pages: int = 5000
    max_chars: int = (
        500_000  # text checked per file, about 170 full pages (max-chars in protocheck.toml)
    )
    max_page_chars: int = 100_000  # text read from one PDF page
    max_eml_bytes: int = 16 * 1024 * 1024  # of an .eml, the part parsed (body first)
    max_read_bytes: int = 200 * 1024 * 1024  # memory a reader may add (isolate.py)


LIMITS = Limits()
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP = b"PK\x03\x04"
FORMATS = {".docx": "docx", ".pdf": "pdf", ".eml": "eml", ".txt": "txt"}


def sniff(head: bytes) -> str | None:
    """What the first bytes say the file is."""
    if head.startswith(ZIP) or head.startswith(b"PK\x05\x06"):
        return "zip"
    if head.startswith(OLE2):
        return "ole2"
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if head[:2] in (b"\xff\xd8", b"\x89P") or head.startswith((b"GIF8", b"II*\x00", b"MM\x00*")):
        return "image"
    if b"\x00" in head[:4096] and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "binary"
    return None


def _ole2_kind(path: Path) -> str:
    data = path.read_bytes()[: 4 * 1024 * 1024]
    if (
        "EncryptedPackage".encode("utf-16-le") in data
        or "EncryptionInfo".encode("utf-16-le") in data
    ):
        return "encrypted"
    if "WordDocument".encode("utf-16-le") in data:
        return "doc"
    return "ole2"


def _renamed(actual: str, fmt: str) -> str:
    names = {
        "zip": "a zip file (Office document?)",
        "pdf": "a PDF",
        "rtf": "an RTF document",
        "image": "an image",
        "binary": "binary data",
        "ole2": "a legacy Office file",
    }
    return f"not a .{fmt}: the content is {names.get(actual, actual)} (renamed file?)"


def check(path: Path, limits: Limits = LIMITS) -> str:
    """Return the format to read the file as, or raise UnreadableError with the reason."""
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise UnreadableError(
            f"unsupported file type '{path.suffix or path.name}' (protocheck reads .docx, .pdf, .eml, .txt)"
        )
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(8192)
    except OSError as exc:
        raise UnreadableError(f"cannot open: {exc.strerror or exc}") from None
    if size == 0:
        raise UnreadableError("empty file")
    if size > limits.max_file_bytes:
        raise UnreadableError(
            f"file too large ({size // 2**20} MB; the limit is {limits.max_file_bytes // 2**20} MB)"
        )
    actual = sniff(head)
    if fmt == "docx":
        if actual == "ole2":
            kind = _ole2_kind(path)
            if kind == "encrypted":
                raise UnreadableError("encrypted .docx: remove the password first")
            if kind == "doc":
                raise UnreadableError("legacy Word .doc: save as .docx")
            raise UnreadableError(_renamed("ole2", fmt))
        if actual != "zip":
            if actual is None and head.lstrip()[:1] == b"<":
                raise UnreadableError("not a .docx: the content is XML or HTML (renamed file?)")
            raise UnreadableError(
                _renamed(actual or "text", fmt)
                if actual
                else "not a .docx: the content is not a Word document (renamed or corrupt?)"
            )
        check_zip(path, limits, required=("[Content_Types].xml", "word/document.xml"))
    elif fmt == "pdf":
        if actual != "pdf":
            if actual == "ole2" and _ole2_kind(path) == "doc":
                raise UnreadableError(
                    "not a .pdf: the content is a legacy Word .doc (renamed file?)"
                )
            raise UnreadableError(
                _renamed(actual, fmt)
                if actual
                else "not a .pdf: no PDF header (renamed or corrupt?)"
            )
    elif actual is not None:  # eml, txt are text
        raise UnreadableError(_renamed(actual, fmt))
    return fmt


def check_zip(path: Path, limits: Limits, required: tuple[str, ...]) -> None:
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError):
        raise UnreadableError("corrupt or truncated .docx (not a readable zip archive)") from None
    if len(infos) > limits.max_entries:
        raise UnreadableError(
            f"suspicious .docx: {len(infos)} parts in the archive (limit {limits.max_entries})"
        )
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > limits.max_part_bytes:
            raise UnreadableError(
                f"refused: '{info.filename}' expands to {info.file_size // 2**20} MB (zip bomb? limit {limits.max_part_bytes // 2**20} MB)"
            )
        if info.file_size > 1024 * 1024 and info.file_size > limits.max_ratio * max(
            info.compress_size, 1
        ):
            raise UnreadableError(
                f"refused: '{info.filename}' has compression ratio {info.file_size // max(info.compress_size, 1)}:1 (zip bomb? limit {int(limits.max_ratio)}:1)"
            )
    if total > limits.max_unzipped_bytes:
        raise UnreadableError(
            f"refused: expands to {total // 2**20} MB uncompressed (zip bomb? limit {limits.max_unzipped_bytes // 2**20} MB)"
        )
    names = {i.filename for i in infos}
    for part in required:
        if part not in names:
            raise UnreadableError(f"not a Word document: the archive has no {part}")
