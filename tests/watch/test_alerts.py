"""Alerts: a TOML rules file, the JSON-lines alert log, the webhook, and what raises them:
a new story, a new outlet, a revision, a new difference between outlets.
"""

from __future__ import annotations

import json
import time
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsprism.cli import main
from newsprism.errors import SettingsError
from newsprism.settings import Settings, WatchSettings
from newsprism.store import Store
from newsprism.store.watching import recent_alerts
from newsprism.watch import Alerter, Watcher, Webhook, load_rules

from .newsroom import HandClock, Newsroom, story_text

FAST = replace(Settings(), watch=replace(WatchSettings(), host_delay=0.0))
RULES = """
[[rules]]
kind = "new_story"
words = ["flood"]

[[rules]]
kind = "new_outlet"

[[rules]]
kind = "revision"
changes = ["number"]
"""


def _settings_file(folder: Path) -> str:
    path = folder / "fast.toml"
    path.write_text("[watch]\nhost_delay = 0.0\n", encoding="utf-8")
    return str(path)


def _rules_file(folder: Path, text: str = RULES) -> str:
    path = folder / "rules.toml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def _watch_once(db: Path, folder: Path, *arguments: str) -> str:
    command = ["watch", "--db", str(db), "--once", "--settings", _settings_file(folder), *arguments]
    result = CliRunner().invoke(main, command)
    assert result.exit_code == 0, result.output
    return result.output


def _log(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_a_new_story_matching_a_rule_is_logged_with_its_evidence(newsroom: Newsroom, tmp_path: Path) -> None:
    newsroom.article("/flood", "Flood reaches the harbour", *story_text("flood", 12))
    newsroom.article("/budget", "Budget vote delayed", "The council postponed its budget vote until next month after a long debate.")
    feed = newsroom.feed("/feed.xml", [("Flood", "/flood"), ("Budget", "/budget")])
    log = tmp_path / "alerts.jsonl"
    _watch_once(tmp_path / "news.db", tmp_path, feed, "--alerts", _rules_file(tmp_path), "--alert-log", str(log))
    (alert,) = _log(log)
    assert alert["kind"] == "new_story" and alert["url"] == newsroom.url("/flood")
    assert isinstance(alert["story"], int) and "Flood reaches the harbour" in str(alert["message"])
    (evidence,) = alert["evidence"]  # type: ignore[misc]
    assert evidence["text"].startswith("Officials said 12 people") and evidence["start"] == 0
    assert alert["rules"] == ["new_story"]


def test_an_outlet_joining_a_story_raises_new_outlet_once(newsroom: Newsroom, tmp_path: Path) -> None:
    paragraphs = story_text("flood", 12)
    newsroom.article("/one", "Flood reaches the harbour", *paragraphs, outlet="Daily Example")
    feed = newsroom.feed("/feed.xml", [("Flood", "/one")])
    db, log = tmp_path / "news.db", tmp_path / "alerts.jsonl"
    arguments = ["--alerts", _rules_file(tmp_path), "--alert-log", str(log)]
    _watch_once(db, tmp_path, feed, *arguments)
    newsroom.article("/two", "Harbour flooded", *paragraphs, outlet="Evening Courier")
    other = newsroom.feed("/other.xml", [("Flood", "/two")])
    _watch_once(db, tmp_path, feed, other, *arguments)
    _watch_once(db, tmp_path, feed, other, *arguments)
    kinds = [alert["kind"] for alert in _log(log)]
    assert kinds == ["new_story", "new_outlet"]
    assert "Evening Courier joins story" in str(_log(log)[1]["message"])


def test_every_revision_is_logged_when_there_is_an_alert_log_even_without_rules(
    newsroom: Newsroom, tmp_path: Path
) -> None:
    newsroom.article("/flood", "Flood reaches the harbour", *story_text("flood", 12))
    feed = newsroom.feed("/feed.xml", [("Flood", "/flood")])
    db, log = tmp_path / "news.db", tmp_path / "alerts.jsonl"
    _watch_once(db, tmp_path, feed, "--alert-log", str(log))
    assert not log.read_text(encoding="utf-8")
    newsroom.article("/flood", "Flood reaches the harbour", *story_text("flood", 12)[:2], "Crews reinforced the sea wall overnight.")
    _watch_once(db, tmp_path, feed, "--alert-log", str(log), "--recheck-all")
    (alert,) = _log(log)
    assert alert["kind"] == "revision" and alert["rules"] == [] and alert["url"] == newsroom.url("/flood")
    assert "revision 2" in str(alert["message"]) and "sentence added" in str(alert["message"])
    assert any(item["after"] == "Crews reinforced the sea wall overnight" for item in alert["evidence"])  # type: ignore[attr-defined]


def test_alerts_to_stdout_when_the_log_is_a_dash(newsroom: Newsroom, tmp_path: Path) -> None:
    newsroom.article("/flood", "Flood reaches the harbour", *story_text("flood", 12))
    feed = newsroom.feed("/feed.xml", [("Flood", "/flood")])
    output = _watch_once(tmp_path / "news.db", tmp_path, feed, "--alerts", _rules_file(tmp_path), "--alert-log", "-")
    line = next(line for line in output.splitlines() if line.startswith("{"))
    assert json.loads(line)["kind"] == "new_story"


def test_alerts_are_kept_in_the_store_newest_first(newsroom: Newsroom, tmp_path: Path) -> None:
    newsroom.article("/flood0", "Flood reaches the harbour", *story_text("flood", 12))
    newsroom.article("/flood1", "Flood closes mountain railway", "Landslides after the flood buried the mountain railway line"
                     " near the pass, and engineers expect repairs to take weeks before trains can run again.")
    feed = newsroom.feed("/feed.xml", [("A", "/flood0"), ("B", "/flood1")])
    db = tmp_path / "news.db"
    _watch_once(db, tmp_path, feed, "--alerts", _rules_file(tmp_path))
    with Store.open(db) as store:
        alerts = recent_alerts(store)
    assert [alert.kind for alert in alerts] == ["new_story", "new_story"]
    assert alerts[0].url == newsroom.url("/flood1")


def test_the_webhook_gets_each_alert_retried_past_a_server_error(newsroom: Newsroom) -> None:
    newsroom.post_statuses = [500, 503]
    pauses: list[float] = []
    hook = Webhook(newsroom.url("/hook"), WatchSettings(), sleep=pauses.append)
    hook.send({"kind": "new_story", "message": "one"})
    hook.close(grace=10)
    assert [json.loads(body)["message"] for body in newsroom.posted] == ["one"]
    assert pauses == [1.0, 2.0] and hook.sent == 1


def test_a_webhook_that_hangs_never_blocks_the_sender(newsroom: Newsroom) -> None:
    hook = Webhook("http://10.255.255.1:9/hook", replace(WatchSettings(), webhook_timeout=0.2, webhook_attempts=1))
    started = time.monotonic()
    for number in range(50):
        hook.send({"kind": "new_story", "message": str(number)})
    assert time.monotonic() - started < 0.1
    hook.close(grace=0.1)


def test_a_watcher_with_a_webhook_rule_posts_matched_alerts(newsroom: Newsroom, tmp_path: Path) -> None:
    newsroom.article("/flood", "Flood reaches the harbour", *story_text("flood", 12))
    feed = newsroom.feed("/feed.xml", [("Flood", "/flood")])
    rules = load_rules(_rules_file(tmp_path, f'webhook = "{newsroom.url("/hook")}"\n' + RULES))
    hook = Webhook(str(rules.webhook), FAST.watch)
    clock = HandClock()
    with Store.open(tmp_path / "news.db") as store:
        watcher = Watcher(store, [feed], FAST, clock=clock, sleep=clock.sleep, alerter=Alerter(rules, None, hook))
        assert watcher.run_pass().alerts == 1
    hook.close(grace=10)
    assert json.loads(newsroom.posted[0])["kind"] == "new_story"


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        ('[[rules]]\nkind = "sports"\n', "'kind' must be one of"),
        ('[[rules]]\nkind = "new_story"\ncolour = "red"\n', "unknown key 'colour'"),
        ('[[rules]]\nkind = "revision"\nchanges = ["tone"]\n', "unknown change 'tone'"),
        ('webhook = "ftp://example.org"\n', "'webhook' must be an http(s) URL"),
        ('[[rules]]\nkind = "new_story"\nwords = "flood"\n', "must be a list of words"),
        ("rules = [", "is not valid TOML"),
    ],
)
def test_a_rules_file_that_cannot_work_is_a_settings_error_naming_the_problem(
    tmp_path: Path, text: str, complaint: str
) -> None:
    with pytest.raises(SettingsError, match=complaint.replace("(", r"\(").replace(")", r"\)")):
        load_rules(_rules_file(tmp_path, text))


def test_a_bad_rules_file_is_a_usage_error_exit_2(newsroom: Newsroom, tmp_path: Path) -> None:
    rules = _rules_file(tmp_path, '[[rules]]\nkind = "sports"\n')
    result = CliRunner().invoke(main, ["watch", "--db", str(tmp_path / "news.db"), "--once", "--alerts", rules, newsroom.url("/feed.xml")])
    assert result.exit_code == 2 and "kind" in result.output


def test_a_new_difference_between_outlets_is_raised_once(newsroom: Newsroom, tmp_path: Path) -> None:
    """The one test that loads the language model: a brief per changed story."""
    newsroom.article("/one", "Harbour flood", "Officials said 12 people were rescued from the harbour flood on Monday by lifeboat crews.",
                     "The harbour master said the sea wall failed shortly after midnight as the storm arrived.", outlet="Daily Example")
    newsroom.article("/two", "Harbour flood rescue", "Officials said 40 people were rescued from the harbour flood on Monday by lifeboat crews.",
                     "The harbour master said the sea wall failed shortly after midnight as the storm arrived.", outlet="Evening Courier")
    feed = newsroom.feed("/feed.xml", [("One", "/one"), ("Two", "/two")])
    db, log = tmp_path / "news.db", tmp_path / "alerts.jsonl"
    rules = _rules_file(tmp_path, '[[rules]]\nkind = "difference"\nwords = ["harbour"]\n')
    _watch_once(db, tmp_path, feed, "--alerts", rules, "--alert-log", str(log))
    differences = [alert for alert in _log(log) if alert["kind"] == "difference"]
    assert differences, _log(log)
    assert "number differs" in str(differences[0]["message"]) and "'12'" in str(differences[0]["message"])
    texts = {item["text"] for item in differences[0]["evidence"]}  # type: ignore[attr-defined]
    assert any("12" in text for text in texts) and any("40" in text for text in texts)
