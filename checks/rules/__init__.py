"""Protocol rules: one module a rule, grouped by family, named `<code>_<slug>.py`."""
