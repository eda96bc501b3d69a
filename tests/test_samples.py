"""Every sample against its .expect: the labels written from the protocol.

A finding that is expected and not produced fails; an unexpected finding fails;
a `!miss` line is a strict expected failure (it fails the day it is found, so
the label is upgraded).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SAMPLES
from expect import check, diff_pair, matches, parse, sample_for, score
from protocheck import engine

EXPECTS = sorted(SAMPLES.rglob("*.expect"))


def _id(p: Path) -> str:
    return str(p.relative_to(SAMPLES)).removesuffix(".expect")


@pytest.mark.parametrize("expect_path", EXPECTS, ids=_id)
def test_sample(expect_path: Path) -> None:
    ef = parse(expect_path)
    pair = diff_pair(expect_path)
    for sample in pair or (sample_for(expect_path),):
        assert sample.exists(), f"{sample} is missing: run `make samples`"
    result = check(expect_path, ef, engine.Options(use_cache=False))
    assert result.error is None, result.error
    scores = score(ef, result.findings)
    known_extra = [
        f for s in scores.values() for f in s.fp if any(matches(k, f) for k in ef.known_extra)
    ]
    unexpected = [
        f'{f.code} "{f.text}" ({f.location.describe()})'
        for s in scores.values()
        for f in s.fp
        if f not in known_extra
    ]
    gone = [k for k in ef.known_extra if not any(matches(k, f) for f in known_extra)]
    missing = [f'{e.code} "{e.quote}"' for s in scores.values() for e in s.fn if not e.miss]
    found_known_misses = [
        f'{e.code} "{e.quote}"' for s in scores.values() for e, _ in s.tp if e.miss
    ]
    assert not unexpected, f"unexpected findings: {unexpected}"
    assert not missing, f"expected findings not produced: {missing}"
    assert not found_known_misses, f"now found, upgrade the !miss label: {found_known_misses}"
    assert not gone, f"no longer produced, remove the !extra line: {[k.quote for k in gone]}"
    known = [f'{e.code} "{e.quote}": {e.miss}' for s in scores.values() for e in s.fn if e.miss]
    known += [f'{k.code} "{k.quote}" (wrongly flagged): {k.extra}' for k in ef.known_extra]
    if known:
        pytest.xfail("; ".join(known))


def test_every_sample_has_an_expect() -> None:
    docs = [
        p
        for p in SAMPLES.rglob("*")
        if p.suffix in (".docx", ".pdf", ".eml", ".txt")
        and not (p.stem in ("draft", "revised") and (p.parent / "diff.expect").exists())
    ]
    lacking = [str(p) for p in docs if not p.with_name(p.name + ".expect").exists()]
    assert not lacking


def test_every_source_is_built() -> None:
    sources = list(SAMPLES.rglob("*.docx.yml")) + list(SAMPLES.rglob("*.pdf.yml"))
    unbuilt = [str(s) for s in sources if not s.with_suffix("").exists()]
    assert not unbuilt, f"run `make samples`: {unbuilt}"
