"""What a new user meets first: --help, a mistyped command, the rules list at 80
columns, and baseline taking the options check takes."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from conftest import ROOT, run_cli

LETTER = (
    "Dear Mr Jones,\n\nThank you for your letter.\n\nI can confirm that the Council will "
    "refund your parking charges in full by Friday.\n\nYours sincerely,\n\nCllr Ann Rees\n"
)


def test_help_shows_whole_descriptions_defaults_and_argument_names() -> None:
    top = run_cli("--help", env={"COLUMNS": "80"}).stdout
    commands = top[top.index("Commands:") :]
    assert "..." not in commands
    assert "every difference is an edit by\n" in commands  # wrapped, not cut
    check = run_cli("check", "--help", env={"COLUMNS": "80"}).stdout
    assert check.startswith("Usage: protocheck check [OPTIONS] FILE_OR_DIR...\n")
    assert "{" not in check.splitlines()[0]
    flat = " ".join(check.split())
    assert "--fail-on [error|warning|info|never]" in flat
    assert "[default: (error, or fail-on in protocheck.toml)]" in flat
    assert "[default: (model, or profile in protocheck.toml)]" in flat
    assert "--format [text|json|sarif|github|junit]" in flat
    assert max(len(line) for line in check.splitlines()) <= 80
    diff = run_cli("diff", "--help").stdout
    assert diff.startswith("Usage: protocheck diff [OPTIONS] DRAFT REVISED\n")
    init = run_cli("init", "--help").stdout
    assert init.startswith("Usage: protocheck init [OPTIONS] [PATH]\n")


def test_a_mistyped_command_is_named_with_the_one_meant(tmp_path: Path) -> None:
    out = run_cli("rulez", cwd=tmp_path)
    assert out.returncode == 2 and out.stdout == ""
    assert "did you mean 'protocheck rules'?" in out.stderr
    assert len(out.stderr.splitlines()) == 1
    (tmp_path / "rulez").mkdir()  # a folder of that name is checked
    (tmp_path / "rulez" / "reply.txt").write_text(LETTER, encoding="utf-8")
    checked = run_cli("rulez", "--no-cache", cwd=tmp_path)
    assert checked.returncode == 1 and "COR001" in checked.stdout


def test_rules_at_80_columns_split_no_slug() -> None:
    out = run_cli("rules", env={"COLUMNS": "80"}).stdout
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 80
    data = json.loads(run_cli("rules", "--format", "json").stdout)
    for rule in data:
        assert any(f"{rule['code']}  {rule['slug']}" in line for line in lines), rule["slug"]
        for profile in rule["profiles"]:
            assert profile in out  # never folded mid-name


def test_baseline_takes_kind_date_and_select(tmp_path: Path) -> None:
    letter = tmp_path / "reply.txt"
    letter.write_text(LETTER, encoding="utf-8")

    def codes(*args: str) -> list[str]:
        target = tmp_path / "baseline.json"
        out = run_cli("baseline", str(letter), "-o", str(target), *args)
        assert out.returncode == 0, out.stderr
        return sorted(e["code"] for e in json.loads(target.read_text())["findings"])

    everything = codes()
    assert "COR001" in everything and len(everything) > 1
    assert codes("--select", "COR001") == ["COR001"]
    assert "COR001" not in codes("--kind", "press-release", "--date", "2027-04-01")
    bad = run_cli("baseline", str(letter), "-o", str(tmp_path / "b.json"), "--date", "1 April")
    assert bad.returncode == 2 and "--date must be YYYY-MM-DD" in bad.stderr


def test_an_unused_suppression_is_a_note_as_ruff_lists_unused_noqa(tmp_path: Path) -> None:
    """ignore[COR001] where COR001 ran and found nothing is named, also under a file
    with no findings; a suppression that did its work, or of a rule not run, is not."""
    unused = tmp_path / "unused.txt"
    unused.write_text(
        "Dear Mrs Ellis,\n\nI will raise this with officers.\n\n"
        "protocheck: ignore[COR001] reason: checked\n\nYours sincerely,\n\nCllr Ann Rees\n",
        encoding="utf-8",
    )
    used = tmp_path / "used.txt"
    used.write_text(LETTER + "\nprotocheck: ignore[member-obligation] reason: agreed\n")
    out = run_cli(
        unused.name, used.name, "--select", "COR001", "--no-cache", "--no-color", cwd=tmp_path
    )
    assert out.returncode == 0, out.stderr
    first = out.stdout.index("unused.txt  letter, from Cllr Ann Rees, profile model: no findings")
    note = out.stdout.index("note: line 5: ignore[COR001] suppresses nothing", first)
    assert note > first and out.stdout.count("suppresses nothing") == 1
    other = run_cli(str(unused), "--select", "COR003", "--format", "json", "--no-cache")
    assert "suppresses nothing" not in other.stdout  # COR001 did not run


DRAFT = """Report to Executive: Library opening hours

Options

Option 1: keep the library open six days a week.
Option 2: close the library on Mondays.
Option 3: close the library on Mondays and Tuesdays.

Officer comments

Officers advise that Option 2 offers the best balance of savings and service.
"""


def test_diff_shows_what_was_removed_and_what_replaced_it(tmp_path: Path) -> None:
    """As Word Compare shows it: the removed option itself (not the one that stayed), a
    changed figure as [-2-]{+3+} with the carets under it, and "changed", not "tracked
    deletion", for words replaced."""
    draft, revised = tmp_path / "draft.txt", tmp_path / "revised.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    revised.write_text(
        DRAFT.replace("Option 2: close the library on Mondays.\n", "").replace(
            "that Option 2", "that Option 3"
        ),
        encoding="utf-8",
    )
    args = ["diff", draft.name, revised.name, "--editor", "Cllr Jo Bloggs"]  # a cache per test
    data = json.loads(run_cli(*args, "--format", "json", cwd=tmp_path).stdout)
    found = {f["code"]: f for f in data["files"][0]["findings"]}
    assert found["RPT001"]["text"] == "Option 2: close the library on Mondays."
    assert found["RPT002"]["text"] == "2"
    assert found["RPT002"]["location"]["change"]["replaced_by"] == "3"
    # the mechanical fix: the words to put back, and what they replace
    assert found["RPT002"]["fix"].endswith('To undo it, put back "2" in place of "3"')
    assert found["RPT001"]["fix"].endswith(
        'To undo it, put back "Option 2: close the library on Mondays."'
    )
    out = run_cli(*args, "--no-color", cwd=tmp_path, env={"COLUMNS": "80"}).stdout
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert "tracked deletion" not in out
    rpt002 = next(i for i, line in enumerate(lines) if "RPT002" in line)
    assert lines[rpt002].endswith("line 10, changed by Cllr Jo Bloggs")
    shown = next(line for line in lines[rpt002:] if "[-2-]{+3+}" in line)
    assert "| Officers advise that Option [-2-]{+3+} offers" in shown
    carets = lines[lines.index(shown) + 1]
    assert carets.index("^") == shown.index("[-2-]") and carets.count("^") == len("[-2-]{+3+}")
    rpt001 = next(i for i, line in enumerate(lines) if "RPT001" in line)
    assert lines[rpt001].endswith("deleted by Cllr Jo Bloggs")
    assert "| [-Option 2: close the library on Mondays.-] Option 3" in out
    github = run_cli(*args, "--format", "github", cwd=tmp_path).stdout.splitlines()
    assert github and all(line.startswith("::error file=revised.txt,line=") for line in github)
    sarif = json.loads(run_cli(*args, "--format", "sarif", cwd=tmp_path).stdout)
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in sarif["runs"][0]["results"]
    }
    assert uris == {"revised.txt"}
    narrow = run_cli(*args, "--no-color", "--width", "60", cwd=tmp_path).stdout
    assert max(len(line) for line in narrow.splitlines()) <= 60 and "[-2-]{+3+}" in narrow


def test_the_readme_keeps_up_with_the_command_line(tmp_path: Path) -> None:
    """The README's options table names every option of `check` (and no other), its rules
    table is `protocheck rules`, and its JSON example has the real report's shape."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("### Options") : readme.index("Exit codes:")]
    named = set(re.findall(r"`(--[a-z][a-z-]+)", table))
    helped = run_cli("check", "--help", env={"COLUMNS": "200"}).stdout
    options = set(re.findall(r"(?<![\w-])(--[a-z][a-z-]+)", helped)) - {"--help"}
    assert named == options
    rows = re.findall(r"^\| ([A-Z]{3}\d{3}) \| ([a-z-]+) \| (\w+) \|", readme, re.MULTILINE)
    rules = json.loads(run_cli("rules", "--format", "json").stdout)
    assert sorted(rows) == sorted((r["code"], r["slug"], r["severity"]) for r in rules)
    start = readme.index("```json", readme.index("### JSON")) + len("```json")
    example = json.loads(readme[start : readme.index("```", start)])
    letter = tmp_path / "reply.txt"
    letter.write_text(LETTER, encoding="utf-8")
    real = json.loads(run_cli(str(letter), "--format", "json", "--no-cache").stdout)
    optional = {"judge", "profile", "notices", "item", "suppression_reason", "items"}

    def same_keys(shown: dict[str, Any], printed: dict[str, Any], what: str) -> None:
        assert set(shown) - optional == set(printed) - optional, what

    same_keys(example, real, "report")
    same_keys(example["files"][0], real["files"][0], "file entry")
    finding = next(f for f in real["files"][0]["findings"] if f["code"] == "COR001")
    same_keys(example["files"][0]["findings"][0], finding, "finding")
    same_keys(example["files"][0]["findings"][0]["location"], finding["location"], "location")
    same_keys(example["summary"], real["summary"], "summary")
    assert example["files"][0]["findings"][0]["fix"] == finding["fix"]
