"""protocheck: checks council drafts against the council's Member/Officer protocol.

The Python API gives the same results as `protocheck --format json`:

    import protocheck
    result = protocheck.check("letter.docx", profile="wokingham")    # a FileResult
    report = protocheck.check_paths(["drafts/"], config="protocheck.toml")  # a Report
    result.findings[0].code, result.to_json(), report.to_json()

`import protocheck` loads nothing heavy: the readers, spaCy and the rules load on
the first check.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "FileResult",
    "Finding",
    "Report",
    "UnreadableError",
    "__version__",
    "check",
    "check_paths",
    "load_config",
]

if TYPE_CHECKING:
    from protocheck.model.config import Config
    from protocheck.model.findings import FileResult, Finding, Report
    from protocheck.read.guard import UnreadableError

Source = str | os.PathLike[str] | bytes


def __getattr__(name: str) -> Any:
    """The result types and the error, imported when first named."""
    if name in ("FileResult", "Finding", "Report"):
        from protocheck.model import findings

        return getattr(findings, name)
    if name == "UnreadableError":
        from protocheck.read.guard import UnreadableError

        return UnreadableError
    raise AttributeError(f"module 'protocheck' has no attribute {name!r}")


def _options(
    config: str | os.PathLike[str] | None,
    profile: str | None,
    kind: str | None,
    date: str | None,
    author: str | None,
    select: Iterable[str] | None,
    ignore: Iterable[str] | None,
    use_cache: bool,
) -> Any:
    from protocheck import engine

    return engine.Options(
        config_path=Path(config) if config is not None else None,
        profile=profile,
        kind=kind,
        date=date,
        author=author,
        select=list(select or []),
        ignore=list(ignore or []),
        use_cache=use_cache,
    )


def check(
    source: Source,
    *,
    name: str | None = None,
    config: str | os.PathLike[str] | None = None,
    profile: str | None = None,
    kind: str | None = None,
    date: str | None = None,
    author: str | None = None,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    use_cache: bool = True,
) -> FileResult:
    """Check one document: a path, the bytes of a file (`name` gives its type, as
    "reply.docx"; .txt by default) or the text itself. Raises UnreadableError, with the
    command line's one-line reason, when the document cannot be read."""
    from protocheck import engine
    from protocheck.read.guard import UnreadableError

    path = Path(source) if isinstance(source, os.PathLike) else None
    if isinstance(source, str) and "\n" not in source and len(source) < 4096:
        path = Path(source) if Path(source).is_file() else None
    opts = _options(config, profile, kind, date, author, select, ignore, use_cache)
    if path is not None:
        result = engine.check_path(path, opts)
    else:
        data = source.encode("utf-8") if isinstance(source, str) else bytes(source)  # type: ignore[arg-type]
        shown = name or "<text>"
        suffix = Path(name).suffix if name and Path(name).suffix else ".txt"
        with tempfile.TemporaryDirectory() as tmp:
            held = Path(tmp) / f"document{suffix}"
            held.write_bytes(data)
            opts.use_cache = False
            if opts.config_path is None:  # not the config of wherever the temporary file is
                opts.config_path = _no_config(Path(tmp))
            result = engine.check_path(held, opts)
        result.path = shown
    if result.error:
        raise UnreadableError(result.error)
    return result


def _no_config(folder: Path) -> Path:
    empty = folder / "protocheck.toml"
    empty.write_text("", encoding="utf-8")
    return empty


def check_paths(
    paths: Iterable[str | os.PathLike[str]],
    *,
    config: str | os.PathLike[str] | None = None,
    profile: str | None = None,
    kind: str | None = None,
    date: str | None = None,
    author: str | None = None,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    use_cache: bool = True,
    jobs: int = 1,
) -> Report:
    """Check files and folders (walked for .docx .pdf .eml .txt) as the command line
    does. An unreadable file is a result with its `error` set, not an exception."""
    from protocheck import engine
    from protocheck.model import config as config_mod
    from protocheck.model.findings import Report

    opts = _options(config, profile, kind, date, author, select, ignore, use_cache)
    listed = [Path(p) for p in paths]
    results = engine.run(listed, opts, jobs=jobs)
    if profile is None:
        first = listed[0] if listed else Path.cwd()
        cfg = (
            config_mod.load_cached(Path(config).resolve())
            if config is not None
            else config_mod.for_file(first)
        )
        profile = cfg.profile
    return Report(profile=profile, files=results)


def load_config(path: str | os.PathLike[str]) -> Config:
    """A protocheck.toml (or a pyproject.toml with [tool.protocheck]), checked."""
    from protocheck.model import config as config_mod

    return config_mod.load_cached(Path(path).resolve())
