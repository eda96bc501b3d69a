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
