"""The HTML brief: self-contained, escaped, and every line linked to its exact words."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from jinja2.exceptions import UndefinedError

from newsprism.model import Comparison, Evidence, QuoteGroup
from newsprism.report import render_html
from newsprism.report.html import brief_document, template_environment

SOURCE = Path(__file__).resolve().parents[2] / "src" / "newsprism"

HOSTILE_TAGS = {"script", "img", "iframe", "object", "embed", "link", "form", "foreignobject", "image", "use"}
"""Tags no hostile string may make; the brief's own pictures are SVG of title, desc, g,
rect and text only (tests/web/test_hostile.py checks that every svg is one of them)."""


Parse = Callable[[str], Any]


def test_hostile_article_strings_produce_no_markup(parse_page: Parse, hostile: Comparison) -> None:
    elements = parse_page(render_html(hostile))
    assert not {tag for tag, _ in elements.tags} & HOSTILE_TAGS
    for _, attrs in elements.tags:
        assert not [name for name in attrs if name.startswith("on")]
    assert not [href for href in elements.hrefs() if "javascript:" in href.lower()]


def test_hostile_strings_are_shown_as_text(parse_page: Parse, hostile: Comparison) -> None:
    page = render_html(hostile)
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page
    shown = parse_page(page).visible_text
    assert '<script>alert("x")</script>"><img src=x onerror=alert(1)>' in shown
    assert "javascript:alert(document.cookie)" in shown  # shown, never linked


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


def _quote_across_two_sentences(builders: ModuleType) -> Comparison:
    article = builders.ArticleBuilder("long", "Ledger")
    article.sentence("\u201cWe rebuilt it.")
    article.sentence("We are proud,\u201d she said.")
    built = article.build()
    version: Evidence = builders.find(built, "We rebuilt it. We are proud,")
    return Comparison((built,), quotes=(QuoteGroup(None, "she", (version,), "single"),))


def test_a_quote_across_two_sentences_is_highlighted_whole(
    parse_page: Parse, builders: ModuleType
) -> None:
    page = render_html(_quote_across_two_sentences(builders))
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
    """The words as the template engine writes them into the page."""
    from markupsafe import escape

    return str(escape(" ".join(words.split())))


def _targets_of_links_near(page: str, escaped_words: str) -> list[str]:
    """The link targets in the quote line (``<blockquote>``) that shows ``escaped_words``."""
    lines = [block.split("</blockquote>", 1)[0] for block in page.split("<blockquote>")[1:]]
    line = next(line for line in lines if escaped_words in line)
    return [part.split('"', 1)[0] for part in line.split('href="#')[1:]]


def test_differing_words_are_stressed_in_each_outlets_statement(sample: Comparison) -> None:
    page = render_html(sample)
    assert 'repairs costing <strong class="differs">£4.2m</strong>.' in page
    assert 'after a <strong class="differs">£4.5m</strong> repair.' in page


SPLIT_RULE = "body:has(#a1-m1:target) .a1-m1 { outline: 2px solid var(--target); background: var(--target-bg); }"


def test_a_standalone_brief_inlines_the_whole_stylesheet(sample: Comparison) -> None:
    document = brief_document(sample)
    assert document.html == render_html(sample)
    assert f"<style>{document.inline_style}</style>" in document.html
    assert ":root {" in document.inline_style and "<link" not in document.html


def test_a_brief_in_a_site_links_its_stylesheet_and_keeps_only_split_mark_rules_inline(
    builders: ModuleType,
) -> None:
    document = brief_document(_quote_across_two_sentences(builders), stylesheet="/static/brief.css?v=1")
    assert '<link rel="stylesheet" href="/static/brief.css?v=1">' in document.html
    assert document.inline_style == f"\n{SPLIT_RULE}\n"
    assert f"<style>{document.inline_style}</style>" in document.html  # what a CSP hash covers
    assert document.html.count("<style>") == 1


def test_a_brief_in_a_site_without_split_marks_has_no_inline_style(sample: Comparison) -> None:
    document = brief_document(sample, stylesheet="/static/brief.css?v=1")
    assert document.inline_style == "" and "<style" not in document.html


def test_templates_escape_every_value_and_refuse_unknown_names() -> None:
    environment = template_environment("newsprism.report")
    assert environment is template_environment("newsprism.report")  # loaded once per process
    assert environment.from_string("{{ value }}").render(value='<a href="x">') == "&lt;a href=&#34;x&#34;&gt;"
    with pytest.raises(UndefinedError):
        environment.from_string("{{ misspelt }}").render()


@pytest.mark.parametrize("folder", ["report", "web"])
def test_no_module_escapes_or_marks_up_by_hand(folder: str) -> None:
    """Escaping is the template engine's: no ``html.escape``, no ``Markup``, no ``|safe``."""
    for path in (SOURCE / folder).rglob("*"):
        if path.suffix in (".py", ".html", ".css"):
            text = path.read_text(encoding="utf-8")
            for banned in ("html.escape", "import html\n", "Markup", "markupsafe", "|safe", "| safe", "autoescape false"):
                assert banned not in text, f"{path.name} has {banned!r}"
