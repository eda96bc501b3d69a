"""Fuzz the command line with mutated samples: no traceback, no hang, bounded memory.

    python tests/tools/fuzz.py [--cases 1000] [--seed N] [--keep DIR]   (make fuzz)

Each case is a sample (.docx, .pdf, .eml or .txt from samples/, the formats in turn)
mutated by a seeded random choice of mutations: bytes flipped, cut, repeated or
inserted; for a .docx, the XML of one of its parts mutated and the package zipped
again; for an .eml or .txt, lines and headers broken, bytes that are no encoding,
very long lines. Each case runs `protocheck check CASE --format json --no-cache` in a
process forked from this one (the language pipeline is loaded once, here), and is
measured with wait4: wall time and peak RSS (of the case and of any reader it forks).

A case fails when the exit code is not 0, 1 or 2, when stderr holds a traceback or an
"internal error", when it runs over 10 s (killed), or when its peak RSS is over 300 MB.
The summary gives the seed, the cases by format, the exit codes, the failures, and the
slowest and largest cases; failing cases are kept in --keep (default fuzz-failures/).
The exit code is 1 when any case failed.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import re
import signal
import sys
import tempfile
import time
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FORMATS = (".docx", ".pdf", ".eml", ".txt")
MAX_SECONDS = 10.0
MAX_RSS_MB = 300.0
DEFAULT_SEED = 20261207


# --------------------------------------------------------------------------- mutations


def flip(rng: random.Random, data: bytes) -> bytes:
    b = bytearray(data)
    for _ in range(rng.randint(1, 20)):
        if b:
            b[rng.randrange(len(b))] = rng.randrange(256)
    return bytes(b)


def cut(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randrange(max(1, len(data)))]


def splice(rng: random.Random, data: bytes) -> bytes:
    """A slice of the data repeated, deleted or moved."""
    if len(data) < 2:
        return data
    a = rng.randrange(len(data))
    b = min(len(data), a + rng.randint(1, 4096))
    piece = data[a:b]
    how = rng.choice(("repeat", "delete", "move"))
    if how == "repeat":
        return data[:b] + piece * rng.randint(1, 200) + data[b:]
    if how == "delete":
        return data[:a] + data[b:]
    rest = data[:a] + data[b:]
    at = rng.randrange(len(rest) + 1)
    return rest[:at] + piece + rest[at:]


NASTY = [
    b"\x00",
    b"\xff\xfe",
    b"\xef\xbb\xbf",
    b"\x81\x8d\x8f\x90\x9d",
    b"\xc3\x28",
    b"\xed\xa0\x80",
    b"\x1b[31m",
    b"\r",
    b"\r\n\r\n",
    b"=?utf-8?b?!!!?=",
    b"999999999999999999999",
    b"-1",
    b"<!DOCTYPE x [<!ENTITY a 'b'>]>",
    b"</w:p>",
    b"<w:p>",
    b"]]>",
    b"%PDF-1.7",
    b"endobj",
    b"stream\n",
    b"--boundary--",
    b"Content-Transfer-Encoding: base64",
]


def insert(rng: random.Random, data: bytes) -> bytes:
    at = rng.randrange(len(data) + 1)
    choice = rng.random()
    if choice < 0.5:
        piece = rng.choice(NASTY) * rng.choice((1, 1, 1, 10, 1000))
    elif choice < 0.8:
        piece = bytes(rng.randrange(256) for _ in range(rng.randint(1, 64)))
    else:
        piece = rng.choice((b"x", b"ab", b"Cllr ", b"0f3a9c", b"a.")) * rng.randint(1000, 50000)
    return data[:at] + piece + data[at:]


BYTE_MUTATIONS = (flip, cut, splice, insert)


def mutate_bytes(rng: random.Random, data: bytes) -> bytes:
    for _ in range(rng.randint(1, 3)):
        data = rng.choice(BYTE_MUTATIONS)(rng, data)
    return data


def mutate_lines(rng: random.Random, data: bytes) -> bytes:
    """Line-level: lines dropped, repeated, swapped, made very long; headers broken."""
    lines = data.split(b"\n")
    for _ in range(rng.randint(1, 4)):
        if not lines:
            break
        k = rng.randrange(len(lines))
        how = rng.choice(("drop", "repeat", "swap", "long", "header", "blank"))
        if how == "drop":
            del lines[k]
        elif how == "repeat":
            lines[k:k] = [lines[k]] * rng.randint(1, 500)
        elif how == "swap":
            j = rng.randrange(len(lines))
            lines[k], lines[j] = lines[j], lines[k]
        elif how == "long":
            lines[k] = lines[k] * rng.randint(10, 2000)
        elif how == "header":
            lines.insert(
                k,
                rng.choice(
                    (
                        b"Content-Type: multipart/mixed",
                        b'Content-Type: multipart/alternative; boundary=""',
                        b"Content-Type: text/plain; charset=x-unknown",
                        b"Content-Transfer-Encoding: base64",
                        b"Content-Transfer-Encoding: quoted-printable",
                        b"From: =?utf-8?q?=ZZ?= <@@>",
                        b"To: " + b"a@b.com, " * 5000,
                        b"Bcc:",
                    )
                ),
            )
        else:
            lines.insert(k, b"")
    return b"\n".join(lines)


def mutate_docx(rng: random.Random, data: bytes) -> bytes:
    """One part's XML mutated (or a part dropped or added), the package zipped again."""
    try:
        src = zipfile.ZipFile(io.BytesIO(data))
        infos = src.infolist()
    except zipfile.BadZipFile:
        return mutate_bytes(rng, data)
    xml = [i for i in infos if i.filename.endswith((".xml", ".rels"))]
    target = rng.choice(xml) if xml else None
    if target is not None and rng.random() < 0.7:
        target = next((i for i in xml if i.filename == "word/document.xml"), target)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for info in infos:
            body = src.read(info.filename)
            if target is not None and info.filename == target.filename:
                how = rng.random()
                if how < 0.08:
                    continue  # the part is missing
                if how < 0.5:
                    body = mutate_bytes(rng, body)
                elif how < 0.8:
                    body = mutate_xml(rng, body)
                else:
                    body = mutate_lines(rng, body)
            zf.writestr(info.filename, body)
        if rng.random() < 0.05 and "word/comments.xml" not in src.namelist():
            zf.writestr("word/comments.xml", b"<w:comments/>" * rng.randint(1, 10))
    return out.getvalue()


_TAG = re.compile(rb"<(/?)(w:[A-Za-z]+)[^>]*>")


def mutate_xml(rng: random.Random, body: bytes) -> bytes:
    """Elements duplicated, removed or nested deeply; attributes garbled."""
    tags = list(_TAG.finditer(body))
    if not tags:
        return mutate_bytes(rng, body)
    m = rng.choice(tags)
    how = rng.choice(("dup", "drop", "nest", "attr", "text"))
    if how == "dup":
        return body[: m.end()] + body[m.start() : m.end()] * rng.randint(1, 3000) + body[m.end() :]
    if how == "drop":
        return body[: m.start()] + body[m.end() :]
    if how == "nest":
        depth = rng.randint(100, 5000)
        return body[: m.start()] + b"<w:r>" * depth + b"</w:r>" * depth + body[m.start() :]
    if how == "attr":
        return (
            body[: m.end() - 1] + b' w:author="' + b"\xe2\x80\xae" * 50 + b'"' + body[m.end() - 1 :]
        )
    text = rng.choice((b"x" * 100_000, b"Cllr " * 20_000, b"&amp;" * 10_000, b"&#0;", b"&bogus;"))
    return body[: m.end()] + text + body[m.end() :]


def mutate(rng: random.Random, data: bytes, suffix: str) -> bytes:
    if suffix == ".docx" and rng.random() < 0.75:
        return mutate_docx(rng, data)
    if suffix in (".eml", ".txt") and rng.random() < 0.5:
        return mutate_lines(rng, data)
    return mutate_bytes(rng, data)


# --------------------------------------------------------------------------- running one case


@dataclass
class Outcome:
    path: Path
    code: int | None  # None: killed after MAX_SECONDS
    seconds: float
    rss_mb: float
    stderr: str

    def problems(self) -> list[str]:
        out = []
        if self.code is None:
            out.append(f"hang: killed after {MAX_SECONDS:.0f} s")
        elif self.code not in (0, 1, 2):
            out.append(f"exit code {self.code}")
        if "Traceback" in self.stderr:
            out.append("traceback")
        if "internal error" in self.stderr:
            out.append("internal error")
        if self.rss_mb > MAX_RSS_MB:
            out.append(f"peak RSS {self.rss_mb:.0f} MB")
        return out


def run_case(path: Path, work: Path) -> Outcome:
    """`protocheck check PATH --format json --no-cache` in a forked child, measured."""
    err_path = work / "stderr.txt"
    start = time.monotonic()
    pid = os.fork()
    if pid == 0:  # the child: the command line, as a user runs it
        try:
            null = os.open(os.devnull, os.O_WRONLY)
            err = os.open(err_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            os.dup2(null, 1)
            os.dup2(err, 2)
            sys.argv = ["protocheck", "check", str(path), "--format", "json", "--no-cache"]
            from protocheck.cli.app import main

            main()
        finally:
            os._exit(99)  # main() leaves through os._exit; reaching here is a failure
    code: int | None = None
    rss_kb = 0
    while True:
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            code = os.waitstatus_to_exitcode(status)
            rss_kb = usage.ru_maxrss
            break
        if time.monotonic() - start > MAX_SECONDS:
            os.kill(pid, signal.SIGKILL)
            _, _, usage = os.wait4(pid, 0)
            rss_kb = usage.ru_maxrss
            break
        time.sleep(0.005)
    seconds = time.monotonic() - start
    stderr = err_path.read_text(encoding="utf-8", errors="replace")
    return Outcome(path, code, seconds, rss_kb / 1024, stderr)


def sources() -> dict[str, list[Path]]:
    found: dict[str, list[Path]] = {s: [] for s in FORMATS}
    for p in sorted((ROOT / "samples").rglob("*")):
        if p.suffix in found and p.is_file():
            found[p.suffix].append(p)
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--keep", type=Path, default=ROOT / "fuzz-failures")
    parser.add_argument("-q", "--quiet", action="store_true")
    args = parser.parse_args(argv)

    os.environ.setdefault("PROTOCHECK_CACHE_DIR", tempfile.mkdtemp(prefix="protocheck-fuzz-cache-"))
    from protocheck.language import nlp

    nlp.pipeline()  # loaded once; every case is forked with it
    pool = sources()
    rng = random.Random(args.seed)
    by_format: Counter[str] = Counter()
    codes: Counter[str] = Counter()
    failures: list[tuple[Outcome, list[str]]] = []
    slowest: Outcome | None = None
    largest: Outcome | None = None
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="protocheck-fuzz-") as tmp:
        work = Path(tmp)
        for n in range(args.cases):
            suffix = FORMATS[n % len(FORMATS)]
            source = rng.choice(pool[suffix])
            case_rng = random.Random(rng.getrandbits(64))
            data = mutate(case_rng, source.read_bytes(), suffix)
            path = work / f"case-{n:04d}{suffix}"
            path.write_bytes(data)
            out = run_case(path, work)
            by_format[suffix] += 1
            codes[str(out.code)] += 1
            if slowest is None or out.seconds > slowest.seconds:
                slowest = out
            if largest is None or out.rss_mb > largest.rss_mb:
                largest = out
            problems = out.problems()
            if problems:
                args.keep.mkdir(parents=True, exist_ok=True)
                kept = args.keep / f"seed{args.seed}-{path.name}"
                kept.write_bytes(data)
                (args.keep / f"{kept.name}.stderr").write_text(out.stderr)
                failures.append((out, problems))
                print(f"FAIL {kept} (from {source.relative_to(ROOT)}): {', '.join(problems)}")
            elif not args.quiet and (n + 1) % 100 == 0:
                print(f"  {n + 1} cases, {time.monotonic() - started:.0f} s", flush=True)
            if slowest is not out and largest is not out:
                path.unlink()
    assert slowest is not None and largest is not None
    tracebacks = sum("traceback" in p for _, p in failures)
    hangs = sum(any(x.startswith("hang") for x in p) for _, p in failures)
    print(
        f"seed {args.seed}: {args.cases} cases ({', '.join(f'{k} {v}' for k, v in sorted(by_format.items()))})"
    )
    print(f"exit codes: {', '.join(f'{k}: {v}' for k, v in sorted(codes.items()))}")
    print(f"failures {len(failures)} (tracebacks {tracebacks}, hangs {hangs})")
    print(
        f"max time {slowest.seconds:.2f} s ({slowest.path.name}), max RSS {largest.rss_mb:.0f} MB ({largest.path.name})"
    )
    print(f"total {time.monotonic() - started:.0f} s")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
