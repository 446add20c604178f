"""The web app with a source table (``serve --sources``): stories filtered by label, outlets
hidden from the list and from a brief."""

from __future__ import annotations

import io
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode
from wsgiref.util import setup_testing_defaults

import lxml.html
import pytest

from newsprism.ingest.outlets import read_outlet_table
from newsprism.web import WebApp, create_app

FLOOD = ("Northern Ledger", "Harbour Times", "Valley Post", "Tamsin Courier")


@pytest.fixture(scope="module")
def app(web_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebApp]:
    table = tmp_path_factory.mktemp("labels") / "outlets.csv"
    table.write_text(
        "outlet,domain,leaning\nNorthern Ledger,,centre\nHarbour Times,,right\n,valleypost.example,left\n",
        encoding="utf-8",
    )
    served = create_app(web_store, sources=read_outlet_table(str(table)))
    yield served
    served.close()


def _flood_story(web_store: Path) -> int:
    with sqlite3.connect(web_store) as connection:
        return int(connection.execute("SELECT story FROM articles WHERE outlet = 'Valley Post'").fetchone()[0])


def get(app: WebApp, path: str, **query: Any) -> tuple[str, lxml.html.HtmlElement]:
    environ: dict[str, Any] = {"PATH_INFO": path, "QUERY_STRING": urlencode(query, doseq=True), "REQUEST_METHOD": "GET"}
    setup_testing_defaults(environ)
    environ["wsgi.errors"] = io.StringIO()
    answer: list[str] = []
    body = b"".join(app(environ, lambda status, headers: answer.append(status))).decode("utf-8")
    return answer[0], lxml.html.document_fromstring(body)


def _listed(page: lxml.html.HtmlElement) -> list[str]:
    return [link.get("href") for link in page.xpath("//tbody//a")]


def test_the_list_offers_each_label_and_keeps_stories_with_an_outlet_so_labelled(app: WebApp, web_store: Path) -> None:
    flood = _flood_story(web_store)
    status, page = get(app, "/")
    assert status == "200 OK"
    assert page.xpath("//select[@name='label']/option/@value") == ["", "leaning: centre", "leaning: right", "leaning: left"]
    assert len(_listed(page)) == 2
    for label in ("leaning: right", "leaning: left"):  # by name, and by the domain of the articles' URLs
        status, page = get(app, "/", label=label)
        assert status == "200 OK" and _listed(page) == [f"/stories/{flood}"], label
        assert page.xpath("//select[@name='label']/option[@selected]/@value") == [label]


def test_a_label_no_outlet_carries_is_a_bad_request(app: WebApp) -> None:
    status, page = get(app, "/", label="leaning: sideways")
    assert status == "400 Bad Request" and "leaning: sideways" in page.text_content()


def test_hidden_outlets_leave_the_list_and_a_story_told_only_by_them_goes(app: WebApp, web_store: Path) -> None:
    flood = _flood_story(web_store)
    status, page = get(app, "/", hide=["Tamsin Courier"])
    assert status == "200 OK"
    [row] = [row for row in page.xpath("//tbody/tr") if row.xpath(f".//a[starts-with(@href, '/stories/{flood}?')]")]
    assert "Tamsin Courier" not in row.text_content() and "Valley Post" in row.text_content()
    assert row.xpath(".//a/@href") == [f"/stories/{flood}?hide=Tamsin+Courier"]  # the brief hides it too
    assert "hiding Tamsin Courier" in page.text_content()
    status, page = get(app, "/", hide=list(FLOOD))
    assert f"/stories/{flood}" not in " ".join(_listed(page)) and len(_listed(page)) == 1


def test_a_brief_without_an_outlet_compares_the_others_and_offers_them_all_again(app: WebApp, web_store: Path) -> None:
    flood = _flood_story(web_store)
    status, whole = get(app, f"/stories/{flood}")
    assert status == "200 OK"
    links = {link.text_content(): link.get("href") for link in whole.xpath("//nav[@class='site']//a")}
    assert links["Hide Tamsin Courier"] == f"/stories/{flood}?hide=Tamsin+Courier"
    assert "right" in whole.xpath("//table")[0].text_content()  # each outlet's labels beside it

    status, without = get(app, f"/stories/{flood}", hide=["Tamsin Courier"])
    assert status == "200 OK"
    table = without.xpath("//table")[0].text_content()
    assert "Tamsin Courier" not in table and "Valley Post" in table
    links = {link.text_content(): link.get("href") for link in without.xpath("//nav[@class='site']//a")}
    assert links["Show all outlets (1 hidden)"] == f"/stories/{flood}"
    assert links["Hide Valley Post"] == f"/stories/{flood}?hide=Tamsin+Courier&hide=Valley+Post"
    status, every = get(app, f"/stories/{flood}", hide=list(FLOOD))
    assert status == "404 Not Found" and "hidden" in every.text_content()
