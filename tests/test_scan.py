"""`protocheck scan` on a local Dask cluster of two workers gives the command line's
findings, file for file, and a re-run resumes a stopped one."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import SAMPLES, run_cli


def entries(path: Path) -> dict[str, dict[str, object]]:
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        assert entry["path"] not in out, f"{entry['path']} reported twice"
        out[entry["path"]] = entry
    return out


def test_scan_on_two_workers_is_the_cli_and_resumes(tmp_path: Path) -> None:
    archive = SAMPLES / "heldout5"
    cli = json.loads(run_cli("check", str(archive), "--format", "json", "--no-cache").stdout)
    expected = {f["path"]: f for f in cli["files"]}
    out = tmp_path / "scan.jsonl"
    done = run_cli("scan", str(archive), "--dask", "local", "--workers", "2", "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert entries(out) == expected
    # a run stopped part way: a few lines kept, the last one torn
    lines = out.read_text(encoding="utf-8").splitlines()
    out.write_text("\n".join(lines[:5]) + "\n" + lines[5][:40], encoding="utf-8")
    again = run_cli("scan", str(archive), "--dask", "local", "--workers", "2", "-o", str(out))
    assert again.returncode == 0 and "(5 already there)" in again.stderr
    assert entries(out) == expected
