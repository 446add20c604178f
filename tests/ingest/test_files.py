"""Reading .txt and .html files and folders, with every failure named in one line."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from newsprism.ingest import (
    Ingested,
    ReadOptions,
    SourceMeta,
    iter_sources,
    read_sources,
)
from newsprism.model import SourceFailure

STORY = "Storm closes the coast road\nHeavy rain closed the coast road on Sunday, police said.\n\nThe road reopened at noon.\n"


def write(folder: Path, name: str, content: str | bytes) -> str:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return str(path)


def only_failure(sources: list[str], options: ReadOptions | None = None) -> SourceFailure:
    articles, failures = read_sources(sources, options or ReadOptions())
    assert articles == []
    assert len(failures) == 1
    return failures[0]


def test_txt_first_line_is_the_title_and_the_rest_the_text(tmp_path: Path) -> None:
    path = write(tmp_path, "coast.txt", STORY)
    [article], failures = read_sources([path], ReadOptions())
    assert failures == []
    assert article.title == "Storm closes the coast road"
    assert article.text == "Heavy rain closed the coast road on Sunday, police said.\n\nThe road reopened at noon."
    assert (article.id, article.source, article.outlet, article.published) == (path, path, "coast", None)


def test_txt_with_an_empty_first_line_has_no_title(tmp_path: Path) -> None:
    path = write(tmp_path, "untitled.txt", "\nHeavy rain closed the coast road on Sunday.\n")
    [article], _ = read_sources([path], ReadOptions())
    assert article.title is None
    assert article.text == "Heavy rain closed the coast road on Sunday."


def test_txt_windows_line_endings_and_latin1_bytes_are_read(tmp_path: Path) -> None:
    text = "Caf\u00e9 fire\r\nThe caf\u00e9 on Rue Lef\u00e8vre burned down on Friday, firefighters said.\r\n" * 3
    path = write(tmp_path, "fire.txt", text.encode("latin-1"))
    [article], failures = read_sources([path], ReadOptions())
    assert failures == []
    assert article.title == "Caf\u00e9 fire"
    assert "\r" not in article.text and "Rue Lef\u00e8vre" in article.text


def test_published_option_fills_sources_without_a_date(tmp_path: Path) -> None:
    path = write(tmp_path, "coast.txt", STORY)
    [article], _ = read_sources([path], ReadOptions(published=datetime(2025, 3, 4)))
    assert article.published == datetime(2025, 3, 4, tzinfo=UTC)


def test_missing_file_fails_as_not_found(tmp_path: Path) -> None:
    failure = only_failure([str(tmp_path / "gone.txt")])
    assert failure == SourceFailure(str(tmp_path / "gone.txt"), "not found")


def test_empty_file_fails_as_empty(tmp_path: Path) -> None:
    assert only_failure([write(tmp_path, "empty.txt", "")]).reason == "empty file"


def test_title_without_text_fails(tmp_path: Path) -> None:
    assert only_failure([write(tmp_path, "title.txt", "Only a title\n\n")]).reason == "no article text after the title line"


def test_binary_file_fails_as_binary(tmp_path: Path) -> None:
    path = write(tmp_path, "photo.txt", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" * 20)
    assert only_failure([path]).reason == "binary file, not text"


def test_file_over_the_size_limit_fails(tmp_path: Path) -> None:
    path = write(tmp_path, "long.txt", "Title\n" + "word " * 400)
    assert only_failure([path], ReadOptions(max_bytes=1000)).reason == "larger than 1 kB limit"


def test_unknown_file_type_fails_naming_the_types_read(tmp_path: Path) -> None:
    failure = only_failure([write(tmp_path, "report.pdf", "%PDF-1.4")])
    assert failure.reason.startswith("unsupported file type (expected one of .txt, .html")


def test_folder_without_readable_files_fails(tmp_path: Path) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "inner.doc").write_text("not read")
    assert only_failure([str(folder)]).reason.startswith("no readable files in the folder")


def test_unreadable_file_fails_with_the_system_reason(tmp_path: Path) -> None:
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    assert only_failure([str(loop)]).reason == "cannot read: too many levels of symbolic links"


def test_one_bad_source_does_not_stop_the_others(tmp_path: Path) -> None:
    good = write(tmp_path, "good.txt", STORY)
    items = list(iter_sources([str(tmp_path / "missing.txt"), write(tmp_path, "e.txt", ""), good], ReadOptions()))
    assert [type(item).__name__ for item in items] == ["SourceFailure", "SourceFailure", "Ingested"]


def test_html_file_gives_text_title_outlet_and_publication_time(tmp_path: Path, article_html: Callable[..., str]) -> None:
    path = write(tmp_path, "bridge.html", article_html())
    [item] = list(iter_sources([path], ReadOptions()))
    assert isinstance(item, Ingested) and item.media_type == "text/html"
    article = item.article
    assert article.title == "Harbour bridge reopens after repairs"
    assert article.outlet == "The Coastal Herald"
    assert article.published == datetime(2024, 5, 6, 8, 30, tzinfo=timezone(timedelta(hours=1)))
    assert article.text.startswith("The old harbour bridge in Porthaven reopened")
    assert "Home" not in article.text and "Copyright" not in article.text
    assert item.raw == Path(path).read_bytes()


def test_html_in_a_legacy_encoding_is_decoded(tmp_path: Path, article_html: Callable[..., str]) -> None:
    page = article_html(title="Caf\u00e9 reopens", charset="iso-8859-1")
    [article], failures = read_sources([write(tmp_path, "cafe.htm", page.encode("iso-8859-1"))], ReadOptions())
    assert failures == [] and article.title == "Caf\u00e9 reopens"


def test_html_without_an_article_fails(tmp_path: Path) -> None:
    path = write(tmp_path, "menu.html", "<html><body><nav><a href='/'>Home</a></nav></body></html>")
    assert only_failure([path]).reason == "no article text found in the HTML"


def test_html_without_a_site_name_takes_the_outlet_from_the_file_name(tmp_path: Path, article_html: Callable[..., str]) -> None:
    path = write(tmp_path, "herald-bridge.html", article_html(site_name=None))
    [article], _ = read_sources([path], ReadOptions())
    assert article.outlet == "herald-bridge"


def test_sidecar_metadata_fills_outlet_published_and_url(tmp_path: Path) -> None:
    path = write(tmp_path, "coast.txt", STORY)
    meta = {"coast.txt": SourceMeta(outlet="Valley Post", published=datetime(2025, 1, 2, tzinfo=UTC), url="https://valleypost.example/coast")}
    [article], _ = read_sources([path], ReadOptions(meta=meta, published=datetime(2020, 1, 1)))
    assert (article.outlet, article.published, article.url) == ("Valley Post", datetime(2025, 1, 2, tzinfo=UTC), "https://valleypost.example/coast")
    assert article.id == "https://valleypost.example/coast"


def test_page_date_wins_over_the_sidecar_date_but_sidecar_outlet_wins_over_site_name(tmp_path: Path, article_html: Callable[..., str]) -> None:
    path = write(tmp_path, "bridge.html", article_html())
    meta = {path: SourceMeta(outlet="Herald (print)", published=datetime(2030, 1, 1, tzinfo=UTC))}
    [article], _ = read_sources([path], ReadOptions(meta=meta))
    assert article.outlet == "Herald (print)"
    assert article.published is not None and article.published.year == 2024


def test_folder_is_read_recursively_in_sorted_order_skipping_other_files(tmp_path: Path, article_html: Callable[..., str]) -> None:
    write(tmp_path, "b/second.txt", STORY)
    write(tmp_path, "a/first.html", article_html())
    write(tmp_path, "a/notes.md", "# not an article")
    write(tmp_path, ".cache/hidden.txt", STORY)
    write(tmp_path, "c/third.txt", "")
    items = list(iter_sources([str(tmp_path)], ReadOptions()))
    assert [Path(item.article.source).name if isinstance(item, Ingested) else item.reason for item in items] == [
        "first.html",
        "second.txt",
        "empty file",
    ]


def test_the_same_file_named_twice_is_read_once(tmp_path: Path) -> None:
    path = write(tmp_path, "coast.txt", STORY)
    articles, failures = read_sources([path, str(tmp_path)], ReadOptions())
    assert [article.id for article in articles] == [path]
    assert failures == [SourceFailure(path, f"duplicate of an article already read (id {path})")]


def test_a_date_only_written_in_the_body_does_not_beat_the_given_date(tmp_path: Path, article_html: Callable[..., str]) -> None:
    page = article_html(published=None, paragraphs=("The harbour bridge, closed on 12 January 2019 for repairs, reopened on Monday, the town council said.",))
    [article], _ = read_sources([write(tmp_path, "bridge.html", page)], ReadOptions(published=datetime(2025, 3, 4)))
    assert article.published == datetime(2025, 3, 4, tzinfo=UTC)


def test_page_built_by_javascript_falls_back_to_json_ld_article_body(tmp_path: Path) -> None:
    structured = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebSite", "name": "Valley Post"},
            {
                "@type": "NewsArticle",
                "headline": "Dam inspection finds cracks",
                "datePublished": "2025-03-04T10:00:00Z",
                "publisher": {"@type": "Organization", "name": "Valley Post"},
                "articleBody": "Inspectors found three cracks in the Lowmoor dam wall on Monday, the water board said.\n"
                "Repairs will start next week and the reservoir will be partly drained, officials added.",
            },
        ],
    }
    page = (
        "<html><head><script type='application/ld+json'>" + json.dumps(structured) + "</script></head>"
        "<body><div id='app'>Loading...</div><script>renderApp()</script></body></html>"
    )
    [article], failures = read_sources([write(tmp_path, "dam.html", page)], ReadOptions())
    assert failures == []
    assert article.text.split("\n") == [
        "Inspectors found three cracks in the Lowmoor dam wall on Monday, the water board said.",
        "Repairs will start next week and the reservoir will be partly drained, officials added.",
    ]
    assert (article.title, article.outlet) == ("Dam inspection finds cracks", "Valley Post")
    assert article.published == datetime(2025, 3, 4, 10, 0, tzinfo=UTC)


def test_visible_text_wins_over_a_json_ld_summary(tmp_path: Path, article_html: Callable[..., str]) -> None:
    teaser = json.dumps({"@type": "NewsArticle", "articleBody": "Bridge reopens."})
    page = article_html().replace("</head>", f"<script type='application/ld+json'>{teaser}</script></head>")
    [article], _ = read_sources([write(tmp_path, "bridge.html", page)], ReadOptions())
    assert article.text.startswith("The old harbour bridge in Porthaven")


def test_bytes_no_encoding_fits_fail_as_undecidable(tmp_path: Path) -> None:
    noise = bytes(range(128, 256)) * 10
    failure = only_failure([write(tmp_path, "noise.txt", noise)])
    assert failure.reason == "could not tell the text encoding (not UTF-8 and no other fits)"


def test_title_is_one_line_in_nfc(tmp_path: Path) -> None:
    path = write(tmp_path, "cafe.txt", "Cafe\u0301   reopens\t\nThe café on the square reopened on Friday.\n")
    [article], _ = read_sources([path], ReadOptions())
    assert article.title == "Caf\u00e9 reopens"


def test_page_furniture_lines_inside_the_article_are_dropped(tmp_path: Path, article_html: Callable[..., str]) -> None:
    paragraphs = (
        "The old harbour bridge in Porthaven reopened to traffic on Monday after eight months of repairs, the town council said.",
        "Advertisement",
        "Subscribers to the ferry pass will get a refund for the months the bridge was closed, the operator said on Monday.",
        "Share this article on Facebook, Twitter or by email",
        "Sign up to our daily newsletter",
    )
    [article], _ = read_sources([write(tmp_path, "bridge.html", article_html(paragraphs=paragraphs))], ReadOptions())
    assert article.text.split("\n") == [paragraphs[0], paragraphs[2]]


def test_a_title_that_is_only_the_site_name_is_no_title(tmp_path: Path, article_html: Callable[..., str]) -> None:
    page = article_html(title="").replace("<h1></h1>", "")
    [article], _ = read_sources([write(tmp_path, "untitled.html", page)], ReadOptions())
    assert article.title is None and article.outlet == "The Coastal Herald"
