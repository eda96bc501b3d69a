"""Renderers: one module a format. Each turns a Report into text; none judges."""

from __future__ import annotations

import importlib

FORMATS = ("text", "json", "sarif", "github", "junit")


def render(fmt: str, report: object, **kwargs: object) -> str:
    module = importlib.import_module(f"protocheck.cli.report.{fmt}_format")
    out: str = module.render(report, **kwargs)
    return out
