"""Watch commands: ``watch`` (feeds into the store, as they change) and ``revisions``."""

from __future__ import annotations

import json
import signal
import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import replace
from datetime import UTC, datetime
from types import FrameType
from typing import IO

import click

from newsprism.cli.corpus import db_option
from newsprism.cli.options import note_skipped, settings_option
from newsprism.errors import UsageError
from newsprism.ingest import Fetcher, ReadOptions
from newsprism.settings import Settings
from newsprism.store import Store
from newsprism.store.watching import FeedState, feed_states, next_article_check, tracked_count
from newsprism.watch import Alerter, Rules, Watcher, Webhook, feed_urls, load_rules, summarise_changes
from newsprism.watch.history import ArticleHistory, RevisionChanges, article_history, context_of


def _say(line: str) -> None:
    click.echo(f"newsprism: {line}", err=True)


@click.command()
@click.argument("feeds", nargs=-1, metavar="FEED_OR_OPML...")
@db_option
@settings_option
@click.option("--interval", type=click.FloatRange(min=1.0), help="Base seconds between checks of a feed, adapted per feed [default: 900].")
@click.option("--once", is_flag=True, help="Do one pass over what is due, then exit (for cron and tests).")
@click.option("--status", is_flag=True, help="Print each feed's last check, last new item, next check and errors, then exit.")
@click.option("--recheck-all", is_flag=True, help="Re-read every tracked article in this pass, whatever its schedule.")
@click.option("--alerts", "alerts_file", type=click.Path(exists=True, dir_okay=False), help="TOML rules file for alerts (see docs/watch.md).")
@click.option("--alert-log", type=click.Path(dir_okay=False, allow_dash=True), help="Append alerts here, one JSON object a line ('-': stdout).")
def watch(
    feeds: tuple[str, ...],
    db: str,
    settings: Settings,
    interval: float | None,
    once: bool,
    status: bool,
    recheck_all: bool,
    alerts_file: str | None,
    alert_log: str | None,
) -> None:
    """Watch RSS/Atom feeds (URLs, or OPML lists of them) and ingest new articles as they appear.

    Politely: conditional GET, robots.txt, one request at a time per host with a delay, back-off
    on errors; busy feeds are checked more often. Articles are re-read on a decaying schedule and
    a changed text is stored as a revision (`newsprism revisions`). One summary line per pass on
    stderr. SIGTERM or Ctrl-C stops it cleanly (exit 0); after a kill the next run resumes.
    """
    if interval is not None:
        settings = replace(settings, watch=replace(settings.watch, interval=interval))
    with Store.open(db) as store:
        if status:
            _print_status(store, feeds)
            return
        if not feeds:
            raise UsageError("No feed to watch: give feed URLs or OPML lists (or --status).")
        urls = feed_urls(feeds, Fetcher(ReadOptions()))
        with ExitStack() as stack:
            alerter = _alerter(stack, alerts_file, alert_log, settings)
            watcher = Watcher(store, urls, settings, alerter=alerter, on_progress=_say, wait_for_lock=once)
            stack.enter_context(_stopped_by_signals(watcher))
            if once:
                summary = watcher.run_pass(recheck_all)
                _say(summary.line())
                note_skipped(summary.feed_errors + summary.failed_entries)
                return
            if recheck_all:
                _say(watcher.run_pass(recheck_all=True).line())
            watcher.run(on_pass=lambda summary: _say(summary.line()))
    _say("watch stopped")


def _alerter(stack: ExitStack, alerts_file: str | None, alert_log: str | None, settings: Settings) -> Alerter | None:
    if alerts_file is None and alert_log is None:
        return None
    rules = load_rules(alerts_file) if alerts_file else None
    log: IO[str] | None = None
    if alert_log == "-":
        log = sys.stdout
    elif alert_log is not None:
        log = stack.enter_context(open(alert_log, "a", encoding="utf-8"))  # noqa: SIM115 (closed by the stack)
    webhook = None
    if rules is not None and rules.webhook:
        webhook = Webhook(rules.webhook, settings.watch)
        stack.callback(webhook.close)
    return Alerter(rules or Rules(), log, webhook)


@contextmanager
def _stopped_by_signals(watcher: Watcher) -> Iterator[None]:
    """SIGTERM and SIGINT ask the watcher to stop (it finishes the article it is storing);
    a second one interrupts at once (a transaction under way is rolled back)."""

    def handle(number: int, frame: FrameType | None) -> None:
        if watcher.stopping:
            raise KeyboardInterrupt
        _say(f"stopping ({signal.Signals(number).name}); the current article finishes")
        watcher.stop()

    previous = {number: signal.signal(number, handle) for number in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _print_status(store: Store, feeds: tuple[str, ...]) -> None:
    states = feed_states(store)
    chosen = [states[url] for url in feeds if url in states] if feeds else list(states.values())
    if not chosen:
        click.echo("No feed watched yet in this store: run `newsprism watch FEED...`.")
    for state in chosen:
        click.echo(_status_line(state))
    tracked, scheduled = tracked_count(store)
    upcoming = next_article_check(store)
    click.echo(f"{tracked} articles tracked, {scheduled} still re-read; next re-read {_when(upcoming)}")


def _status_line(state: FeedState) -> str:
    in_a_row = "1 error" if state.errors == 1 else f"{state.errors} errors"
    errors = f"{in_a_row} in a row: {state.last_error}" if state.errors else "no errors"
    return (
        f"{state.url}\n"
        f"    last check {_when(state.last_check)}; last new item {_when(state.last_new)}; "
        f"next check {_when(state.next_check)}\n"
        f"    {state.checks} checks, {state.new_items} new items, every {state.interval:.0f} s now; {errors}"
    )


def _when(moment: float | None) -> str:
    if moment is None:
        return "never"
    return datetime.fromtimestamp(moment, UTC).isoformat(timespec="seconds")


@click.command()
@click.argument("article")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@db_option
def revisions(article: str, fmt: str, db: str) -> None:
    """List the revisions of ARTICLE (a row id, article id or URL) with what changed between them.

    Changes are classed: headline, number, quote, sentence added or removed, wording.
    JSON gives {"article": {...}, "revisions": [...]}.
    """
    with Store.open(db) as store:
        history = article_history(store, article)
    if fmt == "json":
        click.echo(json.dumps(history.as_json(), indent=2, ensure_ascii=False))
        return
    click.echo(_history_text(history))


def _history_text(history: ArticleHistory) -> str:
    article = history.article
    count = len(history.revisions)
    lines = [f"{article.title or article.id} ({article.outlet or 'no outlet'}), row {history.rowid}: "
             f"{count} revision{'s' if count != 1 else ''}"]
    previous: RevisionChanges | None = None
    for entry in history.revisions:
        revision = entry.revision
        if previous is None:
            lines.append(f"  revision {revision.number}  {revision.seen_at}  first version")
        else:
            lines.append(f"  revision {revision.number}  {revision.seen_at}  {summarise_changes(entry.changes)}")
            lines.extend(f"      {line}" for line in _change_lines(previous, entry))
        previous = entry
    return "\n".join(lines)


def _change_lines(previous: RevisionChanges, entry: RevisionChanges) -> Iterator[str]:
    for change in entry.changes:
        label = ", ".join(kind.replace("_", " ") for kind in change.kinds)
        if change.field == "title":
            yield f"{label}: {change.before!r} -> {change.after!r}"
            continue
        before_words, _ = context_of(previous.revision.text, change.before_start, change.before_end)
        _, after_words = context_of(entry.revision.text, change.after_start, change.after_end)
        removed = f"[-{change.before}-]" if change.before else ""
        added = f"{{+{change.after}+}}" if change.after else ""
        yield f"{label}: ...{before_words} {removed}{added} {after_words}..."


COMMANDS: list[click.Command] = [watch, revisions]
