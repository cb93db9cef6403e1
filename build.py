#!/usr/bin/env python3
"""The command line, run from a checkout: `python build.py build`. Installed, the same commands are `govreport …`."""

from govreport.cli import cli

if __name__ == "__main__":
    cli()
