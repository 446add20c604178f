"""The brief as GitHub-flavoured Markdown.

Evidence reads ``[A1 §3]``: sentence 3 of article A1. A "Sources" section at the end lists,
per article, every sentence the brief cites, so a reader can check each line on the page.
Article text is backslash-escaped so it cannot open links, emphasis, tables or HTML.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from newsprism.model import Comparison, Difference, Evidence, Fact, QuoteGroup
from newsprism.report.brevity import Folded, fold, heading_count
from newsprism.report.dates import describe_date
from newsprism.report.evidence import EvidenceIndex, collapse_whitespace
from newsprism.report.outline import (
    carried_by,
    changes_by_outlet,
    cited_evidence,
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
from newsprism.report.summary import summarise

# Characters that start Markdown or HTML constructs inside a line or a table cell.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&#!])")


def escape_markdown(text: str) -> str:
    """``text`` on one line, with every character Markdown could act on escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", collapse_whitespace(text))


def render_markdown(comparison: Comparison, full: bool = False) -> str:
    """Render the brief as one Markdown document ending in a newline; folded to be shorter
    than the articles (:mod:`newsprism.report.brevity`) unless ``full``."""
    index = EvidenceIndex(comparison)
    folded = Folded(comparison, ()) if full else fold(comparison)
    shown = folded.comparison
    blocks = [
        *_header(comparison, index),
        *_copy_section(shown, index),
        *_fact_sections(shown, index, folded.above, near_words=full),
        *_quote_section(shown, index),
        *_entity_section(shown, index, folded.entities_shown),
        *_timeline_section(shown, index),
        *(_sources_section(shown, index) if full else ()),
    ]
    if folded.notes:
        notes = "\n".join(f"- {escape_markdown(note)}" for note in folded.notes)
        blocks.append(f"## Not shown\n\n{notes}\n\n*(--all shows everything)*")
    return "\n\n".join(blocks) + "\n"


def _reference(evidence: Evidence, index: EvidenceIndex) -> str:
    citation = index.cite(evidence)
    return f"[{citation.article_label} {citation.place}]"


def _references(evidence: Iterable[Evidence], index: EvidenceIndex) -> str:
    """One reference per sentence: two spans of one sentence read the same to a reader."""
    return " ".join(dict.fromkeys(_reference(item, index) for item in evidence))


def _table(headings: list[str], rows: Iterable[list[str]]) -> str:
    lines = ["| " + " | ".join(headings) + " |", "|" + "---|" * len(headings)]
    lines.extend("| " + " | ".join(row) + " |" for row in rows)
    return "\n".join(lines)


def _header(comparison: Comparison, index: EvidenceIndex) -> Iterable[str]:
    yield f"# {escape_markdown(story_title(comparison))}"
    yield f"*{escape_markdown(summary_line(comparison))}*"
    if is_single_source(comparison):
        yield "> **Single source:** one article only, nothing to compare against."
    lines = summarise(comparison)
    if lines:
        items = (f"- {escape_markdown(line.text)} {_references(line.evidence, index)}" for line in lines)
        yield "## In short\n\n" + "\n".join(items)
    rows = []
    for number, article in enumerate(comparison.articles, 1):
        url = web_url(article.url)
        source = f"<{url}>" if url else escape_markdown(article.url or article.source)
        title = escape_markdown(article.title or "(no title)")
        outlet = " · ".join(filter(None, (article.name, outlet_labels_text(comparison, article))))
        rows.append(
            [f"A{number}", escape_markdown(outlet), title, published_text(article), source]
        )
    yield "## Articles\n\n" + _table(["", "Outlet", "Title", "Published", "Source"], rows)
    if comparison.skipped:
        items = (
            f"- {escape_markdown(failure.source)}: {escape_markdown(failure.reason)}"
            for failure in comparison.skipped
        )
        yield "### Skipped sources\n\n" + "\n".join(items)


def _copy_section(comparison: Comparison, index: EvidenceIndex) -> Iterable[str]:
    lines = copy_lines(comparison)
    if lines:
        items = "\n".join(
            f"- {escape_markdown(line.text)} {_references(line.evidence, index)}" for line in lines
        )
        yield f"## Copied text ({len(lines)})\n\n{items}"


def _fact_sections(
    comparison: Comparison, index: EvidenceIndex, above: dict[str, int], near_words: bool = True
) -> Iterable[str]:
    facts = split_facts(comparison)
    for name, heading, listed, show_outlets in (
        ("shared", "Shared by every outlet", facts.shared, False),
        ("partial", "Carried by some outlets", facts.partial, True),
    ):
        if listed or above.get(name):
            count = heading_count(len(listed), above.get(name, 0))
            yield "\n\n".join(filter(None, (f"## {heading} ({count})", _fact_list(listed, index, show_outlets))))
    if facts.single_by_outlet:
        parts = ["## Carried by one outlet only"]
        for outlet, singles in facts.single_by_outlet:
            items = "\n".join(_fact_item(fact, index, False, near_words) for fact in singles)
            parts.append(f"### {escape_markdown(outlet)}\n\n" + items)
        yield "\n\n".join(parts)


def _fact_list(facts: Iterable[Fact], index: EvidenceIndex, show_outlets: bool) -> str:
    return "\n".join(_fact_item(fact, index, show_outlets) for fact in facts)


def _fact_item(fact: Fact, index: EvidenceIndex, show_outlets: bool, near_words: bool = True) -> str:
    """A fact's lines; ``near_words`` False names the outlets that possibly also tell it
    (with their references) without repeating their words."""
    lines = [f"- {_wording(fact, index)} {_references(fact.statements, index)}"]
    if show_outlets:
        lines.append(f"  - *Carried by:* {escape_markdown(carried_by(index.comparison, fact))}")
    lines.extend(f"  - {_difference(difference, index)}" for difference in fact.differences)
    if near_words:
        lines.extend(f"  - {_near(near, index)}" for near in fact.near)
    elif fact.near:
        names = ", ".join(dict.fromkeys(escape_markdown(index.article(near.article).name) for near in fact.near))
        lines.append(f"  - *Possibly also in {names}* {_references(fact.near, index)}")
    return "\n".join(lines)


def _near(near: Evidence, index: EvidenceIndex) -> str:
    outlet = escape_markdown(index.article(near.article).name)
    words = escape_markdown(collapse_whitespace(index.span_text(near)))
    return f"*Possibly also in {outlet}:* “{words}” {_references((near,), index)}"


def _wording(fact: Fact, index: EvidenceIndex) -> str:
    """The fact's words; the fact itself in bold when its whole sentence is shown."""
    wording = fact_wording(index.comparison, fact)
    index.span_text(wording.shown)  # checks the evidence
    before, focus, after = focus_parts(index.article(wording.shown.article).text, wording)
    if wording.focus is None:
        return escape_markdown(focus)
    return "".join(
        [
            escape_markdown(before) + (" " if before.endswith(" ") else ""),
            f"**{escape_markdown(focus)}**",
            (" " if after.startswith(" ") else "") + escape_markdown(after),
        ]
    )


def _difference(difference: Difference, index: EvidenceIndex) -> str:
    values = " · ".join(
        f"“{escape_markdown(wording)}” ({_outlets(evidence, index)}) {_references(evidence, index)}"
        for wording, evidence in difference_wordings(difference)
    )
    return f"**Differs ({difference.kind}):** {values}"


def _outlets(evidence: Iterable[Evidence], index: EvidenceIndex) -> str:
    names = dict.fromkeys(index.article(item.article).name for item in evidence)
    return escape_markdown(", ".join(names))


def _quote_section(comparison: Comparison, index: EvidenceIndex) -> Iterable[str]:
    speakers = group_quotes_by_speaker(comparison)
    if not speakers:
        return
    parts = [f"## Quotes ({len(comparison.quotes)})"]
    for speaker in speakers:
        items = "\n".join(_quote_item(group, speaker.speaker, index) for group in speaker.groups)
        parts.append(f"### {escape_markdown(speaker.speaker)}\n\n{items}")
    yield "\n\n".join(parts)


def _quote_item(group: QuoteGroup, heading: str, index: EvidenceIndex) -> str:
    written = speaker_as_written(group, heading)
    note = f" (as written: {escape_markdown(written)})" if written else ""
    lines = [f"- **{group.match}**{note}"]
    for version in group.versions:
        outlet = escape_markdown(index.article(version.article).name)
        quoted = escape_markdown(index.span_text(version))
        lines.append(f"  - {outlet}: “{quoted}” {_reference(version, index)}")
    for outlet, outlet_changes in changes_by_outlet(index.comparison, group):
        changes = " ".join(_change(operation, words) for operation, words in outlet_changes)
        lines.append(f"  - *Changes in {escape_markdown(outlet)}:* {changes}")
    return "\n".join(lines)


def _change(operation: str, words: str) -> str:
    """Removed words struck through, added words in bold, each behind its sign."""
    if operation == "-":
        return f"−~~{escape_markdown(words)}~~"
    return f"+**{escape_markdown(words)}**"


def _entity_section(comparison: Comparison, index: EvidenceIndex, shown: int | None) -> Iterable[str]:
    if not comparison.entities:
        return
    rows = []
    for entity in ordered_entities(comparison)[:shown]:
        aliases = ", ".join(alias for alias in entity.aliases if alias != entity.name)
        mentions = f"{len(entity.mentions)} {_references(first_mentions(entity), index)}"
        rows.append(
            [
                escape_markdown(entity.name),
                escape_markdown(entity.type),
                escape_markdown(aliases),
                mentions.strip(),
            ]
        )
    yield f"## Entities ({len(comparison.entities)})\n\n" + _table(
        ["Name", "Type", "Also written", "Mentions"], rows
    )


def _timeline_section(comparison: Comparison, index: EvidenceIndex) -> Iterable[str]:
    if not comparison.timeline:
        return
    rows = [
        [
            escape_markdown(describe_date(event.date)),
            escape_markdown(event.text),
            _references(event.sources, index),
        ]
        for event in comparison.timeline
    ]
    yield f"## Timeline ({len(comparison.timeline)})\n\n" + _table(
        ["Date", "What happened", "Sources"], rows
    )


def _sources_section(comparison: Comparison, index: EvidenceIndex) -> Iterable[str]:
    """Each article's cited sentences (or spans, where no sentence is known), in text order."""
    cited: dict[str, dict[str, tuple[int, str]]] = {}
    for evidence in cited_evidence(comparison):
        citation = index.cite(evidence)
        span = index.sentence_span(evidence)
        text = index.article(evidence.article).text[span.start : span.end]
        cited.setdefault(evidence.article, {})[citation.place] = (span.start, text)
    if not cited:
        return
    parts = ["## Sources"]
    for number, article in enumerate(comparison.articles, 1):
        if article.id not in cited:
            continue
        lines = [
            f"- **A{number} {place}** {escape_markdown(text)}"
            for place, (_, text) in sorted(cited[article.id].items(), key=lambda item: item[1][0])
        ]
        parts.append(f"### A{number} · {escape_markdown(article.name)}\n\n" + "\n".join(lines))
    yield "\n\n".join(parts)
