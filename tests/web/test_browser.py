"""The web app in a real browser (headless Chromium driven by Playwright) over a real server."""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsprism.web import create_app, create_server

sync_api = pytest.importorskip("playwright.sync_api")

CHROMIUM = os.environ.get("NEWSPRISM_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
if CHROMIUM is None:
    pytest.skip("no Chromium on this machine (apt-get install chromium)", allow_module_level=True)

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def base_url(web_store: Path) -> Iterator[str]:
    server = create_server(create_app(web_store), "127.0.0.1", 0, quiet=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()


def test_reader_goes_from_the_list_to_the_words_behind_a_fact(page: Any, base_url: str) -> None:
    page.goto(base_url + "/")
    page.get_by_role("link", name="Kestrel Bridge").first.click()
    page.wait_for_url("**/stories/*")
    assert page.locator("h1").first.inner_text()
    pill = page.locator("section#shared a.ref").first
    target = pill.get_attribute("href")
    assert target and target.startswith("#a")
    pill.click()
    page.wait_for_function("location.hash.length > 1")
    assert page.evaluate("location.hash") == target
    cited = page.locator(target)
    assert cited.evaluate("element => element.matches(':target')")
    assert cited.is_visible()
    assert cited.inner_text().strip()


def test_search_form_filters_the_list(page: Any, base_url: str) -> None:
    page.goto(base_url + "/")
    page.get_by_label("Search").fill("council vote")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**q=council*")
    rows = page.locator("tbody tr")
    assert rows.count() == 1
    assert "Council vote" in rows.first.inner_text()


def test_hostile_article_runs_no_script(page: Any, base_url: str) -> None:
    page.goto(base_url + "/")
    page.get_by_role("link", name="Council vote").click()
    page.wait_for_url("**/stories/*")
    assert page.evaluate("typeof window.pwned") == "undefined"
    assert "<script>window.pwned = 1</script>" in page.locator("h1").first.inner_text()
    assert page.locator("img").count() == 0
    for link in page.locator("a").all():
        assert not (link.get_attribute("href") or "").startswith("javascript:")


def test_story_links_to_its_other_formats(page: Any, base_url: str) -> None:
    page.goto(base_url + "/")
    page.get_by_role("link", name="Kestrel Bridge").first.click()
    page.wait_for_url("**/stories/*")
    response = page.request.get(page.url + ".json")
    assert response.ok
    assert len(response.json()["articles"]) == 4


@pytest.fixture
def watched(page: Any) -> dict[str, list[str]]:
    """What the browser refused or failed to load while the test ran, and stylesheets' caching."""
    seen: dict[str, list[str]] = {"refused": [], "failed": [], "stylesheets": []}

    def on_console(message: Any) -> None:
        if "Content Security Policy" in message.text or "Refused to" in message.text:
            seen["refused"].append(message.text)

    def on_response(response: Any) -> None:
        if "/static/" in response.url:
            seen["stylesheets"].append(f"{response.status} {response.headers.get('cache-control')}")

    page.on("console", on_console)
    page.on("requestfailed", lambda request: seen["failed"].append(request.url))
    page.on("response", on_response)
    return seen


def _computed(page: Any, selector: str, prop: str) -> str:
    value: str = page.locator(selector).first.evaluate(f"e => getComputedStyle(e).{prop}")
    return value


def test_pages_are_styled_by_their_linked_stylesheet_and_nothing_is_blocked(
    page: Any, base_url: str, watched: dict[str, list[str]]
) -> None:
    page.goto(base_url + "/")
    assert _computed(page, "body", "backgroundColor") == "rgb(245, 246, 248)"  # default is transparent
    assert _computed(page, "header.bar", "display") == "flex"
    page.get_by_role("link", name="Kestrel Bridge").first.click()
    page.wait_for_url("**/stories/*")
    assert _computed(page, "a.ref", "borderTopLeftRadius") == "999px"
    assert _computed(page, ".layout", "display") == "grid"
    assert watched["refused"] == [] and watched["failed"] == []
    assert watched["stylesheets"] and all(
        entry == "200 public, max-age=31536000, immutable" for entry in watched["stylesheets"]
    )


def test_a_mark_cut_into_pieces_is_highlighted_whole_under_the_policy(
    page: Any, base_url: str, watched: dict[str, list[str]]
) -> None:
    page.goto(base_url + "/")
    page.get_by_role("link", name="Kestrel Bridge").first.click()
    page.wait_for_url("**/stories/*")
    rule = page.locator("head style").first.evaluate("e => e.textContent")
    mark_id = rule.split("#", 1)[1].split(":", 1)[0]  # body:has(#a1-m1:target) .a1-m1 {...}
    pieces = page.locator(f"mark.{mark_id}")
    assert pieces.count() > 1
    assert pieces.last.evaluate("e => getComputedStyle(e).outlineStyle") == "none"
    page.goto(page.url + f"#{mark_id}")
    page.wait_for_function("location.hash.length > 1")
    assert pieces.last.evaluate("e => getComputedStyle(e).outlineStyle") == "solid"
    assert watched["refused"] == []
