"""Hostile inputs: each must be refused cleanly.

The contract (INTERFACE.md, exit codes): a file that cannot be read gives exit
code 2 and exactly one line on stderr naming the file and why, with no
traceback, quickly (< 5 s wall) and cheaply (< 300 MB peak RSS); the other
inputs are still checked; no input is ever modified.

Every hostile file is built by the test inside tmp_path, except the legacy
Word .doc, which is a committed fixture (tests/fixtures/legacy.doc, made once
with `soffice --headless --convert-to doc`). Builders check that what they
made really is the hostile thing it claims to be, so a passing test cannot be
a test of the wrong file.

protocheck runs as a subprocess. Peak memory is read with
getrusage(RUSAGE_CHILDREN).ru_maxrss, a running maximum over every child ever
waited for; so each measured run goes through a small fresh wrapper process
whose only child is protocheck, and the wrapper reports its own before/after
figures.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
LEGACY_DOC = FIXTURES / "legacy.doc"

MAX_SECONDS = 5.0
MAX_RSS_KB = 300 * 1024  # ru_maxrss is in kilobytes on Linux
RUN_TIMEOUT = 60.0  # a hung child is killed and reported, not waited on forever
GIB = 1024**3
PASSWORD = "secret"
GOOD_SENTENCE = (
    "I can confirm that the Council will refund your parking charges in full by 31 March."
)


# --------------------------------------------------------------------------- running protocheck

# Runs protocheck as its only child; stdout/stderr are inherited, so they reach
# the test untouched. Writes the measurements to the file named in argv[1].
_WRAPPER = r"""
import json, resource, subprocess, sys, time
report, timeout, cmd = sys.argv[1], float(sys.argv[2]), sys.argv[3:]
before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
start = time.monotonic()
try:
    code = subprocess.run(cmd, timeout=timeout).returncode
except subprocess.TimeoutExpired:
    code = None
elapsed = time.monotonic() - start
after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
with open(report, "w") as fh:
    json.dump({"returncode": code, "elapsed": elapsed, "maxrss_before_kb": before, "maxrss_kb": after}, fh)
"""


@dataclass
class Run:
    returncode: int | None  # None: killed after RUN_TIMEOUT
    stdout: str
    stderr: str
    elapsed: float  # protocheck's wall time, seconds
    maxrss_kb: int  # protocheck's peak RSS
    maxrss_before_kb: int  # the wrapper's figure before protocheck ran: 0 if the wrapper is fresh

    def describe(self) -> str:
        return (
            f"exit code {self.returncode}, {self.elapsed:.2f} s, peak RSS {self.maxrss_kb / 1024:.1f} MB\n"
            f"--- stderr ---\n{self.stderr}--- stdout (first 3000 chars) ---\n{self.stdout[:3000]}"
        )


def run_protocheck(args: list[str], tmp_path: Path, cwd: Path) -> Run:
    return measured(args, tmp_path, cwd)


def measured(
    args: list[str],
    tmp_path: Path,
    cwd: Path,
    *,
    cache: bool = False,
    env: dict[str, str] | None = None,
) -> Run:
    """protocheck check ARGS through the fresh measuring wrapper."""
    report = tmp_path / "rusage.json"
    full_env = {**os.environ, "PROTOCHECK_CACHE_DIR": str(tmp_path / "cache"), **(env or {})}
    cmd = [sys.executable, "-m", "protocheck.cli", "check", *args]
    if not cache:
        cmd.append("--no-cache")
    proc = subprocess.run(
        [sys.executable, "-c", _WRAPPER, str(report), str(RUN_TIMEOUT), *cmd],
        capture_output=True,
        text=True,
        env=full_env,
        cwd=cwd,
        timeout=RUN_TIMEOUT + 30,
    )
    m = json.loads(report.read_text())
    report.unlink()
    return Run(
        m["returncode"],
        proc.stdout,
        proc.stderr,
        m["elapsed"],
        m["maxrss_kb"],
        m["maxrss_before_kb"],
    )


def snapshot(folder: Path) -> dict[str, str]:
    """sha256 of every file under folder (hidden ones too), and every directory."""
    out = {}
    for p in sorted(folder.rglob("*")):
        rel = p.relative_to(folder).as_posix()
        out[rel] = hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "<dir>"
    return out


def snapshot_problems(before: dict[str, str], after: dict[str, str]) -> list[str]:
    problems = []
    if added := sorted(after.keys() - before.keys()):
        problems.append(f"new files appeared in the input directory: {added}")
    if removed := sorted(before.keys() - after.keys()):
        problems.append(f"input files disappeared: {removed}")
    if changed := sorted(k for k in before.keys() & after.keys() if before[k] != after[k]):
        problems.append(f"input files changed (sha256 differs): {changed}")
    return problems


def harness_problems(run: Run) -> list[str]:
    """The measurement itself must be meaningful."""
    problems = []
    if run.maxrss_before_kb != 0:
        problems.append(
            f"harness: wrapper was not fresh (ru_maxrss before = {run.maxrss_before_kb} KB)"
        )
    if run.maxrss_kb <= 0:
        problems.append("harness: no peak RSS was measured")
    return problems


# --------------------------------------------------------------------------- building inputs


def docx_bytes(paragraphs: list[str]) -> bytes:
    import docx

    d = docx.Document()
    for text in paragraphs:
        d.add_paragraph(text)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


PLAIN_LETTER = [
    "Dear Mr Patel,",
    "Thank you for your letter about the recycling collections on Mill Lane.",
    "Officers have passed your comments to the waste team.",
    "Yours sincerely,",
    "Tom Reed",
    "Head of Environment",
]
GOOD_LETTER = [
    "Dear Mr Patel,",
    "Thank you for your letter about the parking charges on Station Road.",
    GOOD_SENTENCE,
    "Yours sincerely,",
    "Cllr Priya Shah",
    "Cabinet Member for Highways",
]


class Shared:
    """Expensive inputs, built once per module on first use."""

    def __init__(self, factory: pytest.TempPathFactory):
        self._factory = factory
        self._zip_bomb: Path | None = None

    def zip_bomb(self) -> Path:
        if self._zip_bomb is None:
            path = self._factory.mktemp("zip-bomb") / "bomb.docx"
            build_zip_bomb_template(path)
            self._zip_bomb = path
        return self._zip_bomb


def build_empty(path: Path, shared: Shared) -> None:
    path.write_bytes(b"")
    assert path.stat().st_size == 0


def build_random(path: Path, shared: Shared) -> None:
    path.write_bytes(os.urandom(50 * 1024))


def build_truncated_docx(path: Path, shared: Shared) -> None:
    data = docx_bytes(PLAIN_LETTER)
    assert zipfile.is_zipfile(io.BytesIO(data))
    path.write_bytes(data[: len(data) // 2])
    assert path.read_bytes().startswith(b"PK\x03\x04"), "a truncated zip still starts like a zip"
    assert not zipfile.is_zipfile(path), "half a zip must not be a readable zip"


def build_legacy_doc(path: Path, shared: Shared) -> None:
    import olefile

    shutil.copyfile(LEGACY_DOC, path)
    assert olefile.isOleFile(str(path))
    with olefile.OleFileIO(str(path)) as ole:
        assert ole.exists("WordDocument"), "fixture is not a Word 97-2003 document"
        assert not ole.exists("EncryptedPackage")


def build_encrypted_docx(path: Path, shared: Shared) -> None:
    import msoffcrypto
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = docx_bytes(PLAIN_LETTER)
    out = io.BytesIO()
    OOXMLFile(io.BytesIO(plain)).encrypt(PASSWORD, out)
    path.write_bytes(out.getvalue())
    # it really is encrypted, and really with this password
    office = msoffcrypto.OfficeFile(io.BytesIO(path.read_bytes()))
    assert office.is_encrypted()
    office.load_key(password=PASSWORD)
    back = io.BytesIO()
    office.decrypt(back)
    assert back.getvalue() == plain


CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Default Extension="bin" ContentType="application/octet-stream"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
DOCUMENT_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
    "<w:p><w:r><w:t>Dear Mr Patel, thank you for your letter.</w:t></w:r></w:p>"
    "</w:body></w:document>"
)


def build_zip_bomb_template(path: Path) -> None:
    """A .docx whose one extra member is GIB + 16 MiB of zeros, deflated fast."""
    chunk = bytes(16 * 1024 * 1024)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("word/document.xml", DOCUMENT_XML)
        with zf.open("word/media/padding.bin", "w", force_zip64=True) as fh:
            for _ in range(GIB // len(chunk) + 1):
                fh.write(chunk)
    with zipfile.ZipFile(path) as zf:
        names = set(zf.namelist())
        total = sum(i.file_size for i in zf.infolist())
    assert {"[Content_Types].xml", "word/document.xml"} <= names
    assert total > GIB, f"bomb expands to only {total} bytes"
    assert path.stat().st_size < 20 * 1024 * 1024, "the bomb itself should be small"


def build_zip_bomb(path: Path, shared: Shared) -> None:
    shutil.copyfile(shared.zip_bomb(), path)


def _entity_bomb(path: Path, padding: int) -> None:
    """A valid python-docx .docx whose word/document.xml declares a billion laughs.

    padding > 0 puts an XML comment of that many characters before the DOCTYPE,
    which is still a legal prolog but pushes the declarations far from the start.
    """
    src = zipfile.ZipFile(io.BytesIO(docx_bytes(PLAIN_LETTER)))
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{"".join(f"&lol{i - 1};" for _ in range(10))}">' for i in range(1, 10)
    ]
    doctype = "<!DOCTYPE w:document [\n" + "\n".join(entities) + "\n]>\n"
    comment = f"<!--{'x' * padding}-->\n" if padding else ""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "word/document.xml":
                text = data.decode("utf-8")
                decl_end = text.index("?>") + 2
                text = text[:decl_end] + "\n" + comment + doctype + text[decl_end:]
                target = "Officers have passed your comments to the waste team."
                assert target in text
                text = text.replace(target, "Officers have passed &lol9; to the waste team.")
                data = text.encode("utf-8")
            out.writestr(info, data)
    with zipfile.ZipFile(path) as zf:
        xml = zf.read("word/document.xml")
        assert zf.testzip() is None
    assert b"<!ENTITY lol9" in xml and b"&lol9;" in xml


def build_entity_bomb(path: Path, shared: Shared) -> None:
    _entity_bomb(path, padding=0)


def build_entity_bomb_padded(path: Path, shared: Shared) -> None:
    _entity_bomb(path, padding=70_000)


def build_pdf_no_text(path: Path, shared: Shared) -> None:
    from PIL import Image
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    picture = Image.new("RGB", (120, 80), (200, 200, 200))
    for x in range(0, 120, 4):  # a few dark stripes, like a scanned line of text
        for y in range(30, 40):
            picture.putpixel((x, y), (20, 20, 20))
    c = canvas.Canvas(str(path), pagesize=A4)
    for page in range(2):
        c.setFillColorRGB(0.2, 0.3, 0.6)
        c.rect(72, 700, 450, 60, fill=1)
        c.circle(300, 500, 80, stroke=1, fill=0)
        for y in range(150, 400, 20):
            c.line(72, y, 520 - page * 40, y)
        c.drawImage(ImageReader(picture), 72, 420, width=240, height=160)
        c.showPage()
    c.save()

    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        assert len(pdf) == 2
        for i in range(len(pdf)):
            page = pdf[i]
            tp = page.get_textpage()
            assert tp.count_chars() == 0, "the PDF must have no text layer"
            assert len(list(page.get_objects())) > 0, "the PDF page must not be blank"
            tp.close()
            page.close()
    finally:
        pdf.close()


def build_good_letter(path: Path) -> None:
    path.write_bytes(docx_bytes(GOOD_LETTER))


@dataclass(frozen=True)
class Hostile:
    id: str
    filename: str  # name used when the file is checked on its own
    build: Callable[[Path, Shared], None]
    reason: str  # regex (case-insensitive) the one-line reason must match

    @property
    def dir_name(self) -> str:  # unique name when all of them share a directory
        return f"{self.id}{Path(self.filename).suffix}"


NOT_READABLE = r"not a|corrupt|binary|unrecogni[sz]|invalid|unknown|no PDF header"
HOSTILE = [
    Hostile("empty-docx", "letter.docx", build_empty, r"\bempty\b"),
    Hostile("empty-pdf", "letter.pdf", build_empty, r"\bempty\b"),
    Hostile("empty-txt", "letter.txt", build_empty, r"\bempty\b"),
    Hostile("empty-eml", "letter.eml", build_empty, r"\bempty\b"),
    Hostile("random-bytes-docx", "letter.docx", build_random, NOT_READABLE),
    Hostile("random-bytes-pdf", "letter.pdf", build_random, NOT_READABLE),
    Hostile(
        "truncated-zip-docx",
        "letter.docx",
        build_truncated_docx,
        r"corrupt|truncat|damaged|not a (readable )?zip",
    ),
    Hostile("legacy-doc-renamed-docx", "report.docx", build_legacy_doc, r"legacy\b.*\.doc\b"),
    Hostile("password-protected-docx", "letter.docx", build_encrypted_docx, r"encrypt|password"),
    Hostile(
        "zip-bomb-over-1gib-docx",
        "letter.docx",
        build_zip_bomb,
        r"zip bomb|expands|too large|uncompressed|compression ratio|decompress",
    ),
    Hostile(
        "entity-bomb-docx", "letter.docx", build_entity_bomb, r"entit|DOCTYPE|bomb|amplification"
    ),
    Hostile(
        "entity-bomb-after-70k-comment-docx",
        "letter.docx",
        build_entity_bomb_padded,
        r"entit|DOCTYPE|bomb|amplification",
    ),
    Hostile("pdf-without-text-layer", "letter.pdf", build_pdf_no_text, r"no text|text layer|scan"),
]


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Shared:
    return Shared(tmp_path_factory)


# --------------------------------------------------------------------------- tests


@pytest.mark.parametrize("case", HOSTILE, ids=lambda c: c.id)
def test_hostile_file_is_refused_in_one_line(case: Hostile, tmp_path: Path, shared: Shared) -> None:
    inbox = tmp_path / "in"
    inbox.mkdir()
    path = inbox / case.filename
    case.build(path, shared)
    before = snapshot(inbox)

    run = run_protocheck([str(path)], tmp_path, cwd=inbox)

    problems = harness_problems(run)
    if run.returncode is None:
        problems.append(f"did not finish within {RUN_TIMEOUT} s (killed)")
    elif run.returncode != 2:
        problems.append(f"exit code {run.returncode}, expected 2")
    if "Traceback" in run.stdout or "Traceback" in run.stderr:
        problems.append("a traceback was printed")
    lines = run.stderr.splitlines()
    if len(lines) != 1:
        problems.append(f"{len(lines)} lines on stderr, expected exactly 1")
    else:
        line = lines[0]
        if str(path) not in line:
            problems.append(f"the stderr line does not name the file {path}")
        else:
            reason = line.split(str(path), 1)[1].strip(" :")
            if not reason:
                problems.append("the stderr line gives no reason")
            elif not re.search(case.reason, reason, re.IGNORECASE):
                problems.append(f"reason {reason!r} does not match /{case.reason}/i")
    if run.elapsed >= MAX_SECONDS:
        problems.append(f"took {run.elapsed:.2f} s (limit {MAX_SECONDS} s)")
    if run.maxrss_kb >= MAX_RSS_KB:
        problems.append(f"peak RSS {run.maxrss_kb / 1024:.0f} MB (limit {MAX_RSS_KB // 1024} MB)")
    problems += snapshot_problems(before, snapshot(inbox))

    assert not problems, "\n".join(problems) + "\n" + run.describe()


def test_good_letter_alone_is_flagged(tmp_path: Path) -> None:
    """Control: the good letter on its own is read and flagged COR001 (exit 1),
    so the directory test below fails only because of the hostile files."""
    inbox = tmp_path / "in"
    inbox.mkdir()
    build_good_letter(inbox / "letter.docx")
    run = run_protocheck([str(inbox / "letter.docx"), "--format", "json"], tmp_path, cwd=inbox)
    assert run.returncode == 1, run.describe()
    assert run.stderr == "", run.describe()
    [entry] = json.loads(run.stdout)["files"]
    assert entry["error"] is None
    assert any(f["code"] == "COR001" for f in entry["findings"]), run.describe()


def test_directory_of_hostile_files_and_one_good_letter(tmp_path: Path, shared: Shared) -> None:
    inbox = tmp_path / "in"
    inbox.mkdir()
    inbox = inbox.resolve()
    hostile = {}
    for case in HOSTILE:
        path = inbox / case.dir_name
        case.build(path, shared)
        hostile[path] = case
    good = inbox / "good-letter.docx"
    build_good_letter(good)
    before = snapshot(inbox)

    run = run_protocheck([str(inbox), "--format", "json"], tmp_path, cwd=inbox)
    context = "\n" + run.describe()

    assert harness_problems(run) == [], context
    assert run.returncode == 2, context
    assert "Traceback" not in run.stdout and "Traceback" not in run.stderr, context
    changed = snapshot_problems(before, snapshot(inbox))
    assert not changed, "\n".join(changed) + context

    report = json.loads(run.stdout)
    entries = {Path(e["path"]).resolve(): e for e in report["files"]}
    assert set(entries) == {*hostile, good}, (
        f"files reported: {sorted(map(str, entries))}" + context
    )

    good_entry = entries[good]
    assert good_entry["error"] is None, context
    cor001 = [f for f in good_entry["findings"] if f["code"] == "COR001"]
    assert cor001, f"no COR001 on the good letter: {good_entry['findings']}" + context

    bad_errors = {}
    for path, case in hostile.items():
        err = entries[path]["error"]
        if not isinstance(err, str) or not err.strip() or "\n" in err or "\r" in err:
            bad_errors[case.id] = err
        elif not re.search(case.reason, err, re.IGNORECASE):
            bad_errors[case.id] = f"{err!r} does not match /{case.reason}/i"
        elif entries[path]["findings"]:
            bad_errors[case.id] = f"unreadable file has findings: {entries[path]['findings']}"
    assert not bad_errors, f"hostile files without a proper one-line error: {bad_errors}" + context
    assert report["summary"]["unreadable"] == len(hostile), context

    lines = run.stderr.splitlines()
    assert len(lines) == len(hostile), (
        f"{len(lines)} stderr lines for {len(hostile)} unreadable files" + context
    )
    named = []
    for line in lines:
        which = [p for p in (*hostile, good) if f"{p}:" in line]
        assert len(which) == 1, f"stderr line names {len(which)} input files: {line!r}" + context
        named.append(which[0])
    assert sorted(named) == sorted(hostile), context


ADVERSARIAL = {
    "one-long-token": "x" * 300_000,
    "hex-string": "0f3a9c" * 50_000,
    "capitalised-words": "Abc " * 75_000,
    "dotted-run": "a." * 150_000,
    "open-quotes": '"Cllr Smith said ' * 20_000,
    "name-lines": "Cllr A B\n" * 30_000,
}


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_text_built_to_make_patterns_backtrack_is_checked_in_bounded_time(
    name: str, tmp_path: Path
) -> None:
    """300,000 characters shaped to make a regular expression backtrack (one long token,
    a hex string, runs of names and quotation marks): every pattern, phrase list and
    line-shape regex is linear on them, so the whole check stays within seconds."""
    page = tmp_path / f"{name}.txt"
    page.write_text(ADVERSARIAL[name], encoding="utf-8")
    run = run_protocheck([str(page)], tmp_path, tmp_path)
    assert run.returncode in (0, 1), run.describe()
    assert run.elapsed < 10, run.describe()
