"""Hand-made articles and comparisons for the report tests.

``ArticleBuilder`` writes an article sentence by sentence and remembers each sentence's
span, so tests can point evidence at a phrase by its words instead of counting offsets.
The story is invented: a footbridge in the fictional town of Marrowby.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from newsprism.model import (
    Article,
    Comparison,
    CopiedText,
    Difference,
    Entity,
    Evidence,
    Fact,
    Mention,
    Quote,
    QuoteGroup,
    SourceFailure,
    Span,
    TimeExpression,
    TimelineEvent,
    WordChange,
)


@dataclass
class ArticleBuilder:
    """Collects sentences (joined by spaces, paragraphs by blank lines) into an Article."""

    id: str
    outlet: str | None = None
    title: str | None = None
    published: datetime | None = None
    url: str | None = None
    text: str = ""
    sentences: list[Span] = field(default_factory=list)

    def sentence(self, words: str, new_paragraph: bool = False) -> ArticleBuilder:
        """Append one sentence; start a new paragraph first when asked."""
        if self.text:
            self.text += "\n\n" if new_paragraph else " "
        start = len(self.text)
        self.text += words
        self.sentences.append(Span(start, len(self.text)))
        return self

    def build(self, **annotations: object) -> Article:
        """The article, with any extra annotation fields (mentions, quotes, times)."""
        return Article(
            id=self.id,
            text=self.text,
            source=f"{self.id}.txt",
            title=self.title,
            outlet=self.outlet,
            published=self.published,
            url=self.url,
            sentences=tuple(self.sentences),
            **annotations,  # type: ignore[arg-type]
        )


def find(article: Article, phrase: str, occurrence: int = 0) -> Evidence:
    """Evidence for the ``occurrence``-th appearance of ``phrase`` in the article."""
    start = -1
    for _ in range(occurrence + 1):
        start = article.text.index(phrase, start + 1)
    return Evidence(article.id, start, start + len(phrase), article.sentence_index(start))


def sentence(article: Article, index: int) -> Evidence:
    """Evidence covering the whole sentence ``index`` (0-based) of the article."""
    span = article.sentences[index]
    return Evidence(article.id, span.start, span.end, index)


def span_of(article: Article, phrase: str) -> Span:
    """The span of the first appearance of ``phrase``."""
    start = article.text.index(phrase)
    return Span(start, start + len(phrase))


MARCH_4 = datetime(2031, 3, 4, 9, 30, tzinfo=UTC)


def ledger_article() -> Article:
    builder = ArticleBuilder(
        "ledger-1",
        "Northern Ledger",
        "Marrowby footbridge to reopen on Friday",
        MARCH_4,
        "https://ledger.example/marrowby-bridge",
    )
    builder.sentence("The Marrowby footbridge will reopen on Friday after repairs costing £4.2m.")
    builder.sentence("Mayor Ada Quill said the work had finished two weeks early.")
    builder.sentence(
        "\u201cThis bridge joins the two halves of our town again,\u201d Ms Quill said.",
        new_paragraph=True,
    )
    builder.sentence("Engineers closed the bridge last October after a barge struck it.")
    return builder.build()


def harbour_article() -> Article:
    builder = ArticleBuilder(
        "harbour-7",
        "Daily Harbour",
        "Bridge repairs finish early in Marrowby",
        datetime(2031, 3, 4, 11, 0, tzinfo=UTC),
        "https://harbour.example/news/7",
    )
    builder.sentence("Marrowby's footbridge reopens on Friday after a £4.5m repair.")
    builder.sentence(
        "\u201cThis bridge joins both halves of our town again,\u201d said the mayor, Ada Quill."
    )
    builder.sentence("She thanked the crews who worked through the winter.", new_paragraph=True)
    builder.sentence("Engineers closed the bridge last October after a barge struck it.")
    return builder.build()


def radio_article() -> Article:
    builder = ArticleBuilder("radio-3", "Coast Radio", "Footbridge back on Friday", None, None)
    builder.sentence("The footbridge in Marrowby reopens on Friday.")
    builder.sentence("Council leader Tom Reyes said tolls would not be charged.")
    return builder.build()


def sample_comparison() -> Comparison:
    """Three reports of one story, with every section of a brief filled in."""
    ledger, harbour, radio = ledger_article(), harbour_article(), radio_article()
    reopening = Fact(
        statements=(sentence(ledger, 0), sentence(harbour, 0), sentence(radio, 0)),
        outlets=("Northern Ledger", "Daily Harbour", "Coast Radio"),
        status="shared",
        differences=(
            Difference(
                "number", (("£4.2m", find(ledger, "£4.2m")), ("£4.5m", find(harbour, "£4.5m")))
            ),
        ),
    )
    closure = Fact(
        statements=(sentence(ledger, 3), sentence(harbour, 3)),
        outlets=("Northern Ledger", "Daily Harbour"),
        status="partial",
    )
    early = Fact((sentence(ledger, 1),), ("Northern Ledger",), "single")
    crews = Fact((sentence(harbour, 2),), ("Daily Harbour",), "single")
    tolls = Fact((sentence(radio, 1),), ("Coast Radio",), "single")
    quill = Entity(
        "S1",
        "Ada Quill",
        "PERSON",
        ("Ada Quill", "Ms Quill", "the mayor"),
        (find(ledger, "Ada Quill"), find(ledger, "Ms Quill"), find(harbour, "Ada Quill")),
    )
    reyes = Entity("S2", "Tom Reyes", "PERSON", ("Tom Reyes",), (find(radio, "Tom Reyes"),))
    town = Entity(
        "S3",
        "Marrowby",
        "GPE",
        ("Marrowby",),
        (find(ledger, "Marrowby"), find(harbour, "Marrowby"), find(radio, "Marrowby")),
    )
    bridge_quote = QuoteGroup(
        speaker="S1",
        speaker_text="Ms Quill",
        versions=(
            find(ledger, "This bridge joins the two halves of our town again,"),
            find(harbour, "This bridge joins both halves of our town again,"),
        ),
        match="reworded",
        changes=(WordChange("harbour-7", "-", "the two"), WordChange("harbour-7", "+", "both")),
    )
    tolls_quote = QuoteGroup(
        None, "a council spokesperson", (find(radio, "tolls would not be charged"),), "single"
    )
    timeline = (
        TimelineEvent(
            "2030-10",
            "Engineers closed the bridge after a barge struck it",
            (find(ledger, "last October"), find(harbour, "last October")),
        ),
        TimelineEvent(
            "2031-03-07",
            "The footbridge reopens",
            (sentence(ledger, 0), sentence(harbour, 0), sentence(radio, 0)),
        ),
        TimelineEvent("XXXX-WXX-5", "Footbridge back in use", (find(radio, "on Friday"),)),
    )
    return Comparison(
        articles=(ledger, harbour, radio),
        entities=(town, quill, reyes),
        facts=(reopening, closure, early, crews, tolls),
        quotes=(bridge_quote, tolls_quote),
        timeline=timeline,
        skipped=(SourceFailure("missing.txt", "file not found"),),
        copies=(
            CopiedText(
                "ledger-1", "harbour-7", "passages", 0.24, ((sentence(ledger, 3), sentence(harbour, 3)),)
            ),
        ),
    )


def single_source_comparison() -> Comparison:
    """One article alone: the brief must say it rests on a single source."""
    ledger = ledger_article()
    return Comparison(
        articles=(ledger,),
        facts=(Fact((sentence(ledger, 0),), ("Northern Ledger",), "single"),),
    )


HOSTILE = '<script>alert("x")</script>"><img src=x onerror=alert(1)>'


def hostile_comparison() -> Comparison:
    """Every string an article brings carries markup or a script URL."""
    builder = ArticleBuilder(
        f"evil{HOSTILE}",
        f"Outlet {HOSTILE}",
        f"Title {HOSTILE}",
        MARCH_4,
        "javascript:alert(document.cookie)",
    )
    builder.sentence(f"Officials said {HOSTILE} on Friday.")
    builder.sentence(f"\u201cWe will {HOSTILE} again,\u201d said Eve Mallory.")
    hostile = builder.build()
    other = ArticleBuilder(
        "calm",
        "Calm News",
        "A calm title",
        MARCH_4,
        'https://calm.example/"><img src=x onerror=alert(2)>',
    )
    other.sentence("Officials said nothing on Friday.")
    calm = other.build()
    speaker = Entity(
        f"S{HOSTILE}", f"Eve {HOSTILE}", "PERSON", (HOSTILE,), (find(hostile, "Eve Mallory"),)
    )
    return Comparison(
        articles=(hostile, calm),
        entities=(speaker,),
        facts=(
            Fact(
                (sentence(hostile, 0), sentence(calm, 0)),
                (hostile.name, calm.name),
                "shared",
                (
                    Difference(
                        "qualifier",
                        ((HOSTILE, find(hostile, HOSTILE)), ("nothing", find(calm, "nothing"))),
                    ),
                ),
            ),
        ),
        quotes=(
            QuoteGroup(
                speaker.id,
                HOSTILE,
                (find(hostile, f"We will {HOSTILE} again,"),),
                "single",
                (WordChange(calm.id, "+", HOSTILE),),
            ),
        ),
        timeline=(TimelineEvent(HOSTILE, HOSTILE, (find(hostile, "on Friday"),)),),
        skipped=(SourceFailure(HOSTILE, HOSTILE),),
    )


def annotated_article() -> Article:
    """An article with mentions, a pronoun-speaker quote and time expressions."""
    builder = ArticleBuilder("annotated", "Northern Ledger", "Quill speaks", MARCH_4)
    builder.sentence("Mayor Ada Quill visited the bridge on Tuesday.")
    builder.sentence("\u201cIt is finished,\u201d she said.")
    draft = builder.build()
    quill, she = span_of(draft, "Ada Quill"), span_of(draft, "she")
    content = span_of(draft, "It is finished,")
    tuesday = span_of(draft, "on Tuesday")
    return builder.build(
        mentions=(
            Mention(quill.start, quill.end, "PERSON", "name", "E1"),
            Mention(she.start, she.end, "PERSON", "pronoun", "E1"),
        ),
        quotes=(Quote(content.start, content.end, "direct", she, quill, span_of(draft, "said")),),
        times=(TimeExpression(tuesday.start + 3, tuesday.end, "DATE", "2031-03-04", True, ""),),
    )
