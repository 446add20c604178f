"""Every human-readable format carries the whole brief, each line with its evidence."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import Any

import pytest

from newsprism.errors import UsageError
from newsprism.model import Comparison
from newsprism.report import FORMATS, render, render_text

READABLE = ("text", "markdown", "html")
QUOTES_HEADING = {"text": "Quotes (", "markdown": "## Quotes", "html": "Who said what"}


Readable = Callable[[Comparison, str], str]


@pytest.fixture
def readable(parse_page: Callable[[str], Any]) -> Readable:
    """The report as a reader sees it: HTML reduced to its visible text, Markdown unescaped;
    nothing folded away (``--all``: what each format can show; test_brevity.py folds)."""

    def shown(comparison: Comparison, format: str) -> str:
        output = render(comparison, format, width=200, full=True)
        if format == "html":
            return str(parse_page(output).visible_text)
        if format == "markdown":
            return output.replace("\\", "")
        return output

    return shown


@pytest.mark.parametrize("format", READABLE)
def test_brief_shows_each_fact_section_in_order(
    readable: Readable, sample: Comparison, format: str
) -> None:
    shown = readable(sample, format)
    shared = shown.index("will reopen on Friday after repairs costing £4.2m.")
    partial = shown.index("Engineers closed the bridge last October")
    single = shown.index("She thanked the crews who worked through the winter.")
    assert shared < partial < single
    assert "Council leader Tom Reyes said tolls would not be charged." in shown


@pytest.mark.parametrize("format", READABLE)
def test_brief_flags_a_differing_number_with_each_outlets_wording(
    readable: Readable, sample: Comparison, format: str
) -> None:
    shown = readable(sample, format)
    assert "number" in shown
    assert "“£4.2m”" in shown and "“£4.5m”" in shown


@pytest.mark.parametrize("format", READABLE)
def test_brief_groups_quotes_under_the_entity_name_with_changes(
    readable: Readable, sample: Comparison, format: str
) -> None:
    shown = readable(sample, format)
    quotes = shown[shown.index(QUOTES_HEADING[format]) :]
    assert quotes.index("Ada Quill") < quotes.index(
        "This bridge joins the two halves of our town again,"
    )
    assert "This bridge joins both halves of our town again," in shown
    assert "reworded" in shown
    assert "the two" in shown[shown.index("both halves") :]
    assert "a council spokesperson" in shown


@pytest.mark.parametrize("format", READABLE)
def test_brief_marks_unresolved_timeline_dates(
    readable: Readable, sample: Comparison, format: str
) -> None:
    shown = readable(sample, format)
    assert "2031-03-07 (Fri 7 Mar)" in shown
    assert "XXXX-WXX-5 (relative, unresolved)" in shown
    assert "2030-10 (relative" not in shown


@pytest.mark.parametrize("format", READABLE)
def test_brief_lists_skipped_sources_with_reasons(
    readable: Readable, sample: Comparison, format: str
) -> None:
    shown = readable(sample, format)
    assert "missing.txt" in shown and "file not found" in shown


@pytest.mark.parametrize("format", READABLE)
def test_brief_lists_entities_with_aliases_people_first(
    readable: Readable, sample: Comparison, format: str
) -> None:
    shown = readable(sample, format)
    entities = shown.index("Ms Quill, the mayor")
    assert shown.index("Tom Reyes", entities) < shown.index("Marrowby", entities)


@pytest.mark.parametrize("format", READABLE)
def test_brief_says_single_source_only_when_one_article(
    readable: Readable, builders: ModuleType, sample: Comparison, format: str
) -> None:
    assert "Single source" in readable(builders.single_source_comparison(), format)
    assert "Single source" not in readable(sample, format)


def test_text_cites_outlet_and_sentence(sample: Comparison) -> None:
    shown = render_text(sample, width=200)
    assert "[Northern Ledger §1] [Daily Harbour §1] [Coast Radio §1]" in shown
    assert "“£4.5m” [Daily Harbour §1]" in shown


def test_markdown_cites_article_and_sentence_and_lists_them_as_sources(sample: Comparison) -> None:
    shown = render(sample, "markdown", full=True)
    assert "[A1 §1] [A2 §1] [A3 §1]" in shown
    sources = shown[shown.index("## Sources") :]
    assert "- **A2 §3** She thanked the crews who worked through the winter." in sources
    assert "- **A3 §2** Council leader Tom Reyes" in sources


def test_markdown_escapes_article_text_that_would_become_markup(builders: ModuleType) -> None:
    article = builders.ArticleBuilder("m", "Pipe | Outlet", "A *bold* [link](javascript:x) <b>")
    article.sentence("Costs rose by *half* | [see](http://x.example) <i>now</i>.")
    built = article.build()
    from newsprism.model import Comparison, Fact

    comparison = Comparison(
        (built,), facts=(Fact((builders.sentence(built, 0),), (built.name,), "single"),)
    )
    shown = render(comparison, "markdown")
    assert "\\*half\\* \\| \\[see\\](http://x.example) \\<i\\>now\\</i\\>" in shown
    assert "| A1 | Pipe \\| Outlet |" in shown


def test_text_with_color_uses_ansi_and_without_does_not(sample: Comparison) -> None:
    assert "\x1b[" in render_text(sample, color=True)
    assert "\x1b[" not in render_text(sample, color=False)


@pytest.mark.parametrize("width", [60, 100, 140])
def test_text_lines_fit_the_width(sample: Comparison, width: int) -> None:
    assert max(len(line) for line in render_text(sample, width=width).splitlines()) <= width


def test_text_does_not_read_article_brackets_as_rich_markup(hostile: Comparison) -> None:
    shown = render_text(hostile, width=300)
    assert '<script>alert("x")</script>' in shown


def test_unknown_format_is_a_usage_error(sample: Comparison) -> None:
    assert FORMATS == ("text", "markdown", "html", "json")
    with pytest.raises(UsageError, match="pdf"):
        render(sample, "pdf")


def _two_clauses_of_one_sentence(builders: ModuleType) -> Comparison:
    from newsprism.model import Fact

    article = builders.ArticleBuilder("one", None, "Clauses")
    article.sentence("The bridge reopens on Friday, and the tolls are scrapped.")
    built = article.build()
    statements = (builders.find(built, "The bridge reopens"), builders.find(built, "the tolls"))
    return Comparison((built,), facts=(Fact(statements, ("one",), "single"),))


def test_two_spans_of_one_sentence_are_cited_once(builders: ModuleType) -> None:
    comparison = _two_clauses_of_one_sentence(builders)
    assert render_text(comparison, width=200).count("[A1 §1]") == 1
    assert render(comparison, "markdown").count("[A1 §1]") == 1
    page = render(comparison, "html")
    statement_line = page[page.index('<p class="statement">') :].split("</p>", 1)[0]
    assert statement_line.count(">A1 §1</a>") == 1
    assert 'href="#a1-s1"' in statement_line  # the whole sentence holds both spans


def test_an_article_without_outlet_is_cited_by_its_label(builders: ModuleType) -> None:
    shown = render_text(_two_clauses_of_one_sentence(builders), width=200)
    assert "[A1 §1]" in shown and "[one §1]" not in shown


def test_markdown_of_a_hostile_article_renders_to_no_markup(
    parse_page: Callable[[str], Any], hostile: Comparison
) -> None:
    markdown_it = pytest.importorskip("markdown_it")
    converter = markdown_it.MarkdownIt("commonmark", {"html": True}).enable("table")
    page = converter.render(render(hostile, "markdown"))
    parsed = parse_page(page)
    assert {"script", "img"}.isdisjoint(tag for tag, _ in parsed.tags)
    assert all(href.startswith(("http://", "https://")) for href in parsed.hrefs())
    assert "&lt;script&gt;" in page


def test_every_markdown_reference_is_listed_under_sources(sample: Comparison) -> None:
    import re

    shown = render(sample, "markdown", full=True)
    body, sources = shown.split("## Sources")
    cited = set(re.findall(r"\[(A\d+ §\d+)\]", body))
    listed = set(re.findall(r"\*\*(A\d+ §\d+)\*\*", sources))
    assert cited and cited == listed


def test_text_for_a_tiny_terminal_is_laid_out_at_forty_columns(sample: Comparison) -> None:
    lines = render_text(sample, width=5).splitlines()
    assert max(len(line) for line in lines) <= 40
    assert any("£4.5m" in line for line in lines)


@pytest.mark.parametrize("format", READABLE)
def test_brief_opens_with_a_line_of_counts(
    readable: Readable, sample: Comparison, format: str
) -> None:
    counts = (
        "3 articles (1 skipped) · facts: 1 in all, 1 in some, 3 in one only · 2 quotes · "
        "3 timeline events"
    )
    shown = readable(sample, format)
    assert shown.index(counts) < shown.index("Shared by every outlet")
