"""The machine formats checked by their consumers' own rules, and output nobody can spoof.

SARIF is validated against the official SARIF 2.1.0 schema (tests/fixtures, see its
README) and the fields GitHub code scanning requires; JUnit is read with junitparser;
GitHub workflow commands are parsed as the Actions runner parses them. A file name or
a document holding control characters, escape sequences or Rich markup must come out
escaped in every format, on stderr and in the progress bar.
"""

from __future__ import annotations

import json
import os
import pty
import re
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import jsonschema
import pytest
from conftest import ROOT, run_cli
from junitparser import Error, Failure, JUnitXml

SCHEMA = json.loads((ROOT / "tests/fixtures/sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


@pytest.fixture()
def samples_run(samples_cache: dict[str, str]) -> Any:
    """protocheck over every sample, as CI runs it from the repository root, with the
    result cache the every-sample tests share (the first of them checks the samples)."""

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return run_cli("samples", *args, cwd=ROOT, env=samples_cache)

    return run


def github_requirements(log: dict[str, Any]) -> list[str]:
    """What GitHub code scanning needs beyond the schema (its SARIF support page and the
    sarif-sdk GH rules): a tool name, each rule described with help, each result a
    rule id known to the driver, a message text, a location with a relative URI and a
    region with startLine; no more than 20 runs, 25,000 results and 25,000 rules a run."""
    problems = []
    runs = log["runs"]
    if len(runs) > 20:
        problems.append(f"{len(runs)} runs")
    for run in runs:
        driver = run["tool"]["driver"]
        if not driver.get("name"):
            problems.append("tool.driver.name missing")
        rules = driver.get("rules", [])
        ids = [r["id"] for r in rules]
        for r in rules:
            for key in ("shortDescription", "fullDescription", "help"):
                if not r.get(key, {}).get("text"):
                    problems.append(f"rule {r['id']}: no {key}.text")
            if len(r.get("properties", {}).get("tags", [])) > 20:
                problems.append(f"rule {r['id']}: more than 20 tags")
        results = run["results"]
        if len(results) > 25_000 or len(rules) > 25_000:
            problems.append("over GitHub's limits")
        for i, res in enumerate(results):
            where = f"result {i}"
            if res.get("ruleId") not in ids:
                problems.append(f"{where}: ruleId {res.get('ruleId')} not among the rules")
            elif "ruleIndex" in res and ids[res["ruleIndex"]] != res["ruleId"]:
                problems.append(f"{where}: ruleIndex points at another rule")
            if not res.get("message", {}).get("text"):
                problems.append(f"{where}: no message.text")
            if not res.get("partialFingerprints"):
                problems.append(f"{where}: no partialFingerprints")
            locations = res.get("locations") or []
            if not locations:
                problems.append(f"{where}: no location")
            for loc in locations:
                physical = loc.get("physicalLocation", {})
                uri = physical.get("artifactLocation", {}).get("uri", "")
                relative = not uri.startswith("/") and ":" not in uri.split("/")[0]
                if not uri or not (relative or uri.startswith("file:///")):
                    problems.append(f"{where}: uri {uri!r} is neither relative nor file:")
                if not isinstance(physical.get("region", {}).get("startLine"), int):
                    problems.append(f"{where}: no region.startLine")
                elif physical["region"]["startLine"] < 1:
                    problems.append(f"{where}: startLine below 1")
    return problems


def test_sarif_of_every_sample_is_valid_and_what_github_needs(samples_run: Any) -> None:
    out = samples_run("--format", "sarif", "--fail-on", "never")
    assert out.returncode == 0, out.stderr
    log = json.loads(out.stdout)
    errors = [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in jsonschema.Draft4Validator(SCHEMA).iter_errors(log)
    ]
    assert errors == []
    assert github_requirements(log) == []
    results = log["runs"][0]["results"]
    data = json.loads(samples_run("--format", "json").stdout)
    findings = [(f, x) for f in data["files"] for x in f["findings"]]
    assert len(results) == len(findings) > 0
    # a .txt or .eml finding's line is the file's own line: its first word stands there
    on_lines = 0
    for (f, x), result in zip(findings, results, strict=True):
        line = x["location"]["line"]
        assert result["locations"][0]["physicalLocation"]["region"]["startLine"] == (line or 1)
        if line is None or x["location"]["change"] or not f["path"].endswith((".txt", ".eml")):
            continue
        text = (ROOT / f["path"]).read_bytes().decode("utf-8", errors="replace")
        assert x["text"].split()[0] in text.splitlines()[line - 1], (f["path"], line, x["text"])
        on_lines += 1
    assert on_lines > 0
    files = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert all((ROOT / unquote(f)).is_file() for f in files)


@pytest.mark.parametrize("fail_on", ["error", "warning"])
def test_junit_of_every_sample_parses_and_agrees_with_the_exit_code(
    samples_run: Any, fail_on: str
) -> None:
    out = samples_run("--format", "junit", "--fail-on", fail_on)
    data = json.loads(samples_run("--format", "json").stdout)
    xml = JUnitXml.fromstring(out.stdout.encode())
    suites = list(xml)
    assert len(suites) == 1
    suite = suites[0]
    cases = list(suite)
    failed = [c for c in cases if any(isinstance(r, Failure) for r in c.result)]
    errored = [c for c in cases if any(isinstance(r, Error) for r in c.result)]
    assert suite.tests == len(cases) == len(data["files"])
    assert suite.failures == len(failed) and suite.errors == len(errored)
    assert xml.tests == suite.tests and xml.failures == suite.failures
    assert suite.failures <= suite.tests
    rank = {"info": 1, "warning": 2, "error": 3}
    failing = {
        f["path"]
        for f in data["files"]
        if any(not x["suppressed"] and rank[x["severity"]] >= rank[fail_on] for x in f["findings"])
    }
    assert {c.name for c in failed} == failing
    expected = 2 if suite.errors else (1 if suite.failures else 0)
    assert out.returncode == expected
    assert suite.failures > 0


def workflow_commands(text: str) -> list[tuple[str, dict[str, str], str]]:
    """Each line as the Actions runner reads a workflow command: `::name k=v,k=v::message`,
    properties split at `,` and `=`, then %25 %0D %0A %3A %2C unescaped."""

    def unescape(value: str, prop: bool) -> str:
        value = value.replace("%0D", "\r").replace("%0A", "\n")
        if prop:
            value = value.replace("%3A", ":").replace("%2C", ",")
        return value.replace("%25", "%")

    commands = []
    for line in text.splitlines():
        assert line.startswith("::"), f"not a workflow command: {line!r}"
        head, sep, message = line[2:].partition("::")
        assert sep, line
        name, _, props = head.partition(" ")
        fields = {}
        for part in props.split(","):
            key, eq, value = part.partition("=")
            assert eq, f"property without a value in {line!r}"
            fields[key] = unescape(value, prop=True)
        commands.append((name, fields, unescape(message, prop=False)))
    return commands


LETTER = (
    "Dear Mr Jones,\n\nI can confirm that the Council will refund your \x1b[31mparking\x1b[0m "
    "charges \x1b]8;;https://evil.example\x1b\\in full\x1b]8;;\x1b\\ by Friday.\n\n"
    "Yours sincerely,\n\nCllr Ann \x1b[2JRees\nCabinet Member for Transport\n"
)


@pytest.fixture()
def hostile(tmp_path: Path) -> Path:
    """Letters whose names and text try to forge lines, commands and escape sequences."""
    folder = tmp_path / "in"
    folder.mkdir()
    names = [
        "a,b:c%d.txt",
        "x\n::warning file=evil.txt::forged.txt",
        "y\nprotocheck: other.txt: all clear.txt",
        "z\x1b]8;;evil.example\x07link\x1b]8;;\x07.txt",
    ]
    for name in names:
        (folder / name).write_text(LETTER, encoding="utf-8")
    (folder / "empty\n\x1b[2Jname.docx").write_bytes(b"")
    return folder


def test_github_commands_cannot_be_forged_and_name_the_real_file(hostile: Path) -> None:
    out = run_cli(str(hostile), "--format", "github", "--no-cache")
    assert out.returncode == 2
    assert "\x1b" not in out.stdout
    commands = workflow_commands(out.stdout)
    real = {str(p) for p in hostile.iterdir()}
    named = {fields["file"] for _, fields, _ in commands}
    # every name as it is, but for escape sequences, shown escaped
    assert named == {name.replace("\x1b", "\\x1b").replace("\x07", "\\x07") for name in real}
    assert str(hostile / "a,b:c%d.txt") in named
    assert str(hostile / "x\n::warning file=evil.txt::forged.txt") in named
    assert {name for name, _, _ in commands} == {"error"}  # no forged ::warning
    assert all(set(fields) <= {"file", "line", "title"} for _, fields, _ in commands)
    unreadable = [f for name, f, _ in commands if f.get("title") == "unreadable"]
    assert [f["file"] for f in unreadable] == [str(hostile / "empty\n\\x1b[2Jname.docx")]


def test_control_characters_are_shown_escaped_in_text_and_on_stderr(hostile: Path) -> None:
    out = run_cli(".", "--no-cache", "--color", cwd=hostile)
    assert out.returncode == 2
    # colour on: the only escape sequences left are protocheck's own colours (SGR)
    assert "\x1b" not in re.sub(r"\x1b\[[0-9;]*m", "", out.stdout) + out.stderr
    plain = run_cli(".", "--no-cache", "--no-color", cwd=hostile)
    # the one-line error stays one line, with the newline and the escape shown
    assert plain.stderr.splitlines() == ["protocheck: empty\\n\\x1b[2Jname.docx: empty file"]
    headers = [line for line in plain.stdout.splitlines() if "  letter" in line]
    assert [h.split("  letter")[0] for h in headers] == [
        "a,b:c%d.txt",
        "x\\n::warning file=evil.txt::forged.txt",
        "y\\nprotocheck: other.txt: all clear.txt",
        "z\\x1b]8;;evil.example\\x07link\\x1b]8;;\\x07.txt",
    ]
    assert not any(line.startswith(("protocheck:", "::")) for line in plain.stdout.splitlines())
    assert "\\x1b[31mparking\\x1b[0m" in plain.stdout
    assert "from Cllr unknown (Cllr Ann \\x1b[2JRees" in plain.stdout
    dump = run_cli("a,b:c%d.txt", "--dump-text", cwd=hostile)
    assert "\x1b" not in dump.stdout and "?[31mparking?[0m" in dump.stdout


def test_junit_and_sarif_stay_well_formed_and_escaped(hostile: Path) -> None:
    junit = run_cli(str(hostile), "--format", "junit", "--no-cache")
    xml = JUnitXml.fromstring(junit.stdout.encode())  # raises on ill-formed XML
    suite = next(iter(xml))
    assert suite.tests == 5 and suite.errors == 1 and suite.failures == 4
    assert "\x1b" not in junit.stdout and "\\x1b[31mparking" in junit.stdout
    sarif = run_cli(str(hostile), "--format", "sarif", "--no-cache")
    log = json.loads(sarif.stdout)
    assert list(jsonschema.Draft4Validator(SCHEMA).iter_errors(log)) == []
    assert "\\u001b" not in sarif.stdout and "\x1b" not in sarif.stdout
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in log["runs"][0]["results"]
    }
    assert (hostile / "a,b:c%d.txt").as_uri() in uris
    assert all(u.startswith("file:///") and " " not in u and "\n" not in u for u in uris)
    assert all(Path(unquote(u[7:])).is_file() for u in uris if "%1B" not in u)
    assert github_requirements(log) == []


def test_the_progress_bar_shows_file_names_as_they_are(tmp_path: Path) -> None:
    """On a terminal the bar names each file; `[bold]` in a name is not Rich markup."""
    for name in ("[bold]d.txt", "[link=evil]c.txt", "a.txt", "b.txt"):
        (tmp_path / name).write_text(
            "Dear Mr Jones,\n\nThe Council will refund your charges.\n\nCllr Ann Rees\n",
            encoding="utf-8",
        )
    main, child = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "protocheck.cli", str(tmp_path), "--format", "json", "--no-cache"],
        stdout=subprocess.PIPE,
        stderr=child,
        env={**os.environ, "COLUMNS": "120"},
    )
    os.close(child)
    shown = b""
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    proc.communicate(timeout=120)
    os.close(main)
    assert proc.returncode == 1
    assert b"[bold]d.txt" in shown
    assert b"\x1b]8;" not in shown


def test_a_name_that_is_not_utf8_comes_out_valid_in_every_format(tmp_path: Path) -> None:
    """A file name with bytes that are not UTF-8: each report is valid UTF-8, the JSON
    path reads back as the file's own bytes, the others show the byte escaped."""
    name = os.fsdecode(b"reply \xff.txt")
    (tmp_path / name).write_text(LETTER.replace("\x1b", ""), encoding="utf-8")
    (tmp_path / os.fsdecode(b"empty\xfe.docx")).write_bytes(b"")
    raw: dict[str, bytes] = {}
    for fmt in ("json", "junit", "sarif", "text"):
        out = subprocess.run(
            [sys.executable, "-m", "protocheck.cli", ".", "--format", fmt, "--no-color"],
            capture_output=True,
            cwd=tmp_path,
            env={**os.environ, "COLUMNS": "100"},
            timeout=120,
        )
        assert out.returncode == 2
        raw[fmt] = out.stdout
        out.stdout.decode("utf-8")  # raises on a byte that is not UTF-8
        assert out.stderr.decode("utf-8") == "protocheck: empty\\udcfe.docx: empty file\n"
    paths = {os.fsencode(f["path"]) for f in json.loads(raw["json"])["files"]}
    assert paths == {b"reply \xff.txt", b"empty\xfe.docx"}
    assert b"reply \\udcff.txt" in raw["text"] and b"reply \\udcff.txt" in raw["junit"]
    assert b'"reply%20%FF.txt"' in raw["sarif"]
