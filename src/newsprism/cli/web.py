"""The ``serve`` command: the local web app over a store."""

from __future__ import annotations

import signal
from types import FrameType

import click

from newsprism.cli.corpus import db_option
from newsprism.cli.options import sources_option
from newsprism.ingest.outlets import OutletTable

DEFAULT_THREADS = 8
"""The server's default (``newsprism.web.server.DEFAULT_THREADS``), written out rather than
imported so that the CLI loads the web app only when it serves."""


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port", default=8765, show_default=True, type=click.IntRange(0, 65535),
    help="Port to listen on (0 picks a free one).",
)
@click.option(
    "--threads", default=DEFAULT_THREADS, show_default=True, type=click.IntRange(1, 256),
    help="Requests answered at once (worker threads).",
)
@click.option("--quiet", is_flag=True, help="Do not log each request.")
@click.option(
    "--background/--no-background", default=True, show_default=True,
    help="Compute briefs ahead of readers in a process beside the server (else on first view).",
)
@sources_option
@db_option
def serve(
    host: str, port: int, threads: int, quiet: bool, background: bool, outlet_table: OutletTable | None, db: str
) -> None:
    """Browse the stories of the store in a web browser, each brief linked to its evidence.

    Briefs are computed in the background, newest story first, and again when an ingest or
    a watch changes a story; a story not ready yet says so and refreshes itself. Listens on
    127.0.0.1 by default: the app is meant for your own machine. Stop it with Ctrl+C.
    """
    from newsprism.web import create_app, create_server

    app = create_app(db, background, outlet_table)
    server = create_server(app, host, port, quiet, threads)
    click.echo(f"newsprism: serving {db} on http://{host}:{server.server_port}/ (Ctrl+C stops)", err=True)
    signal.signal(signal.SIGTERM, _interrupt)  # a service manager's stop is a Ctrl+C: exit 0
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("newsprism: stopped", err=True)
    finally:
        server.server_close()
        app.close()


def _interrupt(number: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


COMMANDS: list[click.Command] = [serve]
