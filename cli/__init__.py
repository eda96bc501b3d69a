"""The `protocheck` command line: parses arguments, calls the library, renders the report.

The only code that prints or sets an exit code. Run it as `protocheck` or
`python -m protocheck.cli`.
"""
