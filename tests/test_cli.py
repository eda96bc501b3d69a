"""The command line as users and CI jobs see it: exit codes, formats, config, commands."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import MEMBER_LETTER, OFFICER_LETTER, ROOT, build_docx, run_cli
from protocheck import engine


@pytest.fixture()
def letters(tmp_path: Path) -> Path:
    build_docx(tmp_path / "member.docx", MEMBER_LETTER)
    build_docx(tmp_path / "officer.docx", OFFICER_LETTER)
    return tmp_path


def test_member_commitment_is_an_error_with_exit_1(letters: Path) -> None:
    out = run_cli(str(letters / "member.docx"), "--no-color")
    assert out.returncode == 1, out.stderr
    assert "COR001 member-obligation" in out.stdout
    assert "the Council will refund your parking charges" in out.stdout
    assert "^^^^" in out.stdout
    assert "1 file checked: 1 error" in out.stdout
    assert "Traceback" not in out.stderr


def test_officer_commitment_is_fine_with_exit_0(letters: Path) -> None:
    out = run_cli("check", str(letters / "officer.docx"))
    assert out.returncode == 0, out.stdout + out.stderr
    assert "no findings" in out.stdout


def test_fail_on_never(letters: Path) -> None:
    assert run_cli(str(letters / "member.docx"), "--fail-on", "never").returncode == 0


def test_json_report_shape_and_offsets(letters: Path) -> None:
    out = run_cli(str(letters), "--format", "json")
    assert out.returncode == 1
    report = json.loads(out.stdout)
    assert set(report) == {"version", "tool", "profile", "files", "summary"}
    assert (
        report["version"] == "1"
        and report["tool"]["name"] == "protocheck"
        and report["profile"] == "model"
    )
    assert report["summary"] == {
        "files": 2,
        "errors": 1,
        "warnings": 0,
        "infos": 0,
        "unreadable": 0,
        "suppressed": 0,
    }
    member = next(f for f in report["files"] if f["path"].endswith("member.docx"))
    assert {"path", "kind", "error", "findings"} <= set(member) and member["kind"] == "letter"
    (finding,) = member["findings"]
    assert set(finding) == {
        "code",
        "rule",
        "severity",
        "message",
        "text",
        "location",
        "clauses",
        "fix",
        "suppressed",
    }
    assert (
        finding["code"] == "COR001"
        and finding["rule"] == "member-obligation"
        and finding["severity"] == "error"
    )
    assert set(finding["location"]) == {"page", "paragraph", "line", "change", "start", "end"}
    assert {c["profile"] for c in finding["clauses"]} == {
        "wokingham",
        "conwy",
        "north-east-derbyshire",
    }
    text = run_cli("--dump-text", str(letters / "member.docx")).stdout
    loc = finding["location"]
    assert text[loc["start"] : loc["end"]] == finding["text"]
    assert finding["text"].startswith("the Council will refund your parking charges")


def test_sarif_github_junit(letters: Path) -> None:
    sarif = json.loads(run_cli(str(letters), "--format", "sarif").stdout)
    assert sarif["version"] == "2.1.0"
    run = sarif["runs"][0]
    assert {r["id"] for r in run["tool"]["driver"]["rules"]} >= {"COR001", "COR002"}
    (result,) = run["results"]
    assert result["ruleId"] == "COR001" and result["level"] == "error"
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith(
        "member.docx"
    )
    gh = run_cli(str(letters), "--format", "github").stdout
    assert gh.startswith("::error file=") and "COR001" in gh
    junit = ET.fromstring(run_cli(str(letters), "--format", "junit").stdout)
    assert junit.get("failures") == "1"


def test_output_file(letters: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    out = run_cli(str(letters / "member.docx"), "--format", "json", "--output", str(target))
    assert out.stdout == "" and json.loads(target.read_text())["summary"]["errors"] == 1


def test_select_ignore_and_unknown_selector(letters: Path) -> None:
    member = str(letters / "member.docx")
    assert run_cli(member, "--select", "COR002").returncode == 0
    assert run_cli(member, "--ignore", "member-obligation").returncode == 0
    assert run_cli(member, "--select", "COR").returncode == 1
    bad = run_cli(member, "--select", "XYZ123")
    assert bad.returncode == 2 and "XYZ123" in bad.stderr


def test_profile_without_the_rule_and_forced_kind(letters: Path) -> None:
    member = str(letters / "member.docx")
    assert (
        run_cli(member, "--profile", "runnymede").returncode == 0
    )  # Runnymede's protocol has no COR001 clause
    assert run_cli(member, "--kind", "report").returncode == 0
    assert run_cli(member, "--profile", "nowhere").returncode == 2


def test_config_file_sets_profile_and_cites_its_clause(letters: Path) -> None:
    (letters / "protocheck.toml").write_text('profile = "wokingham"\n', encoding="utf-8")
    report = json.loads(run_cli(str(letters / "member.docx"), "--format", "json").stdout)
    (finding,) = report["files"][0]["findings"]
    assert report["profile"] == "wokingham"
    assert finding["clauses"][0]["ref"] == "Supporting Guidance on Correspondence, para 4"
    assert finding["clauses"][0]["text"].startswith(
        "Letters which create legally enforceable obligations"
    )


def test_pyproject_config_and_invalid_config(tmp_path: Path) -> None:
    build_docx(tmp_path / "member.docx", MEMBER_LETTER)
    (tmp_path / "pyproject.toml").write_text(
        '[tool.protocheck]\nprofile = "runnymede"\n', encoding="utf-8"
    )
    assert run_cli(str(tmp_path / "member.docx")).returncode == 0
    (tmp_path / "protocheck.toml").write_text(
        'profile = "model"\ncolour = "red"\n', encoding="utf-8"
    )
    out = run_cli(str(tmp_path / "member.docx"))
    assert out.returncode == 2 and "protocheck.toml" in out.stderr and "colour" in out.stderr


def test_roster_makes_a_plain_name_a_member(tmp_path: Path) -> None:
    spec = {
        "body": [
            "Dear Mrs Khan,",
            "The Council will repair your fence next week.",
            "Kind regards,",
            "Priya Shah",
        ]
    }
    build_docx(tmp_path / "letter.docx", spec)
    assert run_cli(str(tmp_path / "letter.docx")).returncode == 0
    (tmp_path / "protocheck.toml").write_text(
        '[[members]]\nname = "Priya Shah"\nroles = ["Ward Councillor"]\n', encoding="utf-8"
    )
    assert run_cli(str(tmp_path / "letter.docx")).returncode == 1


def test_in_document_suppression_is_kept_with_its_reason(tmp_path: Path) -> None:
    letter = tmp_path / "letter.txt"
    letter.write_text(
        "Dear Mr Jones,\n\nThe Council will refund your charges.\n\n"
        "protocheck: ignore[COR001] reason: joint letter agreed with the Head of Parking\n\n"
        "Yours sincerely,\nCllr Priya Shah\nCabinet Member for Highways\n",
        encoding="utf-8",
    )
    out = run_cli(str(letter), "--format", "json")
    assert out.returncode == 0
    (finding,) = json.loads(out.stdout)["files"][0]["findings"]
    assert finding["suppressed"] is True and finding["suppression_reason"].startswith(
        "joint letter"
    )


def test_unreadable_file_gives_exit_2_and_the_rest_are_checked(letters: Path) -> None:
    (letters / "broken.docx").write_bytes(b"not a zip at all")
    out = run_cli(str(letters), "--format", "json")
    assert out.returncode == 2
    lines = [ln for ln in out.stderr.splitlines() if ln]
    assert len(lines) == 1 and "broken.docx" in lines[0]
    report = json.loads(out.stdout)
    assert report["summary"]["unreadable"] == 1 and report["summary"]["errors"] == 1


def test_rule_rules_profiles_init(tmp_path: Path) -> None:
    rule = run_cli("rule", "COR001").stdout
    for words in (
        "What it flags",
        "Why it matters",
        "Not flagged",
        "Clauses it cites",
        "wokingham",
        "Letters which create legally enforceable obligations",
        "delegated-authority",
    ):
        assert words in " ".join(rule.split())
    assert run_cli("rule", "blind-copy").returncode == 0
    assert run_cli("rule", "NOPE").returncode == 2
    rules = json.loads(run_cli("rules", "--format", "json").stdout)
    codes = [r["code"] for r in rules]
    assert (
        codes == sorted(codes)
        and {"COR001", "COR002", "CON004", "RPT007"} <= set(codes)
        and len(codes) == 19
    )
    prof = run_cli("profiles").stdout
    for pid in (
        "model",
        "wokingham",
        "north-northamptonshire",
        "conwy",
        "north-east-derbyshire",
        "runnymede",
    ):
        assert pid in prof
    assert run_cli("init", cwd=tmp_path).returncode == 0
    assert (tmp_path / "protocheck.toml").exists()
    assert run_cli("init", cwd=tmp_path).returncode == 2  # never overwrites without --force
    from protocheck.model import config

    assert config.load(tmp_path / "protocheck.toml").profile == "model"


def test_unchanged_file_is_not_read_again(letters: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[Path] = []
    real = engine.read
    monkeypatch.setattr(
        engine, "read", lambda p, *limit, **kw: calls.append(p) or real(p, *limit, **kw)
    )
    first = engine.check_path(letters / "member.docx", engine.Options())
    second = engine.check_path(letters / "member.docx", engine.Options())
    assert len(calls) == 1
    assert [f.as_json() for f in first.findings] == [f.as_json() for f in second.findings]
    (letters / "member.docx").touch()
    engine.check_path(letters / "member.docx", engine.Options())
    assert len(calls) == 2


def test_diff_of_two_versions_attributes_the_changes_to_the_editor(tmp_path: Path) -> None:
    draft, revised = tmp_path / "draft.txt", tmp_path / "revised.txt"
    draft.write_text(
        "2. Recommendations\n\n2.1 That Cabinet approves option 2.\n\n4. Options considered\n\n"
        "4.1 Option 1: keep the library open on Saturdays.\n\n"
        "4.2 Option 3: close the Station Road library and move the service online.\n\n"
        "4.3 The opening hours were set in 2019.\n",
        encoding="utf-8",
    )
    revised.write_text(
        "2. Recommendations\n\n2.1 That Cabinet approves option 2.\n\n4. Options considered\n\n"
        "4.3 The opening hours were set in 2019.\n\n"
        "4.1 Option 1: keep the library open on Saturdays.\n",
        encoding="utf-8",
    )
    out = run_cli(
        "diff",
        str(draft),
        str(revised),
        "--editor",
        "Cllr Jo Bloggs",
        "--kind",
        "report",
        "--select",
        "RPT001",
        "--format",
        "json",
    )
    assert out.returncode == 1, out.stderr
    (finding,) = json.loads(out.stdout)["files"][0][
        "findings"
    ]  # the moved paragraph is not a deletion
    assert (
        finding["text"]
        == "4.2 Option 3: close the Station Road library and move the service online."
    )
    assert finding["location"]["change"]["author"] == "Cllr Jo Bloggs"
    officer = run_cli(
        "diff",
        str(draft),
        str(revised),
        "--editor",
        "Tom Reed, Head of Libraries",
        "--kind",
        "report",
        "--select",
        "RPT001",
    )
    assert officer.returncode == 0  # an officer's own edits are never flagged


def test_baseline_accepts_current_findings_and_fails_on_new_ones(tmp_path: Path) -> None:
    build_docx(tmp_path / "member.docx", MEMBER_LETTER)
    out = run_cli("baseline", str(tmp_path), "--output", str(tmp_path / "protocheck-baseline.json"))
    assert out.returncode == 0 and "1 accepted finding" in out.stdout
    (tmp_path / "protocheck.toml").write_text(
        'baseline = "protocheck-baseline.json"\n', encoding="utf-8"
    )
    report = run_cli(str(tmp_path), "--format", "json")
    assert report.returncode == 0  # the accepted finding no longer fails the run
    (finding,) = json.loads(report.stdout)["files"][0]["findings"]
    assert finding["suppressed"] is True and "baseline" in finding["suppression_reason"]
    spec = {
        **MEMBER_LETTER,
        "body": [
            *MEMBER_LETTER["body"][:2],
            "You are required to remove the fence within 14 days.",
            *MEMBER_LETTER["body"][2:],
        ],
    }
    build_docx(tmp_path / "member.docx", spec)
    assert run_cli(str(tmp_path)).returncode == 1  # a new finding fails it again


def test_author_names_the_writer_a_page_does_not(tmp_path: Path) -> None:
    """A councillor's blog post with no sign-off: --author (or `author` in config) says
    whose words it are, so the Member's rules apply; without it the writer is unknown."""
    post = tmp_path / "blog-post.txt"
    post.write_text(
        "Bins, again\n\n"
        "Another week, another missed collection on Larch Row. The waste manager, "
        "Mr Colin Tate, is frankly incompetent and has ignored every complaint I have "
        "passed on since June. Residents deserve better than this.\n",
        encoding="utf-8",
    )
    plain = run_cli("check", str(post), "--format", "json", "--no-cache", cwd=tmp_path)
    named = run_cli(
        "check",
        str(post),
        "--format",
        "json",
        "--no-cache",
        "--author",
        "Cllr Ann Rees",
        cwd=tmp_path,
    )
    (tmp_path / "protocheck.toml").write_text('author = "Cllr Ann Rees"\n', encoding="utf-8")
    configured = run_cli("check", str(post), "--format", "json", "--no-cache", cwd=tmp_path)
    codes = [
        [f["code"] for f in json.loads(r.stdout)["files"][0]["findings"]]
        for r in (plain, named, configured)
    ]
    assert "CON001" not in codes[0]
    assert "CON001" in codes[1]
    assert "CON001" in codes[2]
    assert (tmp_path / "blog-post.txt").read_text(encoding="utf-8").startswith("Bins, again")


def test_what_to_do_shows_in_every_output(tmp_path: Path) -> None:
    """Each finding says what to do: a line in text output, `fix` in JSON, the rule's
    help in SARIF, and a section of `protocheck rule`."""
    letter = build_docx(tmp_path / "letter.docx", MEMBER_LETTER)
    data = json.loads(run_cli("check", str(letter), "--format", "json", "--no-cache").stdout)
    finding = next(f for f in data["files"][0]["findings"] if f["code"] == "COR001")
    assert finding["fix"].startswith("Send it from the responsible officer")
    assert data["summary"]["suppressed"] == 0
    text = run_cli("check", str(letter), "--no-cache", "--select", "COR001").stdout
    assert "What to do: Send it from the responsible officer" in text
    sarif = json.loads(run_cli("check", str(letter), "--format", "sarif", "--no-cache").stdout)
    rules = sarif["runs"][0]["tool"]["driver"]["rules"]
    assert next(r for r in rules if r["id"] == "COR001")["help"]["text"].startswith("What to do: ")
    assert "What to do" in run_cli("rule", "COR001").stdout


def test_the_readme_example_is_the_real_output() -> None:
    """The README's "What an officer sees" block is what protocheck prints today, at 80
    columns, for the COR001 finding on the parking-refund sample."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("samples/COR001/flag-parking-refund.docx  letter")
    shown = readme[start : readme.index("```", start)].strip()
    out = run_cli(
        "samples/COR001/flag-parking-refund.docx",
        "--no-cache",
        "--select",
        "COR001",
        cwd=ROOT,
        env={"COLUMNS": "80"},
    ).stdout
    printed = "\n".join(line.rstrip() for line in out.splitlines()).replace("\n\n\n", "\n\n")
    assert printed.strip() == shown


EML = """From: Cllr Ann Rees <cllr.ann.rees@example.gov.uk>
To: Mr D Hale <d.hale@example.com>
Subject: Your parking charges
Date: Mon, 01 Mar 2027 10:00:00 +0000
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"

Dear Mr Hale,

Thank you for your email.

I can confirm that the Council will refund your parking charges in full by Friday.

Kind regards,
Cllr Ann Rees
Cabinet Member for Transport
"""


def test_lines_are_the_files_own_and_sarif_has_what_github_needs(tmp_path: Path) -> None:
    mail = tmp_path / "reply.eml"
    mail.write_text(EML, encoding="utf-8")
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a zip")
    data = json.loads(run_cli("check", str(mail), "--format", "json", "--no-cache").stdout)
    cor001 = next(f for f in data["files"][0]["findings"] if f["code"] == "COR001")
    line = cor001["location"]["line"]
    assert "will refund your parking charges" in EML.splitlines()[line - 1]
    sarif = json.loads(
        run_cli("check", str(mail), str(broken), "--format", "sarif", "--no-cache").stdout
    )
    run = sarif["runs"][0]
    assert "informationUri" not in run["tool"]["driver"]
    for result in run["results"]:
        assert result["ruleId"] and result["message"]["text"]
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"] and location["region"]["startLine"] >= 1
    lines = {
        r["ruleId"]: r["locations"][0]["physicalLocation"]["region"]["startLine"]
        for r in run["results"]
    }
    assert lines["COR001"] == line
    (invocation,) = run["invocations"]
    assert invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    assert note["message"]["text"].startswith(str(broken))


def test_junit_counts_agree_with_the_exit_code(tmp_path: Path) -> None:
    """A finding below --fail-on is no failure (it goes to system-out); failures count
    files, so they never exceed tests; the XML parses."""
    page = tmp_path / "post.txt"
    page.write_text(
        "Bins, again\n\nThe waste manager, Mr Colin Tate, is frankly incompetent and has "
        "ignored every complaint I have passed on since June.\n",
        encoding="utf-8",
    )
    args = ["check", str(page), "--format", "junit", "--no-cache", "--author", "Cllr Ann Rees"]
    for fail_on, code, failures in (("error", 0, "0"), ("warning", 1, "1")):
        out = run_cli(*args, "--fail-on", fail_on)
        assert out.returncode == code, out.stderr
        suite = ET.fromstring(out.stdout).find("testsuite")
        assert suite is not None and suite.get("tests") == "1"
        assert suite.get("failures") == failures
        case = suite.find("testcase")
        assert case is not None
        if failures == "0":
            out_text = case.findtext("system-out") or ""
            assert "CON001" in out_text and case.find("failure") is None


def test_github_annotations_escape_file_names(tmp_path: Path) -> None:
    odd = tmp_path / "a,b:c%d.eml"
    odd.write_text(EML, encoding="utf-8")
    out = run_cli("check", str(odd), "--format", "github", "--no-cache").stdout
    first = out.splitlines()[0]
    assert "file=" in first and "a%2Cb%3Ac%25d.eml" in first
    command, _, _ = first.partition("::")[2].partition("::")
    assert command.count(",") == 2  # file, line, title: no stray separators


def test_rough_edges_of_the_text_output(tmp_path: Path) -> None:
    """At 80 columns a long header hangs under the file name; NO_COLOR turns colour off
    even when --color forces a terminal; a misspelt suppression is a note naming where it
    stands; diff of two text versions asks for --editor; the pre-commit hook takes
    drafts, not requirements.txt."""
    letter = build_docx(tmp_path / "a-rather-long-file-name-for-a-reply-letter.docx", MEMBER_LETTER)
    out = run_cli(letter.name, "--no-cache", cwd=tmp_path, env={"COLUMNS": "80"}).stdout
    first, second = out.splitlines()[:2]
    assert len(first) <= 80 and second.startswith("    ") and second.strip()
    coloured = run_cli(str(letter), "--no-cache", "--color", env={"NO_COLOR": "1"}).stdout
    assert "\x1b[31" not in coloured and "\x1b[32" not in coloured
    note = tmp_path / "note.txt"
    note.write_text(
        "Dear Mrs Ellis,\n\nI will raise this with officers.\n\n"
        "protocheck: ignore[COR01] reason: checked\n\nYours sincerely,\n\nCllr Ann Rees\n",
        encoding="utf-8",
    )
    data = json.loads(run_cli(str(note), "--format", "json", "--no-cache").stdout)
    assert any("ignore[COR01] names no rule" in n for n in data["files"][0].get("notices", []))
    draft, revised = tmp_path / "draft.txt", tmp_path / "revised.txt"
    draft.write_text("Option 1: close the library.\n", encoding="utf-8")
    revised.write_text("Option 1: keep the library.\n", encoding="utf-8")
    asked = run_cli("diff", str(draft), str(revised))
    assert asked.returncode == 2 and "--editor" in asked.stderr
    hooks = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    pattern = re.search(r"files: (\S+)", hooks)
    assert pattern is not None
    assert re.search(pattern.group(1), "drafts/reply.docx")
    assert not re.search(pattern.group(1), "requirements.txt")


def test_a_quoted_printable_body_gives_the_files_own_lines(tmp_path: Path) -> None:
    """A body sent quoted-printable (long lines broken with "=", "£" as =C2=A3) is
    decoded to be checked; each finding's line is the file line its words start on."""
    from email.message import EmailMessage

    msg = EmailMessage()
    msg["From"] = "Cllr Ann Rees <ann.rees@example.gov.uk>"
    msg["To"] = "Mr Jones <jones@example.com>"
    msg["Subject"] = "Your bulky waste collection"
    msg["Date"] = "Mon, 7 Apr 2027 10:00:00 +0000"
    opening = "Dear Mr Jones, thank you for writing to me about the collection. " * 3
    msg.set_content(
        f"{opening.strip()}\n\nI have agreed that the £38 charge will be waived on this occasion.\n\n"
        "Cllr Ann Rees\n",
        cte="quoted-printable",
    )
    mail = tmp_path / "qp.eml"
    mail.write_bytes(bytes(msg))
    file_lines = mail.read_text(encoding="ascii").splitlines()
    assert any(line.endswith("=") for line in file_lines)  # really broken with soft breaks
    data = json.loads(run_cli("check", str(mail), "--format", "json", "--no-cache").stdout)
    cor001 = next(f for f in data["files"][0]["findings"] if f["code"] == "COR001")
    assert "I have agreed that the =C2=A338 charge" in file_lines[cor001["location"]["line"] - 1]
