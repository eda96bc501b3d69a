"""Throughput: how many worker processes a run uses by default, the `jobs` key, and
that the faster paths give exactly the findings the plain ones give."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import MEMBER_LETTER, build_docx, run_cli


def _letters(folder: Path, n: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for k in range(n):
        spec = json.loads(json.dumps(MEMBER_LETTER).replace("31 March", f"{k + 1} March"))
        out.append(build_docx(folder / f"letter-{k}.docx", spec))
    return out


def test_a_few_files_are_checked_in_this_process() -> None:
    from protocheck import workers

    assert [workers.default_jobs(n) for n in range(workers.FEW_FILES + 1)] == [1] * (
        workers.FEW_FILES + 1
    )
    assert 1 <= workers.default_jobs(100) <= workers.usable_cores()
    assert workers.default_jobs(workers.FEW_FILES + 1) <= workers.FEW_FILES + 1


def test_a_busy_machine_gets_one_worker() -> None:
    """Every usable core kept busy by another process: a run of many files stays in one."""
    from protocheck import workers

    spin = [
        subprocess.Popen([sys.executable, "-c", "while True: pass"])
        for _ in range(workers.usable_cores())
    ]
    try:
        time.sleep(0.3)
        assert workers.busy_cores() >= len(spin)
        assert workers.default_jobs(100) == 1
    finally:
        for p in spin:
            p.kill()
            p.wait()


def test_jobs_in_config_is_used_and_the_option_overrides_it(tmp_path: Path) -> None:
    """`jobs = 2` in protocheck.toml runs workers; a worker given no memory to grow into
    cannot check a file (so each file says so), while `--jobs 1` checks them all here."""
    _letters(tmp_path / "drafts", 3)
    (tmp_path / "protocheck.toml").write_text("jobs = 2\n", encoding="utf-8")
    starved = {"PROTOCHECK_WORKER_MEMORY_MB": "1"}
    args = ("--no-cache", "--format", "json", "--fail-on", "never")
    workers = run_cli(str(tmp_path / "drafts"), *args, env=starved)
    files = json.loads(workers.stdout)["files"]
    assert len(files) == 3 and all(f["error"] for f in files)
    here = run_cli(str(tmp_path / "drafts"), *args, "--jobs", "1", env=starved)
    files = json.loads(here.stdout)["files"]
    assert len(files) == 3 and not any(f["error"] for f in files)
    assert all(any(x["code"] == "COR001" for x in f["findings"]) for f in files)


@pytest.mark.parametrize(
    ("value", "ok"), [("2", True), ('"auto"', True), ("0", False), ('"all"', False)]
)
def test_jobs_key_is_a_count_or_auto(tmp_path: Path, value: str, ok: bool) -> None:
    from protocheck.model import config

    (tmp_path / "protocheck.toml").write_text(f"jobs = {value}\n", encoding="utf-8")
    if ok:
        cfg = config.discover(tmp_path)
        assert cfg.jobs == (None if value == '"auto"' else int(value))
    else:
        with pytest.raises(config.ConfigError, match="'jobs'"):
            config.discover(tmp_path)


def test_findings_are_the_same_with_one_worker_or_two(tmp_path: Path) -> None:
    _letters(tmp_path / "drafts", 6)
    args = ("--no-cache", "--format", "json", "--fail-on", "never")
    one = run_cli(str(tmp_path / "drafts"), *args, "--jobs", "1")
    two = run_cli(str(tmp_path / "drafts"), *args, "--jobs", "2")
    assert one.returncode == two.returncode == 0
    assert one.stdout == two.stdout
    assert len(json.loads(one.stdout)["files"]) == 6


def _reference(doc_blocks: list[object]) -> tuple[dict[str, list[object]], list[tuple[int, int]]]:
    """What annotate gave before it was made faster: each block on its own, spaCy's own
    Sentencizer, and every pattern entry's Matcher tried on every block (no anchors)."""
    from protocheck.language import lexicon, nlp
    from protocheck.model.document import Match
    from spacy.pipeline import Sentencizer

    pipe = nlp.pipeline()
    sentencizer = Sentencizer()
    entries = [e for name in sorted(lexicon.pattern_files()) for e, _ in pipe.entries(name)]
    matches: dict[str, list[Match]] = {e.label: [] for e in entries}
    sentences: list[tuple[int, int]] = []
    for block in doc_blocks:
        text_all: str = block.text  # type: ignore[attr-defined]
        if not text_all.strip():
            continue
        for a, b in nlp._chunks(text_all):
            text = text_all[a:b]
            sdoc = sentencizer(pipe.tokenize(nlp.prepare(text)))
            base = block.start + a  # type: ignore[attr-defined]
            for sent in sdoc.sents:
                sentences += [
                    (base + x, base + y)
                    for x, y in nlp._split_lines(text, sent.start_char, sent.end_char)
                ]
            found = {
                (k, s, e) for entry in entries for k, s, e in pipe.matcher(entry)(sdoc) if e > s
            }
            for k, s, e in sorted(found, key=lambda m: (m[1], m[2], m[0])):
                label, pid = pipe.keys[k]
                span = sdoc[s:e]
                matches[label].append(
                    Match(label, pid, base + span.start_char, base + span.end_char)
                )
    for found_list in matches.values():
        found_list.sort(key=lambda m: (m.start, -m.end))  # type: ignore[attr-defined]
    return matches, sorted(sentences)  # type: ignore[return-value]


def test_matches_and_sentences_are_those_of_every_pattern_on_every_block() -> None:
    """annotate (anchor index, one Matcher a set of patterns, sentences from token
    arrays) gives exactly the matches and sentences of the plain way, on samples of
    every format and on a long report."""
    from conftest import SAMPLES
    from protocheck.language import nlp
    from protocheck.model.document import Document
    from protocheck.read import read

    picked = sorted(SAMPLES.glob("*/flag-*"))
    files = [
        p
        for suffix in (".docx", ".pdf", ".eml", ".txt")
        for p in [q for q in picked if q.suffix == suffix][:6]
    ]
    assert len(files) == 24
    for path in files:
        doc = Document.assemble(read(path))
        nlp.annotate(doc)
        matches, sentences = _reference(list(doc.blocks))
        assert doc.sentences == sentences, path
        assert doc.matches == matches, path


def _reference_lines(path: Path) -> list[list[tuple[object, ...]]]:
    """Each page's lines as pdf.py read them before: pypdfium2's get_charbox for the
    first and last character of each line, spaces squeezed by the regular expression."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw
    from protocheck.read import pdf

    out = []
    document = pdfium.PdfDocument(str(path))
    for i in range(len(document)):
        textpage = document[i].get_textpage()
        count = textpage.count_chars()
        text = textpage.get_text_range(0, count) if count > 0 else ""
        lines = []
        for found in pdf._LINE.finditer(text):
            seg, start = found.group(), found.start()
            if not seg.strip():
                continue
            first = start + (len(seg) - len(seg.lstrip()))
            last = start + len(seg.rstrip()) - 1
            left, bottom, _, top = textpage.get_charbox(first, loose=True)
            right = textpage.get_charbox(last, loose=True)[2]
            size = raw.FPDFText_GetFontSize(textpage.raw, first)
            weight = raw.FPDFText_GetFontWeight(textpage.raw, first)
            squeezed = pdf._SPACES.sub(" ", seg).strip()
            lines.append((squeezed, top, bottom, left, right, size, max(weight, 0)))
        out.append(lines)
    document.close()
    return out


def test_pdf_lines_are_those_of_per_character_lookups(tmp_path: Path) -> None:
    """Every sample PDF and a built agenda pack: the lines pdf.py reads (text, box, font
    size and weight) are exactly those of pypdfium2's own per-character calls."""
    from build_pack import build as build_pack
    from conftest import SAMPLES
    from protocheck.read import pdf

    pack = tmp_path / "pack.pdf"
    build_pack(pack, reports=6, paragraphs=4)
    paths = [*sorted(SAMPLES.rglob("*.pdf")), pack]
    assert len(paths) > 20
    for path in paths:
        raw = pdf.read(path, max_chars=10**7)
        got = [[tuple(vars(ln).values()) for ln in page] for page in raw.layout or []]
        assert got == _reference_lines(path)[: len(got)], path


def test_spacy_imports_without_its_command_line_package_and_keeps_it_usable() -> None:
    """The stand-in for `spacy.cli` (nlp._import_spacy) against the pinned spaCy:
    building the pipeline loads none of spacy.cli's packages, and afterwards both
    `spacy.info` and `import spacy.cli` are spaCy's own."""
    code = (
        "import sys\n"
        "from protocheck.language import nlp\n"
        "nlp.pipeline()\n"
        "heavy = [m for m in ('spacy.cli', 'weasel', 'requests', 'httpx', 'typer') if m in sys.modules]\n"
        "print('loaded:', heavy)\n"
        "import spacy\n"
        "print('info:', spacy.info(silent=True)['spacy_version'] == spacy.__version__)\n"
        "import spacy.cli\n"
        "print('cli:', callable(spacy.cli.info) and spacy.cli.__file__.endswith('__init__.py'))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.split("\n")[:3] == ["loaded: []", "info: True", "cli: True"], out


def test_sentences_are_the_sentencizers_on_runs_of_punctuation() -> None:
    """Sentence starts read from token arrays are spaCy's Sentencizer's on text made of
    words, stops (. ! ? and others it knows), other punctuation and spaces, at random."""
    import random

    from protocheck.language import nlp
    from spacy.pipeline import Sentencizer

    pipe = nlp.pipeline()
    sentencizer = Sentencizer()
    pieces = ["word", "Mr.", ".", "!", "?", "...", ",", ";", '"', ")", "(", "-", "\u0964", " "]
    rng = random.Random(17)
    for _ in range(400):
        text = " ".join(rng.choice(pieces) for _ in range(rng.randint(1, 25)))
        sdoc = sentencizer(pipe.tokenize(text))
        assert pipe.sentence_spans(sdoc) == [(s.start_char, s.end_char) for s in sdoc.sents], text


@pytest.mark.parametrize("color", [True, False])
@pytest.mark.parametrize("width", [36, 100])
def test_text_report_is_what_rich_prints_for_the_same_text(
    tmp_path: Path, color: bool, width: int
) -> None:
    """The text report writes Rich's Text without Rich's per-print layout: every
    piece must come out as Console.print puts it, in colour and plain, for lines
    that fit and for lines too wide (a long file name, wide characters, a tab)."""
    import io

    from protocheck import engine
    from protocheck.cli.report import text_format
    from protocheck.model.findings import Report
    from rich.cells import cell_len
    from rich.console import Console
    from rich.text import Text

    long = tmp_path / ("a-file-name-far-longer-than-any-terminal-line-" * 3 + "end.txt")
    long.write_text(
        "Dear Resident,\n\nI can confirm that the Council will refund your charges in full "
        "by 31 March, 全角文字のテキスト 全角文字のテキスト 全角文字のテキスト.\n\n"
        "Yours sincerely,\nCllr Priya Shah\nWard Member\n",
        encoding="utf-8",
    )
    build_docx(tmp_path / "letter.docx", MEMBER_LETTER)
    # a suppression that matches nothing: a note under the file, one style and no spans
    (tmp_path / "clean.txt").write_text(
        "Dear Resident,\n\nThank you.\n\nprotocheck: ignore[COR001] reason: agreed\n",
        encoding="utf-8",
    )
    results = engine.run([tmp_path], engine.Options(use_cache=False), jobs=1)
    assert sum(len(r.findings) for r in results) >= 2
    printed: list[Text | None] = []
    real = text_format._Writer.print

    def spy(self: text_format._Writer, text: Text | None = None) -> None:
        printed.append(text.copy() if text is not None else None)
        real(self, text)

    stream = io.StringIO()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(text_format._Writer, "print", spy)
        text_format.render(
            Report(profile="model", files=results),
            stream=stream,
            color=color,
            width=width,
            show_clean=True,
        )
    expected = io.StringIO()
    console = Console(
        file=expected,
        force_terminal=color,
        no_color=True if color is False else None,
        width=width,
        highlight=False,
        soft_wrap=False,
    )
    for text in printed:
        console.print(*([text] if text is not None else []))
    assert stream.getvalue() == expected.getvalue()
    assert ("\x1b[" in stream.getvalue()) == color
    # both paths were taken: pieces that fit, and pieces Rich had to wrap
    lines = [line for t in printed if t is not None for line in t.plain.split("\n")]
    assert any(cell_len(line) > width for line in lines)
    assert any(0 < cell_len(line) <= width for line in lines)
    assert any(t is not None and t.style and not t.spans for t in printed)
