"""The HTML brief: self-contained, escaped, and every line linked to its exact words."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import Any

from newsprism.model import Comparison, Evidence, QuoteGroup
from newsprism.report import render_html

HOSTILE_TAGS = {"script", "img", "iframe", "object", "embed", "link", "form", "svg"}


Parse = Callable[[str], Any]


def test_hostile_article_strings_produce_no_markup(parse_page: Parse, hostile: Comparison) -> None:
    elements = parse_page(render_html(hostile))
    assert not {tag for tag, _ in elements.tags} & HOSTILE_TAGS
    for _, attrs in elements.tags:
        assert not [name for name in attrs if name.startswith("on")]
    assert not [href for href in elements.hrefs() if "javascript:" in href.lower()]


def test_hostile_strings_are_shown_as_text(hostile: Comparison) -> None:
    page = render_html(hostile)
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "javascript:alert(document.cookie)" in page  # shown, never linked


def test_only_http_urls_become_outside_links(
    parse_page: Parse, sample: Comparison, hostile: Comparison
) -> None:
    for comparison in (sample, hostile):
        outside = [
            href for href in parse_page(render_html(comparison)).hrefs() if not href.startswith("#")
        ]
        assert all(href.startswith(("https://", "http://")) for href in outside)
    assert "https://ledger.example/marrowby-bridge" in parse_page(render_html(sample)).hrefs()


def test_page_is_self_contained(parse_page: Parse, sample: Comparison) -> None:
    elements = parse_page(render_html(sample))
    for tag, attrs in elements.tags:
        assert "src" not in attrs, tag
        assert tag not in {"link", "script", "iframe"}


def test_every_internal_link_has_a_target_and_ids_are_unique(
    parse_page: Parse, sample: Comparison, hostile: Comparison
) -> None:
    for comparison in (sample, hostile):
        elements = parse_page(render_html(comparison))
        ids = elements.ids()
        assert len(ids) == len(set(ids))
        for href in elements.hrefs():
            if href.startswith("#"):
                assert href[1:] in ids


def test_each_article_sentence_has_an_id_holding_its_text(
    parse_page: Parse, sample: Comparison
) -> None:
    elements = parse_page(render_html(sample))
    for number, article in enumerate(sample.articles, 1):
        for index, sentence in enumerate(article.sentences, 1):
            assert elements.text_by_id[f"a{number}-s{index}"] == sentence.of(article.text)


def test_quote_versions_link_to_marks_over_their_exact_words(
    parse_page: Parse, sample: Comparison
) -> None:
    page = render_html(sample)
    elements = parse_page(page)
    for group in sample.quotes:
        for version in group.versions:
            words = sample.article(version.article).text[version.start : version.end]
            linked = _targets_of_links_near(page, _escaped(words))
            assert any(elements.text_by_id.get(target) == words for target in linked)


def test_fact_and_timeline_lines_link_to_their_sentences(
    parse_page: Parse, sample: Comparison
) -> None:
    hrefs = set(parse_page(render_html(sample)).hrefs())
    assert {"#a1-s1", "#a2-s1", "#a3-s1", "#a1-s4", "#a2-s4", "#a2-s3", "#a3-s2"} <= hrefs


def test_a_quote_across_two_sentences_is_highlighted_whole(
    parse_page: Parse, builders: ModuleType
) -> None:
    article = builders.ArticleBuilder("long", "Ledger")
    article.sentence("\u201cWe rebuilt it.")
    article.sentence("We are proud,\u201d she said.")
    built = article.build()
    words = "We rebuilt it. We are proud,"
    version: Evidence = builders.find(built, words)
    comparison = Comparison((built,), quotes=(QuoteGroup(None, "she", (version,), "single"),))
    page = render_html(comparison)
    elements = parse_page(page)
    assert elements.text_by_id["a1-m1"] == "We rebuilt it."
    assert page.count('class="quote a1-m1"') >= 2
    assert "body:has(#a1-m1:target) .a1-m1" in page


def test_article_without_sentences_still_links_every_line(
    parse_page: Parse, builders: ModuleType
) -> None:
    from newsprism.model import Article, Fact

    bare = Article("bare", "Plain text with no sentence split.", "bare.txt", outlet="Plain")
    fact = Fact((Evidence("bare", 0, 10),), ("Plain",), "single")
    elements = parse_page(render_html(Comparison((bare,), facts=(fact,))))
    targets = [href[1:] for href in elements.hrefs() if href.startswith("#a1-")]
    assert targets and all(elements.text_by_id[target] == "Plain text" for target in targets)


def _escaped(words: str) -> str:
    import html

    return html.escape(" ".join(words.split()), quote=True)


def _targets_of_links_near(page: str, escaped_words: str) -> list[str]:
    """The link targets in the quote line (``<blockquote>``) that shows ``escaped_words``."""
    lines = [block.split("</blockquote>", 1)[0] for block in page.split("<blockquote>")[1:]]
    line = next(line for line in lines if escaped_words in line)
    return [part.split('"', 1)[0] for part in line.split('href="#')[1:]]


def test_differing_words_are_stressed_in_each_outlets_statement(sample: Comparison) -> None:
    page = render_html(sample)
    assert 'repairs costing <strong class="differs">£4.2m</strong>.' in page
    assert 'after a <strong class="differs">£4.5m</strong> repair.' in page
