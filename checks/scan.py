"""An archive on a Dask cluster: the same checks as the command line, a batch of files
a task, results streamed to JSON Lines (one file result a line).

Each worker is a process that loads spaCy and the lexicons once, for its first batch.
A task that fails (a worker killed, say) is retried by Dask; a batch that still fails
becomes one unreadable result per file, so no file is lost. A run that stops part way
is resumed by running it again: files already in the output are skipped.

Needs the `dask` extra: `pip install 'protocheck[dask]'`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

BATCH = 25  # files a task: enough to amortise a task's overhead, few enough to balance
RETRIES = 2  # times Dask reruns a failed task before its files are reported unreadable


def _check_batch(paths: list[str], opts: Any) -> list[dict[str, Any]]:
    return [_check_one(Path(p), opts).as_json() for p in paths]


def _check_one(path: Path, opts: Any) -> Any:
    """A file, or the one line saying why it cannot be read (a FIFO would block)."""
    from protocheck import engine
    from protocheck.model.findings import FileResult

    why = engine.unreadable(path)
    return FileResult(str(path), error=why) if why is not None else engine.check_path(path, opts)


def done_paths(output: Path) -> set[str]:
    """Files already reported in `output` (a run being resumed); a torn last line is
    ignored and checked again."""
    seen: set[str] = set()
    if not output.exists():
        return seen
    for line in output.read_text(encoding="utf-8").splitlines():
        try:
            seen.add(json.loads(line)["path"])
        except (ValueError, KeyError, TypeError):
            continue
    return seen


def _drop_torn_line(output: Path) -> None:
    """A run stopped mid-write leaves a last line without its newline: cut it, so the
    resumed run appends whole lines (that file is checked again)."""
    if not output.exists():
        return
    data = output.read_bytes()
    if data and not data.endswith(b"\n"):
        output.write_bytes(data[: data.rfind(b"\n") + 1])


def scan(
    files: list[Path],
    opts: Any,
    output: Path,
    address: str,
    workers: int = 2,
    on_entry: Callable[[dict[str, Any]], None] | None = None,
) -> tuple[int, int]:
    """Check `files` on the cluster at `address` ("local": a LocalCluster of `workers`
    processes), appending each file's JSON entry to `output` (and passing it to
    `on_entry`). Returns (checked now, skipped as already in `output`)."""
    import logging

    from dask.distributed import Client, LocalCluster, as_completed

    # a worker lost and restarted is Dask's business: its warnings are not the report's
    # (distributed sets levels on its own child loggers, "distributed.client" among them)
    for name in ["distributed", *logging.root.manager.loggerDict]:
        if name == "distributed" or name.startswith("distributed."):
            logging.getLogger(name).setLevel(logging.ERROR)

    _drop_torn_line(output)
    seen = done_paths(output)
    todo = [str(f) for f in files if str(f) not in seen]
    batches = [todo[i : i + BATCH] for i in range(0, len(todo), BATCH)]
    cluster = (
        LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        )
        if address == "local"
        else None
    )
    checked = 0
    try:
        with (
            Client(cluster if cluster is not None else address) as client,
            output.open("a", encoding="utf-8") as out,
        ):
            futures = {
                client.submit(_check_batch, batch, opts, retries=RETRIES, pure=False): batch
                for batch in batches
            }
            for future in as_completed(futures):
                for entry in _entries(future, futures[future]):
                    out.write(json.dumps(entry, ensure_ascii=False) + "\n")
                    checked += 1
                    if on_entry is not None:
                        on_entry(entry)
                out.flush()
    finally:
        if cluster is not None:
            cluster.close()
    return checked, len(seen)


def _entries(future: Any, batch: list[str]) -> Iterator[dict[str, Any]]:
    try:
        yield from future.result()
    except Exception as exc:  # the batch failed on every try: each file is a result
        reason = f"worker failed ({type(exc).__name__}: {exc})".splitlines()[0]
        for path in batch:
            yield {"path": path, "kind": None, "error": reason, "findings": []}
