"""`make bench-scan`: an archive of generated letters checked on a local Dask cluster of
one worker and of two; prints files/s and each worker's memory (prints, never fails).

python tests/tools/bench_scan.py [N]   (default 10,000 documents)
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

TOWNS = ["Ashvale", "Brinsford", "Castlemere", "Dunholm", "Eastwick", "Fernlea", "Gorsebrook"]
STREETS = ["Mill Lane", "Larch Row", "Station Road", "Church Street", "Orchard Close"]
TOPICS = [
    "the missed bin collections",
    "the pothole outside number {n}",
    "the street lighting",
    "the parking charges at the leisure centre",
    "the overgrown verge",
]
BODIES = [
    "I will raise this with officers and let you know what they say.",
    "I can confirm that the Council will refund your charges in full by {n} March.",
    "Officers tell me the works are planned for the spring.",
    "I have asked the highways team to look at it and will be in touch.",
]


def letter(n: int) -> str:
    town, street = TOWNS[n % len(TOWNS)], STREETS[n % len(STREETS)]
    topic = TOPICS[n % len(TOPICS)].format(n=n % 90 + 1)
    body = BODIES[n % len(BODIES)].format(n=n % 28 + 1)
    return (
        f"Dear Resident of {street},\n\nThank you for writing to me about {topic} in {town}. "
        f"{body}\n\nYours sincerely,\n\nCllr Member {n}\nWard councillor for {town} North\n"
    )


def main() -> int:
    from dask.distributed import Client, LocalCluster
    from protocheck import engine
    from protocheck import scan as scan_mod

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        archive = root / "archive"
        archive.mkdir()
        for i in range(n):
            (archive / f"letter-{i:05d}.txt").write_text(letter(i), encoding="utf-8")
        (root / "protocheck.toml").write_text("", encoding="utf-8")
        opts = engine.Options(config_path=root / "protocheck.toml", use_cache=False)
        files = list(engine.collect([archive]))
        print(f"{n} generated letters; machine: {__import__('os').cpu_count()} cores")
        print(f"{'workers':>7} {'seconds':>8} {'files/s':>8}  worker RSS MB")
        rates = {}
        for workers in (1, 2):
            output = root / f"out-{workers}.jsonl"
            with (
                LocalCluster(
                    n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
                ) as cluster,
                Client(cluster) as client,
            ):
                t = time.perf_counter()
                scan_mod.scan(files, opts, output, cluster.scheduler_address, workers)
                seconds = time.perf_counter() - t
                rss = client.run(lambda: __import__("psutil").Process().memory_info().rss)
            rates[workers] = n / seconds
            mb = ", ".join(f"{v / 2**20:.0f}" for v in rss.values())
            print(f"{workers:>7} {seconds:>8.1f} {n / seconds:>8.0f}  {mb}")
        print(f"2 workers / 1 worker: {rates[2] / rates[1]:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
