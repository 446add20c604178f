"""The brief laid out for a terminal with rich: rules between sections, compact tables.

Evidence reads ``[outlet §n]`` (sentence n of that outlet's article, counted from 1).
Article text is always passed to rich as :class:`~rich.text.Text`, never as markup, so
brackets in an article cannot restyle the report.
"""

from __future__ import annotations

from collections.abc import Iterable
from io import StringIO

from rich import box
from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.rule import Rule
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from newsprism.model import Comparison, Difference, Evidence, Fact, QuoteGroup
from newsprism.report.brevity import Folded, fold, heading_count
from newsprism.report.dates import describe_date
from newsprism.report.evidence import EvidenceIndex, collapse_whitespace
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
)
from newsprism.report.summary import summarise

_REFERENCE_STYLE = "cyan"
_KIND_STYLE = {
    "number": "magenta", "date": "yellow", "name": "green", "negation": "red", "status": "cyan", "qualifier": "blue",
}


MIN_WIDTH = 40
"""Narrower terminals get a 40-column layout: tables cannot fold into fewer columns."""


def render_text(comparison: Comparison, width: int = 100, color: bool = False, full: bool = False) -> str:
    """Render the brief for a terminal ``width`` columns wide; ANSI colours when ``color``.

    Widths under :data:`MIN_WIDTH` are laid out at that width. Folded to be shorter than
    the articles (:mod:`newsprism.report.brevity`) unless ``full``.
    """
    width = max(width, MIN_WIDTH)
    index = EvidenceIndex(comparison)
    buffer = StringIO()
    console = Console(
        file=buffer,
        width=width,
        force_terminal=color,
        color_system="standard" if color else None,
        no_color=not color,
        highlight=False,
        markup=False,
        emoji=False,
        legacy_windows=False,
        _environ={},
    )
    for position, renderable in enumerate(_sections(comparison, index, full)):
        if position and isinstance(renderable, Rule):
            console.print()
        console.print(renderable)
    # rich pads table cells to the column width; trailing blanks only make diffs noisy.
    return "\n".join(line.rstrip(" ") for line in buffer.getvalue().split("\n"))


def _sections(comparison: Comparison, index: EvidenceIndex, full: bool) -> Iterable[RenderableType]:
    yield from _header(comparison, index)
    folded = Folded(comparison, ()) if full else fold(comparison)
    comparison = folded.comparison
    yield from _copy_section(comparison, index)
    facts = split_facts(comparison)
    above = folded.above
    yield from _fact_section("Shared by every outlet", facts.shared, index, False, above.get("shared", 0))
    yield from _fact_section("Carried by some outlets", facts.partial, index, True, above.get("partial", 0))
    if facts.single_by_outlet:
        yield Rule(Text("Carried by one outlet only"), style="bold", align="left")
        for outlet, singles in facts.single_by_outlet:
            yield Text(outlet, style="bold")
            yield _bullets(_fact_lines(fact, index, show_outlets=False, near_words=full) for fact in singles)
    yield from _quote_section(comparison, index)
    yield from _entity_section(comparison, index, folded.entities_shown)
    yield from _timeline_section(comparison, index)
    if folded.notes:
        yield Rule(Text("Not shown"), style="bold", align="left")
        yield _bullets([Text(note)] for note in folded.notes)
        yield Text("(--all shows everything)", style="dim")


def _copy_section(comparison: Comparison, index: EvidenceIndex) -> Iterable[RenderableType]:
    lines = copy_lines(comparison)
    if not lines:
        return
    yield Rule(Text(f"Copied text ({len(lines)})"), style="bold", align="left")
    yield _bullets([Text.assemble(line.text, " ", _references(line.evidence, index))] for line in lines)


def _header(comparison: Comparison, index: EvidenceIndex) -> Iterable[RenderableType]:
    yield Rule(Text(story_title(comparison), style="bold"), style="bold")
    yield Text(summary_line(comparison), style="dim")
    if is_single_source(comparison):
        yield Text("Single source: one article only, nothing to compare against.", style="yellow")
    lines = summarise(comparison)
    if lines:
        yield Text("In short", style="bold")
        yield _bullets([Text.assemble(line.text, " ", _references(line.evidence, index))] for line in lines)
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=True)
    table.add_column("#", no_wrap=True)
    table.add_column("Outlet", ratio=2, min_width=8, overflow="fold")
    table.add_column("Title", ratio=4, overflow="fold")
    table.add_column("Published", no_wrap=True)
    table.add_column("Source", ratio=3, overflow="fold")
    for number, article in enumerate(comparison.articles, 1):
        table.add_row(
            f"A{number}",
            Text(" · ".join(filter(None, (article.name, outlet_labels_text(comparison, article))))),
            Text(article.title or "(no title)"),
            published_text(article),
            Text(article.url or article.source),
        )
    yield table
    if comparison.skipped:
        yield Text("Skipped sources", style="bold red")
        yield _bullets(
            [Text.assemble((failure.source, "bold"), " — ", failure.reason)]
            for failure in comparison.skipped
        )


def _label(evidence: Evidence, index: EvidenceIndex) -> str:
    citation = index.cite(evidence)
    return f"[{citation.outlet} {citation.place}]"


def _reference(evidence: Evidence, index: EvidenceIndex) -> Text:
    return Text(_label(evidence, index), style=_REFERENCE_STYLE)


def _references(evidence: Iterable[Evidence], index: EvidenceIndex) -> Text:
    """One reference per sentence: two spans of one sentence read the same to a reader."""
    labels = dict.fromkeys(_label(item, index) for item in evidence)
    return Text(" ").join(Text(label, style=_REFERENCE_STYLE) for label in labels)


def _fact_section(
    heading: str, facts: tuple[Fact, ...], index: EvidenceIndex, show_outlets: bool, above: int = 0
) -> Iterable[RenderableType]:
    if not facts and not above:
        return
    yield Rule(Text(f"{heading} ({heading_count(len(facts), above)})"), style="bold", align="left")
    if facts:
        yield _bullets(_fact_lines(fact, index, show_outlets) for fact in facts)


def _fact_lines(fact: Fact, index: EvidenceIndex, show_outlets: bool, near_words: bool = True) -> list[Text]:
    """A fact's lines; ``near_words`` False names the outlets that possibly also tell it
    (with their references) without repeating their words."""
    wording = fact_wording(index.comparison, fact)
    index.span_text(wording.shown)  # checks the evidence
    before, focus, after = focus_parts(index.article(wording.shown.article).text, wording)
    lines = [
        Text.assemble(
            before,
            (focus, "bold" if wording.focus else ""),
            after,
            " ",
            _references(fact.statements, index),
        )
    ]
    if show_outlets:
        lines.append(Text.assemble(("carried by: ", "dim"), carried_by(index.comparison, fact)))
    lines.extend(_difference_line(difference, index) for difference in fact.differences)
    if near_words:
        lines.extend(_near_line(near, index) for near in fact.near)
    elif fact.near:
        names = ", ".join(dict.fromkeys(index.article(near.article).name for near in fact.near))
        lines.append(Text.assemble((f"≈ possibly also in {names} ", "dim"), _references(fact.near, index)))
    return lines


def _near_line(near: Evidence, index: EvidenceIndex) -> Text:
    outlet = index.article(near.article).name
    words = collapse_whitespace(index.span_text(near))
    return Text.assemble(
        ("≈ possibly also in ", "dim"), (outlet, "bold"), ": ", f"“{words}” ", _references((near,), index)
    )


def _difference_line(difference: Difference, index: EvidenceIndex) -> Text:
    line = Text.assemble((f"≠ {difference.kind}: ", f"bold {_KIND_STYLE.get(difference.kind, '')}"))
    for position, (wording, evidence) in enumerate(difference_wordings(difference)):
        if position:
            line.append(" · ")
        line.append(f"“{wording}”", style="bold")
        line.append(" ")
        line.append_text(_references(evidence, index))
    return line


def _quote_section(comparison: Comparison, index: EvidenceIndex) -> Iterable[RenderableType]:
    speakers = group_quotes_by_speaker(comparison)
    if not speakers:
        return
    yield Rule(Text(f"Quotes ({len(comparison.quotes)})"), style="bold", align="left")
    for speaker in speakers:
        yield Text(speaker.speaker, style="bold")
        yield _bullets(_quote_lines(group, speaker.speaker, index) for group in speaker.groups)


def _quote_lines(group: QuoteGroup, heading: str, index: EvidenceIndex) -> list[Text]:
    written = speaker_as_written(group, heading)
    note = f" — as written: {collapse_whitespace(written)}" if written else ""
    lines = [Text(f"{group.match}{note}", style="dim")]
    for version in group.versions:
        lines.append(
            Text.assemble(
                (f"{index.article(version.article).name}: ", "bold"),
                f"“{collapse_whitespace(index.span_text(version))}” ",
                _reference(version, index),
            )
        )
    for outlet, outlet_changes in changes_by_outlet(index.comparison, group):
        changes = Text(f"changes in {outlet}: ", style="dim")
        for operation, words in outlet_changes:
            style = "red" if operation == "-" else "green"
            changes.append(f"{operation}{collapse_whitespace(words)}", style=style)
            changes.append("  ")
        changes.rstrip()
        lines.append(changes)
    return lines


def _entity_section(comparison: Comparison, index: EvidenceIndex, shown: int | None) -> Iterable[RenderableType]:
    if not comparison.entities:
        return
    yield Rule(Text(f"Entities ({len(comparison.entities)})"), style="bold", align="left")
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for heading in ("Name", "Type", "Also written", "Mentions"):
        table.add_column(heading, overflow="fold")
    for entity in ordered_entities(comparison)[:shown]:
        table.add_row(
            Text(entity.name),
            entity.type,
            Text(", ".join(alias for alias in entity.aliases if alias != entity.name)),
            Text.assemble(f"{len(entity.mentions)} ", _references(first_mentions(entity), index)),
        )
    yield table


def _timeline_section(comparison: Comparison, index: EvidenceIndex) -> Iterable[RenderableType]:
    if not comparison.timeline:
        return
    yield Rule(Text(f"Timeline ({len(comparison.timeline)})"), style="bold", align="left")
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=True)
    dates = [describe_date(event.date) for event in comparison.timeline]
    table.add_column("Date", min_width=min(max(map(len, dates)), 24), overflow="fold")
    table.add_column("What happened", ratio=5, overflow="fold")
    table.add_column("Sources", ratio=3, overflow="fold")
    for event, date in zip(comparison.timeline, dates, strict=True):
        table.add_row(
            date,
            Text(collapse_whitespace(event.text)),
            _references(event.sources, index),
        )
    yield table


def _bullets(items: Iterable[list[Text]]) -> RenderableType:
    """A list with hanging indents: each item's first line after a bullet, the rest below it."""
    return _BulletList([list(lines) for lines in items])


class _BulletList:
    """Bulleted items wrapped by hand: a rich grid does the same but measures every cell,
    which made the text report ten times slower than the other formats."""

    def __init__(self, items: list[list[Text]]) -> None:
        self.items = items

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = max(options.max_width - 2, 8)
        for lines in self.items:
            marker = "• "
            for text in lines:
                for wrapped in text.wrap(console, width, overflow="fold"):
                    wrapped.rstrip()
                    yield Segment(marker)
                    marker = "  "
                    yield from wrapped.render(console)
                    yield Segment.line()
