"""A small seeded slice of the fuzz run (tests/tools/fuzz.py; `make fuzz` runs 1,000
cases): mutated samples of every format through the command line, each ending with
exit code 0, 1 or 2, no traceback or internal error, within 10 s and 300 MB."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

TOOL = Path(__file__).parent / "tools" / "fuzz.py"


def test_a_seeded_slice_of_the_fuzz_run_passes(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, str(TOOL), "--cases", "8", "--seed", "7", "--keep", str(tmp_path), "-q"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "seed 7: 8 cases (.docx 2, .eml 2, .pdf 2, .txt 2)" in proc.stdout, proc.stdout
    assert "failures 0 (tracebacks 0, hangs 0)" in proc.stdout, proc.stdout
    assert list(tmp_path.iterdir()) == []
