"""Readers on real files: .docx with real tracked changes and comments, PDFs made
by reportlab, raw e-mail, Windows-1252 text."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from conftest import build_docx
from protocheck.read import read
from protocheck.read.pdf import Line, _paragraphs


def test_docx_tracked_changes_comments_tables_headers(tmp_path: Path) -> None:
    path = build_docx(
        tmp_path / "report.docx",
        {
            "properties": {"author": "Tom Reed"},
            "header": ["Example Borough Council"],
            "footer": ["OFFICIAL"],
            "body": [
                {"style": "Heading 1", "text": "Options considered"},
                {
                    "runs": [
                        "Option 1: do nothing. ",
                        {
                            "del": "Option 2: close the library.",
                            "author": "Cllr Jo Bloggs",
                            "date": "2026-10-01T10:00:00Z",
                        },
                        {
                            "ins": " Option 3: share the building.",
                            "author": "Cllr Jo Bloggs",
                            "date": "2026-10-02T11:00:00Z",
                        },
                    ]
                },
                {"table": [["Cost", "£10,000"], ["Risk", "Low"]]},
                {
                    "text": "The officer recommends option 1.",
                    "comment": {"on": "option 1", "text": "Why not 3?", "author": "Cllr Jo Bloggs"},
                },
            ],
        },
    )
    raw = read(path)
    kinds = [b.kind for b in raw.blocks]
    assert "heading" in kinds and "cell" in kinds and "header" in kinds and "footer" in kinds
    para = next(b for b in raw.blocks if b.text.startswith("Option 1"))
    assert "Option 2" not in para.text and "Option 3: share the building." in para.text
    deletion = next(c for c in para.changes if c.type == "deletion")
    insertion = next(c for c in para.changes if c.type == "insertion")
    assert deletion.text == "Option 2: close the library." and deletion.author == "Cllr Jo Bloggs"
    assert deletion.date == "2026-10-01T10:00:00Z" and deletion.start == deletion.end
    assert (
        para.text[insertion.start : insertion.end] == insertion.text.strip()
        or insertion.text in para.text
    )
    comment = next(b for b in raw.blocks if b.kind == "comment")
    assert (
        comment.text == "Why not 3?"
        and comment.meta["anchor"] == "option 1"
        and comment.meta["author"] == "Cllr Jo Bloggs"
    )
    cells = [b.text for b in raw.blocks if b.kind == "cell"]
    assert cells == ["Cost", "£10,000", "Risk", "Low"]
    assert raw.properties["author"] == "Tom Reed"


def test_docx_text_box_is_read_once(tmp_path: Path) -> None:
    from lxml import etree

    path = build_docx(tmp_path / "box.docx", {"body": ["Body text."]})
    with zipfile.ZipFile(path) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    v = "urn:schemas-microsoft-com:vml"
    root = etree.fromstring(parts["word/document.xml"])
    p = root.find(f".//{{{w}}}p")
    run = etree.SubElement(p, f"{{{w}}}r")
    box = etree.SubElement(
        etree.SubElement(
            etree.SubElement(etree.SubElement(run, f"{{{w}}}pict"), f"{{{v}}}shape"),
            f"{{{v}}}textbox",
        ),
        f"{{{w}}}txbxContent",
    )
    etree.SubElement(
        etree.SubElement(etree.SubElement(box, f"{{{w}}}p"), f"{{{w}}}r"), f"{{{w}}}t"
    ).text = "Boxed words"
    parts["word/document.xml"] = etree.tostring(root)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for n, data in parts.items():
            zf.writestr(n, data)
    raw = read(path)
    boxes = [b for b in raw.blocks if b.kind == "textbox"]
    assert [b.text for b in boxes] == ["Boxed words"]
    assert all("Boxed" not in b.text for b in raw.blocks if b.kind == "paragraph")


def _pdf(path: Path, pages: list[list[str]], header: str | None = None) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    for n, paras in enumerate(pages, 1):
        y = 800
        if header:
            c.setFont("Helvetica", 9)
            c.drawString(72, 815, header)
            c.drawString(72, 40, f"Page {n} of {len(pages)}")
        c.setFont("Helvetica", 11)
        for para in paras:
            for line in para.split("\n"):
                c.drawString(72, y, line)
                y -= 14
            y -= 12
        c.showPage()
    c.save()
    return path


def test_pdf_pages_paragraphs_and_running_headers(tmp_path: Path) -> None:
    path = _pdf(
        tmp_path / "pack.pdf",
        [
            ["Agenda item 4", "The Council will consider the report.\nIt sets out three options."],
            ["Second page text."],
            ["Third page text."],
        ],
        header="Example Borough Council - Cabinet 3 March",
    )
    raw = read(path)
    body = [b for b in raw.blocks if b.kind == "paragraph"]
    assert [b.page for b in body] == [1, 1, 2, 3]
    assert (
        body[1].text == "The Council will consider the report.\nIt sets out three options."
        or body[1].text == "The Council will consider the report. It sets out three options."
    )
    assert body[1].paragraph == 2
    assert all("Cabinet 3 March" not in b.text and "Page" not in b.text for b in body)
    headers = [b for b in raw.blocks if b.kind == "header"]
    assert len(headers) == 1 and "Cabinet 3 March" in headers[0].text
    assert raw.pages == 3


def test_pdf_line_end_hyphen_is_joined() -> None:
    lines = [
        Line("We will consider the recom\ufffe", 700, 690, 72, 500),
        Line("mendation in March.", 686, 676, 72, 300),
    ]
    assert _paragraphs(lines) == ["We will consider the recommendation in March."]


def test_eml_headers_html_body_quotes_and_attachments(tmp_path: Path) -> None:
    msg = (
        "From: Lisa Cartwright <lisa.cartwright@example.gov.uk>\r\n"
        "To: Cllr Jo Bloggs <cllr.jo.bloggs@example.gov.uk>\r\n"
        "Cc: Sam Ode <sam.ode@example.gov.uk>\r\n"
        "Bcc: Cllr Sam Patel <cllr.sam.patel@example.gov.uk>\r\n"
        "Subject: Flooding\r\nDate: Tue, 14 Jan 2025 16:52:07 +0000\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/mixed; boundary="b"\r\n\r\n'
        "--b\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
        "<html><body><p>Dear Cllr Bloggs,</p><p>The culvert was cleared.</p>"
        "<p>On Mon, 13 Jan 2025 Cllr Bloggs wrote:</p><p>Please look at Mill Lane.</p></body></html>\r\n"
        '--b\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename="map.pdf"\r\n\r\nJVBERi0=\r\n--b--\r\n'
    )
    path = tmp_path / "reply.eml"
    path.write_text(msg, encoding="utf-8")
    raw = read(path)
    assert raw.headers["Bcc"][0].email == "cllr.sam.patel@example.gov.uk"
    assert raw.headers["From"][0].name == "Lisa Cartwright"
    bcc = next(b for b in raw.blocks if b.meta.get("header") == "Bcc")
    assert bcc.text == "Bcc: Cllr Sam Patel <cllr.sam.patel@example.gov.uk>"
    texts = {b.text: b.quoted for b in raw.blocks if b.kind == "paragraph"}
    assert texts["The culvert was cleared."] is False
    assert texts["Please look at Mill Lane."] is True
    assert raw.attachments == ["map.pdf"]


def test_txt_windows_1252_and_pasted_headers(tmp_path: Path) -> None:
    path = tmp_path / "pasted.txt"
    path.write_bytes(
        "From: Tom Reed\r\nTo: Cllr Ann Lee\r\nBcc: Cllr Bob Hart\r\nSubject: Fees\r\n\r\n"
        "Dear Ann,\r\n\r\nThe \x93fee\x94 is \xa350.\r\n".encode("latin-1")
    )
    raw = read(path)
    assert raw.headers["Bcc"][0].name == "Cllr Bob Hart"
    assert any(b.text == "The \u201cfee\u201d is \u00a350." for b in raw.blocks)


def test_sample_source_comment_written_as_in_the_readme(tmp_path: Path) -> None:
    """`comment: {on: ...}` as people type it: YAML 1.1 reads the bare key `on` as True;
    the build must still anchor the comment, and refuse one it cannot place."""
    import yaml
    from build_samples import build_docx as build_from_source

    spec = yaml.safe_load(
        'body:\n  - {text: "Option 3 is cheaper.", comment: {on: "Option 3", text: "Why?", author: "Cllr A Ward"}}\n'
    )
    out = tmp_path / "c.docx"
    build_from_source(spec, out)
    raw = read(out)
    comment = next(b for b in raw.blocks if b.kind == "comment")
    assert comment.text == "Why?" and comment.meta["anchor"] == "Option 3"
    bad = yaml.safe_load(
        'body:\n  - {text: "Option 3 is cheaper.", comment: {on: "Option 9", text: "Why?"}}\n'
    )
    with pytest.raises(ValueError, match="not in the paragraph"):
        build_from_source(bad, tmp_path / "d.docx")
