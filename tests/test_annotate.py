"""--annotate: a copy with a Word comment on each finding, on the right words; the input untouched."""

from __future__ import annotations

import hashlib
from pathlib import Path

from conftest import MEMBER_LETTER, build_docx, run_cli

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _anchors(path: Path) -> list[str]:
    import docx

    body = docx.Document(str(path)).element.body
    out = []
    for p in body.iter(f"{W}p"):
        inside, text = False, ""
        for el in p.iter():
            if el.tag == f"{W}commentRangeStart":
                inside = True
            elif el.tag == f"{W}commentRangeEnd":
                inside = False
            elif el.tag == f"{W}t" and inside:
                text += el.text or ""
        if text:
            out.append(text)
    return out


def test_comment_sits_on_the_flagged_words_and_the_input_is_untouched(tmp_path: Path) -> None:
    import docx

    letter = build_docx(tmp_path / "letter.docx", MEMBER_LETTER)
    before = hashlib.sha256(letter.read_bytes()).hexdigest()
    out = run_cli(str(letter), "--select", "COR001", "--annotate", str(tmp_path / "annotated.docx"))
    assert out.returncode == 1 and "wrote" in out.stderr
    assert hashlib.sha256(letter.read_bytes()).hexdigest() == before
    copy = docx.Document(str(tmp_path / "annotated.docx"))
    (comment,) = list(copy.comments)
    assert comment.author == "protocheck"
    assert comment.text.startswith("COR001 member-obligation (error)")
    assert (
        "Letters which create legally enforceable obligations" in comment.text
        or "10.2" in comment.text
    )
    assert _anchors(tmp_path / "annotated.docx") == [
        "the Council will refund your parking charges in full by 31 March"
    ]
    # the copy's text is the letter's text: only comments were added
    assert [p.text for p in copy.paragraphs] == [
        p.text for p in docx.Document(str(letter)).paragraphs
    ]


def test_tracked_deletion_is_annotated_on_its_paragraph(tmp_path: Path) -> None:
    report = build_docx(
        tmp_path / "report.docx",
        {
            "body": [
                {"style": "Heading 1", "text": "4. Options considered"},
                {
                    "runs": [
                        "4.1 Option 1: keep the pool open. ",
                        {
                            "del": "Option 3: close the pool and move lessons to Killamarsh.",
                            "author": "Cllr Jo Bloggs",
                        },
                    ]
                },
            ]
        },
    )
    out = run_cli(
        str(report),
        "--kind",
        "report",
        "--select",
        "RPT001",
        "--annotate",
        str(tmp_path / "out.docx"),
    )
    assert out.returncode == 1, out.stderr
    assert _anchors(tmp_path / "out.docx") == ["4.1 Option 1: keep the pool open. "]


def test_annotate_refuses_to_overwrite_the_input(tmp_path: Path) -> None:
    letter = build_docx(tmp_path / "letter.docx", MEMBER_LETTER)
    before = letter.read_bytes()
    out = run_cli(str(letter), "--annotate", str(letter))
    assert out.returncode == 2 and "overwrite" in out.stderr
    assert letter.read_bytes() == before


def test_libreoffice_opens_the_copy_with_its_comment(tmp_path: Path) -> None:
    import shutil
    import subprocess
    import zipfile

    import pytest

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    letter = build_docx(tmp_path / "letter.docx", MEMBER_LETTER)
    run_cli(str(letter), "--annotate", str(tmp_path / "annotated.docx"))
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path / 'lo'}",
            "--headless",
            "--convert-to",
            "odt",
            "--outdir",
            str(tmp_path),
            str(tmp_path / "annotated.docx"),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    content = zipfile.ZipFile(tmp_path / "annotated.odt").read("content.xml").decode()
    assert "office:annotation" in content and "protocheck" in content and "COR001" in content


def _letter_with_text_box_table_and_header(path: Path) -> Path:
    """A Member's letter as Word saves one: a page header, a text box in the first
    paragraph (DrawingML with its VML fallback, so the box's words are in the file
    twice) and a table before the sentence that breaches COR001."""
    import docx
    from docx.oxml import parse_xml

    build_docx(
        path,
        {
            "properties": {"author": "Priya Shah"},
            "header": ["From the Office of Councillor Priya Shah", "Example Borough Council"],
            "body": [
                "Dear Mr Jones,",
                "Thank you for your letter about the parking charges at Station Road.",
                {"table": [["Reference", "PCN 48213"], ["Location", "Station Road car park"]]},
                "I can confirm that the Council will refund your parking charges in full.",
                "Yours sincerely,",
                "Cllr Priya Shah\nCabinet Member for Highways",
            ],
        },
    )
    box = (
        '<w:p><w:r><w:t xml:space="preserve">Ward surgery: Saturdays, Civic Offices</w:t>'
        "</w:r></w:p>"
    )
    run = parse_xml(
        '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
        ' xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
        ' xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"'
        ' xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
        ' xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
        ' xmlns:v="urn:schemas-microsoft-com:vml">'
        '<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
        '<wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0"'
        ' relativeHeight="1" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
        '<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>'
        '3600000</wp:posOffset></wp:positionH><wp:positionV relativeFrom="paragraph">'
        '<wp:posOffset>0</wp:posOffset></wp:positionV><wp:extent cx="1800000" cy="540000"/>'
        '<wp:wrapSquare wrapText="bothSides"/><wp:docPr id="1" name="Text Box 1"/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/'
        'wordprocessingShape"><wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr/>'
        f"<wps:txbx><w:txbxContent>{box}</w:txbxContent></wps:txbx><wps:bodyPr/>"
        "</wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
        '<mc:Fallback><w:pict><v:shape style="width:141.75pt;height:42.5pt">'
        f"<v:textbox><w:txbxContent>{box}</w:txbxContent></v:textbox></v:shape></w:pict>"
        "</mc:Fallback></mc:AlternateContent></w:r>"
    )
    document = docx.Document(str(path))
    document.paragraphs[0]._p.append(run)
    document.save(str(path))
    return path


def _comment_ranges(path: Path) -> dict[str, tuple[str, str]]:
    """Comment id -> (the text of the paragraph holding its range, the text inside the range),
    read from the file's word/document.xml."""
    import zipfile

    from lxml import etree

    with zipfile.ZipFile(path) as zf:
        root = etree.fromstring(zf.read("word/document.xml"))
    out = {}
    for start in root.iter(f"{W}commentRangeStart"):
        cid = start.get(f"{W}id")
        p = next(a for a in start.iterancestors() if a.tag == f"{W}p")
        inside, words = False, ""
        for el in p.iter():
            if el.tag == f"{W}commentRangeStart" and el.get(f"{W}id") == cid:
                inside = True
            elif el.tag == f"{W}commentRangeEnd" and el.get(f"{W}id") == cid:
                inside = False
            elif el.tag == f"{W}t" and inside:
                words += el.text or ""
        out[cid] = ("".join(t.text or "" for t in p.iter(f"{W}t")), words)
    return out


def test_comment_lands_on_the_findings_paragraph_past_a_text_box_and_a_table(
    tmp_path: Path,
) -> None:
    import json
    import zipfile

    from lxml import etree

    letter = _letter_with_text_box_table_and_header(tmp_path / "letter.docx")
    before = hashlib.sha256(letter.read_bytes()).hexdigest()
    annotated = tmp_path / "annotated.docx"
    out = run_cli(
        str(letter), "--select", "COR001", "--format", "json", "--annotate", str(annotated)
    )
    assert out.returncode == 1, out.stderr
    assert hashlib.sha256(letter.read_bytes()).hexdigest() == before
    (finding,) = json.loads(out.stdout)["files"][0]["findings"]
    assert finding["code"] == "COR001"
    # 1 "Dear Mr Jones,", 2 the text box (once, not again from its VML fallback),
    # 3 "Thank you ...", 4-7 the table's cells, 8 the sentence
    assert finding["location"]["paragraph"] == 8
    assert finding["text"] == "the Council will refund your parking charges in full"
    with zipfile.ZipFile(annotated) as zf:
        comments = etree.fromstring(zf.read("word/comments.xml"))
    (comment,) = comments.iter(f"{W}comment")
    assert comment.get(f"{W}author") == "protocheck"
    assert "".join(t.text or "" for t in comment.iter(f"{W}t")).startswith("COR001")
    assert _comment_ranges(annotated) == {
        comment.get(f"{W}id"): (
            "I can confirm that the Council will refund your parking charges in full.",
            finding["text"],
        )
    }
