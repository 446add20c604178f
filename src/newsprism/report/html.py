"""The brief as an HTML page, laid out by the templates in ``report/templates/``.

The page has the brief on the left and every article's full text on the right. Each fact,
quote and timeline line links to the sentence or exact span it rests on (see
:mod:`newsprism.report.html_anchors`). This module decides what each part shows, as small
frozen values (a :class:`FactView` per fact, a ``Pill`` per citation, ...); the templates
only lay them out, and the template engine escapes every value it writes (``autoescape``),
so no string from an article or an input can become markup. Only plain
http(s) addresses become links (:func:`~newsprism.report.outline.web_url`).

Written to a file the page is self-contained: inline CSS, no scripts, no outside requests.
Inside a site it links its stylesheet instead and keeps inline only the rules for marks cut
into pieces, which :class:`BriefDocument` hands back so the site can allow them by hash.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from jinja2 import ChoiceLoader, Environment, PackageLoader, StrictUndefined

from newsprism.model import Article, Comparison, Difference, Evidence, Fact, QuoteGroup
from newsprism.report.brevity import (
    heading_count,
    more_only_in,
    more_partial,
    ranked_partial,
    ranked_singles,
    without_summarised,
)
from newsprism.report.dates import describe_date, is_resolved_date
from newsprism.report.evidence import EvidenceIndex, collapse_whitespace
from newsprism.report.html_anchors import AnchorMap, MarkedText, Pill
from newsprism.report.outline import (
    carried_by,
    changes_by_outlet,
    copy_lines,
    difference_wordings,
    fact_wording,
    first_mentions,
    focus_parts,
    group_quotes_by_speaker,
    is_single_source,
    ordered_entities,
    outlet_labels_text,
    published_text,
    speaker_as_written,
    split_facts,
    story_title,
    summary_line,
    web_url,
)
from newsprism.report.pictures import COVERAGE_LABELS, coverage, coverage_height, fact_matrix, timeline_chart
from newsprism.report.summary import summarise

# TIMEX3 values that are also valid HTML datetime strings (parts of day like "TEV" are not).
_HTML_DATETIME = re.compile(r"^\d{4}(-W\d{2}|-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2})?)?)?)?$")
_SPACES = re.compile(r"\s+")


@cache
def template_environment(*packages: str) -> Environment:
    """The templates of ``packages`` (``templates/`` in each, first match wins), loaded once.

    Every ``{{ value }}`` is escaped (``autoescape``) and a misspelt name is an error, not
    an empty string (``StrictUndefined``). Block tags on a line of their own leave no
    blank line behind, so templates can be laid out for reading. The web app asks for its
    own package and this one, whose ``document.html`` and ``macros.html`` its pages share.
    """
    return Environment(
        loader=ChoiceLoader([PackageLoader(package, "templates") for package in packages]),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )


def _templates() -> Environment:
    return template_environment("newsprism.report")


@dataclass(frozen=True)
class Piece:
    """Words of a line; ``stressed`` words are the ones that differ between outlets."""

    text: str
    stressed: bool = False


Words = tuple[Piece, ...]


@dataclass(frozen=True)
class Cited:
    """A line of text followed by the pills that cite it."""

    text: str
    pills: tuple[Pill, ...]


@dataclass(frozen=True)
class Version:
    """One outlet's words (its wording of a fact, its version of a quote) and their pill."""

    outlet: str
    words: Words
    pill: Pill


@dataclass(frozen=True)
class DifferenceView:
    """A detail the outlets give differently: its kind and each wording, cited."""

    kind: str
    values: tuple[Cited, ...]


@dataclass(frozen=True)
class FactView:
    """A fact as a brief line; ``focused`` when ``words`` sit inside their shown sentence."""

    before: str
    words: Words
    after: str
    focused: bool
    pills: tuple[Pill, ...]
    carried_by: str | None
    """Which outlets carry it, shown where that is not already the section's point."""
    differences: tuple[DifferenceView, ...]
    versions: tuple[Version, ...]
    """Each outlet's wording, when more than one statement makes the fact."""
    near: tuple[Version, ...] = ()
    """Statements of other outlets that nearly tell it: "possibly also in"."""


@dataclass(frozen=True)
class QuoteView:
    """One quote group: how its versions match, and each outlet's version and changes."""

    match: str
    written: str | None
    versions: tuple[Version, ...]
    changes: tuple[tuple[str, tuple[tuple[str, str], ...]], ...]
    """(outlet, ((operation "-" or "+", words), ...)) against the first version."""


@dataclass(frozen=True)
class EntityRow:
    """A person, organisation or place, cited at its first mention in each article."""

    name: str
    type: str
    aliases: str
    mentions: int
    pills: tuple[Pill, ...]


@dataclass(frozen=True)
class EventView:
    """A timeline line: the date as read, as an HTML datetime when it is a valid one."""

    date: str
    datetime: str | None
    resolved: bool
    text: str
    pills: tuple[Pill, ...]


@dataclass(frozen=True)
class Section:
    """A section of the brief, listed in its navigation; ``layout`` names its macro."""

    id: str
    heading: str
    count: str
    """How many items it has, as its heading says it ("10, 4 of them in short above")."""
    layout: str
    items: tuple[Any, ...]
    more: tuple[tuple[Any, ...], str] = ((), "")
    """Items folded away under a note that counts them ("and 12 more facts ..."), shown
    when the reader opens it."""


@dataclass(frozen=True)
class ArticleView:
    """An article in the header table and in full beside the brief."""

    number: int
    name: str
    labels: str
    """The source table's labels of its outlet, on one line; empty without a table."""
    title: str
    published: str
    link: str | None
    """A plain http(s) address, safe to link; None when ``source`` is shown as text."""
    source: str
    id: str
    text: MarkedText


@dataclass(frozen=True)
class BriefDocument:
    """A rendered brief, with the exact text of its ``<style>`` element ("" when none).

    A site that links the stylesheet allows that text by its hash in a Content-Security-
    Policy rather than allowing every inline style.
    """

    html: str
    inline_style: str


def render_html(comparison: Comparison, links: Sequence[tuple[str, str]] = ()) -> str:
    """Render the brief as one self-contained HTML document (its CSS inline).

    ``links`` are (address, label) pairs shown above the brief, for a page that lives
    inside a site (the web app links back to its story list and to other formats).
    """
    return brief_document(comparison, links).html


def brief_document(
    comparison: Comparison, links: Sequence[tuple[str, str]] = (), stylesheet: str | None = None
) -> BriefDocument:
    """Render the brief, and say what its ``<style>`` element holds.

    With ``stylesheet`` (the address of ``brief.css``) the page links it instead of
    inlining it, and keeps inline only the rules for marks cut into pieces, if any.
    """
    page = _Page(comparison)
    bars = coverage(comparison) if len(comparison.articles) > 1 else ()
    articles = tuple(_article_view(page, number, item) for number, item in enumerate(comparison.articles, 1))
    split_marks = tuple(mark for article in articles for mark in article.text.split_marks)
    style = {"stylesheet": stylesheet, "split_marks": split_marks}
    has_style = stylesheet is None or bool(split_marks)
    # The page includes the same inline_style.css template, so the two texts are one.
    inline_style = _templates().get_template("inline_style.css").render(style) if has_style else ""
    html = _templates().get_template("brief.html").render(
        title=story_title(comparison),
        summary=summary_line(comparison),
        single_source=is_single_source(comparison),
        links=tuple(links),
        articles=articles,
        skipped=comparison.skipped,
        in_short=_in_short(page),
        coverage=bars,
        coverage_height=coverage_height(bars),
        coverage_kinds=tuple(COVERAGE_LABELS.items()),
        matrix=fact_matrix(comparison),
        timeline_chart=timeline_chart(comparison),
        sections=_sections(page),
        has_style=has_style,
        **style,
    )
    return BriefDocument(html, inline_style)


class _Page:
    """The lookups every part of one page needs: article numbers, offsets, anchors."""

    def __init__(self, comparison: Comparison) -> None:
        self.comparison = comparison
        self.index = EvidenceIndex(comparison)
        self.anchors = AnchorMap(comparison, self.index)

    def words(self, evidence: Evidence, stressed: Iterable[Evidence] = ()) -> Words:
        """The words of ``evidence`` on one line, the ``stressed`` spans inside it apart.

        Used to show, in a statement, the very words that differ between outlets.
        """
        text = self.index.article(evidence.article).text
        self.index.span_text(evidence)  # raises when the evidence lies outside its article
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
            pieces += [Piece(text[position:start]), Piece(text[start:end], stressed=True)]
            position = end
        pieces.append(Piece(text[position : evidence.end]))
        return _one_line(pieces)

    def version(self, evidence: Evidence, stressed: Iterable[Evidence] = ()) -> Version:
        """The outlet's words of ``evidence`` with their pill."""
        outlet = self.index.article(evidence.article).name
        return Version(outlet, self.words(evidence, stressed), self.anchors.pill(evidence))


def _one_line(pieces: list[Piece]) -> Words:
    """Each run of whitespace as one space, none at either end: a brief line is one line."""
    line = [Piece(_SPACES.sub(" ", piece.text), piece.stressed) for piece in pieces]
    line[0] = Piece(line[0].text.lstrip(), line[0].stressed)
    line[-1] = Piece(line[-1].text.rstrip(), line[-1].stressed)
    return tuple(line)


def _article_view(page: _Page, number: int, article: Article) -> ArticleView:
    link = web_url(article.url)
    return ArticleView(
        number=number,
        name=article.name,
        labels=outlet_labels_text(page.comparison, article),
        title=article.title or "(no title)",
        published=published_text(article),
        link=link,
        source=link or article.url or article.source,
        id=article.id,
        text=page.anchors.marked_text(article),
    )


def _in_short(page: _Page) -> Section | None:
    """The summary that opens the page, above the articles table."""
    lines = tuple(Cited(line.text, page.anchors.pills(line.evidence)) for line in summarise(page.comparison))
    return Section("in-short", "In short", str(len(lines)), "lines", lines) if lines else None


def _sections(page: _Page) -> tuple[Section, ...]:
    """The brief's sections in page order, leaving out the empty ones.

    Nothing twice: what the summary states is left out and counted in the headings. Each
    outlet's own facts show the most telling first, the rest inside an expandable element.
    """
    unsaid = without_summarised(page.comparison)
    comparison, above = unsaid.comparison, unsaid.above
    facts = split_facts(comparison)
    singles = []
    for outlet, group in facts.single_by_outlet:
        shown, rest = ranked_singles(comparison, group)
        singles.append((outlet, _fact_views(page, shown), _fact_views(page, rest), more_only_in(len(rest), outlet)))
    copies = tuple(Cited(line.text, page.anchors.pills(line.evidence)) for line in copy_lines(comparison))
    partial_shown, partial_rest = ranked_partial(comparison, facts.partial)
    shared, partial = _fact_views(page, facts.shared), _fact_views(page, partial_shown, show_outlets=True)
    partial_more = (_fact_views(page, partial_rest, show_outlets=True), more_partial(len(partial_rest)))
    single_count = sum(len(group) for _, group in facts.single_by_outlet)
    entities = _entity_rows(page)
    quotes = _speakers(page, comparison)
    candidates = (
        Section("copies", "Copied text", str(len(copies)), "lines", copies),
        Section("shared", "Shared by every outlet", heading_count(len(shared), above["shared"]), "facts", shared),
        Section("partial", "Carried by some outlets", heading_count(len(facts.partial), above["partial"]), "facts", partial, partial_more),
        Section("single", "Carried by one outlet only", str(single_count), "by_outlet", tuple(singles)),
        Section("quotes", "Who said what", str(len(comparison.quotes)), "speakers", quotes),
        Section("entities", "People, organisations, places", str(len(entities)), "entities", entities),
        Section("timeline", "Timeline", str(len(comparison.timeline)), "timeline", _event_views(page)),
    )
    return tuple(section for section in candidates if section.items or above.get(section.id))


def _fact_views(page: _Page, facts: Iterable[Fact], show_outlets: bool = False) -> tuple[FactView, ...]:
    return tuple(_fact_view(page, fact, show_outlets) for fact in facts)


def _fact_view(page: _Page, fact: Fact, show_outlets: bool) -> FactView:
    differing = [evidence for item in fact.differences for _, evidence in item.values]
    wording = fact_wording(page.comparison, fact)
    before = after = ""
    if wording.focus is not None:
        before, _, after = focus_parts(page.index.article(wording.shown.article).text, wording)
    return FactView(
        before=before,
        words=page.words(wording.shown if wording.focus is None else wording.focus, differing),
        after=after,
        focused=wording.focus is not None,
        pills=page.anchors.pills(fact.statements),
        carried_by=carried_by(page.comparison, fact) if show_outlets else None,
        differences=tuple(_difference_view(page, difference) for difference in fact.differences),
        versions=_versions(page, fact.statements, differing) if len(fact.statements) > 1 else (),
        near=_versions(page, fact.near, []),
    )


def _versions(page: _Page, statements: Iterable[Evidence], differing: list[Evidence]) -> tuple[Version, ...]:
    return tuple(page.version(statement, differing) for statement in statements)


def _difference_view(page: _Page, difference: Difference) -> DifferenceView:
    values = tuple(
        Cited(wording, page.anchors.pills(evidence)) for wording, evidence in difference_wordings(difference)
    )
    return DifferenceView(difference.kind, values)


def _speakers(page: _Page, comparison: Comparison) -> tuple[tuple[str, tuple[QuoteView, ...]], ...]:
    """Each speaker's name with their quote groups of ``comparison``, speakers in order of
    first quote."""
    return tuple(
        (speaker.speaker, tuple(_quote_view(page, group, speaker.speaker) for group in speaker.groups))
        for speaker in group_quotes_by_speaker(comparison)
    )


def _quote_view(page: _Page, group: QuoteGroup, heading: str) -> QuoteView:
    changes = tuple(
        (outlet, tuple((operation, collapse_whitespace(words)) for operation, words in outlet_changes))
        for outlet, outlet_changes in changes_by_outlet(page.comparison, group)
    )
    versions = tuple(page.version(version) for version in group.versions)
    return QuoteView(group.match, speaker_as_written(group, heading), versions, changes)


def _entity_rows(page: _Page) -> tuple[EntityRow, ...]:
    return tuple(
        EntityRow(
            entity.name,
            entity.type,
            ", ".join(alias for alias in entity.aliases if alias != entity.name),
            len(entity.mentions),
            page.anchors.pills(first_mentions(entity)),
        )
        for entity in ordered_entities(page.comparison)
    )


def _event_views(page: _Page) -> tuple[EventView, ...]:
    return tuple(
        EventView(
            date=describe_date(event.date),
            datetime=event.date if _HTML_DATETIME.match(event.date) else None,
            resolved=is_resolved_date(event.date),
            text=collapse_whitespace(event.text),
            pills=page.anchors.pills(event.sources),
        )
        for event in page.comparison.timeline
    )
