"""What each command does, behind the thin Typer layer in app.py."""

from __future__ import annotations

import functools
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from protocheck.model.document import RawDocument
    from rich.progress import TaskID

from protocheck.cli import outputs
from protocheck.model.findings import SEVERITY_RANK, Report


def _err(message: str) -> int:
    _say(f"error: {message}")
    return 2


def _say(message: str) -> None:
    """One line on stderr: names and reasons escaped, so a newline or an escape
    sequence in a file name cannot add a line or reach the terminal."""
    from protocheck.cli.report import printable

    print(f"protocheck: {printable(message)}", file=sys.stderr)


def _setup(
    *,
    first: Path | None,
    fmt: str,
    config: Path | None,
    profile: str | None,
    kind: str | None,
    date: str | None,
    select: list[str],
    ignore: list[str],
    fail_on: str | None,
    use_cache: bool,
    author: str | None = None,
) -> tuple[Any, Any] | int:
    """Validate the options shared by check and diff: (options, base config) or an exit code."""
    import datetime as dt

    from protocheck import engine
    from protocheck.cli import report
    from protocheck.model import config as config_mod
    from protocheck.model import profiles
    from protocheck.model.document import KINDS
    from protocheck.rules import registry

    if fmt not in report.FORMATS:
        return _err(f"--format must be one of {', '.join(report.FORMATS)}")
    if kind is not None and kind not in KINDS:
        return _err(f"--kind must be one of {', '.join(KINDS)}")
    if profile is not None and profile not in profiles.all_ids():
        return _err(f"unknown profile '{profile}' (choose from: {', '.join(profiles.all_ids())})")
    if fail_on is not None and fail_on not in SEVERITY_RANK:
        return _err("--fail-on must be one of error, warning, info, never")
    if date is not None:
        try:
            dt.date.fromisoformat(date)
        except ValueError:
            return _err(f"--date must be YYYY-MM-DD, not '{date}'")
    bad = registry.unknown_selectors([*select, *ignore])
    if bad:
        return _err(f"unknown rule selector(s): {', '.join(bad)} (see protocheck rules)")
    try:
        base_cfg = (
            config_mod.load_cached(config.resolve())
            if config is not None
            else config_mod.for_file(first or Path.cwd())
        )
    except config_mod.ConfigError as exc:
        return _err(str(exc))
    opts = engine.Options(
        config_path=config,
        profile=profile,
        kind=kind,
        date=date,
        author=author,
        select=select,
        ignore=ignore,
        use_cache=use_cache,
    )
    return opts, base_cfg


def _finish(
    results: list[Any],
    base_cfg: Any,
    *,
    fmt: str,
    output: Path | None,
    profile: str | None,
    fail_on: str | None,
    color: bool | None,
    width: int | None = None,
) -> int:
    """Render the report, say which files could not be read, and choose the exit code."""
    from protocheck.cli import report

    rep = Report(profile=profile or base_cfg.profile, files=results)
    for r in results:
        if r.error:
            _say(f"{r.path}: {r.error}")
    if fmt == "text" and output is None:
        report.render("text", rep, stream=sys.stdout, color=color, width=width)
    else:
        text = (
            report.render(fmt, rep, fail_on=fail_on or base_cfg.fail_on)
            if fmt != "text"
            else report.render("text", rep, color=False, width=width or 100)
        )
        if output is not None:
            outputs.write_text(output, text)
        else:
            sys.stdout.write(text)
    if any(r.error for r in results):
        return 2
    threshold = SEVERITY_RANK[fail_on or base_cfg.fail_on]
    live = [f for r in results for f in r.findings if not f.suppressed]
    return 1 if any(SEVERITY_RANK[f.severity] >= threshold for f in live) else 0


def _annotate(
    results: list[Any],
    sources: list[Path],
    target: Path,
    force: bool = False,
    failed: list[Path] | None = None,
) -> int | None:
    """--annotate: a commented copy of each .docx checked; an exit code on a usage error.
    No copy is written over an input or, without --force, over an existing file."""
    from protocheck.cli.report import annotate

    pairs = [
        (src, r)
        for src, r in zip(sources, results, strict=True)
        if src.suffix.lower() == ".docx" and not r.error
    ]
    if not pairs:
        return _err("--annotate needs a readable .docx input")
    if len(pairs) > 1 and target.suffix.lower() == ".docx" and not target.is_dir():
        return _err(f"--annotate {target}: {len(pairs)} documents need a folder, not one file name")
    if len(pairs) > 1 or target.is_dir():
        names = outputs.annotated_names([src for src, _ in pairs], target)
    else:
        names = [target]
    for out in names:
        why = outputs.refusal(out, sources, force=force, replaceable=False)
        if why is not None:
            return _err(f"--annotate: {why}")
    for (src, result), out in zip(pairs, names, strict=True):
        try:
            n = outputs.write_atomically(
                out, functools.partial(annotate.annotate, src, result=result)
            )
        except Exception as exc:  # a package python-docx cannot open: that file only
            why = str(exc).splitlines()[0][:160] if str(exc) else ""
            _say(f"{src}: cannot annotate: {type(exc).__name__}: {why}".rstrip(": "))
            if failed is not None:
                failed.append(src)
            continue
        _say(f"wrote {out} ({n} comment{'s' if n != 1 else ''})")
    return None


def check(
    *,
    paths: list[Path],
    fmt: str,
    output: Path | None,
    config: Path | None,
    profile: str | None,
    kind: str | None,
    date: str | None,
    select: list[str],
    ignore: list[str],
    fail_on: str | None,
    jobs: int | None,
    use_cache: bool,
    dump_text: bool,
    color: bool | None,
    annotate: Path | None = None,
    author: str | None = None,
    force: bool = False,
    width: int | None = None,
) -> int:
    from protocheck import engine

    setup = _setup(
        first=paths[0] if paths else None,
        fmt=fmt,
        config=config,
        profile=profile,
        author=author,
        kind=kind,
        date=date,
        select=select,
        ignore=ignore,
        fail_on=fail_on,
        use_cache=use_cache,
    )
    if isinstance(setup, int):
        return setup
    opts, base_cfg = setup
    if dump_text:
        return _dump(paths, opts)
    inputs = list(engine.collect(paths))
    if output is not None and (
        why := outputs.refusal(output, inputs, force=force, replaceable=True)
    ):
        return _err(f"--output: {why}")
    stop = _progress()
    try:
        results = engine.run(paths, opts, jobs=jobs if jobs is not None else base_cfg.jobs)
    finally:
        stop()
    return _annotate_and_finish(
        results,
        inputs,
        base_cfg,
        annotate=annotate,
        force=force,
        fmt=fmt,
        output=output,
        profile=profile,
        fail_on=fail_on,
        color=color,
        width=width,
    )


def baseline(
    *,
    paths: list[Path],
    output: Path,
    config: Path | None,
    profile: str | None,
    jobs: int | None,
    force: bool = False,
    kind: str | None = None,
    date: str | None = None,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
) -> int:
    from protocheck import engine
    from protocheck.store import baseline as baseline_mod

    setup = _setup(
        first=paths[0] if paths else None,
        fmt="json",
        config=config,
        profile=profile,
        kind=kind,
        date=date,
        select=select or [],
        ignore=ignore or [],
        fail_on=None,
        use_cache=True,
    )
    if isinstance(setup, int):
        return setup
    opts, base_cfg = setup
    why = outputs.refusal(output, list(engine.collect(paths)), force=force, replaceable=True)
    if why is not None:
        return _err(f"--output: {why}")
    results = engine.run(paths, opts, jobs=jobs if jobs is not None else base_cfg.jobs)
    for r in results:
        if r.error:
            _say(f"{r.path}: {r.error}")
    n = baseline_mod.write(results, output)
    print(
        f"protocheck: wrote {output} ({n} accepted finding{'s' if n != 1 else ''}); "
        f'add baseline = "{output.name}" to protocheck.toml'
    )
    return 2 if any(r.error for r in results) else 0


def diff(
    *,
    draft: Path,
    revised: Path,
    editor: str | None,
    fmt: str,
    output: Path | None,
    config: Path | None,
    profile: str | None,
    kind: str | None,
    date: str | None,
    select: list[str],
    ignore: list[str],
    fail_on: str | None,
    use_cache: bool,
    color: bool | None,
    annotate: Path | None = None,
    force: bool = False,
    width: int | None = None,
) -> int:
    from protocheck import engine

    setup = _setup(
        first=revised,
        fmt=fmt,
        config=config,
        profile=profile,
        kind=kind,
        date=date,
        select=select,
        ignore=ignore,
        fail_on=fail_on,
        use_cache=use_cache,
    )
    if isinstance(setup, int):
        return setup
    opts, base_cfg = setup
    missing = [str(p) for p in (draft, revised) if not p.is_file()]
    if missing:
        return _err(f"no such file: {', '.join(missing)}")
    if editor is None and revised.suffix.lower() != ".docx":
        return _err(
            f"{revised} carries no author: name the Member who made the revision with --editor"
        )
    if output is not None and (
        why := outputs.refusal(output, [draft, revised], force=force, replaceable=True)
    ):
        return _err(f"--output: {why}")
    result = engine.check_diff(draft, revised, editor, opts)
    if fmt in ("sarif", "github", "junit"):
        result.path = str(revised)  # a CI annotation points at a file: the revised one
    return _annotate_and_finish(
        [result],
        [revised, draft],
        base_cfg,
        annotate=annotate,
        force=force,
        fmt=fmt,
        output=output,
        profile=profile,
        fail_on=fail_on,
        color=color,
        width=width,
    )


def _annotate_and_finish(
    results: list[Any],
    inputs: list[Path],
    base_cfg: Any,
    *,
    annotate: Path | None,
    force: bool,
    **report: Any,
) -> int:
    """Write the annotated copies asked for, then the report; a copy that could not be
    written makes the exit code 2 once the report is out."""
    not_annotated: list[Path] = []
    if annotate is not None:
        code = _annotate(results, inputs, annotate, force, not_annotated)
        if code is not None:
            return code
    code = _finish(results, base_cfg, **report)
    return 2 if not_annotated else code


def _progress() -> Callable[[], None]:
    """A progress bar on stderr, on a terminal only: files for a batch, pages for a long PDF."""
    from protocheck import progress

    if not sys.stderr.isatty():
        return lambda: None
    from protocheck.cli.report import printable
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    bar = Progress(  # a file name is data: no Rich markup in it is read, no escape printed
        TextColumn("{task.fields[what]}", markup=False),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}", markup=False),
        transient=True,
        console=Console(stderr=True),
    )
    tasks: dict[str, TaskID] = {}

    def show(key: str, done: int, total: int, what: str, name: str = "") -> None:
        if key not in tasks:
            if not bar.live.is_started:
                bar.start()
            tasks[key] = bar.add_task(name, total=total, what=what)
        bar.update(tasks[key], completed=done, total=total, description=name)

    def on_file(done: int, total: int, name: str) -> None:
        if total >= 3:
            show("files", done, total, "files", printable(Path(name).name)[:40])
        for key in [k for k in tasks if k != "files"]:
            bar.remove_task(tasks.pop(key))

    def on_step(what: str, done: int, total: int) -> None:
        show(what, done, total, what)

    progress.install(on_file, on_step)

    def stop() -> None:
        progress.install(None, None)
        bar.stop()

    return stop


def _dump(paths: list[Path], opts: object) -> int:
    from protocheck import engine
    from protocheck.cli.report import printable, same_length
    from protocheck.language import voices
    from protocheck.read import UnreadableError, read

    code = 0
    for f in engine.collect(paths):
        why = engine.unreadable(f)
        try:
            if why is not None:  # a FIFO, a loop, no permission: never opened
                raise UnreadableError(why)
            raw = read(f)
        except UnreadableError as exc:
            _say(f"{f}: {exc}")
            code = 2
            continue
        if len(paths) > 1 or paths[0].is_dir():
            print(f"==> {printable(str(f))} <==")
        if engine.is_pack(raw, getattr(opts, "kind", None)):
            _dump_pack(raw)  # an agenda pack: each item's own text, which its offsets index
            continue
        doc = voices.analyse(raw, None)
        sys.stdout.write(same_length(doc.text) + "\n")  # offsets still index it
    return code


def _dump_pack(raw: RawDocument) -> None:
    from protocheck.cli.report import printable, same_length
    from protocheck.language import packs
    from protocheck.model.document import Document

    pack = packs.split(raw)
    for item in pack.items:
        text = Document.assemble(packs.item_document(raw, pack, item)).text
        print(printable(f"--- {item.heading()} (pages {item.first_page}-{item.last_page}) ---"))
        sys.stdout.write(same_length(text) + "\n")


def rules(fmt: str) -> int:
    from protocheck.model import profiles
    from protocheck.rules import registry

    rows: list[dict[str, Any]] = []
    for r in registry.all_rules():
        enabled = [p for p in profiles.council_ids() if profiles.get(p).enables(r.code)]
        rows.append(
            {
                "code": r.code,
                "slug": r.slug,
                "severity": r.severity,
                "kinds": list(r.kinds),
                "summary": r.summary,
                "profiles": enabled,
            }
        )
    if fmt == "json":
        print(json.dumps(rows, indent=2))
        return 0
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console()
    if console.width < 120:  # too narrow for six columns: a rule a paragraph, nothing split
        import textwrap

        pad = " " * 8
        for row in rows:
            console.print(
                Text.assemble(
                    (f"{row['code']:<8}", "bold"),
                    (row["slug"], "magenta"),
                    f"  {row['severity']}",
                )
            )
            for line in (
                textwrap.wrap(row["summary"], console.width - 8, break_on_hyphens=False)
                + textwrap.wrap(
                    "applies to: " + (", ".join(row["kinds"]) or "any"),
                    console.width - 8,
                    break_on_hyphens=False,
                )
                + textwrap.wrap(
                    "profiles: " + ", ".join(row["profiles"]) + "; model",
                    console.width - 8,
                    break_on_hyphens=False,
                )
            ):
                console.print(Text(pad + line))
            console.print()
        return 0
    table = Table(title="protocheck rules", show_lines=False)
    for col in ("code", "slug", "severity"):
        table.add_column(col, no_wrap=True)
    table.add_column("applies to", min_width=len("press-release,"))
    table.add_column("what it flags", overflow="fold")
    table.add_column("council profiles", min_width=len("north-northamptonshire,"))
    for row in rows:
        table.add_row(
            row["code"],
            row["slug"],
            row["severity"],
            ", ".join(row["kinds"]) or "any",
            row["summary"],
            ", ".join(row["profiles"]) + "; model",
        )
    console.print(table)
    return 0


def rule(code: str) -> int:
    from protocheck.model import profiles
    from protocheck.rules import registry
    from rich.console import Console
    from rich.markdown import Markdown
    from rich.markup import escape

    r = registry.find_rule(code)
    if r is None:
        return _err(f"no rule '{code}' (see protocheck rules)")
    console = Console()
    console.print(
        f"[bold]{r.code} {r.slug}[/bold]  severity {r.severity}; applies to {', '.join(r.kinds) or 'any document'}"
    )
    console.print(r.summary, markup=False)
    console.print()
    for name, body in r.sections.items():
        # each "> example" line is an example of its own, not a line of one paragraph
        body = re.sub(r"^(>.*)\n(?=>)", "\\1\n>\n", body, flags=re.MULTILINE)
        console.print(Markdown(f"## {name}\n\n{body}"))
        console.print()
    console.print(Markdown("## Clauses it cites"))
    for pid in profiles.council_ids():
        prof = profiles.get(pid)
        if not prof.enables(r.code):
            continue
        sev = prof.severity(r.code, r.severity)
        console.print(
            f"\n[bold]{pid}[/bold] ({escape(prof.council)}){'' if sev == r.severity else f', severity {sev}'}"
        )
        for c in prof.clauses[r.code]:
            console.print(f'  [green]{escape(c.ref)}[/green]: "{escape(c.text)}"', highlight=False)
        for e in prof.exceptions:
            if r.code in e.codes:
                console.print(
                    f"  [yellow]exception {e.id}[/yellow] ({escape(e.ref)}): {escape(e.note)}",
                    highlight=False,
                )
    off = [p for p in profiles.council_ids() if not profiles.get(p).enables(r.code)]
    if off:
        console.print(
            f"\nNot stated in (rule off): {', '.join(off)}. The model profile enables it and cites all of the above."
        )
    return 0


def profiles() -> int:
    from protocheck.model import profiles as prof_mod
    from protocheck.rules import registry
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    codes = [r.code for r in registry.all_rules()]
    console = Console()
    for pid in prof_mod.all_ids():
        p = prof_mod.get(pid)
        console.print(
            f"[bold]{pid}[/bold]  {escape(p.council)}: {escape(p.document)}", highlight=False
        )
        console.print(f"  {escape(p.summary)}", highlight=False)
        for e in p.exceptions:
            applies = f"exempts {', '.join(e.codes)}" if e.codes else "noted"
            console.print(
                f"  [yellow]exception {e.id}[/yellow] ({escape(e.ref)}, {applies}): {escape(e.note)}",
                highlight=False,
            )
        console.print()
    table = Table(title="rules each profile enables (severity if changed)")
    table.add_column("code")
    for pid in prof_mod.all_ids():
        table.add_column(pid)
    for code in codes:
        rule = registry.find_rule(code)
        cells = []
        for pid in prof_mod.all_ids():
            p = prof_mod.get(pid)
            if not p.enables(code):
                cells.append("-")
            else:
                sev = p.severity(code, rule.severity if rule else "error")
                cells.append("on" if rule and sev == rule.severity else f"on ({sev})")
        table.add_row(code, *cells)
    console.print(table)
    return 0


def scan(
    *,
    paths: list[Path],
    address: str,
    output: Path,
    workers: int,
    config: Path | None,
    profile: str | None,
    kind: str | None,
    select: list[str],
    ignore: list[str],
) -> int:
    """`protocheck scan`: an archive on Dask, streamed to JSON Lines, resumable."""
    from protocheck import engine

    try:
        import dask.distributed  # noqa: F401
        from protocheck import scan as scan_mod
    except ImportError:
        return _err("scan needs the dask extra: pip install 'protocheck[dask]'")
    setup = _setup(
        first=paths[0] if paths else None,
        fmt="json",
        config=config,
        profile=profile,
        kind=kind,
        date=None,
        select=select,
        ignore=ignore,
        fail_on=None,
        use_cache=False,
    )
    if isinstance(setup, int):
        return setup
    opts, _ = setup
    inputs = list(engine.collect(paths))
    why = outputs.refusal(output, inputs, force=False, replaceable=True)
    if why is not None:
        return _err(f"--output: {why}")
    counts = {"errors": 0, "warnings": 0, "unreadable": 0}

    def count(entry: dict[str, Any]) -> None:
        counts["unreadable"] += entry.get("error") is not None
        for f in entry.get("findings", []):
            if not f.get("suppressed"):
                counts["errors"] += f["severity"] == "error"
                counts["warnings"] += f["severity"] == "warning"

    checked, skipped = scan_mod.scan(inputs, opts, output, address, workers, on_entry=count)
    print(
        f"protocheck: scanned {checked} file{'s' if checked != 1 else ''} into {output}"
        f" ({skipped} already there): {counts['errors']} errors, {counts['warnings']} warnings,"
        f" {counts['unreadable']} unreadable",
        file=sys.stderr,
    )
    return 2 if counts["unreadable"] else 0
