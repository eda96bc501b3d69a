"""The layout enforces itself: rules, docs, samples, profiles and lexicons agree."""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLES, SHARED
from protocheck.language import lexicon
from protocheck.model import profiles
from protocheck.rules import registry

RULES_MD = SHARED / "RULES.md"
SEED_FOR = {
    "000": "wokingham",
    "001": "north-northamptonshire",
    "002": "conwy",
    "003": "north-east-derbyshire",
    "004": "runnymede",
}


def catalogue() -> dict[str, tuple[str, set[str]]]:
    """code -> (slug, profiles whose seed the clauses column cites), from RULES.md."""
    out = {}
    for line in RULES_MD.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^\|\s*([A-Z]{3}\d{3})\s*\|\s*([a-z-]+)\s*\|.*\|\s*([^|]*)\|\s*$", line)
        if m:
            seeds = set(re.findall(r"\b(00[0-4])\b", m.group(3)))
            out[m.group(1)] = (m.group(2), {SEED_FOR[s] for s in seeds})
    return out


needs_shared = pytest.mark.skipif(
    not RULES_MD.exists(), reason="../shared is not beside the checkout"
)


def test_every_check_module_registers_one_rule_named_after_it() -> None:
    rules = registry.all_rules()
    modules = sorted(
        p for p in (ROOT / "checks" / "rules").glob("*/*.py") if p.name != "__init__.py"
    )
    assert len(modules) == len(rules)
    for r in rules:
        expected = f"{r.code.lower()}_{r.slug.replace('-', '_')}"
        assert r.module.rsplit(".", 1)[-1] == expected, r.module
        assert r.check.__name__ == r.slug.replace("-", "_")


@needs_shared
def test_codes_and_slugs_match_the_catalogue() -> None:
    cat = catalogue()
    assert len(cat) == 19  # COR001-004, PUB001-004, RPT001-007, CON001-004
    for r in registry.all_rules():
        assert r.code in cat, f"{r.code} is not in RULES.md"
        assert cat[r.code][0] == r.slug


def test_every_docstring_has_the_fixed_sections() -> None:
    for r in registry.all_rules():
        for section in registry.DOC_SECTIONS:
            assert r.sections.get(section), f"{r.code}: docstring lacks '## {section}'"


def test_every_rule_has_flag_and_ok_samples() -> None:
    for r in registry.all_rules():
        folder = SAMPLES / r.code
        assert list(folder.rglob("flag-*.expect")), f"{r.code}: no flag- sample"
        assert list(folder.rglob("ok-*.expect")), f"{r.code}: no ok- sample"


@needs_shared
def test_profiles_enable_exactly_the_codes_their_seed_states() -> None:
    for code, (_, councils) in catalogue().items():
        for pid in profiles.council_ids():
            assert profiles.get(pid).enables(code) == (pid in councils), f"{pid} {code}"
        assert profiles.get("model").enables(code), f"model lacks {code}"


def _clean_seed(text: str) -> str:
    text = re.sub(r"~~.*?~~", "", text, flags=re.S)
    text = (
        text.replace("**", "").replace("\u201c", '"').replace("\u201d", '"').replace("\u2019", "'")
    )
    text = re.sub(r"^\s*(#+|-)\s+", " ", text, flags=re.M)
    return " ".join(text.split()).lower()


@needs_shared
def test_clause_text_is_the_seeds_own_words() -> None:
    for pid in profiles.council_ids():
        prof = profiles.get(pid)
        seed = _clean_seed((SHARED / "seeds" / str(prof.seed)).read_text(encoding="utf-8"))
        for code, clauses in prof.clauses.items():
            for c in clauses:
                for piece in re.split(r"\s*\.\.\.\s*", c.text):
                    piece = _clean_seed(piece).strip(" :;-")
                    if len(piece) > 12:
                        assert piece in seed, f"{pid} {code} {c.ref}: not in the seed: {piece[:80]}"


def test_profile_exceptions_name_real_codes() -> None:
    codes = {r.code for r in registry.all_rules()}
    checked = 0
    for pid in profiles.council_ids():
        for e in profiles.get(pid).exceptions:
            assert set(e.codes) <= codes, f"{pid} {e.id}: {e.codes}"
            checked += 1
    assert checked > 0


def test_every_lexicon_file_is_used() -> None:
    uses = {u for r in registry.all_rules() for u in r.uses}
    root = lexicon.root()
    referenced = set()
    for yml in (root / "patterns").glob("*.yml"):
        referenced |= {
            f"words/{m}" for m in re.findall(r'"@([\w-]+)"', yml.read_text(encoding="utf-8"))
        }
        assert f"patterns/{yml.stem}" in uses, f"patterns/{yml.stem}.yml is used by no rule"
    referenced |= uses
    code = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "checks").rglob("*.py"))
    for txt in (
        list((root / "words").glob("*.txt"))
        + list((root / "roles").glob("*.txt"))
        + list(root.glob("*.txt"))
    ):
        name = txt.stem if txt.parent == root else f"{txt.parent.name}/{txt.stem}"
        assert name in referenced or f'"{name}"' in code or f'"{txt.stem}"' in code, (
            f"lexicons/{name}.txt is used nowhere"
        )


def test_every_package_folder_is_in_pyproject() -> None:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    packages = set(data["tool"]["setuptools"]["packages"])
    mapping = {"checks": "protocheck", "cli": "protocheck.cli", "lexicons": "protocheck.lexicons"}
    for top, pkg in mapping.items():
        for init in (ROOT / top).rglob("__init__.py"):
            rel = init.parent.relative_to(ROOT / top)
            name = ".".join([pkg, *rel.parts]) if rel.parts else pkg
            assert name in packages, f"{name} is missing from [tool.setuptools] packages"


def test_no_clause_text_in_checks() -> None:
    """Clauses are attached from profiles by code; the code never quotes one (a rule's
    docstring may, as documentation). Every run of eight words from any profile's
    clause text is looked for in every module outside its docstring."""
    pieces: set[str] = set()
    for pid in [*profiles.council_ids(), "model"]:
        for clauses in profiles.get(pid).clauses.values():
            for c in clauses:
                words = re.findall(r"[a-z']+", c.text.lower())
                pieces |= {" ".join(words[i : i + 8]) for i in range(len(words) - 7)}
    assert len(pieces) > 100
    for p in [*(ROOT / "checks").rglob("*.py"), *(ROOT / "cli").rglob("*.py")]:
        source = p.read_text(encoding="utf-8")
        doc = ast.get_docstring(ast.parse(source), clean=False) or ""
        code = " ".join(re.findall(r"[a-z']+", source.replace(doc, "").lower()))
        found = [piece for piece in pieces if piece in code]
        assert not found, f"{p} quotes a clause: {found[0]}"


def test_nothing_in_the_library_imports_the_command_line() -> None:
    for p in (ROOT / "checks").rglob("*.py"):
        for line in p.read_text(encoding="utf-8").splitlines():
            assert not re.match(r"\s*(from|import)\s+protocheck\.cli\b", line), f"{p}: {line}"


def test_readme_layout_matches_the_tree() -> None:
    """The README's Layout table names every folder and top-level module of the
    library, and every path it names exists."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    layout = readme.split("### Layout", 1)[1]
    named = set(re.findall(r"^\| `([^`]+)` \|", layout, re.M))
    assert len(named) >= 8
    for path in named:
        assert (ROOT / path).exists(), f"README Layout names {path}, which does not exist"
    for child in (ROOT / "checks").iterdir():
        if child.name.startswith(("_", ".")) or child.suffix not in ("", ".py"):
            continue
        rel = f"checks/{child.name}" + ("/" if child.is_dir() else "")
        assert rel in named or f"`{rel}`" in layout, f"{rel} is missing from the README's Layout"
    for sub in ("read", "model", "language", "store"):
        for module in (ROOT / "checks" / sub).glob("*.py"):
            if module.name != "__init__.py":
                assert f"`{module.name}`" in layout, (
                    f"checks/{sub}/{module.name} is not in the Layout"
                )
    for family in (ROOT / "checks" / "rules").iterdir():
        if family.is_dir() and not family.name.startswith("_"):
            assert f"`{family.name}/`" in layout, (
                f"checks/rules/{family.name}/ is not in the Layout"
            )


def test_slow_modules_are_not_imported_at_module_level() -> None:
    banned = ("spacy", "pdfplumber", "pypdfium2", "docx", "lxml")
    allowed = {"nlp.py"}
    for p in list((ROOT / "cli").rglob("*.py")) + list((ROOT / "checks").rglob("*.py")):
        if p.name in allowed or p.parent.name == "read":
            continue
        for line in p.read_text(encoding="utf-8").splitlines():
            if line.startswith(("import ", "from ")):
                mod = line.split()[1].split(".")[0]
                assert mod not in banned, f"{p}: {line}"


def test_lexicon_examples_match_and_counters_do_not() -> None:
    from protocheck.language import nlp

    for (label, pid), e in lexicon.entries_by_id().items():
        for ex in e.examples:
            assert (label, pid) in {(s[0], s[1]) for s in nlp.spans_in(ex)}, (
                f"{e.file} {pid}: example does not match: {ex}"
            )
        for c in e.counters:
            assert (label, pid) not in {(s[0], s[1]) for s in nlp.spans_in(c)}, (
                f"{e.file} {pid}: counter matches: {c}"
            )


def test_anchor_filter_never_skips_a_text_the_matcher_would_match() -> None:
    """nlp runs an entry only on text with a word for each of its anchors; on every
    example and counter-example, an entry that matches must pass that filter."""
    from protocheck.language import nlp

    pipe = nlp.pipeline()
    checked = 0
    for name in lexicon.pattern_files():
        for entry, anchors in pipe.entries(name):
            matcher = pipe.matcher(entry)
            for text in [*entry.examples, *entry.counters]:
                sdoc = pipe.sentencizer(pipe.tokenize(nlp.prepare(text)))
                words = {t.lower_ for t in sdoc}
                if matcher(sdoc):
                    checked += 1
                    assert all(not words.isdisjoint(a) for a in anchors), (
                        f"{entry.file} {entry.id}: {text}"
                    )
    assert checked > 200


def test_a_bad_pattern_fails_with_file_and_entry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "patterns").mkdir()
    (tmp_path / "patterns" / "bad.yml").write_text(
        "label: X\npatterns:\n  - id: uses-lemma\n    pattern: [{LEMMA: refund}]\n    example: refund\n",
        encoding="utf-8",
    )
    (tmp_path / "patterns" / "yes.yml").write_text(
        "label: X\npatterns:\n  - id: bool-word\n    pattern: [{LOWER: {IN: [on, off]}}]\n    example: on\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(lexicon, "root", lambda: tmp_path)
    lexicon.pattern_file.cache_clear()
    try:
        with pytest.raises(
            lexicon.LexiconError, match=r"patterns/bad\.yml: entry 'uses-lemma': LEMMA"
        ):
            lexicon.pattern_file("bad")
        with pytest.raises(lexicon.LexiconError, match=r"yes\.yml: entry 'bool-word'.*quote them"):
            lexicon.pattern_file("yes")
    finally:
        lexicon.pattern_file.cache_clear()


def test_every_phrase_list_compiles() -> None:
    names = list(lexicon.phrase_entries())
    assert len(names) > 20
    for name in names:
        assert lexicon.phrase(name).pattern, name


def test_each_rule_alone_has_what_it_reads() -> None:
    """A rule checked on its own (`--select CODE`) gets every label and analysis it reads:
    a label no rule asked for raises (Document.matches_of), so a rule that forgot a
    pattern file in `uses` or an analysis in `needs` fails here instead of finding
    nothing in the field."""
    from protocheck import engine

    for r in registry.all_rules():
        for sample in sorted((SAMPLES / r.code).rglob("flag-*.expect"))[:3]:
            result = engine.check_path(
                sample.with_suffix(""), engine.Options(select=[r.code], use_cache=False)
            )
            assert result.error is None, (r.code, sample, result.error)
            stopped = [n for n in result.notices if "internal error" in n]
            assert not stopped, (r.code, sample, stopped)
            assert any(f.code == r.code for f in result.findings) or "!miss" in sample.read_text(
                encoding="utf-8"
            ), (r.code, sample)


def test_uses_names_data_and_needs_names_functions() -> None:
    for r in registry.all_rules():
        assert all(u.startswith(registry.DATA_PREFIXES) for u in r.uses), r.code
        assert all(callable(n) for n in r.needs), r.code
    with pytest.raises(ValueError, match="analyses go in needs"):
        registry.rule("XXX999", "x", severity="info", uses=("parties",))


def test_every_sample_is_labelled_for_every_rule() -> None:
    """Every rule runs on every sample, so every .expect lists every code: each sample
    is a negative for the rules it was not written for. A code left out needs a
    `# not labelled for CODE: reason` line."""
    codes = {r.code for r in registry.all_rules()}
    for exp in SAMPLES.rglob("*.expect"):
        text = exp.read_text(encoding="utf-8")
        labelled = {c for ln in re.findall(r"^#\s*labelled:(.*)$", text, re.M) for c in ln.split()}
        excused = set(re.findall(r"^#\s*not labelled for ([A-Z]{3}\d{3}):\s*\S", text, re.M))
        assert codes <= labelled | excused, (
            f"{exp}: not labelled for {sorted(codes - labelled - excused)}"
        )


def test_phrase_examples_match_and_counters_do_not() -> None:
    """Each phrase list's examples match it and its counters do not; and each of its
    patterns matches one of the examples, so no alternative is dead on arrival."""
    for name, entry in lexicon.phrase_entries().items():
        rx = lexicon.phrase(name)
        for ex in entry.examples:
            assert rx.search(ex), f"lexicons/phrases.yml {name}: example does not match: {ex!r}"
        for c in entry.counters:
            assert not rx.search(c), f"lexicons/phrases.yml {name}: counter matches: {c!r}"
        for i, pattern in enumerate(entry.patterns):
            one = lexicon.phrase_pattern(name, i)
            assert any(one.search(ex) for ex in entry.examples), (
                f"lexicons/phrases.yml {name}: no example for pattern {pattern!r}"
            )


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("said:\n  - '\\bsaid\\b'\n", r"phrases\.yml: entry 'said': needs 'patterns'"),
        (
            "said:\n  patterns: ['\\bsaid\\b']\n",
            r"phrases\.yml: entry 'said': 'examples' must be",
        ),
        (
            "said:\n  patterns: ['(said']\n  examples: [he said]\n",
            r"phrases\.yml: entry 'said': bad regular expression",
        ),
        (
            "said:\n  patterns: ['{@no-such-list}']\n  examples: [he said]\n",
            r"phrases\.yml: entry 'said': unknown word list \{@no-such-list\}",
        ),
        (
            "said:\n  patterns: [said]\n  examples: [he said]\n  example: [he said]\n",
            r"phrases\.yml: entry 'said': unknown key\(s\) example",
        ),
        (  # plain YAML would keep the second 'said' and lose the first without a word
            "said:\n  patterns: [said]\n  examples: [he said]\n"
            "said:\n  patterns: [told]\n  examples: [she told]\n",
            r"phrases\.yml: key 'said' given twice",
        ),
    ],
)
def test_a_bad_phrase_list_fails_with_file_and_entry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, error: str
) -> None:
    (tmp_path / "phrases.yml").write_text(text, encoding="utf-8")
    caches = (lexicon.yaml_data, lexicon.phrase_entries, lexicon.phrase)
    monkeypatch.setattr(lexicon, "root", lambda: tmp_path)
    for cached in caches:
        cached.cache_clear()
    try:
        with pytest.raises(lexicon.LexiconError, match=error):
            lexicon.phrase("said")
    finally:
        monkeypatch.undo()
        for cached in caches:
            cached.cache_clear()


def test_every_rule_says_what_to_do_in_one_line() -> None:
    for r in registry.all_rules():
        assert r.fix, f"{r.code}: no '## What to do'"
        assert len(r.fix) <= 160, (
            f"{r.code}: the first line of What to do is {len(r.fix)} characters"
        )
