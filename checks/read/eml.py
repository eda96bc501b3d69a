"""E-mail messages (.eml): headers with names and addresses, the plain body
(or the HTML body turned into text), attachments listed."""

from __future__ import annotations

from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

from protocheck.model.document import Address, Block, RawDocument
from protocheck.read.guard import LIMITS, UnreadableError
from protocheck.read.plaintext import clean_line, split_message

ADDRESS_HEADERS = ("From", "To", "Cc", "Bcc")


def html_to_text(html: str) -> str:
    import lxml.html

    try:
        tree = lxml.html.fromstring(html)
    except Exception:
        return html
    for bad in tree.xpath("//script|//style|//head"):
        bad.drop_tree()
    for br in tree.xpath("//br"):
        br.tail = "\n" + (br.tail or "")
    for block in tree.xpath("//p|//div|//li|//tr|//h1|//h2|//h3|//h4|//blockquote"):
        block.tail = "\n\n" + (block.tail or "")
    return str(tree.text_content())


def _head(path: Path) -> list[str]:
    """The file's first lines (enough for the headers and the body's first line)."""
    with path.open("rb") as fh:
        return fh.read(1024 * 1024).decode("utf-8", errors="replace").splitlines()


def _header_lines(path: Path, blocks: list[Block]) -> None:
    """Each header block's line in the file ("To:" on line 2)."""
    raw = _head(path)
    end_of_headers = next((i for i, line in enumerate(raw) if not line.strip()), len(raw))
    for block in blocks:
        name = f"{block.meta.get('header', '')}:".lower()
        block.line = next(
            (i + 1 for i in range(end_of_headers) if raw[i].lower().startswith(name)), None
        )


def _first_line_in_file(path: Path, body: str) -> int | None:
    """The file line (1-based) the body's first line stands on, so that a finding's line
    is the line of the .eml file, headers included; None when the body is not in the file
    as it reads (base64 or quoted-printable, or HTML turned into text)."""
    body_lines = body.replace("\r\n", "\n").split("\n")
    k = next((i for i, line in enumerate(body_lines) if line.strip()), None)
    if k is None:
        return None
    first = body_lines[k].strip()
    raw = _head(path)
    end_of_headers = next((i for i, line in enumerate(raw) if not line.strip()), len(raw))
    for j in range(end_of_headers + 1, len(raw)):
        if raw[j].strip() == first:
            start = j - k
            # every line as it stands in the file, or no lines at all: a quoted-printable
            # body whose long lines were broken with "=" would put findings on wrong lines
            if all(
                not line.strip()
                or (start + i < len(raw) and raw[start + i].strip() == line.strip())
                for i, line in enumerate(body_lines)
            ):
                return start + 1
            return None
    return None


def _quoted_printable_lines(
    path: Path, body: str, part: object
) -> list[list[tuple[int, int]]] | None:
    """For a quoted-printable body (long lines broken with "=" at the end of file lines):
    for each line of the decoded body, where its pieces stand in the file, as (first
    character of the piece in the decoded line, file line, 1-based); or None."""
    import quopri

    if str(part.get("Content-Transfer-Encoding", "")).strip().lower() != "quoted-printable":  # type: ignore[attr-defined]
        return None
    charset = part.get_content_charset() or "utf-8"  # type: ignore[attr-defined]
    raw = _head(path)
    logical: list[tuple[list[tuple[int, int]], str]] = []  # each line as sent: its pieces, its text
    j = 0
    try:
        while j < len(raw):
            pieces: list[tuple[int, int]] = []
            data = b""
            while True:
                piece = raw[j]
                soft = piece.endswith("=") and j + 1 < len(raw)
                chars = len(data.decode(charset, "ignore"))
                pieces.append((chars, j + 1))
                data += quopri.decodestring(
                    (piece[:-1] if soft else piece).encode("latin-1", "replace")
                )
                if not soft:
                    break
                j += 1
            logical.append((pieces, data.decode(charset, "replace").rstrip()))
            j += 1
    except LookupError:
        return None
    wanted = [line.rstrip() for line in body.replace("\r\n", "\n").split("\n")]
    while wanted and not wanted[-1]:
        wanted.pop()
    if not wanted:
        return None
    texts = [t for _, t in logical]
    for k in range(len(logical) - len(wanted) + 1):
        if texts[k : k + len(wanted)] == wanted:
            return [pieces for pieces, _ in logical[k : k + len(wanted)]]
    return None


# the email package gives up decoding (and returns the raw text), or skips characters
BAD_BASE64 = {"InvalidBase64LengthDefect", "InvalidBase64CharactersDefect"}


def read(path: Path, max_chars: int = LIMITS.max_chars) -> RawDocument:
    from protocheck.read import truncated_notice

    notices: list[str] = []
    with path.open("rb") as fh:
        data = fh.read(LIMITS.max_eml_bytes)
        if fh.read(1):
            notices.append(
                f"only the first {LIMITS.max_eml_bytes // 2**20} MB of the message were read "
                "(the body comes first; later parts, such as attachments, were not)"
            )
    msg = BytesParser(policy=policy.default).parsebytes(data)
    del data
    if not isinstance(msg, EmailMessage) or not any(
        msg.get(h) for h in ("From", "To", "Subject", "Date")
    ):
        raise UnreadableError("not an e-mail message: no From, To, Subject or Date header")
    headers: dict[str, list[Address]] = {}
    blocks: list[Block] = []
    for name in (*ADDRESS_HEADERS, "Subject", "Date"):
        try:
            value = msg.get(name)
        except Exception:  # malformed header: keep the raw text
            value = msg.get_all(name, [""])[0] if hasattr(msg, "get_all") else ""
        if value is None:
            continue
        text = clean_line(str(value))
        blocks.append(
            Block("email-header", f"{name}: {text}", meta={"header": name, "value": text})
        )
        if name in ADDRESS_HEADERS:
            try:
                addrs = [Address(a.display_name, a.addr_spec) for a in value.addresses]
            except Exception:
                addrs = []
            headers[name] = addrs
    body_part = msg.get_body(preferencelist=("plain", "html"))
    body = ""
    defects = {type(d).__name__ for d in msg.defects}
    if "NoBoundaryInMultipartDefect" in defects or (
        msg.get_content_maintype() == "multipart" and not msg.is_multipart()
    ):
        notices.append(
            "the body was not read: a multipart message with no boundary between its parts"
        )
    elif body_part is None:
        notices.append("the message has no text or HTML body: only its headers were checked")
    if body_part is not None:
        try:
            body = body_part.get_content()
        except (LookupError, UnicodeError, AttributeError):
            payload = body_part.get_payload(decode=True)
            body = payload.decode("cp1252", errors="replace") if isinstance(payload, bytes) else ""
        part_defects = {type(d).__name__ for d in body_part.defects}
        if part_defects & BAD_BASE64:  # what decoding gave is not the text that was sent
            body = ""
            notices.append("the body was not read: its base64 encoding is invalid")
        if body_part.get_content_type() == "text/html":
            body = html_to_text(body)
        if len(body) > max_chars:
            body = body[:max_chars]
            notices.append(truncated_notice(max_chars))
    _header_lines(path, blocks)
    first_line = _first_line_in_file(path, body)
    _, _, body_blocks = split_message(body, first_line or 1, headers_allowed=False)
    qp_lines = (
        _quoted_printable_lines(path, body, body_part)
        if first_line is None and body_part is not None
        else None
    )
    if first_line is None:  # an encoded body: a quoted-printable one's lines are mapped back
        for block in body_blocks:
            start = (block.line or 1) - 1  # the block's first line in the decoded body
            count = block.text.count("\n") + 1
            if qp_lines is not None and start + count <= len(qp_lines):
                block.meta["file_lines"] = qp_lines[start : start + count]
                block.line = qp_lines[start][0][1]
            else:  # base64, or a body that cannot be found in the file: no file line to give
                block.line = None
    blocks.extend(body_blocks)
    attachments = [part.get_filename() or "(unnamed)" for part in msg.iter_attachments()]
    subject = str(msg.get("Subject") or "") or None
    date = str(msg.get("Date") or "") or None
    return RawDocument(
        str(path),
        "eml",
        blocks,
        headers=headers,
        subject=subject,
        date=date,
        attachments=attachments,
        notices=notices,
    )
