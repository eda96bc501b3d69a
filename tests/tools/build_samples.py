"""Build the .docx and .pdf samples from their YAML sources (`<name>.docx.yml`,
`<name>.pdf.yml`): python-docx for the document, lxml for real tracked changes
(w:ins / w:del with author and date), python-docx's comments API for comments,
LibreOffice (soffice --headless --convert-to pdf) for PDFs.

    python tests/tools/build_samples.py [samples-dir] [--only NAME]

The built files are committed, so the tests need no converter.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml
from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

FIXED_DATE = dt.datetime(2026, 1, 5, 9, 0, 0)


def _text_run(paragraph: Any, text: str) -> list[Any]:
    """Add text as runs, turning newlines into line breaks."""
    runs = []
    for i, line in enumerate(text.split("\n")):
        run = paragraph.add_run(line)
        if i < len(text.split("\n")) - 1:
            run.add_break()
        runs.append(run)
    return runs


_change_id = [1000]


def _tracked(paragraph: Any, kind: str, text: str, author: str, date: str) -> None:
    _change_id[0] += 1
    wrapper = OxmlElement(f"w:{kind}")
    wrapper.set(qn("w:id"), str(_change_id[0]))
    wrapper.set(qn("w:author"), author)
    wrapper.set(qn("w:date"), date)
    run = OxmlElement("w:r")
    t = OxmlElement("w:delText" if kind == "del" else "w:t")
    t.set(qn("xml:space"), "preserve")
    t.text = text
    run.append(t)
    wrapper.append(run)
    paragraph._p.append(wrapper)


def _header_footer(part: Any, lines: list[str]) -> None:
    first = True
    for line in lines:
        p = part.paragraphs[0] if first else part.add_paragraph()
        p.text = line
        first = False


def build_docx(spec: dict[str, Any], out: Path) -> None:
    d = Document()
    props = spec.get("properties") or {}
    cp = d.core_properties
    cp.author = props.get("author", "")
    cp.title = props.get("title", "")
    cp.last_modified_by = props.get("last_modified_by", props.get("author", ""))
    cp.created = cp.modified = FIXED_DATE
    cp.revision = 1
    section = d.sections[0]
    if spec.get("header"):
        _header_footer(section.header, list(spec["header"]))
    if spec.get("footer"):
        _header_footer(section.footer, list(spec["footer"]))
    for item in spec.get("body") or []:
        if isinstance(item, str):
            _text_run(d.add_paragraph(), item)
        elif "table" in item:
            rows = item["table"]
            cols = max(len(r) for r in rows)
            table = d.add_table(rows=len(rows), cols=cols)
            for r, row in enumerate(rows):
                for c, cell in enumerate(row):
                    target = table.cell(r, c)
                    target.paragraphs[0].text = ""
                    _text_run(target.paragraphs[0], str(cell))
        elif item.get("pagebreak"):
            d.add_page_break()
        elif "runs" in item:
            p = d.add_paragraph(style=item.get("style"))
            for r in item["runs"]:
                if isinstance(r, str):
                    _text_run(p, r)
                elif "ins" in r:
                    _tracked(
                        p,
                        "ins",
                        r["ins"],
                        r.get("author", "Unknown"),
                        r.get("date", "2026-01-05T09:00:00Z"),
                    )
                elif "del" in r:
                    _tracked(
                        p,
                        "del",
                        r["del"],
                        r.get("author", "Unknown"),
                        r.get("date", "2026-01-05T09:00:00Z"),
                    )
        elif "text" in item:
            p = d.add_paragraph(style=item.get("style"))
            comment = item.get("comment")
            if comment is not None:
                if not isinstance(comment, dict):
                    raise ValueError(
                        f"comment must be a mapping {{on: ..., text: ...}}: {comment!r}"
                    )
                # YAML 1.1 reads an unquoted `on:` key as the boolean True
                on = comment.get("on", comment.get(True))
                if not on or on not in item["text"]:
                    raise ValueError(
                        f"comment 'on' text {on!r} is not in the paragraph: {item['text'][:60]!r}"
                    )
                before, _, after = item["text"].partition(on)
                _text_run(p, before) if before else None
                anchor = p.add_run(on)
                _text_run(p, after) if after else None
                author = comment.get("author", "Reviewer")
                initials = "".join(w[0] for w in author.split()[:2]).upper()
                d.add_comment(
                    [anchor], text=comment.get("text", ""), author=author, initials=initials
                )
            else:
                _text_run(p, item["text"])
        else:
            raise ValueError(f"unknown body item: {item!r}")
    d.save(str(out))


def to_pdf(docx_files: list[Path], outdir: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        sys.exit(
            "LibreOffice (soffice) is needed to build PDF samples: apt-get install libreoffice-writer"
        )
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(outdir),
                *map(str, docx_files),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=600,
        )


def build(root: Path, only: str | None = None) -> int:
    sources = sorted(root.rglob("*.docx.yml")) + sorted(root.rglob("*.pdf.yml"))
    if only:
        sources = [s for s in sources if only in s.name]
    pdf_jobs: dict[Path, list[tuple[Path, Path]]] = {}
    tmp = Path(tempfile.mkdtemp(prefix="protocheck-samples-"))
    for src in sources:
        spec = yaml.safe_load(src.read_text(encoding="utf-8"))
        target = src.with_suffix("")  # flag-x.docx.yml -> flag-x.docx
        if target.suffix == ".docx":
            build_docx(spec, target)
        else:
            staged = tmp / (target.stem + ".docx")
            build_docx(spec, staged)
            pdf_jobs.setdefault(target.parent, []).append((staged, target))
    for jobs in pdf_jobs.values():
        to_pdf([s for s, _ in jobs], tmp)
        for staged, target in jobs:
            shutil.move(str(tmp / (staged.stem + ".pdf")), target)
    shutil.rmtree(tmp, ignore_errors=True)
    return len(sources)


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("root", nargs="?", default="samples")
    ap.add_argument("--only")
    args = ap.parse_args()
    n = build(Path(args.root), args.only)
    print(f"built {n} samples")
