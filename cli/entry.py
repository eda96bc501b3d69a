"""The `protocheck` command's entry point.

Collection of cyclic garbage is paused while the command imports spaCy and builds
its pipeline: tens of thousands of long-lived objects and no garbage, whose repeated
scanning costs a tenth of a cold start. `nlp.pipeline()` freezes what start-up made
and turns collection back on, so a long batch run collects as usual.
"""

from __future__ import annotations

import gc


def main() -> None:
    gc.disable()
    from protocheck.cli.app import main as run

    run()
