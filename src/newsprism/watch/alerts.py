"""Alerts: rules from a small TOML file, raised as the watcher stores and re-reads articles.

A rules file::

    webhook = "https://example.org/hook"      # optional: POST each alert there

    [[rules]]
    kind = "new_story"                        # a new story whose first report matches
    words = ["flood", "evacuation"]           # any word, any case, whole words
    entities = ["Environment Agency"]         # any name, as written

    [[rules]]
    kind = "new_outlet"                       # an outlet joins a story for the first time
    words = ["flood"]                         # optional: only stories whose headline has one

    [[rules]]
    kind = "revision"                         # a re-read article changed ...
    changes = ["number", "quote"]             # ... in one of these ways (the default)

    [[rules]]
    kind = "difference"                       # a new difference between outlets in a story
    words = ["flood"]                         # optional, on the story's headline

Every alert is a JSON object: ``kind``, ``story``, ``url``, ``message`` (one line),
``evidence`` (a list of ``{article, text, start, end}``, offsets into that article's latest
text, or ``{before, after}`` for a revision), ``raised_at`` and ``rules`` (the rules it
matched). It is kept in the store (``/alerts.atom`` serves the latest), appended to the
alert log, and POSTed to the webhook when it matched a rule. Every revision raises a
``revision`` alert when there is an alert log, matching a rule or not.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from newsprism.errors import SettingsError
from newsprism.model import Article
from newsprism.store import Store
from newsprism.store.listing import story_members
from newsprism.store.watching import StoredAlert, save_alert
from newsprism.watch.diff import CHANGE_KINDS, Change, summarise_changes

if TYPE_CHECKING:
    from newsprism.corpus import Corpus
    from newsprism.model import Comparison
    from newsprism.watch.webhook import Webhook

__all__ = ["RULE_KINDS", "Alert", "Alerter", "Rule", "Rules", "load_rules", "story_differences"]

RULE_KINDS = ("new_story", "new_outlet", "revision", "difference")
"""The kinds of rule a rules file may hold."""
_RULE_KEYS = {"kind", "words", "entities", "changes", "name"}
_DEFAULT_CHANGES = ("number", "quote")


@dataclass(frozen=True)
class Rule:
    """One rule: its ``kind`` and what narrows it (empty: anything of that kind)."""

    kind: str
    words: tuple[str, ...] = ()
    entities: tuple[str, ...] = ()
    changes: tuple[str, ...] = _DEFAULT_CHANGES
    name: str = ""

    def label(self) -> str:
        """How alerts name the rule they matched."""
        return self.name or self.kind

    def matches_text(self, *texts: str) -> bool:
        """True when any text holds one of the rule's words or entities (or it has none)."""
        if not self.words and not self.entities:
            return True
        joined = "\n".join(texts)
        return any(_has_word(joined, word) for word in self.words) or any(
            _has_name(joined, name) for name in self.entities
        )


@dataclass(frozen=True)
class Rules:
    """A rules file: the rules and the webhook address (None: no webhook)."""

    rules: tuple[Rule, ...] = ()
    webhook: str | None = None

    def of_kind(self, kind: str) -> list[Rule]:
        """The rules of one kind."""
        return [rule for rule in self.rules if rule.kind == kind]


@dataclass(frozen=True)
class Alert:
    """One alert, as logged and posted (see the module docstring for the fields)."""

    kind: str
    story: int | None
    url: str | None
    message: str
    evidence: tuple[dict[str, Any], ...]
    key: str
    raised_at: str
    rules: tuple[str, ...] = ()

    def as_json(self) -> dict[str, Any]:
        """The alert as the JSON object of the log and the webhook."""
        return {
            "kind": self.kind,
            "story": self.story,
            "url": self.url,
            "message": self.message,
            "evidence": list(self.evidence),
            "raised_at": self.raised_at,
            "rules": list(self.rules),
        }


def load_rules(path: str | Path) -> Rules:
    """The rules file at ``path``; raises :class:`SettingsError` naming what is wrong."""
    source = str(path)
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise SettingsError(source, f"cannot be read ({error})") from None
    except (tomllib.TOMLDecodeError, RecursionError) as error:
        raise SettingsError(source, f"is not valid TOML ({error})") from None
    unknown = set(data) - {"rules", "webhook"}
    if unknown:
        raise SettingsError(source, f"unknown key {sorted(unknown)[0]!r} (known: rules, webhook)")
    webhook = data.get("webhook")
    if webhook is not None and not (isinstance(webhook, str) and webhook.startswith(("http://", "https://"))):
        raise SettingsError(source, f"'webhook' must be an http(s) URL, not {webhook!r}")
    rules = data.get("rules", [])
    if not isinstance(rules, list):
        raise SettingsError(source, "'rules' must be an array of tables ([[rules]])")
    return Rules(tuple(_rule(item, source, number) for number, item in enumerate(rules, start=1)), webhook)


def _rule(item: object, source: str, number: int) -> Rule:
    where = f"rule {number}"
    if not isinstance(item, dict):
        raise SettingsError(source, f"{where} must be a table")
    unknown = set(item) - _RULE_KEYS
    if unknown:
        raise SettingsError(source, f"{where}: unknown key {sorted(unknown)[0]!r} (known: {', '.join(sorted(_RULE_KEYS))})")
    kind = item.get("kind")
    if kind not in RULE_KINDS:
        raise SettingsError(source, f"{where}: 'kind' must be one of {', '.join(RULE_KINDS)}, not {kind!r}")
    lists = {key: _strings(item.get(key, []), source, f"{where}: {key!r}") for key in ("words", "entities")}
    changes = _strings(item.get("changes", list(_DEFAULT_CHANGES)), source, f"{where}: 'changes'")
    wrong = [change for change in changes if change not in CHANGE_KINDS]
    if wrong:
        raise SettingsError(source, f"{where}: unknown change {wrong[0]!r} (known: {', '.join(CHANGE_KINDS)})")
    name = item.get("name", "")
    if not isinstance(name, str):
        raise SettingsError(source, f"{where}: 'name' must be a string")
    return Rule(kind, lists["words"], lists["entities"], changes, name)


def _strings(value: object, source: str, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(entry, str) and entry.strip() for entry in value):
        raise SettingsError(source, f"{where} must be a list of words")
    return tuple(entry.strip() for entry in value)


@dataclass
class Alerter:
    """Raises the alerts ``rules`` ask for and hands each to the store, the log and the hook.

    ``log`` is an open text stream (the alert log file, or stdout) or None; ``webhook`` a
    running :class:`~newsprism.watch.webhook.Webhook` or None; ``clock`` gives epoch seconds.
    """

    rules: Rules
    log: IO[str] | None = None
    webhook: Webhook | None = None
    clock: Callable[[], float] = field(default=lambda: datetime.now(UTC).timestamp())
    raised: list[Alert] = field(default_factory=list)
    keep_raised: bool = False

    @property
    def watches_differences(self) -> bool:
        """True when a rule asks for new differences between outlets (a brief per story)."""
        return bool(self.rules.of_kind("difference"))

    def article_added(self, store: Store, corpus: Corpus, rowid: int, article: Article) -> int:
        """Alerts for an article just stored: a new story, a new outlet; how many raised."""
        story = corpus.story_of_row[rowid]
        members = story_members(store, story)
        others = [other for other_rowid, other in members if other_rowid != rowid]
        headline = members[0][1].title or ""
        raised = 0
        if not others:
            matched = [rule for rule in self.rules.of_kind("new_story") if rule.matches_text(article.title or "", article.text)]
            if matched:
                message = f"new story {story}: {article.title or article.text[:80]} ({article.outlet or 'no outlet'})"
                raised += self._raise(store, "new_story", story, article, message, _lead_evidence(article), matched, f"new_story:{story}")
        elif article.outlet and article.outlet not in {other.outlet for other in others}:
            matched = [rule for rule in self.rules.of_kind("new_outlet") if rule.matches_text(headline)]
            if matched:
                message = f"{article.outlet} joins story {story} ({headline}): {article.title or article.text[:80]}"
                key = f"new_outlet:{story}:{article.outlet}"
                raised += self._raise(store, "new_outlet", story, article, message, _lead_evidence(article), matched, key)
        return raised

    def article_revised(self, store: Store, rowid: int, number: int, changes: Sequence[Change], url: str) -> int:
        """The alert for a new revision of a tracked article; how many raised (0 or 1)."""
        kinds = {kind for change in changes for kind in change.kinds}
        matched = [rule for rule in self.rules.of_kind("revision") if kinds & set(rule.changes)]
        if not matched and self.log is None:
            return 0
        article = store.article(rowid)
        story = store.story_of(rowid)
        message = f"{article.outlet or 'an outlet'} revised {article.title or article.id} (revision {number}): {summarise_changes(changes)}"
        evidence = tuple(
            {"article": article.id, "kinds": list(change.kinds), "field": change.field, "before": change.before,
             "after": change.after, "after_span": [change.after_start, change.after_end]}
            for change in changes[:20]
        )
        return self._raise(store, "revision", story, article, message, evidence, matched, f"revision:{rowid}:{number}", url)

    def differences_found(self, store: Store, story: int, headline: str, found: Sequence[tuple[str, tuple[dict[str, Any], ...]]]) -> int:
        """Alerts for differences between outlets in ``story`` (each raised once ever):
        ``found`` holds a one-line description and its evidence per difference."""
        matched = [rule for rule in self.rules.of_kind("difference") if rule.matches_text(headline)]
        if not matched:
            return 0
        raised = 0
        for description, evidence in found:
            message = f"story {story} ({headline}): {description}"
            raised += self._raise(store, "difference", story, None, message, evidence, matched, f"difference:{story}:{description}")
        return raised

    def _raise(
        self,
        store: Store,
        kind: str,
        story: int | None,
        article: Article | None,
        message: str,
        evidence: tuple[dict[str, Any], ...],
        matched: Sequence[Rule],
        key: str,
        url: str | None = None,
    ) -> int:
        """Raise an alert unless one with its ``key`` was raised before; 1 when raised."""
        alert = Alert(
            kind=kind,
            story=story,
            url=url or (article.url if article is not None else None),
            message=" ".join(message.split()),
            evidence=evidence,
            key=key,
            raised_at=datetime.fromtimestamp(self.clock(), UTC).isoformat(timespec="seconds"),
            rules=tuple(rule.label() for rule in matched),
        )
        # Kept first, so that a watcher killed in between never logs an alert twice.
        if not save_alert(store, _stored(alert)):
            return 0
        self._emit(alert)
        return 1

    def _emit(self, alert: Alert) -> None:
        """Hand ``alert`` on: the log, and the hook when it matched a rule."""
        if self.keep_raised:
            self.raised.append(alert)
        if self.log is not None:
            self.log.write(json.dumps(alert.as_json(), ensure_ascii=False) + "\n")
            self.log.flush()
        if self.webhook is not None and alert.rules:
            self.webhook.send(alert.as_json())


def _stored(alert: Alert) -> StoredAlert:
    evidence = json.dumps(list(alert.evidence), ensure_ascii=False)
    return StoredAlert(alert.key, alert.kind, alert.story, alert.url, alert.message, evidence, alert.raised_at)


def story_differences(comparison: Comparison) -> list[tuple[str, tuple[dict[str, Any], ...]]]:
    """Each difference between outlets a story's brief finds, as a one-line description
    (the same difference always reads the same) and its evidence by offsets."""
    found = []
    for fact in comparison.facts:
        for difference in fact.differences:
            told = []
            evidence = []
            for value, cited in difference.values:
                article = comparison.article(cited.article)
                told.append(f"{value!r} ({article.outlet or article.id})")
                evidence.append({"article": cited.article, "text": article.text[cited.start:cited.end],
                                 "start": cited.start, "end": cited.end})
            found.append((f"{difference.kind} differs: {' vs '.join(sorted(told))}", tuple(evidence)))
    return found


def _lead_evidence(article: Article) -> tuple[dict[str, Any], ...]:
    """The article's first sentence or so, by offsets, as the evidence of a new-story or
    new-outlet alert."""
    end = min(len(article.text), 240)
    stop = article.text.find(". ", 0, end)
    end = stop + 1 if stop > 0 else end
    return ({"article": article.id, "text": article.text[:end], "start": 0, "end": end},)


def _has_word(text: str, word: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text, re.IGNORECASE) is not None


def _has_name(text: str, name: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text) is not None
