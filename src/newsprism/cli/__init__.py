"""The ``newsprism`` command line: each command parses, calls one library function, renders.

Exit codes are decided here and nowhere else. A command never exits: it returns, or raises
an error from :mod:`newsprism.errors`, and reports the sources it skipped through
``report_failures`` (or ``note_skipped``) in :mod:`newsprism.cli.options`.
:class:`NewsprismGroup` turns an error into one line on stderr and the code
:data:`EXIT_CODES` gives its class (``--debug`` adds the traceback), and a run that skipped
a source into :data:`EXIT_SOURCE_FAILED`. click's own usage errors exit with
:data:`EXIT_USAGE`, as click does. The table of codes is in :mod:`newsprism.errors` and in
``newsprism --help``; ``tests/test_errors.py`` keeps the three in step.
"""

from __future__ import annotations

import traceback
from typing import NoReturn

import click

from newsprism.cli.options import SKIPPED, report_failures
from newsprism.errors import (
    InconsistentComparisonError,
    ModelUnavailableError,
    NewsprismError,
    NoArticlesError,
    NotFoundError,
    SourceError,
    StoreError,
    UsageError,
)

EXIT_OK = 0
"""Done: every source was read."""
EXIT_SOURCE_FAILED = 1
"""A source could not be read: skipped, the rest used; or none could be read."""
EXIT_USAGE = 2
"""Wrong usage: an unknown option, a value that cannot be read, a bad settings file."""
EXIT_NOT_FOUND = 3
"""No such story, article or store."""
EXIT_STORE = 4
"""The store cannot be opened or is damaged."""
EXIT_MODEL = 5
"""A language model (spaCy's English pipeline, the sentence model) is not installed."""
EXIT_BUG = 70
"""An inconsistent result, or an error newsprism did not classify: a bug (sysexits' EX_SOFTWARE)."""

EXIT_CODES: dict[type[NewsprismError], int] = {
    NewsprismError: EXIT_BUG,
    SourceError: EXIT_SOURCE_FAILED,
    NoArticlesError: EXIT_SOURCE_FAILED,
    UsageError: EXIT_USAGE,
    NotFoundError: EXIT_NOT_FOUND,
    StoreError: EXIT_STORE,
    ModelUnavailableError: EXIT_MODEL,
    InconsistentComparisonError: EXIT_BUG,
}
"""The exit code of each error class; a subclass takes the code of its nearest listed base."""

_EXIT_HELP = (
    (EXIT_OK, "done: every source was read"),
    (EXIT_SOURCE_FAILED, "a source could not be read (skipped; or none could be)"),
    (EXIT_USAGE, "wrong usage: options, arguments, a settings file"),
    (EXIT_NOT_FOUND, "no such story, article or store"),
    (EXIT_STORE, "the store cannot be opened or is damaged, or another process writes to it (--no-wait)"),
    (EXIT_MODEL, "a language model (spaCy's English pipeline, the sentence model) is not installed"),
    (EXIT_BUG, "an inconsistent result: a bug in newsprism, please report it"),
)


def exit_code_for(kind: type[NewsprismError]) -> int:
    """The exit code for an error of class ``kind``: its own, else its nearest listed base's."""
    for base in kind.__mro__:
        if base in EXIT_CODES:
            return EXIT_CODES[base]
    return EXIT_BUG  # unreachable: NewsprismError itself is listed


class NewsprismGroup(click.Group):
    """A click group that turns newsprism's errors and skipped sources into exit codes."""

    def invoke(self, ctx: click.Context) -> NoReturn:
        """Run the command; map what it raised or skipped to one line and an exit code."""
        try:
            super().invoke(ctx)
        except NewsprismError as error:
            if isinstance(error, NoArticlesError):
                report_failures(error.failures)
            if ctx.meta.get("newsprism.debug"):
                click.echo(traceback.format_exc().rstrip("\n"), err=True)
            click.echo(f"newsprism: error: {error}", err=True)
            ctx.exit(exit_code_for(type(error)))
        ctx.exit(EXIT_SOURCE_FAILED if ctx.meta.get(SKIPPED) else EXIT_OK)


def _exit_code_epilog() -> str:
    rows = "\n".join(f"  {code:<3} {meaning}" for code, meaning in _EXIT_HELP)
    # "\b" keeps click from rewrapping the table.
    return f"\b\nExit codes:\n{rows}"


@click.group(
    cls=NewsprismGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog=_exit_code_epilog(),
)
@click.option("--debug", is_flag=True, help="Show tracebacks as well as one-line errors.")
@click.version_option(package_name="newsprism")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Compare how news outlets report one story: shared facts, differences, quotes, timeline."""
    ctx.meta["newsprism.debug"] = debug


def _register() -> None:
    from newsprism.cli.brief import COMMANDS as brief_commands
    from newsprism.cli.corpus import COMMANDS as corpus_commands
    from newsprism.cli.watch import COMMANDS as watch_commands
    from newsprism.cli.web import COMMANDS as web_commands

    for command in [*brief_commands, *corpus_commands, *web_commands, *watch_commands]:
        main.add_command(command)


_register()
