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


def test_a_worker_killed_mid_run_loses_no_file(tmp_path: Path) -> None:
    """SIGKILL to one of the two workers, as the out-of-memory killer would: Dask restarts
    it and runs its batch again; every file is reported exactly once."""
    import os
    import subprocess
    import sys
    import time

    import psutil

    sys.path.insert(0, str(Path(__file__).parent / "tools"))
    from bench_scan import letter

    archive = tmp_path / "archive"
    archive.mkdir()
    for i in range(1200):
        (archive / f"letter-{i:05d}.txt").write_text(letter(i), encoding="utf-8")
    out = tmp_path / "scan.jsonl"
    cmd = [sys.executable, "-m", "protocheck.cli", "scan", str(archive), "--dask", "local"]
    proc = subprocess.Popen(
        [*cmd, "--workers", "2", "-o", str(out)], stderr=subprocess.PIPE, text=True
    )
    killed = False
    deadline = time.monotonic() + 240
    while proc.poll() is None and time.monotonic() < deadline:
        written = len(out.read_text(encoding="utf-8").splitlines()) if out.exists() else 0
        if not killed and written >= 100:
            workers = [
                k
                for k in psutil.Process(proc.pid).children(recursive=True)
                if "spawn_main" in " ".join(k.cmdline())
            ]
            if workers:
                os.kill(workers[-1].pid, 9)
                killed = True
        time.sleep(0.1)
    _, err = proc.communicate(timeout=60)
    assert killed and proc.returncode == 0, err
    paths = [json.loads(line)["path"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(paths) == len(set(paths)) == 1200
    assert "WARNING" not in err
