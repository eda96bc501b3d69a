"""Agenda packs: split into items, each item checked as itself, findings by item and page."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import protocheck
import pytest
from build_pack import build, build_docx
from conftest import SAMPLES, run_cli
from protocheck.language import packs

CONFIG = SAMPLES / "protocheck.toml"
# documents of several kinds: letters, press releases, newsletters, reports, minutes, a printed e-mail
JOINED = [
    "COR001/flag-cease-trading-rear-yard.pdf",
    "COR001/flag-community-grant-approved.pdf",
    "COR004/flag-departmental-letterhead.pdf",
    "COR003/flag-council-only-signature.pdf",
    "COR004/ok-officer-letterhead-letter.pdf",
    "COR003/flag-school-closure-statement.pdf",
    "PUB001/flag-independent-group-force.pdf",
    "COR003/ok-press-release-cabinet-member.pdf",
    "CON001/flag-newsletter-tenancy-officer.pdf",
    "CON004/flag-newsletter-vote-for-me.pdf",
    "RPT006/flag-gambling-policy-no-implications.pdf",
    "RPT007/flag-libdem-group-request.pdf",
    "PUB004/flag-report-officer-comments-ideological-attack.pdf",
    "COR001/real/ok-cabinet-minute-play-areas.pdf",
    "PUB002/flag-borough-news-spring-edition.pdf",
    "COR002/real/flag-printed-email-bcc-group-leader.pdf",
    "PUB001/flag-annual-report-to-residents.pdf",
    "CON002/flag-group-decision-implement.pdf",
]


def _join(files: list[Path], out: Path) -> dict[str, int]:
    """The files one after another in one PDF (as a pack is put together); each file's
    page offset in it."""
    import pypdfium2 as pdfium

    pack = pdfium.PdfDocument.new()
    offsets = {}
    for f in files:
        src = pdfium.PdfDocument(str(f))
        offsets[str(f)] = len(pack)
        pack.import_pages(src)
        src.close()
    pack.save(str(out))
    pack.close()
    return offsets


def _key(f: Any, page: int) -> tuple[str, str, int]:
    return (f.code, " ".join(f.text.split()), page)


def test_documents_joined_into_a_pack_give_the_findings_they_give_alone(tmp_path: Path) -> None:
    files = [SAMPLES / name for name in JOINED]
    offsets = _join(files, tmp_path / "pack.pdf")
    alone_report = protocheck.check_paths(files, config=CONFIG, use_cache=False)
    alone = Counter(
        _key(f, (f.location.page or 0) + offsets[r.path])
        for r in alone_report.files
        for f in r.findings
    )
    pack = protocheck.check(tmp_path / "pack.pdf", config=CONFIG, kind="agenda-pack")
    in_pack = Counter(_key(f, f.location.page or 0) for f in pack.findings)
    assert len(alone) >= 10
    kept = sum((alone & in_pack).values())
    new = sum((in_pack - alone).values())
    assert kept >= 0.95 * sum(alone.values()), sorted(alone - in_pack)
    assert new <= 0.05 * sum(alone.values()), sorted(in_pack - alone)
    assert pack.kind == "agenda-pack" and pack.items is not None
    # every finding names an item whose pages hold it
    for f in pack.findings:
        assert f.item is not None
        assert f.item["first_page"] <= (f.location.page or 0) <= f.item["last_page"]


def _items(result: Any) -> list[dict[str, Any]]:
    keys = ("number", "title", "kind", "first_page", "last_page")
    return [{k: i[k] for k in keys} for i in result.items]


@pytest.mark.parametrize("outline", [False, True], ids=["stamps-and-front-sheet", "outline"])
def test_a_built_pack_is_split_into_its_items(tmp_path: Path, outline: bool) -> None:
    truth = build(tmp_path / "pack.pdf", reports=6, paragraphs=3, outline=outline)
    result = protocheck.check(tmp_path / "pack.pdf", config=CONFIG)
    assert result.kind == "agenda-pack"  # detected, not forced
    expected = [{k: v for k, v in t.items() if k != "exempt"} for t in truth]
    got = _items(result)
    if outline:  # the outline names the items; kinds and numbers agree, titles are the outline's
        for g, e in zip(got, expected, strict=True):
            assert (g["number"], g["kind"], g["first_page"], g["last_page"]) == (
                e["number"],
                e["kind"],
                e["first_page"],
                e["last_page"],
            )
            assert e["title"] in g["title"] or g["title"] == "Agenda front sheet"
    else:
        assert got == expected
    exempt = [t for t in truth if t["exempt"]]
    assert result.pack is not None and result.pack["committee"] == "Cabinet"
    assert result.pack["meeting_date"] == "2027-03-12"
    assert result.pack["exempt_items"] == [t["number"] for t in exempt]
    by_first = {i["first_page"]: i for i in result.items}
    assert all(by_first[t["first_page"]]["exempt"] for t in exempt)
    # the report written without Legal implications, and the one quoting a group meeting
    where = {(f.code, f.item["title"]) for f in result.findings if f.item}
    assert ("RPT006", "Garden waste collection charges") in where
    assert ("RPT007", "Parking permits in the town centre") in where


def test_a_pack_built_in_word_is_split_at_its_section_breaks(tmp_path: Path) -> None:
    truth = build_docx(tmp_path / "pack.docx", reports=5)
    result = protocheck.check(tmp_path / "pack.docx", config=CONFIG)
    assert result.kind == "agenda-pack"
    assert _items(result) == [{k: v for k, v in t.items() if k != "exempt"} for t in truth]
    assert result.pack is not None and result.pack["committee"] == "Cabinet"
    where = {(f.code, f.item["title"], f.location.page) for f in result.findings if f.item}
    garden = next(t for t in truth if t["title"] == "Garden waste collection charges")
    assert ("RPT006", garden["title"], garden["first_page"]) in where
    assert any(code == "RPT007" and title.startswith("Parking") for code, title, _ in where)


def test_pack_reports_by_item_in_every_format(tmp_path: Path) -> None:
    pack = tmp_path / "cabinet-pack.pdf"
    truth = build(pack, reports=5, paragraphs=2)
    out = run_cli("--no-cache", "--format", "json", "--fail-on", "never", str(pack))
    entry = json.loads(out.stdout)["files"][0]
    for _ in range(2):  # checked, then from the result cache: the same items and findings
        cached = run_cli("--format", "json", "--fail-on", "never", str(pack))
        assert json.loads(cached.stdout)["files"][0] == entry
    assert [i["first_page"] for i in entry["items"]] == [t["first_page"] for t in truth]
    assert len(entry["items"]) > len({f["item"]["first_page"] for f in entry["findings"]})
    rpt006 = next(f for f in entry["findings"] if f["code"] == "RPT006")
    item = next(t for t in truth if t["title"] == "Garden waste collection charges")
    assert rpt006["item"] == {k: v for k, v in item.items() if k != "exempt"}
    assert rpt006["location"]["item"] == item["number"]
    assert item["first_page"] <= rpt006["location"]["page"] <= item["last_page"]

    # the offsets index the item's own text, which --dump-text prints under its heading
    dump = run_cli("--dump-text", str(pack)).stdout
    own = dump.split(f"--- Item {item['number']} - {item['title']} ")[1].split("\n", 1)[1]
    start, end = rpt006["location"]["start"], rpt006["location"]["end"]
    assert own[start:end] == rpt006["text"]

    text = run_cli("--no-cache", "--fail-on", "never", "--no-color", str(pack)).stdout
    heading = (
        f"Item {item['number']} - {item['title']} "
        f"(report, pages {item['first_page']}-{item['last_page']})"
    )
    assert heading in text
    assert f"agenda-pack, Cabinet 2027-03-12, {len(truth)} items" in " ".join(text.split())
    assert re.search(rf"RPT006 missing-implications\s+page {rpt006['location']['page']},", text)

    sarif = json.loads(
        run_cli("--no-cache", "--format", "sarif", "--fail-on", "never", str(pack)).stdout
    )
    result = next(r for r in sarif["runs"][0]["results"] if r["ruleId"] == "RPT006")
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"].endswith("cabinet-pack.pdf")
    assert location["region"]["properties"]["page"] == rpt006["location"]["page"]
    assert location["region"]["properties"]["item"] == item["number"]

    github = run_cli("--no-cache", "--format", "github", "--fail-on", "never", str(pack)).stdout
    line = next(ln for ln in github.splitlines() if "RPT006" in ln)
    assert "cabinet-pack.pdf" in line
    assert f"item {item['number']}, page {rpt006['location']['page']}" in line


def test_items_checked_in_parallel_give_the_same_report(tmp_path: Path) -> None:
    pack = tmp_path / "pack.pdf"
    build(pack, reports=6, paragraphs=2)
    args = ("--no-cache", "--format", "json", "--fail-on", "never", str(pack))
    one = json.loads(run_cli(*args).stdout)["files"][0]
    two = json.loads(run_cli("--jobs", "2", *args).stdout)["files"][0]
    assert one["findings"] and two == one


@pytest.mark.parametrize(("busy", "shared"), [(0, True), (2, False)])
def test_a_long_pack_alone_is_shared_among_the_free_cores_by_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, busy: int, shared: bool
) -> None:
    """With no --jobs, a single pack longer than workers.PACK_CHARACTERS has its items
    checked by as many workers as there are free cores, with the report one process
    gives; a pack below it, or a machine with no free core, stays in this process."""
    from protocheck import engine, workers

    pack = tmp_path / "pack.pdf"
    build(pack, reports=6, paragraphs=2)
    used: list[int] = []
    in_parallel = engine._items_in_parallel

    def spy(*args: Any) -> Any:
        used.append(args[4])
        return in_parallel(*args)

    monkeypatch.setattr(engine, "_items_in_parallel", spy)
    monkeypatch.setattr(workers, "usable_cores", lambda: 2)
    monkeypatch.setattr(workers, "busy_cores", lambda: busy)
    opts = engine.Options(use_cache=False)
    (alone,) = engine.run([pack], opts, jobs=1)
    assert used == []
    (short,) = engine.run([pack], opts, jobs=None)
    assert used == []
    monkeypatch.setattr(workers, "PACK_CHARACTERS", 1000)
    (auto,) = engine.run([pack], opts, jobs=None)
    assert used == ([2] if shared else [])
    assert alone.findings and alone.as_json() == short.as_json() == auto.as_json()


def test_an_exempt_item_in_the_public_part_is_con003(tmp_path: Path) -> None:
    truth = build(tmp_path / "pack.pdf", reports=5, paragraphs=1, part_two=False)
    exempt = next(t for t in truth if t["exempt"])
    result = protocheck.check(tmp_path / "pack.pdf", config=CONFIG)
    con003 = [f for f in result.findings if f.code == "CON003"]
    assert len(con003) == 1 and con003[0].item is not None
    assert con003[0].item["number"] == exempt["number"]
    assert con003[0].location.page == exempt["first_page"]
    assert "NOT FOR PUBLICATION" in con003[0].text
    # with CON003 not run, a notice says it instead
    quiet = protocheck.check(tmp_path / "pack.pdf", config=CONFIG, ignore=["CON003"])
    said = [n for n in quiet.notices if "marked exempt" in n]
    assert len(said) == 1 and f"Item {exempt['number']} - {exempt['title']}" in said[0]
    # listed after the exclusion of the press and public, it is in the private part
    build(tmp_path / "private.pdf", reports=5, paragraphs=1)
    private = protocheck.check(tmp_path / "private.pdf", config=CONFIG)
    assert not [f for f in private.findings if f.code == "CON003"]
    assert not [n for n in private.notices if "marked exempt" in n]
    assert private.pack is not None and private.pack["exempt_items"] == [exempt["number"]]


def test_pages_of_one_report_with_no_running_header_stay_together(tmp_path: Path) -> None:
    """A pack with no front sheet: a report stamped "Agenda item N" every 20 pages, whose
    pages open with headings and paragraphs, not mastheads, is three items, not sixty."""
    from bench import agenda_pack

    agenda_pack(tmp_path / "pack.pdf", 60)
    result = protocheck.check(tmp_path / "pack.pdf", config=CONFIG)
    assert result.items is not None
    assert [(i["number"], i["first_page"], i["last_page"]) for i in result.items] == [
        ("1", 1, 20),
        ("2", 21, 40),
        ("3", 41, 60),
    ]


def test_a_long_pdf_with_no_items_is_one_document(tmp_path: Path) -> None:
    """A report of twelve pages with no item stamps or front sheet is not a pack, and its
    bookmarked section headings are no items even where it is read as one."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "strategy.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    heads = {1: "1. Purpose of report", 3: "2. Recommendations", 5: "3. Options considered"}
    heads |= {8: "4. Financial implications", 10: "5. Legal implications"}
    for n in range(1, 13):
        if n in heads:
            c.bookmarkPage(f"p{n}")
            c.addOutlineEntry(heads[n], f"p{n}", 0)
        c.setFont("Helvetica", 9)
        c.drawString(72, 815, "Housing Strategy 2027-2032")
        c.drawString(280, 30, f"Page {n}")
        c.setFont("Helvetica", 11)
        for k in range(20):
            c.drawString(
                72,
                760 - 18 * k,
                f"{n}.{k + 1} The strategy sets out how the Council will meet need.",
            )
        c.showPage()
    c.save()
    from protocheck.read import read

    assert [title for _, title, _ in read(path).outline] == list(heads.values())
    result = protocheck.check(path, config=CONFIG)
    assert result.kind != "agenda-pack" and result.items is None
    forced = protocheck.check(path, config=CONFIG, kind="agenda-pack")
    assert forced.items is not None
    assert [(i["first_page"], i["last_page"]) for i in forced.items] == [(1, 12)]


def test_pack_lexicon_examples_match_and_counters_do_not() -> None:
    for name, entry in packs.entries().items():
        rx = packs.cue(name)
        for example in entry["examples"]:
            assert rx.search(example), f"lexicons/pack.yml {name}: {example!r} does not match"
        for counter in entry.get("counters", []):
            assert not rx.search(counter), f"lexicons/pack.yml {name}: {counter!r} matches"


def test_a_pack_longer_than_max_chars_is_checked_whole_and_one_document_is_cut(
    tmp_path: Path,
) -> None:
    """max-chars bounds the text checked as one document; a pack's items are each a
    document, so the pack is read to eight times the budget and checked whole."""
    truth = build(tmp_path / "pack.pdf", reports=6, paragraphs=3)
    (tmp_path / "protocheck.toml").write_text(
        "max-chars = 20000\n", encoding="utf-8"
    )  # the pack: ~50,000
    pack = protocheck.check(tmp_path / "pack.pdf", use_cache=False)
    assert pack.kind == "agenda-pack"
    assert not [n for n in pack.notices if "truncated" in n], pack.notices
    assert len(pack.items or []) == len(truth)
    one = protocheck.check(tmp_path / "pack.pdf", kind="report", use_cache=False)
    assert [n for n in one.notices if n.startswith("truncated at 20,000 characters")], one.notices
