"""The brief as one self-contained HTML page: inline CSS, no scripts, no outside requests.

The page has the brief on the left and every article's full text on the right. Each fact,
quote and timeline line links to the sentence or exact span it rests on (see
:mod:`newsprism.report.html_anchors`). Every string that comes from an article or an input
(titles, outlets, text, URLs, reasons) goes through :func:`html.escape`, and only plain
http(s) addresses become links.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from importlib import resources

from newsprism.model import Article, Comparison, Difference, Evidence, Fact, QuoteGroup
from newsprism.report.dates import describe_date, is_resolved_date
from newsprism.report.evidence import EvidenceIndex, collapse_whitespace
from newsprism.report.html_anchors import AnchorMap, split_mark_css
from newsprism.report.outline import (
    carried_by,
    changes_by_outlet,
    fact_wording,
    focus_parts,
    copy_lines,
    difference_wordings,
    first_mentions,
    group_quotes_by_speaker,
    is_single_source,
    ordered_entities,
    published_text,
    speaker_as_written,
    split_facts,
    story_title,
    summary_line,
    web_url,
)

# TIMEX3 values that are also valid HTML datetime strings (parts of day like "TEV" are not).
_HTML_DATETIME = re.compile(r"^\d{4}(-W\d{2}|-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2})?)?)?)?$")


def escape(text: str) -> str:
    """Escape text for HTML content and quoted attribute values alike."""
    return html.escape(text, quote=True)


def _stylesheet() -> str:
    return resources.files("newsprism.report").joinpath("brief.css").read_text(encoding="utf-8")


class _Page:
    """Builds the parts of one page; holds the lookups every part needs."""

    def __init__(self, comparison: Comparison) -> None:
        self.comparison = comparison
        self.index = EvidenceIndex(comparison)
        self.anchors = AnchorMap(comparison, self.index)
        self.sections: list[tuple[str, str]] = []

    def reference(self, evidence: Evidence, target: str | None = None) -> str:
        """A pill linking to the evidence ("Outlet §3"), or to ``target`` when given."""
        citation = self.index.cite(evidence)
        label = f"{citation.outlet} {citation.place}"
        tooltip = f"{citation.article_label}, characters {citation.start}–{citation.end}"
        href = target or self.anchors.anchor(evidence)
        return f'<a class="ref" href="#{href}" title="{escape(tooltip)}">{escape(label)}</a>'

    def references(self, evidence: Iterable[Evidence]) -> str:
        """One pill per sentence; several spans of one sentence link to the whole sentence."""
        by_sentence: dict[str, list[Evidence]] = {}
        for item in evidence:
            by_sentence.setdefault(self.anchors.sentence_anchor(item), []).append(item)
        pills = []
        for sentence, items in by_sentence.items():
            targets = {self.anchors.anchor(item) for item in items}
            pills.append(self.reference(items[0], sentence if len(targets) > 1 else None))
        return "".join(pills)

    def open_section(self, section_id: str, heading: str, count: int) -> str:
        """Open a brief section and list it in the page's navigation."""
        self.sections.append((section_id, heading))
        return (
            f'<section id="{section_id}"><h2>{escape(heading)} '
            f'<span class="count">{count}</span></h2>'
        )

    def quoted(self, evidence: Evidence, stressed: Iterable[Evidence] = ()) -> str:
        """The escaped words of ``evidence``, with the ``stressed`` spans inside it in bold.

        Used to show, in a statement, the very words that differ between outlets.
        """
        text = self.index.article(evidence.article).text
        self.index.span_text(evidence)
        inside = sorted(
            (item.start, item.end)
            for item in stressed
            if item.article == evidence.article
            and evidence.start <= item.start < item.end <= evidence.end
            and (item.start, item.end) != (evidence.start, evidence.end)
        )
        pieces, position = [], evidence.start
        for start, end in inside:
            if start < position:
                continue  # overlaps a span already stressed
            pieces.append(escape(text[position:start]))
            pieces.append(f'<strong class="differs">{escape(text[start:end])}</strong>')
            position = end
        pieces.append(escape(text[position : evidence.end]))
        return collapse_whitespace("".join(pieces))


def render_html(comparison: Comparison, links: Sequence[tuple[str, str]] = ()) -> str:
    """Render the brief as a complete HTML document.

    ``links`` are (address, label) pairs shown above the brief, for a page that lives
    inside a site (the web app links back to its story list and to other formats).
    """
    page = _Page(comparison)
    texts, split_marks = _article_texts(page)
    title = escape(story_title(comparison))
    style = _stylesheet() + split_mark_css(split_marks)
    header = list(_header(page))
    sections = [
        *_copy_section(page),
        *_fact_sections(page),
        *_quote_section(page),
        *_entity_section(page),
        *_timeline_section(page),
    ]
    parts = [
        *document_head(f"{title} · newsprism brief", style),
        "<body>",
        '<div class="layout">',
        '<main class="brief">',
        *_site_links(links),
        *header,
        _navigation(page.sections),
        *sections,
        "<footer>Made by newsprism. Every line links to the words it rests on; "
        "the full articles are on this page.</footer>",
        "</main>",
        f'<aside class="texts" id="articles" aria-label="Articles">\n{texts}\n</aside>',
        "</div>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def document_head(title: str, style: str) -> list[str]:
    """The lines that open an HTML page up to ``</head>``: ``title`` is already escaped,
    ``style`` is the page's whole stylesheet. Shared by the brief and the web app."""
    return [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="referrer" content="no-referrer">',
        f"<title>{title}</title>",
        f"<style>\n{style}\n</style>",
        "</head>",
    ]


def _site_links(links: Sequence[tuple[str, str]]) -> Iterable[str]:
    if links:
        anchors = "".join(f'<a href="{escape(href)}">{escape(label)}</a>' for href, label in links)
        yield f'<nav class="site">{anchors}</nav>'


def _navigation(sections: list[tuple[str, str]]) -> str:
    links = "".join(
        f'<a href="#{section_id}">{escape(heading)}</a>' for section_id, heading in sections
    )
    return f'<nav class="toc">{links}<a href="#articles">Articles</a></nav>'


def _header(page: _Page) -> Iterable[str]:
    comparison = page.comparison
    yield '<p class="kicker">newsprism brief</p>'
    yield f"<h1>{escape(story_title(comparison))}</h1>"
    yield f'<p class="summary">{escape(summary_line(comparison))}</p>'
    if is_single_source(comparison):
        yield (
            '<p class="notice"><strong>Single source:</strong> '
            "one article only, nothing to compare against.</p>"
        )
    yield _table_head("", "Outlet", "Title", "Published", "Source")
    for number, article in enumerate(comparison.articles, 1):
        yield (
            f'<tr><td><a class="ref" href="#a{number}">A{number}</a></td><td>{escape(article.name)}</td>'
            f"<td>{escape(article.title or '(no title)')}</td><td>{escape(published_text(article))}</td>"
            f'<td class="url">{_source_link(article)}</td></tr>'
        )
    yield "</tbody></table>"
    if comparison.skipped:
        items = "".join(
            f"<li><strong>{escape(failure.source)}</strong>: {escape(failure.reason)}</li>"
            for failure in comparison.skipped
        )
        yield f'<div class="notice skipped"><strong>Skipped sources</strong><ul>{items}</ul></div>'


def _table_head(*headings: str) -> str:
    cells = "".join(f"<th>{heading}</th>" for heading in headings)
    return f"<table><thead><tr>{cells}</tr></thead><tbody>"


def _source_link(article: Article) -> str:
    url = web_url(article.url)
    if url is None:
        return escape(article.url or article.source)
    return f'<a href="{escape(url)}" rel="noopener noreferrer nofollow">{escape(url)}</a>'


def _copy_section(page: _Page) -> Iterable[str]:
    lines = copy_lines(page.comparison)
    if lines:
        yield page.open_section("copies", "Copied text", len(lines))
        items = "".join(
            f'<li><p class="statement">{escape(line.text)}{page.references(line.evidence)}</p></li>'
            for line in lines
        )
        yield f'<ul class="items">{items}</ul></section>'


def _fact_sections(page: _Page) -> Iterable[str]:
    facts = split_facts(page.comparison)
    if facts.shared:
        yield page.open_section("shared", "Shared by every outlet", len(facts.shared))
        yield _fact_list(page, facts.shared, show_outlets=False) + "</section>"
    if facts.partial:
        yield page.open_section("partial", "Carried by some outlets", len(facts.partial))
        yield _fact_list(page, facts.partial, show_outlets=True) + "</section>"
    if facts.single_by_outlet:
        count = sum(len(singles) for _, singles in facts.single_by_outlet)
        yield page.open_section("single", "Carried by one outlet only", count)
        for outlet, singles in facts.single_by_outlet:
            yield f"<h3>{escape(outlet)}</h3>" + _fact_list(page, singles, show_outlets=False)
        yield "</section>"


def _fact_list(page: _Page, facts: Iterable[Fact], show_outlets: bool) -> str:
    return (
        '<ul class="items">'
        + "".join(_fact_item(page, fact, show_outlets) for fact in facts)
        + "</ul>"
    )


def _fact_item(page: _Page, fact: Fact, show_outlets: bool) -> str:
    differing = [evidence for item in fact.differences for _, evidence in item.values]
    first = _wording(page, fact, differing)
    parts = [f'<li><p class="statement">{first}{page.references(fact.statements)}</p>']
    if show_outlets:
        parts.append(f'<p class="meta">Carried by {escape(carried_by(page.comparison, fact))}</p>')
    parts.extend(_difference(page, difference) for difference in fact.differences)
    if len(fact.statements) > 1:
        wordings = "".join(
            f'<li><span class="outlet">{escape(page.index.article(statement.article).name)}</span>: '
            f"{page.quoted(statement, differing)}{page.reference(statement)}</li>"
            for statement in fact.statements
        )
        parts.append(
            f"<details><summary>Each outlet's wording</summary><ul>{wordings}</ul></details>"
        )
    return "".join(parts) + "</li>"


def _wording(page: _Page, fact: Fact, differing: list[Evidence]) -> str:
    """The fact's words; the fact itself marked when its whole sentence is shown."""
    wording = fact_wording(page.comparison, fact)
    if wording.focus is None:
        return page.quoted(wording.shown, differing)
    before, _, after = focus_parts(page.index.article(wording.shown.article).text, wording)
    return f'{escape(before)}<span class="focus">{page.quoted(wording.focus, differing)}</span>{escape(after)}'


def _difference(page: _Page, difference: Difference) -> str:
    values = " · ".join(
        f'<span class="wording">“{escape(wording)}”</span>{page.references(evidence)}'
        for wording, evidence in difference_wordings(difference)
    )
    kind = escape(difference.kind)
    return f'<p class="diff"><span class="kind {kind}">{kind}</span>{values}</p>'


def _quote_section(page: _Page) -> Iterable[str]:
    speakers = group_quotes_by_speaker(page.comparison)
    if not speakers:
        return
    yield page.open_section("quotes", "Who said what", len(page.comparison.quotes))
    for speaker in speakers:
        yield f"<h3>{escape(speaker.speaker)}</h3>"
        yield from (_quote_group(page, group, speaker.speaker) for group in speaker.groups)
    yield "</section>"


def _quote_group(page: _Page, group: QuoteGroup, heading: str) -> str:
    match = escape(group.match)
    written = speaker_as_written(group, heading)
    note = f"as written: {escape(written)}" if written else ""
    parts = [
        '<div class="quote-group">',
        f'<p class="meta"><span class="match {match}">{match}</span>{note}</p>',
    ]
    for version in group.versions:
        outlet = escape(page.index.article(version.article).name)
        parts.append(
            f'<blockquote><span class="outlet">{outlet}</span>: “{page.quoted(version)}”'
            f"{page.reference(version)}</blockquote>"
        )
    for outlet, outlet_changes in changes_by_outlet(page.comparison, group):
        changes = " ".join(_change(operation, words) for operation, words in outlet_changes)
        parts.append(f'<p class="changes">Changes in {escape(outlet)}: {changes}</p>')
    parts.append("</div>")
    return "".join(parts)


def _change(operation: str, words: str) -> str:
    tag = "del" if operation == "-" else "ins"
    return f"<{tag}>{escape(collapse_whitespace(words))}</{tag}>"


def _entity_section(page: _Page) -> Iterable[str]:
    comparison = page.comparison
    if not comparison.entities:
        return
    yield page.open_section("entities", "People, organisations, places", len(comparison.entities))
    yield _table_head("Name", "Type", "Also written", "Mentions")
    for entity in ordered_entities(comparison):
        aliases = ", ".join(alias for alias in entity.aliases if alias != entity.name)
        mentions = page.references(first_mentions(entity))
        yield (
            f"<tr><td>{escape(entity.name)}</td><td>{escape(entity.type)}</td><td>{escape(aliases)}</td>"
            f"<td>{len(entity.mentions)}{mentions}</td></tr>"
        )
    yield "</tbody></table></section>"


def _timeline_section(page: _Page) -> Iterable[str]:
    timeline = page.comparison.timeline
    if not timeline:
        return
    yield page.open_section("timeline", "Timeline", len(timeline))
    yield '<ol class="timeline">'
    for event in timeline:
        date = escape(describe_date(event.date))
        if not is_resolved_date(event.date):
            when = f'<time class="unresolved">{date}</time>'
        elif _HTML_DATETIME.match(event.date):
            when = f'<time datetime="{escape(event.date)}">{date}</time>'
        else:
            when = f"<time>{date}</time>"
        yield f"<li>{when}<br>{escape(collapse_whitespace(event.text))}{page.references(event.sources)}</li>"
    yield "</ol></section>"


def _article_texts(page: _Page) -> tuple[str, list[str]]:
    """Every article in full, with anchors; and the marks that were split into pieces."""
    blocks: list[str] = []
    split_marks: list[str] = []
    for number, article in enumerate(page.comparison.articles, 1):
        body, split = page.anchors.render_text(article)
        split_marks.extend(split)
        blocks.append(
            f'<article class="source" id="a{number}">'
            f'<h3><span class="label">A{number}</span>{escape(article.name)}</h3>'
            f"<p><strong>{escape(article.title or '(no title)')}</strong></p>"
            f'<p class="meta">{escape(published_text(article))} · {_source_link(article)}'
            f" · id <code>{escape(article.id)}</code></p>"
            f'<div class="body">{body}</div></article>'
        )
    return "\n".join(blocks), split_marks
