"""Find and validate protocheck.toml, or `[tool.protocheck]` in pyproject.toml.

Without --config, the nearest configuration above a file applies to it (as in
ruff): `protocheck.toml` first, then a pyproject.toml with `[tool.protocheck]`.
Errors name the file and the key.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from protocheck.model.findings import SEVERITY_RANK

TOP_KEYS = {
    "profile",
    "council",
    "select",
    "ignore",
    "fail-on",
    "members",
    "officers",
    "elections",
    "parties",
    "members-csv",
    "kind",
    "author",
    "baseline",
    "max-chars",
    "jobs",
}
MEMBER_KEYS = {
    "name",
    "roles",
    "party",
    "ward",
    "email",
    "aliases",
    "standing",
    "delegated-authority",
    "title",
}
OFFICER_KEYS = {"name", "title", "email", "aliases", "roles"}
ELECTION_KEYS = {"name", "notice", "poll"}


class ConfigError(ValueError):
    pass


@dataclass
class RosterEntry:
    name: str
    roles: list[str] = field(default_factory=list)
    title: str | None = None
    party: str | None = None
    ward: str | None = None
    email: str | None = None
    aliases: list[str] = field(default_factory=list)
    standing: bool = False
    delegated_authority: bool = False

    def names(self) -> list[str]:
        return [self.name, *self.aliases]


@dataclass
class Election:
    name: str
    notice: dt.date
    poll: dt.date


@dataclass
class Config:
    path: Path | None = None
    profile: str = "model"
    council: str | None = None
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    fail_on: str = "error"
    kind: str | None = None
    author: str | None = None  # whose words a document is when it does not say ("Cllr Jo Bloggs")
    members: list[RosterEntry] = field(default_factory=list)
    officers: list[RosterEntry] = field(default_factory=list)
    elections: list[Election] = field(default_factory=list)
    parties: list[str] = field(default_factory=list)
    baseline: Path | None = (
        None  # accepted findings (protocheck baseline): CI fails only on new ones
    )
    max_chars: int | None = None  # text checked per file; None: read.guard.LIMITS.max_chars
    jobs: int | None = None  # worker processes for a run; None: the free cores for many files

    def fingerprint(self) -> str:
        return repr(
            (
                self.profile,
                self.council,
                self.kind,
                self.author,
                self.members,
                self.officers,
                self.elections,
                self.parties,
                self.max_chars,
            )
        )


def _err(path: Path | None, msg: str) -> ConfigError:
    return ConfigError(f"{path or 'config'}: {msg}")


def _strs(path: Path | None, key: str, value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _err(path, f"'{key}' must be a list of strings")
    return list(value)


def _roster(path: Path | None, key: str, items: Any, allowed: set[str]) -> list[RosterEntry]:
    if not isinstance(items, list):
        raise _err(path, f"[[{key}]] must be an array of tables")
    out = []
    for i, item in enumerate(items, 1):
        if not isinstance(item, dict):
            raise _err(path, f"[[{key}]] entry {i} must be a table")
        unknown = set(item) - allowed
        if unknown:
            raise _err(
                path,
                f"[[{key}]] entry {i}: unknown key(s) {', '.join(sorted(unknown))} (allowed: {', '.join(sorted(allowed))})",
            )
        name = item.get("name")
        if not isinstance(name, str) or not name.strip():
            raise _err(path, f"[[{key}]] entry {i}: 'name' is required")
        for flag in ("standing", "delegated-authority"):
            if flag in item and not isinstance(item[flag], bool):
                raise _err(path, f"[[{key}]] '{name}': '{flag}' must be true or false")
        out.append(
            RosterEntry(
                name=name.strip(),
                roles=_strs(path, f"{key}.roles", item.get("roles", [])),
                title=item.get("title"),
                party=item.get("party"),
                ward=item.get("ward"),
                email=(item.get("email") or None),
                aliases=_strs(path, f"{key}.aliases", item.get("aliases", [])),
                standing=bool(item.get("standing", False)),
                delegated_authority=bool(item.get("delegated-authority", False)),
            )
        )
    return out


def _date(path: Path | None, where: str, value: Any) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise _err(path, f"{where} must be a date (YYYY-MM-DD)")


def from_mapping(data: dict[str, Any], path: Path | None = None) -> Config:
    unknown = set(data) - TOP_KEYS
    if unknown:
        raise _err(
            path,
            f"unknown key(s) {', '.join(sorted(unknown))} (allowed: {', '.join(sorted(TOP_KEYS))})",
        )
    from protocheck.model import profiles

    cfg = Config(path=path)
    if "profile" in data:
        if data["profile"] not in profiles.all_ids():
            raise _err(
                path,
                f"unknown profile '{data['profile']}' (choose from: {', '.join(profiles.all_ids())})",
            )
        cfg.profile = data["profile"]
    cfg.council = data.get("council")
    cfg.select = _strs(path, "select", data.get("select", []))
    cfg.ignore = _strs(path, "ignore", data.get("ignore", []))
    if "fail-on" in data:
        if data["fail-on"] not in SEVERITY_RANK:
            raise _err(path, "'fail-on' must be one of error, warning, info, never")
        cfg.fail_on = data["fail-on"]
    if "kind" in data:
        from protocheck.model.document import KINDS

        if data["kind"] not in KINDS:
            raise _err(path, f"'kind' must be one of {', '.join(KINDS)}")
        cfg.kind = data["kind"]
    if "author" in data:
        if not isinstance(data["author"], str) or not data["author"].strip():
            raise _err(path, "'author' must be a name, such as \"Cllr Jo Bloggs\"")
        cfg.author = data["author"].strip()
    cfg.members = _roster(path, "members", data.get("members", []), MEMBER_KEYS)
    cfg.officers = _roster(path, "officers", data.get("officers", []), OFFICER_KEYS)
    if "members-csv" in data:
        base = path.parent if path else Path.cwd()
        cfg.members.extend(load_members_csv(base / data["members-csv"]))
    for i, e in enumerate(data.get("elections", []), 1):
        if not isinstance(e, dict) or set(e) - ELECTION_KEYS:
            raise _err(
                path, f"[[elections]] entry {i}: keys are {', '.join(sorted(ELECTION_KEYS))}"
            )
        notice = _date(path, f"[[elections]] entry {i} 'notice'", e.get("notice"))
        poll = _date(path, f"[[elections]] entry {i} 'poll'", e.get("poll"))
        if poll < notice:
            raise _err(path, f"[[elections]] entry {i}: 'poll' is before 'notice'")
        cfg.elections.append(Election(str(e.get("name", f"election {i}")), notice, poll))
    if "baseline" in data:
        if not isinstance(data["baseline"], str):
            raise _err(path, "'baseline' must be a file path")
        cfg.baseline = (path.parent if path else Path.cwd()) / data["baseline"]
    if "max-chars" in data:
        value = data["max-chars"]
        if not isinstance(value, int) or isinstance(value, bool) or value < 1000:
            raise _err(path, "'max-chars' must be a whole number of characters, at least 1000")
        cfg.max_chars = value
    if "jobs" in data:
        value = data["jobs"]
        if value != "auto" and (not isinstance(value, int) or isinstance(value, bool) or value < 1):
            raise _err(
                path, "'jobs' must be a whole number of worker processes, at least 1, or \"auto\""
            )
        cfg.jobs = None if value == "auto" else value
    parties = data.get("parties", {})
    if parties:
        if not isinstance(parties, dict) or set(parties) - {"names"}:
            raise _err(path, "[parties] takes one key, 'names'")
        cfg.parties = _strs(path, "parties.names", parties.get("names", []))
    return cfg


def load_members_csv(path: Path) -> list[RosterEntry]:
    try:
        with path.open(newline="", encoding="utf-8-sig") as fh:
            rows = list(csv.DictReader(fh))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read members CSV ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: members CSV is not UTF-8 text (a binary file?)") from None
    except csv.Error as exc:
        raise ConfigError(f"{path}: members CSV is not valid CSV ({exc})") from None
    out = []
    for row in rows:
        name = (row.get("name") or "").strip()
        if not name:
            continue
        roles = [r.strip() for r in (row.get("roles") or "").split(";") if r.strip()]
        out.append(
            RosterEntry(
                name=name,
                roles=roles,
                party=(row.get("party") or None),
                ward=(row.get("ward") or None),
                email=(row.get("email") or None),
                standing=(row.get("standing") or "").strip().lower() in ("1", "true", "yes", "y"),
            )
        )
    return out


def load(path: Path) -> Config:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text (a binary file?)") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("protocheck", {})
    return from_mapping(data, path)


load_cached = functools.cache(load)


@functools.cache
def discover(directory: Path) -> Config:
    """The nearest configuration at or above `directory`, or the defaults."""
    for d in (directory, *directory.parents):
        candidate = d / "protocheck.toml"
        if _is_file(candidate):
            return load(candidate)
        pyproject = d / "pyproject.toml"
        if _is_file(pyproject):
            try:
                data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
                continue
            if "protocheck" in data.get("tool", {}):
                return load(pyproject)
    return Config()


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:  # a folder that cannot be searched: no configuration there
        return False


def for_file(path: Path) -> Config:
    try:
        folder = path.resolve().parent
    except (OSError, RuntimeError):  # a symlink loop: the folder it stands in
        folder = path.absolute().parent
    return discover(folder)


STARTER = """\
# protocheck configuration. Put this file at the top of the folder you check;
# the nearest protocheck.toml above a document applies to it.

# The council profile: which protocol's clauses findings cite.
# One of: model, wokingham, north-northamptonshire, conwy, north-east-derbyshire, runnymede
profile = "model"
council = "Example Borough Council"

# Rules to run and to skip: codes, slugs or prefixes ("COR", "RPT001", "blind-copy").
select = []
ignore = []

# Which severity makes the exit code 1: error, warning, info or never.
fail-on = "error"

# The council's councillors. Recognising them by name (and by Word user name, in
# `aliases`) makes findings more certain than titles alone.
# [[members]]
# name = "Priya Shah"
# roles = ["Cabinet Member for Housing"]
# party = "Green"
# ward = "Riverside"
# email = "cllr.priya.shah@example.gov.uk"
# aliases = ["pshah", "P Shah"]
# standing = true                # a candidate at the next election
# delegated-authority = false    # holds delegated authority to write for the Council

# members-csv = "councillors.csv"  # columns: name, roles (;-separated), party, ward, email, standing

# [[officers]]
# name = "Tom Reed"
# title = "Head of Housing"

# Pre-election periods (notice of election to polling day).
# [[elections]]
# name = "Borough elections 2027"
# notice = 2027-03-26
# poll = 2027-05-06

# [parties]
# names = ["Riverside Independents"]

# Findings accepted once (written by `protocheck baseline`): CI then fails only on new ones.
# baseline = "protocheck-baseline.json"

# Worker processes for a run of many files (--jobs): "auto" (the default) uses the
# free cores for more than a few files, or for the items of one agenda pack of about
# 100 pages or more, and 1 otherwise or on a busy machine.
# jobs = "auto"
"""
