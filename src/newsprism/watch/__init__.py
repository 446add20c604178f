"""Watching feeds as news happens: new articles in, published ones re-read, alerts out.

::

    feeds.py      which feeds: URLs, and OPML lists of them
    schedule.py   when a feed or article is next read (adaptive, back-off, decay)
    watcher.py    Watcher: passes over what is due; conditional GET; batches under the lock
    diff.py       what changed between two revisions, word by word, classed
    alerts.py     rules (TOML), alerts raised, kept in the store, logged
    webhook.py    alerts POSTed in the background, retried

``docs/watch.md`` explains the schedule, the rules file and the alert formats.
"""

from newsprism.watch.alerts import Alert, Alerter, Rule, Rules, load_rules
from newsprism.watch.diff import CHANGE_KINDS, Change, changes_from_json, diff_revisions, summarise_changes
from newsprism.watch.feeds import feed_urls
from newsprism.watch.watcher import PassSummary, Watcher
from newsprism.watch.webhook import Webhook

__all__ = [
    "CHANGE_KINDS",
    "Alert",
    "Alerter",
    "Change",
    "PassSummary",
    "Rule",
    "Rules",
    "Watcher",
    "Webhook",
    "changes_from_json",
    "diff_revisions",
    "feed_urls",
    "load_rules",
    "summarise_changes",
]
