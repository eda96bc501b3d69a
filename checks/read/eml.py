"""E-mail messages (.eml): headers with names and addresses, the plain body
(or the HTML body turned into text), attachments listed."""

from __future__ import annotations

from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

from protocheck.model.document import Address, Block, RawDocument
from protocheck.read.guard import UnreadableError
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


def read(path: Path) -> RawDocument:
    with path.open("rb") as fh:
        msg = BytesParser(policy=policy.default).parse(fh)
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
    if body_part is not None:
        try:
            body = body_part.get_content()
        except (LookupError, UnicodeError, AttributeError):
            payload = body_part.get_payload(decode=True)
            body = payload.decode("cp1252", errors="replace") if isinstance(payload, bytes) else ""
        if body_part.get_content_type() == "text/html":
            body = html_to_text(body)
    _, _, body_blocks = split_message(body, headers_allowed=False)
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
    )
