"""Quotations and who said them: ``find_quotes(doc)``.

Quotation marks are paired first (see :mod:`newsprism.annotate.quotes_marks`), then each
quotation is classed and attributed from the dependency parse around it (see
:mod:`newsprism.annotate.quotes_speakers`):

* **kind**: "direct" when the quotation stands as speech (it opens a paragraph or
  sentence, or follows a colon, a comma or a speech verb with a capital letter), else
  "partial" (a fragment in running text: 'called for a "truce in the sky"').
* **scare quotes are dropped**: a quoted stretch of at most :data:`SCARE_MAX_WORDS` words
  that ends no sentence and has no speech cue in its sentence (a title, a term, 'so-called
  "peace plan"') is not speech, so it is not returned. ``Quote.kind`` has no value for them
  and callers only want speech.
* **cue and speaker**: the nearest speech verb in the quotation's sentence outside any
  quotation (crossing to the previous paragraph when it ends with a colon: 'X said:'); else
  the previous quotation's speaker when this one continues it (same paragraph, or the
  paragraph just before); else a speaker named in the next sentence ('"..." Those were the
  words of X.'). A quotation with none of these has no speaker.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from newsprism.annotate.quotes_marks import (
    QuotedStretch,
    find_quoted_stretches,
    paragraph_spans,
)
from newsprism.annotate.quotes_speakers import (
    Attribution,
    attribute,
    attribute_to_head,
    cue_strength,
    speaker_from_speech_noun,
)
from newsprism.model import Quote, QuoteKind, Span

SCARE_MAX_WORDS = 4
TITLE_MAX_WORDS = 6
TRIM_PUNCTUATION = ".,;:!?'\"“”‘’()[]—–-"
SHORT_CLAUSE_TOKENS = 6
HEADLINE_NAME_TOKENS = 5
CLAUSE_END = frozenset({",", ".", "!", "?"})
COLON_VERB_REACH = 4
SENTENCE_END = frozenset({".", "!", "?"})
NAMING_WORDS = frozenset(
    {"so-called", "dubbed", "titled", "entitled", "nicknamed", "named"}
)
DIRECT_LEAD_CHARACTERS = frozenset(".!?:;—–-")


@dataclass(frozen=True)
class _Layout:
    """Where quotations and paragraphs sit, by token, for one document."""

    doc: Doc
    inside_quote: list[bool]
    token_starts: list[int]
    paragraph_starts: list[int]

    def token_at(self, offset: int) -> int:
        return max(0, bisect_right(self.token_starts, offset) - 1)

    def paragraph_of(self, offset: int) -> int:
        return bisect_right(self.paragraph_starts, offset) - 1


def find_quotes(doc: Doc) -> tuple[Quote, ...]:
    """Every quotation in ``doc`` with its kind, cue and speaker, sorted by start.

    Offsets are into ``doc.text``; content spans exclude the quotation marks. ``doc`` must
    come from :func:`newsprism.annotate.nlp.parse` (parser and NER are used).
    """
    stretches = [
        s for s in find_quoted_stretches(doc.text) if s.content_end > s.content_start
    ]
    layout = _lay_out(doc, stretches)
    quotes: list[Quote] = []
    previous: tuple[QuotedStretch, Attribution] | None = None
    for stretch in stretches:
        attribution = _attribution_in_sentence(layout, stretch)
        if _is_scare_quote(doc.text, stretch, has_cue=attribution is not None):
            continue
        if attribution is None:
            attribution = _attribution_in_context(layout, stretch, previous)
        quotes.append(_make_quote(doc.text, stretch, attribution))
        if attribution is not None:
            previous = (stretch, attribution)
    return tuple(sorted(quotes, key=lambda quote: quote.start))


def _attribution_in_sentence(
    layout: _Layout, stretch: QuotedStretch
) -> Attribution | None:
    """A speech cue or a 'Name:' in the quotation's own sentence."""
    cue = _nearest_cue(layout, stretch)
    if cue is not None:
        return attribute(cue[0], layout.inside_quote, cue[1])
    return _attribution_by_colon(layout, stretch)


def _attribution_in_context(
    layout: _Layout,
    stretch: QuotedStretch,
    previous: tuple[QuotedStretch, Attribution] | None,
) -> Attribution | None:
    """For a quotation with no cue of its own: a speaker from the sentences around it."""
    attribution = _attribution_earlier_in_paragraph(layout, stretch, previous)
    if attribution is None:
        attribution = _continued_attribution(layout, stretch, previous)
    if attribution is None:
        attribution = _attribution_in_next_sentence(layout, stretch)
    if attribution is None:
        attribution = _attribution_in_previous_paragraph(layout, stretch)
    return attribution


def _lay_out(doc: Doc, stretches: list[QuotedStretch]) -> _Layout:
    inside = [False] * len(doc)
    token_starts = [token.idx for token in doc]
    for stretch in stretches:
        first = max(0, bisect_right(token_starts, stretch.open_mark) - 1)
        for index in range(first, len(doc)):
            if token_starts[index] >= stretch.outer_end:
                break
            inside[index] = True
    paragraph_starts = [start for start, _ in paragraph_spans(doc.text)] or [0]
    return _Layout(doc, inside, token_starts, paragraph_starts)


def _make_quote(
    text: str, stretch: QuotedStretch, attribution: Attribution | None
) -> Quote:
    kind = _classify(text, stretch)
    if attribution is None:
        return Quote(stretch.content_start, stretch.content_end, kind)
    return Quote(
        stretch.content_start,
        stretch.content_end,
        kind,
        speaker=_span(attribution.speaker),
        speaker_resolved=_span(attribution.speaker_resolved),
        cue=_span(attribution.cue),
    )


def _span(pair: tuple[int, int] | None) -> Span | None:
    return Span(*pair) if pair is not None else None


def _classify(text: str, stretch: QuotedStretch) -> QuoteKind:
    """Direct when the quotation stands as speech, partial when it sits in running text."""
    paragraph_start = text.rfind("\n", 0, stretch.open_mark) + 1
    lead = text[paragraph_start : stretch.open_mark].rstrip()
    if not lead or lead[-1] in DIRECT_LEAD_CHARACTERS:
        return "direct"
    first = text[stretch.content_start : stretch.content_start + 1]
    if lead[-1] == "," and first.isupper():
        return "direct"
    last_word = lead.split()[-1].strip(",").lower() if lead.split() else ""
    if first.isupper() and last_word in {
        "said",
        "says",
        "say",
        "added",
        "adds",
        "wrote",
        "tweeted",
    }:
        return "direct"
    return "partial"


def _is_scare_quote(text: str, stretch: QuotedStretch, *, has_cue: bool) -> bool:
    """A quoted term, title or markup value rather than speech."""
    content = text[stretch.content_start : stretch.content_end]
    if text[stretch.open_mark - 1 : stretch.open_mark] == "=" or not any(
        c.isalpha() for c in content
    ):
        return True  # markup attribute values ('author="..."') and quoted numbers
    words = content.split()
    if (
        not has_cue
        and len(words) <= TITLE_MAX_WORDS
        and _is_title_in_running_text(text, stretch, words)
    ):
        return True
    if len(words) > SCARE_MAX_WORDS:
        return False
    lead_words = (
        text[max(0, stretch.open_mark - 30) : stretch.open_mark].lower().split()
    )
    if (
        lead_words
        and lead_words[-1] in NAMING_WORDS
        or lead_words[-2:] == ["known", "as"]
    ):
        return True
    ends_sentence = content.rstrip()[-1:] in {".", "!", "?", ","}
    return not has_cue and not ends_sentence


def _is_title_in_running_text(
    text: str, stretch: QuotedStretch, words: list[str]
) -> bool:
    """'told ABC's "Good Morning America"': every long word capitalised, unlike the words
    before it (a headline in title case keeps its quotations)."""
    long_words = [
        word.strip(TRIM_PUNCTUATION)
        for word in words
        if len(word.strip(TRIM_PUNCTUATION)) > 3
    ]
    if not long_words or not all(word[:1].isupper() for word in long_words):
        return False
    paragraph_start = text.rfind("\n", 0, stretch.open_mark) + 1
    lead = text[paragraph_start : stretch.open_mark].split()[-6:]
    return any(len(word) > 3 and word[:1].islower() for word in lead)


def _window(layout: _Layout, stretch: QuotedStretch) -> tuple[list[Token], list[Token]]:
    """Tokens of the quotation's sentence before its opening and after its closing mark.

    Other quotations are skipped over. The window stops at a sentence end or a paragraph
    break, except that a paragraph ending with a colon ('X said:') is read too.
    """
    doc = layout.doc
    before: list[Token] = []
    index = layout.token_at(stretch.open_mark) - 1
    while index >= 0:
        token = doc[index]
        if "\n" in token.text:
            if not _previous_text_ends_with_colon(doc, index):
                break
        elif not layout.inside_quote[index] and not token.is_space:
            if token.text in SENTENCE_END:
                break
            before.append(token)
        index -= 1
    after: list[Token] = []
    if stretch.close_mark >= 0:
        index = layout.token_at(stretch.close_mark) + 1
        while index < len(doc) and "\n" not in doc[index].text:
            if not layout.inside_quote[index] and not doc[index].is_space:
                if doc[index].text in SENTENCE_END:
                    break
                after.append(doc[index])
            index += 1
    if after and _starts_new_sentence(doc.text, stretch, after):
        after = []
    return before, after


def _starts_new_sentence(text: str, stretch: QuotedStretch, after: list[Token]) -> bool:
    """True when the quotation ended its sentence and what follows is a new statement.

    '"Stop!" Jane shouted, ...' and '"Why?" Jane asked.' go with the quotation; '"Stop."
    Jane said the talks were over.' reports something new (the cue has a clause of its own).
    """
    closed_sentence = (
        text[stretch.content_end - 1 : stretch.content_end] in SENTENCE_END
    )
    if not (closed_sentence and after[0].text[:1].isupper()):
        return False
    return not any(
        cue_strength(token) == 2
        and not any(child.dep_ == "ccomp" for child in token.children)
        for token in after[:SHORT_CLAUSE_TOKENS]
    )


def _previous_text_ends_with_colon(doc: Doc, break_index: int) -> bool:
    return break_index > 0 and doc[break_index - 1].text.endswith(":")


def _nearest_cue(
    layout: _Layout, stretch: QuotedStretch
) -> tuple[Token, int | None] | None:
    """The strongest speech cue around the quotation, with the closing mark's token index
    when the cue follows a quotation that ends a clause ('"...," Jane Doe said').

    A cue governing the quotation in the parse wins over the nearest one (see
    :func:`_governing_ranks`).
    """
    before, after = _window(layout, stretch)
    introducing = _verb_before_colon(before)
    if introducing is not None:
        return introducing, None
    first_quoted = layout.doc[
        min(layout.token_at(stretch.content_start), len(layout.doc) - 1)
    ]
    governing = _governing_ranks(first_quoted)
    ends_clause = (
        layout.doc.text[stretch.content_end - 1 : stretch.content_end] in CLAUSE_END
    )
    closer = layout.token_at(stretch.close_mark) if ends_clause else None
    ranked: list[tuple[int, bool, int, Token, int | None]] = []
    for side, tokens in (("before", before), ("after", after)):
        for distance, token in enumerate(tokens):
            strength = cue_strength(token)
            if strength:
                following = closer if side == "after" else None
                order = governing.get(token.i, distance)
                ranked.append(
                    (-strength, token.i not in governing, order, token, following)
                )
    if not ranked:
        return None
    best = min(ranked, key=lambda entry: entry[:3])
    return best[3], best[4]


def _verb_before_colon(before: list[Token]) -> Token | None:
    """'Jane Doe interjected: "..."': the verb right before a colon that opens the quotation.

    ``before`` runs backwards from the opening mark.
    """
    if not before or before[0].text != ":":
        return None
    for token in before[1 : 1 + COLON_VERB_REACH]:
        if token.pos_ == "VERB" and cue_strength(token):
            return token
    return None


def _governing_ranks(quoted: Token) -> dict[int, int]:
    """Rank (lower is better) of each word the quotation depends on in the parse.

    The outermost wins: 'X said he would tell them "no"' reports the words as X's. A cue
    hanging from another as an adverbial clause ('said X, adding: "..."') still beats its
    head, since it introduces the words itself and shares the head's speaker.
    """
    ranks = {token.i: -depth for depth, token in enumerate(quoted.ancestors)}
    for token in quoted.ancestors:
        if token.dep_ == "advcl" and token.head.i in ranks and cue_strength(token):
            ranks[token.i] = ranks[token.head.i] - 1
    return ranks


def _attribution_by_colon(
    layout: _Layout, stretch: QuotedStretch
) -> Attribution | None:
    """'Jane Doe: "..."' and headlines 'Jane Doe: Plan Is a ‘Disaster’': a name and a colon."""
    before, _ = _window(layout, stretch)
    for position, token in enumerate(before):
        if token.text != ":" or position + 1 >= len(before):
            continue
        name = before[position + 1]
        near_quote = position == 0
        opens_paragraph = len(before) - position - 1 <= HEADLINE_NAME_TOKENS
        if (
            name.pos_ == "PROPN"
            and opens_paragraph
            or near_quote
            and name.pos_ in {"PROPN", "NOUN"}
        ):
            return attribute_to_head(
                name, (token.idx, token.idx + 1), layout.inside_quote
            )
    return None


def _continued_attribution(
    layout: _Layout,
    stretch: QuotedStretch,
    previous: tuple[QuotedStretch, Attribution] | None,
) -> Attribution | None:
    """The previous quotation's attribution when this one goes on with it."""
    if previous is None:
        return None
    previous_stretch, attribution = previous
    gap = layout.paragraph_of(stretch.open_mark) - layout.paragraph_of(
        previous_stretch.outer_end - 1
    )
    if gap == 0:
        return attribution
    opens_paragraph = stretch.open_mark in layout.paragraph_starts
    return attribution if gap == 1 and opens_paragraph else None


def _attribution_in_next_sentence(
    layout: _Layout, stretch: QuotedStretch
) -> Attribution | None:
    """A speaker named in the sentence right after a quotation that ends a sentence."""
    if stretch.close_mark < 0:
        return None
    doc = layout.doc
    index = layout.token_at(stretch.close_mark) + 1
    while index < len(doc) and (doc[index].text in SENTENCE_END or doc[index].is_space):
        if "\n" in doc[index].text:
            return None
        index += 1
    sentence: list[Token] = []
    while (
        index < len(doc)
        and "\n" not in doc[index].text
        and not layout.inside_quote[index]
    ):
        sentence.append(doc[index])
        if doc[index].text in SENTENCE_END:
            break
        index += 1
    for token in sentence:
        if cue_strength(token) == 2:
            found = attribute(token, layout.inside_quote)
            if found.speaker is not None:
                return found
    named = speaker_from_speech_noun(sentence)
    if named is None:
        return None
    noun, head = named
    return attribute_to_head(
        head, (noun.idx, noun.idx + len(noun)), layout.inside_quote
    )


def _attribution_earlier_in_paragraph(
    layout: _Layout,
    stretch: QuotedStretch,
    previous: tuple[QuotedStretch, Attribution] | None,
) -> Attribution | None:
    """The last speech verb before the quotation in its paragraph, after any earlier quote.

    News often reports a speaker in paraphrase ('Jane Doe said the talks would go on.') and
    goes on with her words in the next sentence.
    """
    paragraph = layout.paragraph_of(stretch.open_mark)
    start = layout.paragraph_starts[paragraph] if paragraph >= 0 else 0
    if previous is not None:
        start = max(start, previous[0].outer_end)
    return _last_cue_between(layout, start, stretch.open_mark)


def _attribution_in_previous_paragraph(
    layout: _Layout, stretch: QuotedStretch
) -> Attribution | None:
    """For a quotation opening a paragraph: the last speech verb of the paragraph before."""
    paragraph = layout.paragraph_of(stretch.open_mark)
    if paragraph <= 0 or stretch.open_mark != layout.paragraph_starts[paragraph]:
        return None
    return _last_cue_between(
        layout, layout.paragraph_starts[paragraph - 1], stretch.open_mark
    )


def _last_cue_between(layout: _Layout, start: int, end: int) -> Attribution | None:
    doc = layout.doc
    first = layout.token_at(start)
    last = layout.token_at(end)
    for token in reversed(doc[first:last]):
        if (
            token.idx >= start
            and not layout.inside_quote[token.i]
            and cue_strength(token) == 2
        ):
            found = attribute(token, layout.inside_quote)
            return found if found.speaker is not None else None
    return None
