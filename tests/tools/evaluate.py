"""`make eval`: precision and recall per rule over samples/, against the .expect labels.

python tests/tools/evaluate.py [samples] [-v]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from expect import Score, parse, sample_for
from protocheck import engine


def evaluate(
    root: Path, exclude: tuple[str, ...] = ()
) -> tuple[dict[str, Score], dict[str, list[str]], int]:
    totals: dict[str, Score] = {}
    notes: dict[str, list[str]] = {}
    files = 0
    opts = engine.Options(use_cache=False)
    from expect import check, score

    for exp_path in sorted(root.rglob("*.expect")):
        if any(part in exclude for part in exp_path.relative_to(root).parts):
            continue
        sample = exp_path.parent if exp_path.name == "diff.expect" else sample_for(exp_path)
        ef = parse(exp_path)
        result = check(exp_path, ef, opts)
        files += 1
        if result.error:
            notes.setdefault("unreadable", []).append(f"{sample}: {result.error}")
        for code, s in score(ef, result.findings).items():
            t = totals.setdefault(code, Score())
            t.tp += s.tp
            t.fn += s.fn
            t.fp += s.fp
            for e in s.fn:
                notes.setdefault(code, []).append(
                    f'  miss  {sample}: "{e.quote}"' + (f"  (!miss {e.miss})" if e.miss else "")
                )
            for f in s.fp:
                notes.setdefault(code, []).append(f'  extra {sample}: "{f.text}" [{f.pattern}]')
    return totals, notes, files


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("root", nargs="?", default="samples")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument(
        "--exclude",
        action="append",
        default=[],
        metavar="FOLDER",
        help="leave out samples under a folder of this name (e.g. a held-out set)",
    )
    args = ap.parse_args()
    totals, notes, files = evaluate(Path(args.root), tuple(args.exclude))
    print(f"{files} labelled samples\n")
    print(f"{'rule':<8} {'TP':>4} {'FP':>4} {'FN':>4} {'precision':>10} {'recall':>8}")
    for code in sorted(totals):
        s = totals[code]
        tp, fp, fn = len(s.tp), len(s.fp), len(s.fn)
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        print(f"{code:<8} {tp:>4} {fp:>4} {fn:>4} {p:>10.3f} {r:>8.3f}")
    if args.verbose or any(totals[c].fp or totals[c].fn for c in totals):
        for code, lines in sorted(notes.items()):
            print(f"\n{code}:")
            print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
