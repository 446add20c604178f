"""The ``newsprism`` command line: each command parses, calls one library function, renders.

Errors are turned into one line on stderr and an exit code here, in one place:
0 all went well, 1 something was skipped or failed, 2 wrong usage. ``--debug`` shows the
traceback instead.
"""

from __future__ import annotations

import sys
from typing import Any

import click

from newsprism.errors import NewsprismError, UsageError

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2


class NewsprismGroup(click.Group):
    """A click group that turns newsprism's errors into one line and an exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except NewsprismError as error:
            if ctx.meta.get("newsprism.debug"):
                raise
            click.echo(f"newsprism: error: {error}", err=True)
            sys.exit(EXIT_USAGE if isinstance(error, UsageError) else EXIT_FAILED)


@click.group(cls=NewsprismGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
@click.version_option(package_name="newsprism")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Compare how news outlets report one story: shared facts, differences, quotes, timeline."""
    ctx.meta["newsprism.debug"] = debug


def _register() -> None:
    from newsprism.cli.brief import COMMANDS as brief_commands
    from newsprism.cli.corpus import COMMANDS as corpus_commands
    from newsprism.cli.web import COMMANDS as web_commands

    for command in [*brief_commands, *corpus_commands, *web_commands]:
        main.add_command(command)


_register()
