"""`python -m govreport …`: the same commands as `govreport …` and `python build.py …`."""

from .cli import cli

cli(prog_name="govreport")
