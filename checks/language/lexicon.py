"""Load and validate lexicons/: word lists (.txt), spaCy token patterns (.yml) and the
named regular expressions of phrases.yml (each with examples, like the patterns).

A pattern file:

    label: OBLIGATION
    patterns:
      - id: council-will-act
        pattern: [{LOWER: {IN: "@commit-verbs"}}]   # "@name" = words/name.txt
        example: the Council will refund your charges  # must match (tests check it)
        counter: the Council will consider it          # must not match

A bad entry fails loudly with the file and the entry id.
"""

from __future__ import annotations

import functools
import hashlib
import marshal
import os
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

# The pipeline is blank English + sentencizer: no tagger, parser, lemmatizer or NER,
# so patterns on these attributes would silently match nothing.
TOKEN_KEYS = {
    "ORTH", "TEXT", "LOWER", "NORM", "SHAPE", "LENGTH", "IS_ALPHA", "IS_ASCII", "IS_DIGIT",
    "IS_LOWER", "IS_UPPER", "IS_TITLE", "IS_PUNCT", "IS_SPACE", "IS_STOP", "IS_SENT_START",
    "LIKE_NUM", "LIKE_EMAIL", "LIKE_URL", "PREFIX", "SUFFIX", "SPACY", "OP",
}  # fmt: skip
UNSET_KEYS = {"LEMMA", "POS", "TAG", "DEP", "MORPH", "ENT_TYPE", "ENT_IOB", "ENT_ID"}
OPS = re.compile(r"^([?*+!]|\{\d*,?\d*\})$")
PHRASES = "lexicons/phrases.yml"


class LexiconError(ValueError):
    def __init__(self, file: str, entry: str | None, message: str):
        where = f"{file}: entry '{entry}'" if entry else file
        super().__init__(f"{where}: {message}")


@dataclass
class PatternEntry:
    id: str
    label: str
    pattern: list[dict[str, Any]]
    examples: list[str] = field(default_factory=list)
    counters: list[str] = field(default_factory=list)
    file: str = ""
    message: str | None = None  # what a finding from this entry says, where the check uses it


def root() -> Path:
    return Path(str(resources.files("protocheck.lexicons")))


@functools.cache
def word_list(name: str) -> tuple[str, ...]:
    """A flat list: one entry a line, `#` comments, blank lines ignored."""
    path = root() / f"{name}.txt"
    if not path.is_file():
        raise LexiconError(f"lexicons/{name}.txt", None, "no such word list")
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.append(line)
    return tuple(out)


def _expand(value: Any, file: str, entry: str) -> Any:
    """Replace "@list" references with the words of lexicons/words/<list>.txt (lower-cased)."""
    if isinstance(value, str) and value.startswith("@"):
        try:
            return [w.lower() for w in word_list(f"words/{value[1:]}")]
        except LexiconError as exc:
            raise LexiconError(file, entry, f"unknown word list {value}") from exc
    if isinstance(value, dict):
        return {k: _expand(v, file, entry) for k, v in value.items()}
    if isinstance(value, list):
        return [_expand(v, file, entry) for v in value]
    return value


def _validate_token(tok: Any, file: str, entry: str) -> None:
    if not isinstance(tok, dict) or not tok:
        raise LexiconError(file, entry, f"each token must be a non-empty mapping, got {tok!r}")
    for key, val in tok.items():
        if key in UNSET_KEYS:
            raise LexiconError(
                file, entry, f"{key} is never set by protocheck's pipeline; match on LOWER"
            )
        if key not in TOKEN_KEYS:
            raise LexiconError(file, entry, f"unknown token attribute {key}")
        if key == "OP" and not OPS.match(str(val)):
            raise LexiconError(file, entry, f"unknown OP {val!r}")
        if isinstance(val, dict):
            for op in val:
                if op not in {"IN", "NOT_IN", "REGEX", "==", ">=", "<=", ">", "<", "FUZZY"}:
                    raise LexiconError(file, entry, f"unknown operator {op} on {key}")
                if op in ("IN", "NOT_IN") and key not in ("LENGTH",):
                    items = val[op]
                    if not isinstance(items, list) or not all(isinstance(x, str) for x in items):
                        odd = (
                            [x for x in items if not isinstance(x, str)]
                            if isinstance(items, list)
                            else items
                        )
                        raise LexiconError(
                            file,
                            entry,
                            f"{key} {op} needs strings; got {odd!r} "
                            "(YAML reads on/off/yes/no unquoted as booleans: quote them)",
                        )


def _as_list(v: Any) -> list[str]:
    if v is None:
        return []
    return [v] if isinstance(v, str) else [str(x) for x in v]


@functools.cache
def pattern_file(name: str) -> tuple[PatternEntry, ...]:
    """Load lexicons/patterns/<name>.yml, validated."""
    rel = f"lexicons/patterns/{name}.yml"
    path = root() / "patterns" / f"{name}.yml"
    if not path.is_file():
        raise LexiconError(rel, None, "no such pattern file")
    try:
        data = yaml_data(f"patterns/{name}.yml")
    except LexiconError as exc:
        raise LexiconError(rel, None, f"invalid YAML: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("label"), str):
        raise LexiconError(rel, None, "needs a top-level 'label' and 'patterns'")
    label = data["label"]
    entries: list[PatternEntry] = []
    seen: set[str] = set()
    for i, raw in enumerate(data.get("patterns") or []):
        if not isinstance(raw, dict) or not raw.get("id"):
            raise LexiconError(rel, f"#{i + 1}", "every pattern needs an 'id'")
        pid = str(raw["id"])
        if pid in seen:
            raise LexiconError(rel, pid, "duplicate id")
        seen.add(pid)
        pattern = raw.get("pattern")
        if isinstance(pattern, str):  # a phrase: one LOWER token per word
            pattern = [{"LOWER": w.lower()} for w in pattern.split()]
        if not isinstance(pattern, list) or not pattern:
            raise LexiconError(rel, pid, "'pattern' must be a list of token mappings or a phrase")
        pattern = _expand(pattern, rel, pid)
        for tok in pattern:
            _validate_token(tok, rel, pid)
        examples = _as_list(raw.get("example"))
        if not examples:
            raise LexiconError(rel, pid, "needs an 'example' that the pattern matches")
        unknown = set(raw) - {"id", "pattern", "example", "counter", "message"}
        if unknown:
            raise LexiconError(rel, pid, f"unknown key(s) {', '.join(sorted(unknown))}")
        entries.append(
            PatternEntry(
                pid, label, pattern, examples, _as_list(raw.get("counter")), rel, raw.get("message")
            )
        )
    if not entries:
        raise LexiconError(rel, None, "no patterns")
    return tuple(entries)


def pattern_files() -> list[str]:
    return sorted(p.stem for p in (root() / "patterns").glob("*.yml"))


@functools.cache
def entries_by_id() -> dict[tuple[str, str], PatternEntry]:
    """Every pattern entry by (label, id)."""
    return {(e.label, e.id): e for name in pattern_files() for e in pattern_file(name)}


@functools.cache
def _unique_keys_loader() -> Any:
    """A safe YAML loader (libyaml's where available) that refuses a mapping naming a
    key twice: plain YAML keeps the last silently, and an entry would be lost."""
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class UniqueKeys(base):  # type: ignore[misc,valid-type]
        def construct_mapping(self, node: Any, deep: bool = False) -> Any:
            seen: set[Any] = set()
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=deep)
                if key in seen:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"key {key!r} given twice", key_node.start_mark
                    )
                seen.add(key)
            return super().construct_mapping(node, deep=deep)

    return UniqueKeys


@functools.cache
def yaml_data(relpath: str) -> Any:
    """A YAML data file under lexicons/, parsed with libyaml where available (kept
    parsed in the cache directory, see `_parsed`)."""

    def parse(text: str) -> Any:
        import yaml

        try:
            return yaml.load(text, Loader=_unique_keys_loader())  # a safe loader
        except yaml.YAMLError as exc:
            raise LexiconError(f"lexicons/{relpath}", None, str(exc)) from exc

    return _parsed(root() / relpath, parse, f"lexicons/{relpath}")


def toml_data(relpath: str) -> Any:
    """A TOML data file under lexicons/ (kept parsed in the cache directory, see
    `_parsed`); a syntax error raises tomllib.TOMLDecodeError."""
    import tomllib

    return _parsed(root() / relpath, tomllib.loads, f"lexicons/{relpath}")


_MAGIC = b"protocheck-lexicon-1\n"  # then a BLAKE2b digest of the marshal data, then the data


def _parsed(path: Path, parse: Any, rel: str) -> Any:
    """`parse` applied to the text of `path`, kept in the cache directory.

    The parsed data is stored with marshal, keyed by the file's size and modification
    time (as Python keeps bytecode), so a new process does not parse the same file
    again; an edited file is parsed afresh.
    """
    stored = _parsed_path(path)
    if stored is not None:
        try:
            blob = stored.read_bytes()
            payload = blob[len(_MAGIC) + 16 :]
            if blob[: len(_MAGIC)] == _MAGIC and blob[len(_MAGIC) : len(_MAGIC) + 16] == (
                hashlib.blake2b(payload, digest_size=16).digest()
            ):
                return marshal.loads(payload)  # plain data only: marshal runs no code
        except (OSError, EOFError, ValueError, TypeError):
            pass  # a damaged copy: parse the file again and store it afresh
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise LexiconError(rel, None, str(exc)) from exc
    data = parse(text)
    if stored is not None:
        try:
            stored.parent.mkdir(parents=True, exist_ok=True)
            tmp = stored.with_suffix(f".{os.getpid()}.tmp")
            payload = marshal.dumps(data)
            tmp.write_bytes(_MAGIC + hashlib.blake2b(payload, digest_size=16).digest() + payload)
            tmp.replace(stored)
        except (OSError, ValueError):
            pass  # a read-only home, or data marshal cannot store: parse again next time
    return data


def _parsed_path(path: Path) -> Path | None:
    from protocheck.store.cache import cache_dir

    try:
        st = path.stat()
    except OSError:
        return None
    stamp = hashlib.sha256(f"{path.resolve()}|{st.st_size}|{st.st_mtime_ns}".encode()).hexdigest()[
        :24
    ]
    return cache_dir() / "lexicons" / f"{path.stem}-{stamp}.marshal"


@functools.cache
def regex_table(relpath: str) -> tuple[tuple[str, tuple[re.Pattern[str], ...]], ...]:
    """A YAML mapping of name -> list of case-insensitive regular expressions, compiled."""
    out = []
    for name, patterns in (yaml_data(relpath) or {}).items():
        try:
            out.append((name, tuple(re.compile(p, re.IGNORECASE) for p in patterns)))
        except re.error as exc:
            raise LexiconError(
                f"lexicons/{relpath}", name, f"bad regular expression: {exc}"
            ) from exc
    return tuple(out)


def alternation(words: tuple[str, ...] | list[str]) -> str:
    """Words or phrases as one regular-expression alternation: escaped, longest first (so
    "yours sincerely" wins over "yours"), a space matching any run of blanks."""
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


WORD_LIST_REF = re.compile(
    r"\{@([\w/-]+)\}"
)  # "{@speech-verbs}" in a phrase = words/speech-verbs.txt


def _with_word_lists(regex: str, name: str) -> str:
    """A phrase with each "{@list}" replaced by the words of lexicons/words/<list>.txt."""

    def words(m: re.Match[str]) -> str:
        try:
            return f"(?:{alternation(word_list(f'words/{m.group(1)}'))})"
        except LexiconError as exc:
            raise LexiconError(PHRASES, name, f"unknown word list {m.group(0)}") from exc

    return WORD_LIST_REF.sub(words, regex)


@dataclass(frozen=True)
class PhraseEntry:
    """One named entry of lexicons/phrases.yml: its regular expressions, the texts they
    must match (examples) and the texts they must not (counters)."""

    name: str
    patterns: tuple[str, ...]
    examples: tuple[str, ...]
    counters: tuple[str, ...]


def _strings(value: Any, name: str, key: str, required: bool) -> tuple[str, ...]:
    if value is None and not required:
        return ()
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise LexiconError(PHRASES, name, f"'{key}' must be a non-empty list of strings")
    return tuple(value)


@functools.cache
def phrase_entries() -> dict[str, PhraseEntry]:
    """Every entry of lexicons/phrases.yml, its shape checked (not yet compiled)."""
    table = yaml_data("phrases.yml") or {}
    if not isinstance(table, dict):
        raise LexiconError(PHRASES, None, "needs a mapping of name -> {patterns, examples}")
    out = {}
    for name, spec in table.items():
        if not isinstance(spec, dict):
            raise LexiconError(PHRASES, name, "needs 'patterns' and 'examples'")
        unknown = set(spec) - {"patterns", "examples", "counters"}
        if unknown:
            raise LexiconError(PHRASES, name, f"unknown key(s) {', '.join(sorted(unknown))}")
        out[name] = PhraseEntry(
            name,
            _strings(spec.get("patterns"), name, "patterns", required=True),
            _strings(spec.get("examples"), name, "examples", required=True),
            _strings(spec.get("counters"), name, "counters", required=False),
        )
    return out


def phrase_pattern(name: str, index: int) -> re.Pattern[str]:
    """One pattern of a phrases.yml entry on its own (for the tests of its examples)."""
    return re.compile(_with_word_lists(phrase_entries()[name].patterns[index], name), re.IGNORECASE)


@functools.cache
def phrase(name: str) -> re.Pattern[str]:
    """One named entry of lexicons/phrases.yml, compiled as a single case-insensitive
    alternation; "{@list}" in an entry stands for the words of lexicons/words/<list>.txt."""
    entry = phrase_entries().get(name)
    if entry is None:
        raise LexiconError(PHRASES, name, "no such phrase list")
    try:  # only the list asked for is compiled: a run uses a few of the lists
        return re.compile(
            "|".join(f"(?:{_with_word_lists(p, name)})" for p in entry.patterns), re.IGNORECASE
        )
    except re.error as exc:
        raise LexiconError(PHRASES, name, f"bad regular expression: {exc}") from exc
