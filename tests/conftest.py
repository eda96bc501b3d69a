from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "tests" / "tools"))


@pytest.fixture(autouse=True)
def _isolated_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PROTOCHECK_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture(scope="session")
def samples_cache(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A result cache the tests that run protocheck over every sample share (pass it as
    run_cli's env): the first such run checks the samples, the others read the cache."""
    return {"PROTOCHECK_CACHE_DIR": str(tmp_path_factory.mktemp("samples-cache"))}


def run_cli(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """protocheck in a child process, as a user runs it."""
    full_env = {**os.environ, "COLUMNS": "100", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "protocheck.cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=full_env,
        timeout=120,
    )


def build_docx(path: Path, spec: dict[str, Any]) -> Path:
    from build_samples import build_docx as build

    build(spec, path)
    return path


MEMBER_LETTER: dict[str, Any] = {
    "properties": {"author": "Priya Shah"},
    "header": ["From the Office of Councillor Priya Shah", "Example Borough Council"],
    "body": [
        "Dear Mr Jones,",
        "Thank you for your letter about the parking charges at Station Road.",
        "I can confirm that the Council will refund your parking charges in full by 31 March.",
        "Yours sincerely,",
        "Cllr Priya Shah\nCabinet Member for Highways",
    ],
}

OFFICER_LETTER: dict[str, Any] = {
    "body": [
        "Dear Mr Jones,",
        "I can confirm that the Council will refund your parking charges in full by 31 March.",
        "Yours sincerely,",
        "Tom Reed\nHead of Parking Services",
    ],
}
