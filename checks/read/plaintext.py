"""Plain text into blocks: used by the .txt reader and for e-mail bodies.

Paragraphs are separated by blank lines. A pasted message may start with
"From: / To: / Cc: / Bcc: / Subject:" lines; those become e-mail header blocks.
Whatever follows a reply separator ("-----Original Message-----", "On ... wrote:",
an Outlook "From: ... Sent: ..." block, "> " lines) is marked as quoted.
"""

from __future__ import annotations

import re
from email.utils import getaddresses

from protocheck.model.document import Address, Block

HEADER_LINE = re.compile(r"^(From|To|Cc|CC|Bcc|BCC|Subject|Sent|Date)\s*:\s*(.*)$", re.IGNORECASE)
REPLY_SEPARATOR = re.compile(
    r"^\s*(-{2,}\s*(Original|Forwarded) Message\s*-{2,}|_{10,}|On .{5,200} wrote:|Begin forwarded message:)\s*$",
    re.IGNORECASE,
)
_SPACES = re.compile(r"[ \t\u00a0]+")


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252."""
    return decode_with_notices(data)[0]


def decode_with_notices(data: bytes, partial: bool = False) -> tuple[str, list[str]]:
    """`decode`, with a notice when some bytes are text in no encoding tried (they are
    read as replacement characters). `partial`: `data` is the start of a longer file,
    so a character cut at its end is dropped, not counted."""
    import codecs

    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        codec = "utf-16"
    else:
        try:
            utf8 = codecs.getincrementaldecoder("utf-8-sig")()
            return utf8.decode(data, final=not partial), []
        except UnicodeDecodeError:
            codec = "cp1252"
    dec = codecs.getincrementaldecoder(codec)(errors="replace")
    text = dec.decode(data, final=not partial)
    bad = text.count("\ufffd")
    if not bad:
        return text, []
    line = text.count("\n", 0, text.index("\ufffd")) + 1
    where = "UTF-16" if codec == "utf-16" else "UTF-8 or Windows-1252"
    return text, [
        f"{bad:,} byte{'s are' if bad != 1 else ' is'} not valid {where} text (the first "
        f"on line {line:,}): read as replacement characters"
    ]


def clean_line(line: str) -> str:
    return _SPACES.sub(" ", line).strip()


def parse_addresses(value: str) -> list[Address]:
    """Addresses as pasted: "Name <a@b>", bare addresses, or names alone separated by ; (Outlook)."""
    out: list[Address] = []
    for piece in re.split(r";", value):
        piece = piece.strip()
        if not piece:
            continue
        if "@" in piece:
            out += [
                Address(n.strip().strip('"'), a.strip()) for n, a in getaddresses([piece]) if n or a
            ]
        else:
            out.append(Address(piece.strip('"'), ""))
    return out


def split_message(
    text: str, first_line: int = 1, headers_allowed: bool = True
) -> tuple[dict[str, list[Address]], dict[str, str], list[Block]]:
    """Blocks of a plain-text letter or message, with any leading header lines parsed.

    Returns (address headers, other headers such as Subject, blocks).
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    addr_headers: dict[str, list[Address]] = {}
    other: dict[str, str] = {}
    blocks: list[Block] = []
    i = 0
    # leading blank lines
    while i < len(lines) and not lines[i].strip():
        i += 1
    if headers_allowed:
        j = i
        found: list[tuple[int, str, str]] = []
        while j < len(lines) and lines[j].strip():
            m = HEADER_LINE.match(lines[j].strip())
            if not m:
                break
            found.append((j, m.group(1), m.group(2)))
            j += 1
        names = {name.lower() for _, name, _ in found}
        if len(found) >= 2 and names & {"from", "to"}:
            for lineno, name, value in found:
                key = name.capitalize() if name.lower() != "bcc" else "Bcc"
                key = "Cc" if name.lower() == "cc" else key
                blocks.append(
                    Block(
                        "email-header",
                        clean_line(lines[lineno]),
                        line=first_line + lineno,
                        meta={"header": key, "value": value.strip()},
                    )
                )
                if key in ("From", "To", "Cc", "Bcc"):
                    addr_headers.setdefault(key, []).extend(parse_addresses(value))
                else:
                    other[key] = value.strip()
            i = j
    quoted = False
    para: list[str] = []
    para_line = 0

    def flush() -> None:
        nonlocal para
        if para:
            blocks.append(
                Block("paragraph", "\n".join(para), line=first_line + para_line, quoted=quoted)
            )
            para = []

    for k in range(i, len(lines)):
        raw = lines[k]
        line = clean_line(raw)
        if not quoted and (REPLY_SEPARATOR.match(raw) or _outlook_block(lines, k)):
            flush()
            quoted = True
        if not line:
            flush()
            continue
        if raw.lstrip().startswith(">") and not quoted:
            flush()
            blocks.append(Block("paragraph", line, line=first_line + k, quoted=True))
            continue
        if not para:
            para_line = k
        para.append(line)
    flush()
    return addr_headers, other, blocks


def _outlook_block(lines: list[str], k: int) -> bool:
    """An Outlook reply header: "From: ..." followed within two lines by "Sent: ..."."""
    if not re.match(r"^\s*From\s*:", lines[k], re.IGNORECASE):
        return False
    window = lines[k + 1 : k + 3]
    return any(re.match(r"^\s*(Sent|Date)\s*:", w, re.IGNORECASE) for w in window)
