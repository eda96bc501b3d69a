"""Council profiles: which rules a council's protocol states, the clause text each
finding cites, its exceptions and any severity it changes. Data in
lexicons/profiles/*.toml; `model` is derived from the five council files."""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass, field

from protocheck.language import lexicon
from protocheck.model.findings import SEVERITIES, Clause

MODEL = "model"


class ProfileError(ValueError):
    pass


@dataclass(frozen=True)
class Exception_:
    id: str
    codes: tuple[str, ...]
    ref: str
    text: str
    note: str
    profile: str


@dataclass
class Profile:
    id: str
    council: str
    document: str
    summary: str
    seed: str | None
    clauses: dict[str, list[Clause]] = field(default_factory=dict)
    severities: dict[str, str] = field(default_factory=dict)
    exceptions: list[Exception_] = field(default_factory=list)

    def enables(self, code: str) -> bool:
        return code in self.clauses

    def exempts(self, code: str, exception_id: str) -> bool:
        return any(e.id == exception_id and code in e.codes for e in self.exceptions)

    def severity(self, code: str, default: str) -> str:
        return self.severities.get(code, default)


def _load(name: str) -> Profile:
    rel = f"lexicons/profiles/{name}.toml"
    try:
        data = lexicon.toml_data(f"profiles/{name}.toml")
    except lexicon.LexiconError as exc:
        raise ProfileError(str(exc)) from exc
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"{rel}: {exc}") from exc
    for key in ("id", "council", "document", "summary"):
        if not isinstance(data.get(key), str):
            raise ProfileError(f"{rel}: needs a string '{key}'")
    if data["id"] != name:
        raise ProfileError(f"{rel}: id '{data['id']}' does not match the file name")
    prof = Profile(data["id"], data["council"], data["document"], data["summary"], data.get("seed"))
    for code, spec in (data.get("codes") or {}).items():
        clauses = spec.get("clauses") or []
        if not clauses:
            raise ProfileError(f"{rel}: codes.{code} has no clauses")
        for c in clauses:
            if not c.get("ref") or not c.get("text"):
                raise ProfileError(f"{rel}: codes.{code}: every clause needs 'ref' and 'text'")
        prof.clauses[code] = [Clause(name, c["ref"], c["text"]) for c in clauses]
        if "severity" in spec:
            if spec["severity"] not in SEVERITIES:
                raise ProfileError(
                    f"{rel}: codes.{code}.severity must be one of {', '.join(SEVERITIES)}"
                )
            prof.severities[code] = spec["severity"]
    for e in data.get("exceptions") or []:
        prof.exceptions.append(
            Exception_(
                e["id"],
                tuple(e.get("codes") or ()),
                e.get("ref", ""),
                e.get("text", ""),
                e.get("note", ""),
                name,
            )
        )
    return prof


@functools.cache
def council_ids() -> tuple[str, ...]:
    return tuple(
        sorted(p.stem for p in (lexicon.root() / "profiles").glob("*.toml") if p.stem != MODEL)
    )


@functools.cache
def get(profile_id: str) -> Profile:
    if profile_id == MODEL:
        model = _load(MODEL)
        # cite the councils in seed order (as RULES.md lists them)
        for council in sorted((get(pid) for pid in council_ids()), key=lambda p: p.seed or p.id):
            for code, clauses in council.clauses.items():
                model.clauses.setdefault(code, []).extend(clauses)
        return model
    if profile_id not in council_ids():
        raise ProfileError(f"unknown profile '{profile_id}' (choose from: {', '.join(all_ids())})")
    return _load(profile_id)


def all_ids() -> tuple[str, ...]:
    return (MODEL, *council_ids())
