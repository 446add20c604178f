"""The ``serve`` command: the local web app over a store."""

from __future__ import annotations

import click

from newsprism.cli.corpus import db_option

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
@db_option
def serve(host: str, port: int, threads: int, quiet: bool, db: str) -> None:
    """Browse the stories of the store in a web browser, each brief linked to its evidence.

    Listens on 127.0.0.1 by default: the app is meant for your own machine. Stop it with
    Ctrl+C.
    """
    from newsprism.web import create_app, create_server

    server = create_server(create_app(db), host, port, quiet, threads)
    click.echo(f"newsprism: serving {db} on http://{host}:{server.server_port}/ (Ctrl+C stops)", err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("newsprism: stopped", err=True)
    finally:
        server.server_close()


COMMANDS: list[click.Command] = [serve]
