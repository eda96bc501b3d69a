"""The trained judge: loaded only when a rule has a candidate sentence, its say kept in
the finding (score and cues), and the model rebuilt from its data by `make train`."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, run_cli

RELEASE = """Riverside Borough Council - News release

New play area opens at Marsh Lane park

The new play area at Marsh Lane park opened this week, after a refurbishment costing £120,000.

{sentence}

Councillor Ann Rees, Cabinet Member for Leisure, said: "Families have waited a long time for this and I am delighted to see it open."

Ends
"""


def _findings(tmp_path: Path, sentence: str) -> list[dict[str, object]]:
    page = tmp_path / "release.txt"
    page.write_text(RELEASE.format(sentence=sentence), encoding="utf-8")
    out = run_cli("check", str(page), "--format", "json", "--no-cache", "--select", "PUB001")
    findings: list[dict[str, object]] = json.loads(out.stdout)["files"][0]["findings"]
    return findings


def test_party_credit_without_a_listed_phrase_is_judged(tmp_path: Path) -> None:
    found = _findings(
        tmp_path,
        "The Greens have proved what a council that listens can achieve for families in every ward.",
    )
    assert [f["code"] for f in found] == ["PUB001"]
    judge = found[0]["judge"]
    assert isinstance(judge, dict) and judge["score"] >= 0.5 and judge["cues"] == ["Greens"]


def test_a_party_named_in_passing_is_not(tmp_path: Path) -> None:
    sentence = (
        "The play area was paid for from the budget agreed by all groups, "
        "including Labour and the Conservatives."
    )
    assert _findings(tmp_path, sentence) == []


def test_a_letter_with_no_candidate_never_loads_the_model() -> None:
    code = (
        "from pathlib import Path\n"
        "from protocheck import engine\n"
        "from protocheck.language import judge\n"
        f"engine.check_path(Path({str(ROOT / 'samples/COR001/flag-parking-refund.docx')!r}),"
        " engine.Options(use_cache=False))\n"
        "print(judge._model.cache_info().currsize)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "0"


def _digest(folder: Path) -> dict[str, str]:
    return {
        str(f.relative_to(folder)): hashlib.sha256(f.read_bytes()).hexdigest()
        for f in sorted(folder.rglob("*"))
        if f.is_file()
    }


def test_the_committed_model_was_trained_from_the_committed_sentences() -> None:
    """A sentence or setting changed without `make train` leaves the model behind."""
    sys.path.insert(0, str(ROOT / "tests/tools"))
    from train_judge import inputs_digest

    meta = json.loads((ROOT / "lexicons/judge/model/meta.json").read_text(encoding="utf-8"))
    assert meta.get("trained_from") == inputs_digest(), "run make train"


AGREEMENT = 0.995  # of the yes/no judgements on the project's sentences, on another CPU


def test_make_train_rebuilds_the_committed_model(tmp_path: Path) -> None:
    """The model is data built from lexicons/judge: training again gives the same bytes on
    a machine whose BLAS kernels are the ones it was built with; elsewhere, every file but
    the weights is the same, and the weights give the same judgement on at least 99.5 %
    of the labelled sentences."""
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "tests/tools/train_judge.py"),
            "--out",
            str(tmp_path / "model"),
        ],
        check=True,
        capture_output=True,
    )
    built, committed = _digest(tmp_path / "model"), _digest(ROOT / "lexicons/judge/model")
    weights = "textcat_multilabel/model"
    assert {k: v for k, v in built.items() if k != weights} == {
        k: v for k, v in committed.items() if k != weights
    }
    if built[weights] == committed[weights]:
        return
    import spacy

    rows = [
        json.loads(line)
        for line in (ROOT / "lexicons/judge/sentences.jsonl")
        .read_text(encoding="utf-8")
        .splitlines()
        if line.strip()
    ]
    texts = [row["text"].lower() for row in rows]
    new, old = spacy.load(tmp_path / "model"), spacy.load(ROOT / "lexicons/judge/model")
    same = total = 0
    for a, b in zip(new.pipe(texts, batch_size=256), old.pipe(texts, batch_size=256), strict=True):
        for label, score in a.cats.items():
            total += 1
            same += (score >= 0.5) == (b.cats[label] >= 0.5)
    assert same / total >= AGREEMENT, (same, total)
