"""Hostile runs: budgets, workers and bad items around the documents.

The contract (README, INTERFACE.md): a file too big to check whole is checked up to
`max-chars` with a "truncated at N characters" notice, or refused in one line when
reading it would need more memory than a reader may have; no file takes more than
5 s or 300 MB; Ctrl-C with --jobs stops within 1 s with "interrupted" and exit code
130, leaving no process behind; a dead worker costs its file only; a bad cache,
baseline, lexicon cache, configuration, annotated copy, FIFO, symlink loop or
unreadable file or folder is one line naming it (or a note), and the other files are
still reported. Inputs are byte-identical afterwards (sha256).

Every input is built here in tmp_path. protocheck runs as a subprocess measured by
the fresh wrapper of test_hostile_inputs (peak RSS of protocheck and any process it
forks, wall time).
"""

from __future__ import annotations

import io
import json
import os
import random
import re
import shutil
import signal
import stat
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from test_hostile_inputs import (
    GOOD_LETTER,
    GOOD_SENTENCE,
    MAX_RSS_KB,
    MAX_SECONDS,
    PLAIN_LETTER,
    RUN_TIMEOUT,
    Run,
    docx_bytes,
    harness_problems,
    snapshot,
    snapshot_problems,
)
from test_hostile_inputs import measured as _measured

WORDS = [
    "the",
    "council",
    "will",
    "consider",
    "your",
    "letter",
    "about",
    "parking",
    "charges",
    "officers",
    "have",
    "passed",
    "comments",
    "to",
    "waste",
    "team",
    "recycling",
    "collections",
    "on",
    "Mill",
    "Lane",
    "residents",
    "ward",
    "budget",
    "report",
    "cabinet",
    "meeting",
    "planning",
    "application",
    "decision",
    "notice",
    "consultation",
]
GOOD_TEXT = "\n\n".join(GOOD_LETTER) + "\n"
CLEAN_TEXT = "\n\n".join(PLAIN_LETTER) + "\n"


def measured(
    args: list[str],
    tmp_path: Path,
    cwd: Path,
    *,
    cache: bool = False,
    env: dict[str, str] | None = None,
) -> Run:
    """protocheck check ARGS through the fresh measuring wrapper, at 100 columns."""
    return _measured(args, tmp_path, cwd, cache=cache, env={"COLUMNS": "100", **(env or {})})


def within_budget(run: Run) -> list[str]:
    problems = harness_problems(run)
    if run.returncode is None:
        problems.append(f"did not finish within {RUN_TIMEOUT} s")
    if run.elapsed >= MAX_SECONDS:
        problems.append(f"took {run.elapsed:.2f} s (limit {MAX_SECONDS} s)")
    if run.maxrss_kb >= MAX_RSS_KB:
        problems.append(f"peak RSS {run.maxrss_kb / 1024:.0f} MB (limit {MAX_RSS_KB // 1024} MB)")
    if "Traceback" in run.stdout + run.stderr or "internal error" in run.stderr:
        problems.append("a traceback or an internal error was printed")
    return problems


def entries(run: Run) -> dict[str, dict[str, object]]:
    return {Path(e["path"]).name: e for e in json.loads(run.stdout)["files"]}


def paragraphs(rng: random.Random) -> list[str]:
    return [" ".join(rng.choices(WORDS, k=70)) for _ in range(2000)]


def words(rng: random.Random, n_chars: int) -> str:
    """n_chars of text from a pool of 2,000 word-salad paragraphs (no long repeats, so
    a zip of it stays under the zip-bomb ratio)."""
    pool = paragraphs(rng)
    out: list[str] = []
    size = 0
    while size < n_chars:
        para = rng.choice(pool)
        out.append(para)
        size += len(para) + 1
    return " ".join(out)[:n_chars]


# --------------------------------------------------------------------------- the big files


def build_big_txt(path: Path) -> None:
    rng = random.Random(1)
    with path.open("w", encoding="utf-8") as fh:
        fh.write(GOOD_TEXT)
        for _ in range(29):
            fh.write(words(rng, 2_000_000) + "\n\n")
    assert path.stat().st_size > 58_000_000


def build_big_eml(path: Path) -> None:
    rng = random.Random(2)
    head = "From: Cllr Priya Shah <cllr.priya.shah@example.gov.uk>\nTo: resident@example.com\nSubject: Parking\n\n"
    with path.open("w", encoding="utf-8") as fh:
        fh.write(head + GOOD_SENTENCE + " ")
        for _ in range(25):
            fh.write(words(rng, 2_000_000) + " ")
        fh.write("\n")
    assert path.stat().st_size > 50_000_000
    assert path.read_bytes()[len(head) :].count(b"\n") == 1, "the body is one line"


def build_big_docx(path: Path) -> None:
    rng = random.Random(3)
    src = zipfile.ZipFile(io.BytesIO(docx_bytes(GOOD_LETTER)))
    pool = [f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs(rng)]
    paras = "".join(rng.choices(pool, k=100_000))
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as out:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "word/document.xml":
                text = data.decode("utf-8")
                data = text.replace("<w:sectPr", paras + "<w:sectPr", 1).encode("utf-8")
            out.writestr(info.filename, data)
    with zipfile.ZipFile(path) as zf:
        size = zf.getinfo("word/document.xml").file_size
    assert size > 45_000_000, size


def _pdf(path: Path, pages: list[str | int]) -> None:
    """A PDF whose pages are a letter's text (str) or that many characters of 1-pt text."""
    from reportlab.pdfgen import canvas

    rng = random.Random(4)
    c = canvas.Canvas(str(path))
    for page in pages:
        if isinstance(page, str):
            t = c.beginText(72, 760)
            t.setFont("Helvetica", 11)
            for line in page.splitlines():
                t.textLine(line)
        else:
            t = c.beginText(0, 840)
            t.setFont("Helvetica", 1)
            line = words(rng, 1000)
            for _ in range(page // 1000):
                t.textLine(line)
        c.drawText(t)
        c.showPage()
    c.save()


def build_big_pdf(path: Path) -> None:
    _pdf(path, [5_000_000])
    assert path.stat().st_size < 1_000_000, "a small file"


def build_pdf_with_one_huge_page(path: Path) -> None:
    _pdf(path, [CLEAN_TEXT, 5_000_000, GOOD_TEXT])


TRUNCATED = r"truncated at 500,000 characters"


@pytest.mark.parametrize(
    ("build", "name", "expect"),
    [
        (build_big_txt, "big.txt", TRUNCATED),
        (build_big_eml, "big.eml", TRUNCATED),
        (build_big_docx, "big.docx", TRUNCATED),
        (build_big_pdf, "big.pdf", r"refused: reading page 1 needed more than \d+ MB of memory"),
        (build_pdf_with_one_huge_page, "pack.pdf", r"page 2 was not read: it needed more than"),
    ],
    ids=[
        "txt-58MB",
        "eml-50MB-one-line",
        "docx-45MB-document-xml",
        "pdf-5M-chars-one-page",
        "pdf-one-huge-page-of-3",
    ],
)
def test_big_file_is_checked_within_budget(
    build: object, name: str, expect: str, tmp_path: Path
) -> None:
    inbox = tmp_path / "in"
    inbox.mkdir()
    path = inbox / name
    build(path)  # type: ignore[operator]
    good = inbox / "good.txt"
    good.write_text(GOOD_TEXT, encoding="utf-8")
    before = snapshot(inbox)

    run = measured([str(path), "--format", "json"], tmp_path, inbox)
    # the peak is protocheck's and its children's: every reader's memory counts
    problems = within_budget(run)
    problems += snapshot_problems(before, snapshot(inbox))
    assert not problems, "\n".join(problems) + "\n" + run.describe()
    [entry] = json.loads(run.stdout)["files"]
    if name == "big.pdf":
        assert run.returncode == 2, run.describe()
        assert re.search(expect, str(entry["error"])), run.describe()
        assert run.stderr.splitlines() == [f"protocheck: {path}: {entry['error']}"], run.describe()
    else:
        assert entry["error"] is None, run.describe()
        assert any(re.search(expect, n) for n in entry.get("notices", [])), run.describe()
        # the text before the cut is checked: each file opens with the Member's promise
        assert any(f["code"] == "COR001" for f in entry["findings"]), run.describe()
        assert run.returncode == 1 and run.stderr == "", run.describe()


def test_max_chars_from_the_configuration_cuts_the_text(tmp_path: Path) -> None:
    inbox = tmp_path / "in"
    inbox.mkdir()
    (inbox / "protocheck.toml").write_text("max-chars = 2000\n", encoding="utf-8")
    late = inbox / "late-promise.txt"
    late.write_text(CLEAN_TEXT + "\n\n" + words(random.Random(5), 3000) + "\n\n" + GOOD_TEXT)
    early = inbox / "early-promise.txt"
    early.write_text(GOOD_TEXT + "\n\n" + words(random.Random(6), 3000))
    run = measured([str(inbox), "--format", "json"], tmp_path, inbox)
    got = entries(run)
    assert all("truncated at 2,000 characters" in " ".join(e["notices"]) for e in got.values())  # type: ignore[arg-type]
    assert not got["late-promise.txt"]["findings"], run.describe()
    assert got["early-promise.txt"]["findings"], run.describe()
    assert run.returncode == 1, run.describe()


# --------------------------------------------------------------------------- workers


def _letters(folder: Path, n: int) -> list[Path]:
    folder.mkdir()
    out = []
    for i in range(n):
        p = folder / f"letter-{i:02d}.txt"
        p.write_text(GOOD_TEXT.replace("Mr Patel", f"Mr Patel {i}"), encoding="utf-8")
        out.append(p)
    return out


def _marked_processes(mark: str) -> list[int]:
    found = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            if f"PROTOCHECK_TEST_MARK={mark}".encode() in Path(f"/proc/{pid}/environ").read_bytes():
                found.append(int(pid))
        except OSError:
            continue
    return found


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _start(args: list[str], tmp_path: Path, mark: str) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "PROTOCHECK_CACHE_DIR": str(tmp_path / "cache"),
        "PROTOCHECK_TEST_MARK": mark,
    }
    return subprocess.Popen(
        [sys.executable, "-m", "protocheck.cli", "check", "--no-cache", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=True,  # Ctrl-C goes to the whole group, as from a terminal
        # and is heard, as from a terminal, even when this run inherited it ignored (a
        # shell's background job)
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )


def _wait_for_busy_workers(proc: subprocess.Popen[str], n: int) -> list[int]:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        kids = _children(proc.pid)
        if len(kids) >= n:
            time.sleep(0.5)  # the workers are reading their first files
            return kids
        time.sleep(0.05)
    raise AssertionError("the workers never started")


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs /proc")
def test_ctrl_c_with_jobs_stops_within_a_second_and_leaves_no_process(tmp_path: Path) -> None:
    # enough letters that the run is still going half a second after its workers start
    # (40 were all checked by then on a quiet 2-core machine)
    _letters(tmp_path / "in", 400)
    before = snapshot(tmp_path / "in")
    mark = f"ctrl-c-{os.getpid()}"
    proc = _start(["--jobs", "2", str(tmp_path / "in")], tmp_path, mark)
    _wait_for_busy_workers(proc, 2)
    sent = time.monotonic()
    os.killpg(proc.pid, signal.SIGINT)
    try:
        _, err = proc.communicate(timeout=10)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    took = time.monotonic() - sent
    time.sleep(0.2)
    left = _marked_processes(mark)
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert proc.returncode == 130, err
    assert took < 1.0, f"took {took:.2f} s after Ctrl-C"
    assert err.splitlines() == ["protocheck: interrupted"], err
    assert not left, f"processes left behind: {left}"
    assert snapshot_problems(before, snapshot(tmp_path / "in")) == []


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs /proc")
def test_a_killed_worker_costs_its_file_only(tmp_path: Path) -> None:
    files = _letters(tmp_path / "in", 400)  # enough that the victim is still at work when killed
    mark = f"kill-{os.getpid()}"
    proc = _start(["--jobs", "2", "--format", "json", str(tmp_path / "in")], tmp_path, mark)
    victim = _wait_for_busy_workers(proc, 2)[0]
    os.kill(victim, signal.SIGKILL)  # as the out-of-memory killer would
    out, err = proc.communicate(timeout=120)
    got = entries(Run(proc.returncode, out, err, 0, 0, 0))
    assert set(got) == {f.name for f in files}, err
    dead = [name for name, e in got.items() if e["error"]]
    assert len(dead) == 1, got
    assert re.fullmatch(r"worker died \(SIGKILL\): out of memory\?", str(got[dead[0]]["error"]))
    assert err.splitlines() == [f"protocheck: {tmp_path / 'in' / dead[0]}: {got[dead[0]]['error']}"]
    for name, e in got.items():
        if name not in dead:
            assert [f["code"] for f in e["findings"]] == ["COR001"], (name, e)  # type: ignore[union-attr]
    assert proc.returncode == 2
    _assert_none_left(mark)


def _assert_none_left(mark: str, within: float = 3.0) -> None:
    """No process of the run is left; one still exiting on a loaded machine gets `within` s."""
    deadline = time.monotonic() + within
    while _marked_processes(mark) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _marked_processes(mark)


def test_the_worker_memory_limit_is_applied(tmp_path: Path) -> None:
    """With a 1 MB allowance no worker can load the language pipeline: each file is
    one line (the limit really is set), and the run still ends with every file."""
    files = _letters(tmp_path / "in", 3)
    run = measured(
        ["--jobs", "2", "--format", "json", str(tmp_path / "in")],
        tmp_path,
        tmp_path,
        env={"PROTOCHECK_WORKER_MEMORY_MB": "1"},
    )
    got = entries(run)
    assert set(got) == {f.name for f in files}, run.describe()
    assert all(re.search(r"memory|worker died", str(e["error"])) for e in got.values()), (
        run.describe()
    )
    assert len(run.stderr.splitlines()) == 3 and "Traceback" not in run.stderr, run.describe()
    assert run.returncode == 2


# --------------------------------------------------------------------------- bad items


def build_eml_no_boundary(path: Path) -> None:
    path.write_text(
        "From: Cllr Priya Shah <cllr.priya.shah@example.gov.uk>\nTo: resident@example.com\n"
        "Subject: Parking\nMIME-Version: 1.0\nContent-Type: multipart/mixed\n\n"
        "--xyz\nContent-Type: text/plain\n\n" + GOOD_TEXT + "--xyz--\n"
    )


def build_eml_bad_base64(path: Path) -> None:
    path.write_text(
        "From: Cllr Priya Shah <cllr.priya.shah@example.gov.uk>\nTo: resident@example.com\n"
        "Subject: Parking\nMIME-Version: 1.0\nContent-Type: text/plain\n"
        "Content-Transfer-Encoding: base64\n\n!!not*base64$$ at all\n"
    )


def test_unreadable_things_in_a_folder_are_each_one_line(tmp_path: Path) -> None:
    inbox = tmp_path / "in"
    (inbox / "sub").mkdir(parents=True)
    good = inbox / "sub" / "good.txt"
    good.write_text(GOOD_TEXT, encoding="utf-8")
    os.mkfifo(inbox / "pipe.txt")
    (inbox / "loop.txt").symlink_to("loop.txt")
    (inbox / "gone.docx").symlink_to("nowhere.docx")
    build_eml_no_boundary(inbox / "no-boundary.eml")
    build_eml_bad_base64(inbox / "bad-base64.eml")
    (inbox / "bytes.txt").write_bytes(CLEAN_TEXT.encode() + b"caf\x81 \x8d\x90\n")
    before = snapshot_files(inbox)

    run = measured([str(inbox), "--format", "json"], tmp_path, inbox)
    assert within_budget(run) == [], run.describe()
    got = entries(run)
    assert set(got) == {
        "good.txt",
        "pipe.txt",
        "loop.txt",
        "gone.docx",
        "no-boundary.eml",
        "bad-base64.eml",
        "bytes.txt",
    }, run.describe()
    assert got["pipe.txt"]["error"] == "not a regular file (a FIFO): skipped"
    assert got["loop.txt"]["error"] == "symlink loop: skipped"
    assert got["gone.docx"]["error"] == "no such file or directory"
    lines = sorted(run.stderr.splitlines())
    assert lines == sorted(
        f"protocheck: {inbox / n}: {got[n]['error']}" for n in ("pipe.txt", "loop.txt", "gone.docx")
    ), run.describe()
    notes = {n: " ".join(e.get("notices", [])) for n, e in got.items()}  # type: ignore[arg-type]
    assert "the body was not read: a multipart message with no boundary" in notes["no-boundary.eml"]
    assert "the body was not read: its base64 encoding is invalid" in notes["bad-base64.eml"]
    assert re.search(
        rf"3 bytes are not valid UTF-8 or Windows-1252 text \(the first on line {CLEAN_TEXT.count(chr(10)) + 1}\)",
        notes["bytes.txt"],
    )
    assert [f["code"] for f in got["good.txt"]["findings"]] == ["COR001"]  # type: ignore[union-attr]
    assert run.returncode == 2
    assert snapshot_files(inbox) == before


def snapshot_files(folder: Path) -> dict[str, str]:
    """sha256 of the regular files (a FIFO cannot be read, a loop cannot be followed)."""
    import hashlib

    out = {}
    for p in sorted(folder.rglob("*")):
        st = p.lstat()
        if stat.S_ISREG(st.st_mode):
            out[p.relative_to(folder).as_posix()] = hashlib.sha256(p.read_bytes()).hexdigest()
        else:
            out[p.relative_to(folder).as_posix()] = stat.filemode(st.st_mode)
    return out


def test_a_fifo_a_device_or_a_symlink_loop_named_first_does_not_stop_the_run(
    tmp_path: Path,
) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "loop.txt").symlink_to("loop.txt")
    good = tmp_path / "good.txt"
    good.write_text(GOOD_TEXT, encoding="utf-8")
    run = measured(["loop.txt", "pipe.txt", os.devnull, "good.txt"], tmp_path, tmp_path)
    assert within_budget(run) == [], run.describe()
    assert run.stderr.splitlines() == [
        "protocheck: loop.txt: symlink loop: skipped",
        "protocheck: pipe.txt: not a regular file (a FIFO): skipped",
        f"protocheck: {os.devnull}: not a regular file (a device): skipped",
    ], run.describe()
    assert "COR001" in run.stdout and run.returncode == 2, run.describe()


def _without_dac_override() -> list[str]:
    """A prefix that runs a command as if not root (file permissions apply), or []."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("root without setpriv: file permissions cannot be made to apply")
    return [setpriv, "--bounding-set", "-dac_override,-dac_read_search"]


def test_unreadable_file_and_folder_are_each_one_line(tmp_path: Path) -> None:
    prefix = _without_dac_override()
    inbox = tmp_path / "in"
    (inbox / "locked").mkdir(parents=True)
    (inbox / "good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (inbox / "locked" / "inside.txt").write_text(GOOD_TEXT, encoding="utf-8")
    secret = inbox / "secret.txt"
    secret.write_text(GOOD_TEXT, encoding="utf-8")
    secret.chmod(0)
    (inbox / "locked").chmod(0)
    env = {**os.environ, "PROTOCHECK_CACHE_DIR": str(tmp_path / "cache"), "COLUMNS": "100"}
    try:
        cli = [*prefix, sys.executable, "-m", "protocheck.cli", "--no-cache", "--format", "json"]
        walk = subprocess.run(
            [*cli, "."], capture_output=True, text=True, cwd=inbox, env=env, timeout=120
        )
        named = subprocess.run(
            [*cli, "locked/inside.txt", "secret.txt", "good.txt"],
            capture_output=True,
            text=True,
            cwd=inbox,
            env=env,
            timeout=120,
        )
    finally:
        (inbox / "locked").chmod(0o755)
        secret.chmod(0o644)
    for proc, expect in (
        (
            walk,
            {
                "locked": "cannot list the folder: Permission denied",
                "secret.txt": "cannot open: Permission denied",
            },
        ),
        (
            named,
            {
                "inside.txt": "cannot open: Permission denied",
                "secret.txt": "cannot open: Permission denied",
            },
        ),
    ):
        got = {Path(e["path"]).name: e for e in json.loads(proc.stdout)["files"]}
        assert {n: got[n]["error"] for n in expect} == expect, proc.stderr
        assert len(proc.stderr.splitlines()) == 2 and "Traceback" not in proc.stderr, proc.stderr
        assert [f["code"] for f in got["good.txt"]["findings"]] == ["COR001"]
        assert proc.returncode == 2


def test_bad_cache_and_lexicon_cache_entries_are_ignored_and_written_again(tmp_path: Path) -> None:
    inbox = tmp_path / "in"
    inbox.mkdir()
    (inbox / "good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (inbox / "clean.txt").write_text(CLEAN_TEXT, encoding="utf-8")
    first = measured([str(inbox), "--format", "json"], tmp_path, inbox, cache=True)
    assert first.returncode == 1, first.describe()
    cache = tmp_path / "cache"
    results = sorted(cache.glob("??/*.json"))
    lexicons = sorted(cache.glob("lexicons/*.marshal"))
    assert len(results) == 2 and lexicons, sorted(cache.rglob("*"))
    bad = ["{}", '{"path": 3, "findings": "x"}']
    for entry, text in zip(results, bad, strict=True):
        entry.write_text(text)
    for k, entry in enumerate(lexicons):
        data = entry.read_bytes()
        entry.write_bytes(data[: len(data) // 2] if k % 2 else data[:-1] + b"\x00")
    for args, use_cache in (([], False), ([], True)):
        again = measured([str(inbox), "--format", "json", *args], tmp_path, inbox, cache=use_cache)
        assert again.returncode == 1 and again.stderr == "", again.describe()
        assert entries(again) == entries(first), again.describe()
    for entry in results:  # written again, whole
        assert json.loads(entry.read_text())["path"].endswith(".txt")


def test_a_replaced_file_of_the_same_size_and_time_is_checked_again(tmp_path: Path) -> None:
    letter = tmp_path / "letter.txt"
    assert len(CLEAN_TEXT) < len(GOOD_TEXT)
    clean = CLEAN_TEXT + "\n" * (len(GOOD_TEXT) - len(CLEAN_TEXT))  # the same size
    letter.write_text(clean, encoding="utf-8")
    os.utime(letter, ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))
    first = measured([str(letter)], tmp_path, tmp_path, cache=True)
    assert first.returncode == 0, first.describe()
    letter.write_text(GOOD_TEXT, encoding="utf-8")
    os.utime(letter, ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))
    assert letter.stat().st_size == len(clean)
    second = measured([str(letter)], tmp_path, tmp_path, cache=True)
    assert second.returncode == 1 and "COR001" in second.stdout, second.describe()


def test_a_bad_baseline_accepts_nothing_and_says_so(tmp_path: Path) -> None:
    for name, text in (
        ("list", "[1, 2]"),
        ("no-path", '{"findings": [{"code": "COR001", "hash": "x"}]}'),
    ):
        folder = tmp_path / "in" / name
        folder.mkdir(parents=True)
        (folder / "protocheck.toml").write_text('baseline = "baseline.json"\n')
        (folder / "baseline.json").write_text(text)
        (folder / "letter.txt").write_text(GOOD_TEXT, encoding="utf-8")
    run = measured([str(tmp_path / "in"), "--format", "json"], tmp_path, tmp_path)
    files = json.loads(run.stdout)["files"]
    assert len(files) == 2 and run.returncode == 1 and run.stderr == "", run.describe()
    for e in files:
        assert [(f["code"], f["suppressed"]) for f in e["findings"]] == [("COR001", False)]
        assert any(
            re.search(r"baseline .*(not a protocheck baseline|malformed)", n) for n in e["notices"]
        ), e


@pytest.mark.parametrize("which", ["protocheck.toml", "members.csv"])
def test_a_binary_configuration_is_named_in_one_line(which: str, tmp_path: Path) -> None:
    (tmp_path / "letter.txt").write_text(GOOD_TEXT, encoding="utf-8")
    binary = bytes(random.Random(7).randrange(128, 256) for _ in range(400))
    if which == "members.csv":
        (tmp_path / "protocheck.toml").write_text('members-csv = "members.csv"\n')
    (tmp_path / which).write_bytes(binary)
    run = measured(["letter.txt"], tmp_path, tmp_path)
    [line] = run.stderr.splitlines()
    assert str(tmp_path / which) in line and "not UTF-8 text" in line, run.describe()
    assert run.returncode == 2 and within_budget(run) == [], run.describe()


def test_annotate_on_a_docx_with_garbage_content_types(tmp_path: Path) -> None:
    inbox = tmp_path / "in"
    inbox.mkdir()
    src = zipfile.ZipFile(io.BytesIO(docx_bytes(GOOD_LETTER)))
    target = inbox / "letter.docx"
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info.filename)
            out.writestr(
                info.filename, b"\x00<<garbage" if info.filename == "[Content_Types].xml" else data
            )
    before = snapshot(inbox)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    run = measured([str(target), "--annotate", str(out_dir / "x.docx")], tmp_path, tmp_path)
    assert run.returncode == 2, run.describe()
    [line] = run.stderr.splitlines()
    assert line.startswith(f"protocheck: {target}: cannot annotate: "), run.describe()
    assert "COR001" in run.stdout, run.describe()  # the file itself was checked
    assert list(out_dir.iterdir()) == []
    assert snapshot_problems(before, snapshot(inbox)) == []
