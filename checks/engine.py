"""Run the checks: read -> Document -> checks -> findings, with the clauses of
the profile attached, in-document suppressions applied, results cached."""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from protocheck import progress
from protocheck.language import lexicon, people, rulebook, voices
from protocheck.model import config as config_mod
from protocheck.model import profiles
from protocheck.model.config import Config
from protocheck.model.document import Document, Hit, RawDocument
from protocheck.model.findings import Clause, FileResult, Finding, Location
from protocheck.read import UnreadableError, read, truncate
from protocheck.read.guard import LIMITS
from protocheck.rules import registry
from protocheck.store import cache

EXTENSIONS = (".docx", ".pdf", ".eml", ".txt")
SUPPRESS = re.compile(
    r"protocheck:\s*ignore\[([A-Za-z0-9_,\s-]+)\](?:\s*reason:\s*(.+))?", re.IGNORECASE
)


@dataclass
class Options:
    """What the command line says; None means "from the file's configuration"."""

    config_path: Path | None = None
    profile: str | None = None
    kind: str | None = None
    date: str | None = None
    author: str | None = None  # whose words the document is when it does not say
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    use_cache: bool = True
    # worker processes for the items of one agenda pack; None: the free cores for a
    # long pack (workers.pack_jobs), else 1
    jobs: int | None = 1


def collect(paths: Iterable[Path]) -> Iterator[Path]:
    """Files to check: named files as they are, directories walked for known types.

    A walk yields every entry with a known suffix that is not a folder, so that a
    FIFO, a device, a broken link or a symlink loop is reported (see `unreadable`)
    rather than passed over, and a subfolder that cannot be listed is yielded itself.
    Hidden files and folders are skipped; symlinked folders are not followed.
    """
    for p in paths:
        if _is_dir(p):
            yield from _walk(p)
        else:
            yield p


def _walk(top: Path) -> list[Path]:
    found: list[Path] = []

    def unlistable(exc: OSError) -> None:
        if exc.filename is not None:
            found.append(Path(exc.filename))

    for root, dirs, names in os.walk(top, onerror=unlistable):
        base = Path(root)
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found += [
            base / n
            for n in names
            if not n.startswith(".") and Path(n).suffix.lower() in EXTENSIONS
        ]
    return sorted(found)


def _is_dir(p: Path) -> bool:
    try:
        return p.is_dir()
    except OSError:
        return False


def unreadable(path: Path) -> str | None:
    """Why `path` cannot be read at all, before any reader opens it: a missing file, a
    symlink loop, no permission, a folder that cannot be listed, or a FIFO, socket or
    device (which would block or never end), or None."""
    import errno
    import stat

    try:
        st = path.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symlink loop: skipped"
        if exc.errno in (errno.ENOENT, errno.ENOTDIR):
            return "no such file or directory"
        return f"cannot open: {exc.strerror or exc}"
    if stat.S_ISDIR(st.st_mode):
        try:
            next(os.scandir(path), None)
        except OSError as exc:
            return f"cannot list the folder: {exc.strerror or exc}"
        return "a folder with nothing to check"
    if stat.S_ISREG(st.st_mode):
        if not os.access(path, os.R_OK):
            return "cannot open: Permission denied"
        return None
    what = (
        "a FIFO"
        if stat.S_ISFIFO(st.st_mode)
        else "a socket"
        if stat.S_ISSOCK(st.st_mode)
        else "a device"
    )
    return f"not a regular file ({what}): skipped"


def config_for(path: Path, opts: Options) -> Config:
    if opts.config_path is not None:
        return config_mod.load_cached(opts.config_path.resolve())
    return config_mod.for_file(path)


def rules_for(cfg: Config, opts: Options) -> list[registry.Rule]:
    select = opts.select or cfg.select
    ignore = [*cfg.ignore, *opts.ignore]
    return list(registry.select(select, ignore))


def check_document(
    doc: Document, rules: list[registry.Rule], profile: profiles.Profile
) -> list[Finding]:
    applicable = [r for r in rules if profile.enables(r.code) and r.applies(doc)]
    if not applicable:
        return []
    from protocheck.language import nlp

    uses = {u for r in applicable for u in r.uses}
    nlp.annotate(doc, {u.removeprefix("patterns/") for u in uses if u.startswith("patterns/")})
    for need in dict.fromkeys(n for r in applicable for n in r.needs):
        doc.analysis(need)  # each analysis once, in the order the rules name them
    findings: list[Finding] = []
    for rule in applicable:
        seen: set[tuple[int, int]] = set()
        try:
            for hit in rule.check(doc):
                key = doc.sentence_at(hit.start)
                if key in seen:
                    continue  # one finding per sentence per rule
                if hit.change is None and rulebook.describes(doc, key):
                    continue  # a protocol or guidance stating the rule, not a breach of it
                seen.add(key)
                findings.append(to_finding(rule, hit, doc, profile))
        except (
            Exception
        ) as exc:  # a bug in one rule must not cost the file the other rules' findings
            if os.environ.get("PROTOCHECK_DEBUG"):
                raise
            doc.notices.append(
                f"{rule.code} stopped with an internal error ({type(exc).__name__}: {exc}); "
                "the other rules' findings stand (PROTOCHECK_DEBUG=1 shows the traceback)"
            )
    apply_suppressions(doc, findings, ran={r.code for r in applicable})
    findings.sort(key=lambda f: (f.location.start, f.code))
    return findings


def to_finding(rule: registry.Rule, hit: Hit, doc: Document, profile: profiles.Profile) -> Finding:
    s, e = doc.sentence_at(hit.start)
    s, e = min(s, hit.start), max(e, hit.end)  # a finding on a whole heading or paragraph
    location = doc.location(hit.start, hit.end, hit.change)
    return Finding(
        code=rule.code,
        rule=rule.slug,
        severity=profile.severity(rule.code, rule.severity),
        message=hit.message[:1].upper() + hit.message[1:],  # "The writer (a Member) ..."
        text=hit.text if hit.text is not None else doc.text[hit.start : hit.end],
        location=location,
        sentence=doc.text[s:e],
        sentence_start=s,
        pattern=hit.pattern,
        judge=hit.judge,
        fix=_fix(rule.fix, hit, location),
        clauses=list(profile.clauses.get(rule.code, [])),
    )


def _fix(advice: str, hit: Hit, location: Location) -> str | None:
    """The rule's advice; for words an edit removed, the mechanical fix too: the words to
    put back (and what they replace)."""
    if not advice:
        return None
    change = location.change or {}
    if hit.change is None or change.get("type") != "deletion" or not hit.change.text.strip():
        return advice
    removed = " ".join(hit.change.text.split())
    instead = " ".join(str(change.get("replaced_by") or "").split())
    return (
        advice
        + f' To undo it, put back "{removed}"'
        + (f' in place of "{instead}"' if instead else "")
    )


def apply_suppressions(doc: Document, findings: list[Finding], ran: set[str] | None = None) -> None:
    """`protocheck: ignore[CODE] reason: ...` in a Word comment (for the text it is
    anchored on, or the whole document) or in the text (for the whole document).

    A code that names no rule, and (as ruff's unused-noqa) a code of a rule that ran
    (`ran`) but suppressed nothing here, is a notice naming where it stands."""
    rules = registry.all_rules()
    known = {r.code for r in rules} | {r.slug.upper() for r in rules}
    slugs = {r.slug.upper(): r.code for r in rules}
    for block in doc.blocks:
        for m in SUPPRESS.finditer(block.text):
            codes = {c.strip().upper() for c in m.group(1).split(",") if c.strip()}
            where = doc.location(block.start, block.end).describe()
            for unknown in sorted(codes - known):  # a misspelt code suppresses nothing: say so
                doc.notices.append(
                    f"{where}: ignore[{unknown}] names no rule (see protocheck rules)"
                )
            reason = (m.group(2) or "").strip() or "no reason given"
            anchor = block.meta.get("anchor", "") if block.kind == "comment" else ""
            used: set[str] = set()
            for f in findings:
                if f.code not in codes and f.rule.upper() not in codes:
                    continue
                if anchor and anchor not in f.sentence and f.text not in anchor:
                    continue
                f.suppressed = True
                f.suppression_reason = reason
                used |= {f.code, f.rule.upper()}
            if ran is None:
                continue
            for code in sorted((codes & known) - used):
                if slugs.get(code, code) in ran:
                    doc.notices.append(
                        f"{where}: ignore[{code}] suppresses nothing: no {slugs.get(code, code)}"
                        " finding here (remove it)"
                    )


def check_path(path: Path, opts: Options) -> FileResult:
    return _check(path, opts, lambda cfg: read(path, cfg.max_chars, packs=True), str(path))


def check_diff(draft: Path, revised: Path, editor: str | None, opts: Options) -> FileResult:
    """`protocheck diff`: the revised version, with its differences from the draft as the editor's changes."""
    from protocheck.read import versions

    return _check(
        revised,
        opts,
        lambda cfg: versions.compare(draft, revised, editor),
        f"{draft} -> {revised}",
        extra_key=f"{draft.resolve()}|{editor}",
        also=draft,
    )


def _check(
    path: Path,
    opts: Options,
    load: Callable[[Config], RawDocument],
    shown: str,
    extra_key: str = "",
    also: Path | None = None,
) -> FileResult:
    try:
        cfg = config_for(path, opts)
    except config_mod.ConfigError as exc:
        return FileResult(shown, error=f"configuration: {exc}")
    profile_id = opts.profile or cfg.profile
    profile = profiles.get(profile_id)
    rules = rules_for(cfg, opts)
    kind = opts.kind or cfg.kind
    settings = (
        f"{cfg.fingerprint()}|{profile_id}|{kind}|{opts.date}|{[r.code for r in rules]}|{extra_key}"
    )
    if also is not None:
        settings += f"|{cache.key(also, '')}"
    k = cache.key(path, settings) if opts.use_cache else None
    if k:
        hit = cache.get(k)
        cached = from_cache(hit) if hit is not None else None
        if cached is not None:
            cached.path = shown
            return _with_baseline(cached, cfg)
    result = FileResult(shown, profile=profile_id)
    _warm_while_reading()
    try:
        raw = load(cfg)
    except UnreadableError as exc:
        result.error = str(exc)
    except Exception as exc:  # a reader's bug costs this file only, never the run
        if os.environ.get("PROTOCHECK_DEBUG"):
            raise
        result.error = f"internal error while reading: {type(exc).__name__}: {exc}"
        return result  # not cached
    else:
        try:
            if is_pack(raw, kind):
                check_pack(raw, cfg, profile, rules, opts, result)
                if k:
                    cache.put(k, to_cache(result))
                return _with_baseline(result, cfg)
            truncate(raw, cfg.max_chars or LIMITS.max_chars)  # one document: the budget's text only
            doc = voices.analyse(raw, cfg, kind)
            author = opts.author or cfg.author
            if doc.sender is None and author:
                doc.sender = people.make_person(author, None, None, cfg, "author")
            doc.profile = profile
            doc.issue_date = opts.date
            result.kind = doc.kind
            result.sender = doc.sender.display() if doc.sender else None
            result.notices = list(raw.notices)
            result.findings = check_document(doc, rules, profile)
            result.notices += doc.notices
        except (lexicon.LexiconError, profiles.ProfileError):
            raise  # broken data files: one error for the run, not one per file
        except Exception as exc:  # a bug must not stop the other files being checked
            if os.environ.get("PROTOCHECK_DEBUG"):
                raise
            result.findings = []
            result.error = f"internal error while checking: {type(exc).__name__}: {exc}"
            return result  # not cached
    if k:
        cache.put(k, to_cache(result))
    return _with_baseline(result, cfg)


def _warm_while_reading() -> None:
    """The language pipeline (importing spaCy: about half a second) is built while a
    reader's child process reads a PDF, on the other core, rather than after it."""
    from protocheck.language import nlp
    from protocheck.read import isolate

    if nlp.pipeline.cache_info().currsize == 0:
        isolate.while_reading(nlp.pipeline)


def is_pack(raw: RawDocument, kind: str | None) -> bool:
    """An agenda pack to split into items: a PDF or Word document forced to `agenda-pack`,
    or a long one (PACK_PAGES or more) that reads as one or marks several items as such
    (a front sheet, item stamps, report or appendix title blocks; a report's bookmarks
    are not enough)."""
    from protocheck.language import kinds, packs

    if raw.format not in ("pdf", "docx") or (kind is not None and kind != "agenda-pack"):
        return False
    if kind == "agenda-pack":
        return True
    if (raw.pages or 0) < kinds.PACK_PAGES:
        return False
    if kinds.detect_kind(raw) == "agenda-pack":
        return True
    return packs.split(raw).marked() >= kinds.PACK_REPORT_STARTS


def check_pack(
    raw: RawDocument,
    cfg: Config,
    profile: profiles.Profile,
    rules: list[registry.Rule],
    opts: Options,
    result: FileResult,
) -> None:
    """Each item of an agenda pack checked as the document it is (its own kind, sender,
    sections and date), with the pack's page numbers; the pack's meeting date stands in
    for an item's missing date."""
    from protocheck.language import packs

    pack = packs.split(raw)
    result.kind = "agenda-pack"
    result.notices = list(raw.notices)
    result.pack = {
        "committee": pack.committee,
        "meeting_date": pack.meeting_date,
        "exempt_items": [i.label() for i in pack.exempt_items()],
    }
    result.items = []
    total = len(pack.items)
    jobs = opts.jobs
    if jobs is None:
        from protocheck import workers

        jobs = workers.pack_jobs(sum(len(b.text) for b in raw.blocks))
    if jobs > 1 and total >= 2 * jobs:
        documents = [packs.item_document(raw, pack, item) for item in pack.items]
        checked = _items_in_parallel(documents, cfg, profile.id, rules, jobs, opts)
    else:  # one item's document at a time: memory does not grow with the pack's items
        checked = []
        for n, item in enumerate(pack.items, 1):
            document = packs.item_document(raw, pack, item)
            checked.append(check_item(document, cfg, profile, rules, opts))
            progress.step("items", n, total)
    for item, (kind, sender, findings, notices) in zip(pack.items, checked, strict=True):
        if item.kind is None:
            item.kind = kind
        summary = item.as_json()
        for f in findings:
            f.item = summary
            result.findings.append(f)
        result.notices += [f"{item.heading()}: {m}" for m in notices]
        if item.exempt and not item.private and not any(f.code == "CON003" for f in findings):
            result.notices.append(
                f"{item.heading()} (pages {item.first_page}-{item.last_page}) is marked exempt "
                f'("{item.exempt}") but stands in the public part of the pack, before any '
                "exclusion of the press and public: publish it only with the Part II papers"
            )
        result.items.append(
            {
                **summary,
                "sender": sender,
                "exempt": item.exempt or ("taken in private" if item.private else None),
            }
        )


ItemResult = tuple[str, str | None, list[Finding], list[str]]  # kind, sender, findings, notices


def check_item(
    raw: RawDocument,
    cfg: Config,
    profile: profiles.Profile,
    rules: list[registry.Rule],
    opts: Options,
) -> ItemResult:
    """One item of a pack, checked as the document it is: its kind detected as for a file
    of its own (a long report holding several reports is still a report)."""
    from protocheck.language import kinds

    detected = kinds.detect_kind(raw)
    doc = voices.analyse(raw, cfg, "report" if detected == "agenda-pack" else detected)
    doc.kind_forced = False
    author = opts.author or cfg.author
    if doc.sender is None and author:
        doc.sender = people.make_person(author, None, None, cfg, "author")
    doc.profile = profile
    doc.issue_date = opts.date
    findings = check_document(doc, rules, profile)
    marker = raw.properties.get("exempt-in-public")
    con003 = next((r for r in rules if r.code == "CON003" and profile.enables(r.code)), None)
    block = next((b for b in doc.blocks if marker and marker in b.text), None)
    if con003 is not None and block is not None:
        hit = Hit(
            block.start,
            block.end,
            "Item marked exempt is in the public part of the agenda pack, "
            "before the exclusion of the press and public",
        )
        findings.insert(0, to_finding(con003, hit, doc, profile))
    return doc.kind, doc.sender.display() if doc.sender else None, findings, doc.notices


def _check_items(
    documents: list[RawDocument], cfg: Config, profile_id: str, codes: list[str], opts: Options
) -> list[ItemResult]:
    """A worker's share of a pack's items."""
    profile = profiles.get(profile_id)
    by_code = {r.code: r for r in registry.all_rules()}
    rules = [by_code[c] for c in codes]
    return [check_item(d, cfg, profile, rules, opts) for d in documents]


def _items_in_parallel(
    documents: list[RawDocument],
    cfg: Config,
    profile_id: str,
    rules: list[registry.Rule],
    jobs: int,
    opts: Options,
) -> list[ItemResult]:
    """The items shared among `jobs` processes in runs of about equal length (in
    characters), in order. The language pipeline is built first, so that processes forked
    from this one start with it."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from protocheck.language import nlp

    nlp.pipeline()
    jobs = min(jobs, os.cpu_count() or 1)
    sizes = [sum(len(b.text) for b in d.blocks) for d in documents]
    share = sum(sizes) / jobs
    runs: list[list[RawDocument]] = [[]]
    done = 0
    for document, size in zip(documents, sizes, strict=True):
        if done >= share * len(runs) and len(runs) < jobs:
            runs.append([])
        runs[-1].append(document)
        done += size
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    codes = [r.code for r in rules]
    out: list[ItemResult] = []
    with ProcessPoolExecutor(max_workers=len(runs), mp_context=context) as pool:
        futures = [pool.submit(_check_items, run, cfg, profile_id, codes, opts) for run in runs]
        for future in futures:
            out += future.result()
            progress.step("items", len(out), len(documents))
    return out


def _with_baseline(result: FileResult, cfg: Config) -> FileResult:
    if cfg.baseline is not None:
        from protocheck.store import baseline

        baseline.apply(result, cfg.baseline)
    return result


def to_cache(r: FileResult) -> dict[str, Any]:
    return asdict(r)


def from_cache(d: Any) -> FileResult | None:
    """A cache entry back as a FileResult, or None when it is not one `to_cache` wrote."""
    from protocheck.model.findings import SEVERITY_RANK

    try:
        findings = []
        for f in d["findings"]:
            f = dict(f)
            if not isinstance(f["code"], str) or f["severity"] not in SEVERITY_RANK:
                return None
            f["location"] = Location(**f["location"])
            f["clauses"] = [Clause(**c) for c in f["clauses"]]
            findings.append(Finding(**f))
        d = dict(d)
        d["findings"] = findings
        result = FileResult(**d)
    except (TypeError, KeyError, ValueError, AttributeError):
        return None
    if not isinstance(result.path, str) or not (
        result.error is None or isinstance(result.error, str)
    ):
        return None
    if not isinstance(result.notices, list):
        return None
    return result


def run(paths: list[Path], opts: Options, jobs: int | None = 1) -> list[FileResult]:
    """Check every file under `paths`. jobs: worker processes; None chooses
    (workers.default_jobs): the free cores for more than a few files, else 1; for a
    single file, the free cores for the items of a long agenda pack (workers.pack_jobs)."""
    files = list(collect(paths))
    results: list[FileResult | None] = [None] * len(files)
    for i, f in enumerate(files):
        why = unreadable(f)
        if why is not None:
            results[i] = FileResult(str(f), error=why)
    todo = [i for i in range(len(files)) if results[i] is None]
    if len(todo) == 1:  # one file: an agenda pack's items in parallel
        opts = dataclasses.replace(opts, jobs=jobs)
    if jobs is None:
        from protocheck import workers

        jobs = workers.default_jobs(len(todo))
    if jobs > 1 and len(todo) > 1:
        from protocheck import workers

        done = 0

        def on_done(i: int, result: FileResult) -> None:
            nonlocal done
            done += 1
            results[i] = result
            progress.files(done, len(todo), str(files[i]))

        workers.run(files, todo, opts, min(jobs, os.cpu_count() or 1), on_done)
    else:
        for n, i in enumerate(todo, 1):
            progress.files(n - 1, len(todo), str(files[i]))
            results[i] = check_path(files[i], opts)
            progress.files(n, len(todo), str(files[i]))
    return [r for r in results if r is not None]
