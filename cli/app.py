"""The command line: parse arguments, delegate, choose the renderer. Nothing heavy
is imported at module level, so `protocheck --help` stays fast."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from protocheck import __version__
from typer.core import TyperCommand, TyperGroup


class _Group(TyperGroup):
    """The command list in --help gives each command's first sentence whole, wrapped,
    never cut off with "..."."""

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        rows = []
        for name in self.list_commands(ctx):
            cmd = self.get_command(ctx, name)
            if cmd is not None and not cmd.hidden:
                rows.append((name, cmd.get_short_help_str(limit=1_000)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


class _Command(TyperCommand):
    """Usage lines name arguments as the README does (`FILE_OR_DIR...`, `DRAFT REVISED`),
    without the braces Typer puts round a required one."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        return [
            piece[1:-1] if piece.startswith("{") and piece.endswith("}") else piece
            for piece in super().collect_usage_pieces(ctx)
        ]


app = typer.Typer(
    name="protocheck",
    cls=_Group,
    help="Check council drafts (.docx, .pdf, .eml, .txt) against the council's Member/Officer protocol.\n\n"
    "protocheck FILE_OR_DIR... is the same as protocheck check FILE_OR_DIR...",
    add_completion=False,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)
COMMANDS = {"check", "diff", "baseline", "scan", "rules", "rule", "profiles", "init"}
KIND_CHOICES = ("letter", "email", "press-release", "report", "agenda-pack", "other")

# options several commands share; choices in the metavar, defaults said where config decides
FormatOption = Annotated[
    str,
    typer.Option("--format", metavar="[text|json|sarif|github|junit]", help="The report's format."),
]
ProfileOption = Annotated[
    str | None,
    typer.Option(
        "--profile",
        metavar="ID",
        help="Council profile: model, wokingham, north-northamptonshire, conwy, "
        "north-east-derbyshire, runnymede.",
        show_default="model, or profile in protocheck.toml",
    ),
]
KindOption = Annotated[
    str | None,
    typer.Option(
        "--kind",
        metavar="[" + "|".join(KIND_CHOICES) + "]",
        help="Force the document kind.",
        show_default="read from the document",
    ),
]
DateOption = Annotated[
    str | None,
    typer.Option(
        "--date",
        metavar="YYYY-MM-DD",
        help="Date the document will be issued, for the pre-election check.",
        show_default="the document's own date",
    ),
]
SelectOption = Annotated[
    list[str] | None,
    typer.Option(
        "--select",
        metavar="RULES",
        help="Only these rules: codes, slugs or prefixes (COR, RPT001, blind-copy). "
        "Repeat or comma-separate.",
    ),
]
IgnoreOption = Annotated[
    list[str] | None,
    typer.Option("--ignore", metavar="RULES", help="Skip these rules (codes, slugs or prefixes)."),
]
FailOnOption = Annotated[
    str | None,
    typer.Option(
        "--fail-on",
        metavar="[error|warning|info|never]",
        help="Severity that makes the exit code 1.",
        show_default="error, or fail-on in protocheck.toml",
    ),
]
WidthOption = Annotated[
    int | None,
    typer.Option(
        "--width",
        metavar="COLUMNS",
        min=40,
        help="Wrap text output at this many columns.",
        show_default="the terminal's width, or $COLUMNS",
    ),
]


def _fail(message: str) -> typer.Exit:
    from protocheck.cli.report import printable

    typer.echo(f"protocheck: error: {printable(message)}", err=True)
    return typer.Exit(2)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"protocheck {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """protocheck: Member/Officer protocol checks for council drafts."""


@app.command(cls=_Command)
def check(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Files or folders to check (.docx .pdf .eml .txt).",
            metavar="FILE_OR_DIR...",
            show_default=False,
            readable=False,  # an unreadable input is one line of the report, not a usage error
        ),
    ],
    format: FormatOption = "text",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the report here instead of stdout.")
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option("--config", help="A protocheck.toml (else the nearest one above each file)."),
    ] = None,
    profile: ProfileOption = None,
    kind: KindOption = None,
    date: DateOption = None,
    author: Annotated[
        str | None,
        typer.Option(
            "--author",
            help='Whose words the document is when it does not say ("Cllr Jo Bloggs"; also `author` in config).',
        ),
    ] = None,
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    fail_on: FailOnOption = None,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            metavar="N",
            help="Parallel worker processes for many files or a long agenda pack (default: `jobs` in config, else the free cores for more than a few files or a pack of about 100 pages or more).",
            show_default=False,
        ),
    ] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Ignore the result cache.")] = False,
    dump_text: Annotated[
        bool,
        typer.Option(
            "--dump-text",
            help="Print the text protocheck extracted (what offsets index), then stop.",
        ),
    ] = False,
    color: Annotated[
        bool | None,
        typer.Option("--color/--no-color", help="Force colour on or off (default: on a terminal)."),
    ] = None,
    width: WidthOption = None,
    annotate: Annotated[
        Path | None,
        typer.Option(
            "--annotate",
            help="Write a copy of each .docx with a Word comment on each finding (a folder for several files).",
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Write over an existing file given to --output or --annotate (never an input).",
        ),
    ] = False,
) -> None:
    """Check documents against the council's protocol (the default command)."""
    from protocheck.cli import commands

    code = commands.check(
        paths=paths,
        fmt=format,
        output=output,
        config=config,
        profile=profile,
        kind=kind,
        date=date,
        author=author,
        select=_split(select),
        ignore=_split(ignore),
        fail_on=fail_on,
        jobs=jobs,
        use_cache=not no_cache,
        dump_text=dump_text,
        color=color,
        width=width,
        annotate=annotate,
        force=force,
    )
    raise typer.Exit(code)


@app.command(cls=_Command)
def diff(
    draft: Annotated[
        Path,
        typer.Argument(
            help="The officer's draft (.docx, .pdf or .txt).",
            metavar="DRAFT",
            show_default=False,
            readable=False,
        ),
    ],
    revised: Annotated[
        Path,
        typer.Argument(
            help="The version that came back.",
            metavar="REVISED",
            show_default=False,
            readable=False,
        ),
    ],
    editor: Annotated[
        str | None,
        typer.Option(
            "--editor",
            help='Who made the revision ("Cllr Jo Bloggs"); else the revised file\'s last author.',
        ),
    ] = None,
    format: FormatOption = "text",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the report here instead of stdout.")
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option("--config", help="A protocheck.toml (else the nearest one above REVISED)."),
    ] = None,
    profile: ProfileOption = None,
    kind: KindOption = None,
    date: DateOption = None,
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    fail_on: FailOnOption = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Ignore the result cache.")] = False,
    color: Annotated[
        bool | None, typer.Option("--color/--no-color", help="Force colour on or off.")
    ] = None,
    width: WidthOption = None,
    annotate: Annotated[
        Path | None,
        typer.Option(
            "--annotate",
            help="Write a copy of REVISED (.docx) with a Word comment on each finding.",
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Write over an existing file given to --output or --annotate (never an input).",
        ),
    ] = False,
) -> None:
    """Compare two versions of a report: every difference is an edit by --editor, judged like a tracked change."""
    from protocheck.cli import commands

    code = commands.diff(
        draft=draft,
        revised=revised,
        editor=editor,
        fmt=format,
        output=output,
        config=config,
        profile=profile,
        kind=kind,
        date=date,
        select=_split(select),
        ignore=_split(ignore),
        fail_on=fail_on,
        use_cache=not no_cache,
        color=color,
        width=width,
        annotate=annotate,
        force=force,
    )
    raise typer.Exit(code)


@app.command(cls=_Command)
def baseline(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Files or folders whose current findings are accepted.",
            metavar="FILE_OR_DIR...",
            show_default=False,
            readable=False,
        ),
    ],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="The baseline file to write.")
    ] = Path("protocheck-baseline.json"),
    config: Annotated[Path | None, typer.Option("--config", help="A protocheck.toml.")] = None,
    profile: ProfileOption = None,
    kind: KindOption = None,
    date: DateOption = None,
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            metavar="N",
            help="Parallel worker processes (default: `jobs` in config, else the free cores for more than a few files or a pack of about 100 pages or more).",
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Write over an existing document (never an input).")
    ] = False,
) -> None:
    """Record the current findings as accepted, so that CI fails only on new ones."""
    from protocheck.cli import commands

    raise typer.Exit(
        commands.baseline(
            paths=paths,
            output=output,
            config=config,
            profile=profile,
            kind=kind,
            date=date,
            select=_split(select),
            ignore=_split(ignore),
            jobs=jobs,
            force=force,
        )
    )


@app.command(cls=_Command)
def scan(
    archive: Annotated[
        list[Path],
        typer.Argument(
            help="Folders or files of the archive.",
            metavar="FILE_OR_DIR...",
            show_default=False,
            readable=False,
        ),
    ],
    dask: Annotated[
        str,
        typer.Option(
            "--dask",
            metavar="ADDRESS",
            help='A Dask scheduler address (tcp://host:8786), or "local" for this machine.',
        ),
    ],
    output: Annotated[
        Path,
        typer.Option(
            "--output", "-o", help="JSON Lines: one file result a line; a re-run resumes."
        ),
    ],
    workers: Annotated[
        int, typer.Option("--workers", help='Worker processes of a "local" cluster.')
    ] = 2,
    config: Annotated[Path | None, typer.Option("--config", help="A protocheck.toml.")] = None,
    profile: ProfileOption = None,
    kind: KindOption = None,
    select: SelectOption = None,
    ignore: IgnoreOption = None,
) -> None:
    """Check an archive on a Dask cluster; results stream to JSON Lines (extra: protocheck[dask])."""
    from protocheck.cli import commands

    raise typer.Exit(
        commands.scan(
            paths=archive,
            address=dask,
            output=output,
            workers=workers,
            config=config,
            profile=profile,
            kind=kind,
            select=_split(select),
            ignore=_split(ignore),
        )
    )


@app.command("rules", cls=_Command)
def rules_cmd(
    format: Annotated[
        str, typer.Option("--format", metavar="[text|json]", help="text or json.")
    ] = "text",
) -> None:
    """Table of every rule: code, slug, severity, the profiles that enable it."""
    from protocheck.cli import commands

    raise typer.Exit(commands.rules(format))


@app.command("rule", cls=_Command)
def rule_cmd(
    code: Annotated[
        str,
        typer.Argument(
            help="A rule code or slug (COR001, member-obligation).",
            metavar="CODE_OR_SLUG",
            show_default=False,
        ),
    ],
) -> None:
    """What a rule flags, why, examples, and the clauses each profile cites."""
    from protocheck.cli import commands

    raise typer.Exit(commands.rule(code))


@app.command("profiles", cls=_Command)
def profiles_cmd() -> None:
    """The council profiles and what differs between them."""
    from protocheck.cli import commands

    raise typer.Exit(commands.profiles())


@app.command("init", cls=_Command)
def init_cmd(
    path: Annotated[Path, typer.Argument(help="Where to write the file.", metavar="PATH")] = Path(
        "protocheck.toml"
    ),
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Write a commented starter protocheck.toml."""
    from protocheck.cli import outputs
    from protocheck.model.config import STARTER

    why = outputs.refusal(path, [], force=force, replaceable=False)
    if why is not None:
        raise _fail(why)
    outputs.write_text(path, STARTER)
    typer.echo(f"wrote {path}")


def _split(values: list[str] | None) -> list[str]:
    return [v.strip() for item in values or [] for v in item.split(",") if v.strip()]


def _misspelt_command(argv: list[str]) -> str | None:
    """The command a first word that is neither a command nor a file was meant to be
    (`protocheck rulez` -> `rules`), or None."""
    import difflib

    if not argv or argv[0].startswith("-") or argv[0] in COMMANDS or Path(argv[0]).exists():
        return None
    if Path(argv[0]).suffix.lower() in (".docx", ".pdf", ".eml", ".txt"):
        return None  # a document that is not there: the check says so
    close = difflib.get_close_matches(argv[0], sorted(COMMANDS), n=3, cutoff=0.6)
    # a letter mistyped before a letter missing: rulez is rules rather than rule
    close.sort(key=lambda c: abs(len(c) - len(argv[0])))
    return close[0] if close else None


def _main() -> None:
    argv = sys.argv[1:]
    meant = _misspelt_command(argv)
    if meant is not None:
        from protocheck.cli.report import printable

        print(
            f"protocheck: error: no command or file '{printable(argv[0])}'; "
            f"did you mean 'protocheck {meant}'? (protocheck --help lists the commands)",
            file=sys.stderr,
        )
        sys.exit(2)
    first = next((a for a in argv if not a.startswith("-")), None)
    if (
        argv
        and first is not None
        and first not in COMMANDS
        and not any(a in ("--version",) for a in argv[:1])
    ):
        sys.argv.insert(1, "check")  # `protocheck FILE...` is `protocheck check FILE...`
    elif argv and first is None and not any(a in ("-h", "--help", "--version") for a in argv):
        sys.argv.insert(1, "check")
    try:
        app(prog_name="protocheck")
    except KeyboardInterrupt:
        sys.exit(130)  # main() says "interrupted"
    except Exception as exc:  # never a traceback for a user; PROTOCHECK_DEBUG=1 shows it
        import os

        from protocheck.cli.report import printable

        if os.environ.get("PROTOCHECK_DEBUG"):
            raise
        if type(exc).__name__ in (
            "LexiconError",
            "ProfileError",
            "ConfigError",
        ):  # a data file is wrong
            print(f"protocheck: error: {printable(str(exc))}", file=sys.stderr)
            sys.exit(2)
        print(
            f"protocheck: internal error: {type(exc).__name__}: {printable(str(exc))}"
            " (PROTOCHECK_DEBUG=1 shows the traceback)",
            file=sys.stderr,
        )
        sys.exit(2)


def main() -> None:
    """The `protocheck` command: run, flush the output, and leave at once.

    Leaving through os._exit skips the interpreter's tear-down of spaCy's and
    numpy's objects, a fifth of a second of a one-letter run; nothing protocheck
    writes is pending by then (reports and cache entries are written and closed
    before the command returns).
    """
    import os

    code: int | str | None = 0
    try:
        _main()
    except SystemExit as exc:
        code = exc.code
    if code == 130:  # Ctrl-C: Typer turns KeyboardInterrupt into exit code 130, silently
        print("protocheck: interrupted", file=sys.stderr)
    if isinstance(code, str):
        print(code, file=sys.stderr)
        code = 1
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        pass  # a closed pipe: the exit code still stands
    os._exit(code or 0)


if __name__ == "__main__":
    main()
