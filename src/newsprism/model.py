"""The document model: frozen dataclasses shared by every stage.

Every annotation is a pair of character offsets into ``Article.text`` (the article body as
newsprism stores it; the title is kept apart in ``Article.title``). Nothing here does I/O.
Stages add annotations with :func:`dataclasses.replace` and never copy text into them, so a
reader can always go back from any claim to the exact words that support it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal, overload

from newsprism.common.grouping import Groups

EntityType = str
"""A spaCy-style entity label: PERSON, ORG, GPE, LOC, NORP, FAC, EVENT, ..."""

MentionKind = Literal["name", "role", "pronoun"]
QuoteKind = Literal["direct", "partial"]
TimeType = Literal["DATE", "TIME", "DURATION", "SET"]
FactStatus = Literal["shared", "partial", "single"]
DifferenceKind = Literal["number", "date", "name", "negation", "status", "qualifier"]
QuoteMatch = Literal["identical", "punctuation", "reworded", "shortened", "single"]
CopyKind = Literal["reprint", "passages"]


@overload
def wall_clock(moment: datetime) -> datetime: ...
@overload
def wall_clock(moment: datetime | None) -> datetime | None: ...
def wall_clock(moment: datetime | None) -> datetime | None:
    """A time as written, its UTC offset dropped (None stays None).

    Sources mix times with and without offsets; newsprism compares them as written.
    """
    return None if moment is None else moment.replace(tzinfo=None)


@dataclass(frozen=True)
class Span:
    """Half-open character range ``[start, end)`` into an article's text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span [{self.start}, {self.end})")

    def of(self, text: str) -> str:
        """Return the characters of ``text`` this span covers."""
        return text[self.start : self.end]

    def overlaps(self, other: Span) -> bool:
        """True when the two spans share at least one character."""
        return self.start < other.end and other.start < self.end

    def contains(self, other: Span) -> bool:
        """True when ``other`` lies wholly inside this span."""
        return self.start <= other.start and other.end <= self.end


@dataclass(frozen=True)
class Mention:
    """A mention of an entity inside one article.

    ``kind`` says how it names the entity: by name ("John Healey", "Healey"), by role
    ("the defence secretary"), or by pronoun ("he"). ``entity`` is the article-local entity
    id (``"E1"``, ...) that every mention of the same entity in this article shares.
    """

    start: int
    end: int
    label: EntityType
    kind: MentionKind = "name"
    entity: str = ""

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)


@dataclass(frozen=True)
class Quote:
    """Words an article attributes to a speaker.

    ``start``/``end`` cover the quoted words without their quotation marks; a quote that
    runs over several paragraphs covers all of them. ``speaker`` is the speaker as written
    near the quote ("he", "a Downing Street spokesperson", "Healey"); ``speaker_resolved``
    is the named mention it refers to when the speaker is a pronoun or a role (else equal to
    ``speaker``). ``cue`` is the speech verb or phrase ("said", "according to").
    ``kind`` is "direct" for a quotation that stands as speech and "partial" for a quoted
    fragment inside running text ('called for a "truce in the sky"').
    """

    start: int
    end: int
    kind: QuoteKind = "direct"
    speaker: Span | None = None
    speaker_resolved: Span | None = None
    cue: Span | None = None

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)


@dataclass(frozen=True)
class TimeExpression:
    """A time expression with its TIMEX3 type and value.

    ``value`` is a TIMEX3 value ("2025-03-05", "2025-W09", "P2D", "PRESENT_REF",
    "2025-03-03TAF"). When the article has no publication date a relative expression cannot
    be resolved: ``resolved`` is then False and ``value`` keeps an unanchored form
    ("XXXX-XX-XX" style) while ``relative`` says what it means ("previous Tuesday").
    ``modifier`` is True for a date that names a thing ("the 2016 election") rather than
    saying when the statement around it happens.
    """

    start: int
    end: int
    type: TimeType
    value: str
    resolved: bool = True
    relative: str = ""
    modifier: bool = False

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)


@dataclass(frozen=True)
class Clause:
    """One statement inside a sentence: a predicate with its own arguments.

    ``terms`` are the clause's content words as lower-case lemmas, the features used to
    find the same statement in other reports (derived from the text, never shown).
    The predicate-argument frame says who did what to whom, as the parse reads it:
    ``predicate`` is the lemma of the main verb ("halt" in "is considering halting aid"),
    ``agent`` the span of who acts (the subject, or the "by" phrase of a passive),
    ``patient`` the span of what is acted on (the object, or the subject of a passive),
    ``negated`` whether the predicate is negated, and ``modality`` how surely it holds:
    "" (as a fact), "future", "possible", "reported", or the stance of a verb that governs
    it ("considering", "planned", "expected", "decided", "agreed", "refused",
    "threatened", "attempted").
    """

    start: int
    end: int
    sentence: int
    terms: tuple[str, ...] = ()
    predicate: str = ""
    agent: Span | None = None
    patient: Span | None = None
    negated: bool = False
    modality: str = ""

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)


@dataclass(frozen=True)
class Vectors:
    """Meaning vectors of an article's clauses: one row per clause, in clause order.

    ``data`` holds ``len(clauses) * size`` little-endian float16 values; ``model`` names
    what made them, since vectors of two models cannot be compared.
    """

    size: int
    data: bytes
    model: str = ""


@dataclass(frozen=True)
class Article:
    """One news report: its text, where it came from, and its annotations.

    ``id`` is the id the article came with (a JSONL ``id``), else its URL, else the path it
    was read from. ``source`` is the input it was read from (path or URL).
    """

    id: str
    text: str
    source: str
    title: str | None = None
    outlet: str | None = None
    published: datetime | None = None
    url: str | None = None
    sentences: tuple[Span, ...] = ()
    mentions: tuple[Mention, ...] = ()
    quotes: tuple[Quote, ...] = ()
    times: tuple[TimeExpression, ...] = ()
    clauses: tuple[Clause, ...] = ()
    meaning: Vectors | None = None

    @property
    def name(self) -> str:
        """The outlet when known, else the id: how reports name the article to a reader."""
        return self.outlet or self.id

    def speaker_entity(self, quote: Quote) -> str | None:
        """The article-local entity id of ``quote``'s speaker, or None when no mention gives one.

        Looks at the mentions overlapping ``speaker_resolved`` (the named person a pronoun or
        role refers to), then ``speaker``. Among them a person comes before an organisation
        before anything else (in "the Ukrainian leader" the leader speaks, not "Ukrainian"),
        then the mention sharing most characters, then a name before a role.
        """
        for span in (quote.speaker_resolved, quote.speaker):
            if span is None:
                continue
            inside = [m for m in self.mentions if m.entity and m.span.overlaps(span)]
            if inside:
                return min(inside, key=lambda mention: _speaker_rank(mention, span)).entity
        return None

    def sentence_index(self, offset: int) -> int:
        """Index of the sentence containing character ``offset`` (-1 when none does)."""
        for index, sentence in enumerate(self.sentences):
            if sentence.start <= offset < sentence.end:
                return index
        return -1


SPEAKER_LABELS = {"PERSON": 0, "ORG": 1}
"""Mention labels that can speak, best first."""


def _speaker_rank(mention: Mention, span: Span) -> tuple[int, int, bool]:
    shared = min(mention.end, span.end) - max(mention.start, span.start)
    return (SPEAKER_LABELS.get(mention.label, 2), -shared, mention.kind != "name")


@dataclass(frozen=True)
class SourceFailure:
    """An input that could not be read, with the reason in one line."""

    source: str
    reason: str


# --- Story-level results -------------------------------------------------------------


@dataclass(frozen=True)
class Evidence:
    """Characters ``[start, end)`` of article ``article``: the words that support a claim.

    ``sentence`` is the index of the sentence in that article (-1 when not one sentence).
    """

    article: str
    start: int
    end: int
    sentence: int = -1


@dataclass(frozen=True)
class Entity:
    """One person, organisation or place, merged across every report of a story.

    ``named`` is False when no report names it, only a role or a pronoun ("the president",
    "his spokesperson"): such an entity links mentions but is not listed in a brief.
    """

    id: str
    name: str
    type: EntityType
    aliases: tuple[str, ...] = ()
    mentions: tuple[Evidence, ...] = ()
    named: bool = True


@dataclass(frozen=True)
class Difference:
    """A detail that differs between statements of one fact.

    ``values`` pairs each differing wording with the evidence it comes from.
    """

    kind: DifferenceKind
    values: tuple[tuple[str, Evidence], ...]


@dataclass(frozen=True)
class Fact:
    """Statements from different reports that state the same thing.

    ``outlets`` names every outlet carrying it; ``status`` is "shared" when every report of
    the story carries it, "partial" when more than one but not all do, "single" otherwise.
    ``near`` holds, for outlets not carrying it, the statement of each that comes closest
    without telling it for sure: the brief shows them as "possibly also in" instead of
    claiming the fact for fewer outlets than may carry it. Facts with one ``event`` number
    tell one happening (another detail of it, or it in other terms); -1 when unknown.
    """

    statements: tuple[Evidence, ...]
    outlets: tuple[str, ...]
    status: FactStatus
    differences: tuple[Difference, ...] = ()
    near: tuple[Evidence, ...] = ()
    event: int = -1


@dataclass(frozen=True)
class WordChange:
    """Words the version of article ``article`` drops ("-") or adds ("+") against the
    group's first version (the one the others differ from least)."""

    article: str
    operation: str
    words: str


@dataclass(frozen=True)
class QuoteGroup:
    """One utterance of one speaker as each report quotes it.

    ``match`` classes the versions: identical, differing only in punctuation or case,
    reworded, shortened, or "single" when one report alone carries it. ``changes`` lists
    the word-level edits of each other report's version against the first version, the
    wording the others differ from least (so a report that misquotes is the one with
    changes).
    """

    speaker: str | None
    speaker_text: str
    versions: tuple[Evidence, ...]
    match: QuoteMatch
    changes: tuple[WordChange, ...] = ()


@dataclass(frozen=True)
class TimelineEvent:
    """Something that happened (or will) on ``date``, with the sentences that say so.

    ``date`` is a TIMEX3 value: a day ("2025-03-05"), a week, a month, or an unresolved
    relative form when no report has a publication date.
    """

    date: str
    text: str
    sources: tuple[Evidence, ...]


@dataclass(frozen=True)
class CopiedText:
    """Sentences a report repeats word for word from an earlier report of the story.

    Words inside quotation marks do not count: outlets quoting one speaker share those
    anyway. ``origin`` and ``copy`` are article ids; ``passages`` pairs each repeated
    sentence of the origin with its repetition in the copy, in the copy's order. ``share``
    is the part of the copy's words (outside quotes) in those sentences; ``kind`` is
    "reprint" when that is at least half, else "passages". ``dated`` is False when the
    publication times cannot tell which came first (``origin`` is then the article given
    first).
    """

    origin: str
    copy: str
    kind: CopyKind
    share: float
    passages: tuple[tuple[Evidence, Evidence], ...]
    dated: bool = True


@dataclass(frozen=True)
class Comparison:
    """Everything ``brief`` finds about one story."""

    articles: tuple[Article, ...]
    entities: tuple[Entity, ...] = ()
    facts: tuple[Fact, ...] = ()
    quotes: tuple[QuoteGroup, ...] = ()
    timeline: tuple[TimelineEvent, ...] = ()
    skipped: tuple[SourceFailure, ...] = field(default=())
    copies: tuple[CopiedText, ...] = ()
    outlet_labels: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()
    """What a source table (``--sources``) says of each outlet: (outlet, ((column, value), ...))."""

    def labels_of(self, outlet: str) -> dict[str, str]:
        """The source table's labels of ``outlet`` (empty when the table does not list it)."""
        for name, labels in self.outlet_labels:
            if name == outlet:
                return dict(labels)
        return {}

    def independent_sources(self, article_ids: tuple[str, ...] | None = None) -> int:
        """How many independent sources the articles are, a reprint counting with its origin.

        Counts among ``article_ids`` (every article when None); outlets sharing only some
        passages stay apart.
        """
        chosen = [a.id for a in self.articles] if article_ids is None else article_ids
        ids = list(dict.fromkeys(chosen))
        index = {article_id: number for number, article_id in enumerate(ids)}
        groups = Groups(len(ids))
        for copied in self.copies:
            if copied.kind == "reprint" and copied.origin in index and copied.copy in index:
                groups.join(index[copied.origin], index[copied.copy])
        return len({groups.find(number) for number in range(len(ids))})

    def article(self, article_id: str) -> Article:
        """The article with id ``article_id``."""
        for article in self.articles:
            if article.id == article_id:
                return article
        raise KeyError(article_id)
