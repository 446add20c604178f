"""Speakers of quotations with no cue in their own sentence, read from the text around.

In order: a speech verb earlier in the paragraph ('Jane Doe said the talks would go on.
"We are not done."'), the previous quotation's speaker when this one continues it, a
speaker named in the next sentence ('"..." Those were the words of X.'), a speech verb
in the paragraph before one that opens with the quotation, and last the subject of the verb
the quotation hangs from ('Jane Doe thanked them for "standing up"'): news attributes words
set in someone's sentence to that someone even when the verb is not one of speech.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from newsprism.annotate.nlp import text_of
from newsprism.annotate.quotes._cues import cue_strength
from newsprism.annotate.quotes._layout import SENTENCE_END, Layout
from newsprism.annotate.quotes._marks import QuotedStretch
from newsprism.annotate.quotes._resolve import SUBJECT_DEPENDENCIES
from newsprism.annotate.quotes._speakers import (
    Attribution,
    attribute,
    attribute_to_head,
    speaker_from_speech_noun,
)

SPEAKER_TAGS = frozenset({"PROPN", "NOUN", "PRON"})
SIGNATURE_DASHES = frozenset("-—–―")  # hyphen, em and en dash, horizontal bar
EXPLETIVES = frozenset({"it", "there", "this", "that", "what", "which"})


def attribution_in_context(
    layout: Layout,
    stretch: QuotedStretch,
    previous: tuple[QuotedStretch, Attribution] | None,
) -> Attribution | None:
    """For a quotation with no cue of its own: a speaker from the sentences around it."""
    attribution = _attribution_earlier_in_paragraph(layout, stretch, previous)
    if attribution is None:
        attribution = signed_attribution(layout, stretch)
    if attribution is None:
        attribution = _attribution_by_colon_clause(layout, stretch)
    if attribution is None and not _opens_sentence(layout, stretch):
        # a quotation inside a clause belongs to that clause's subject, not to whoever
        # spoke in the quotation before it
        attribution = attribution_by_governing_subject(layout, stretch)
    if attribution is None and _opens_sentence(layout, stretch):
        attribution = _subject_of_sentence_before(layout, stretch, previous)
    if attribution is None:
        attribution = _continued_attribution(layout, stretch, previous)
    if attribution is None:
        attribution = _attribution_in_next_sentence(layout, stretch)
    if attribution is None:
        attribution = _attribution_in_previous_paragraph(layout, stretch)
    if attribution is None:
        attribution = attribution_by_governing_subject(layout, stretch)
    return attribution


def _can_speak(subject: Token, layout: Layout) -> bool:
    """True when ``subject`` can be a speaker: a subject noun, name or pronoun that is no
    expletive ("it", "there") and stands outside any quotation."""
    return (
        subject.dep_ in SUBJECT_DEPENDENCIES
        and subject.pos_ in SPEAKER_TAGS
        and subject.lower_ not in EXPLETIVES
        and not layout.inside_quote[subject.i]
    )


def attribution_by_governing_subject(
    layout: Layout, stretch: QuotedStretch
) -> Attribution | None:
    """The subject of the nearest verb outside the quotation that the quotation depends on.

    'Jane Doe pondered who might "speak for us"' gives "Jane Doe", cued by "pondered".
    Subjects inside a quotation and expletives ("there", "it") are not speakers. The verb
    is no speech cue, so the attribution has none: quotations sharing a cue are parts of
    one interrupted quotation, which two quotations under "thanked" need not be.
    """
    doc = layout.doc
    first = min(layout.token_at(stretch.content_start), len(doc) - 1)
    candidates: list[tuple[Token, Token]] = []
    for verb in doc[first].ancestors:
        if layout.inside_quote[verb.i] or verb.pos_ not in {"VERB", "AUX"}:
            continue
        subject = next((c for c in verb.children if _can_speak(c, layout)), None)
        if subject is not None:
            candidates.append((subject, verb))
    if not candidates:
        return None
    subject, verb = next(
        (pair for pair in candidates if _named_or_personal(pair[0])), candidates[-1]
    )
    cue = (verb.idx, verb.idx + len(verb))
    found = attribute_to_head(subject, cue, layout.inside_quote, settings=layout.settings)
    return replace(found, cue=None)


def _subject_of_sentence_before(
    layout: Layout,
    stretch: QuotedStretch,
    previous: tuple[QuotedStretch, Attribution] | None,
) -> Attribution | None:
    """'Jane Doe agreed. "We are not done."': a quotation opening its sentence with no cue
    goes to the named subject of the sentence right before it (in its paragraph, or ending
    the paragraph before when the quotation opens its own), when no quotation lies between.

    News introduces a speaker with any verb ("agreed", "praised the plan", "continued his
    remarks") and then gives her words; only a name or a personal pronoun is trusted, since
    a common noun subject ("The plan passed.") is seldom the speaker.
    """
    doc = layout.doc
    index = layout.token_at(stretch.open_mark) - 1
    while index >= 0 and (doc[index].is_space or doc[index].text in SENTENCE_END):
        index -= 1
    if index < 0 or layout.inside_quote[index]:
        return None
    if previous is not None and previous[0].outer_end > doc[index].idx:
        return None
    breaks = sum("\n" in token.text for token in doc[index + 1 : layout.token_at(stretch.open_mark)])
    if breaks and stretch.open_mark not in layout.paragraph_starts:
        return None
    sentence = doc[index].sent
    if any(layout.inside_quote[token.i] for token in sentence) or any(
        "\n" in token.text for token in doc[sentence.start : index]
    ):
        return None
    root = sentence.root
    for child in root.children:
        if child.dep_ == "nsubj" and _can_speak(child, layout) and _named_or_personal(child):
            verb = (root.idx, root.idx + len(root))
            found = attribute_to_head(child, verb, layout.inside_quote, settings=layout.settings)
            return replace(found, cue=None)
    return None


def _named_or_personal(subject: Token) -> bool:
    return subject.ent_type_ in {"PERSON", "ORG", "NORP"} or subject.lower_ in {
        "he",
        "she",
        "they",
        "i",
        "we",
        "who",
    }


def _opens_sentence(layout: Layout, stretch: QuotedStretch) -> bool:
    """True when the quotation starts its sentence or paragraph rather than sitting inside
    someone's clause (only then may it go on with the previous speaker's words)."""
    doc = layout.doc
    index = layout.token_at(stretch.open_mark)
    if index == 0 or doc[index].is_sent_start:
        return True
    before = doc[index - 1]
    return before.is_space or before.text in SENTENCE_END | {":"}


def _attribution_by_colon_clause(
    layout: Layout, stretch: QuotedStretch
) -> Attribution | None:
    """'Jane Doe has since apologized: "..."': a quotation a colon introduces, after a clause
    with no speech verb, goes to that clause's subject (the colon is the cue)."""
    doc = layout.doc
    index = layout.token_at(stretch.open_mark) - 1
    while index >= 0 and doc[index].is_space:
        index -= 1
    if index < 0 or doc[index].text != ":" or layout.inside_quote[index]:
        return None
    colon = doc[index]
    clause = [
        t for t in doc[colon.sent.start : colon.i] if not layout.inside_quote[t.i]
    ]
    for token in clause:  # the first subject is the main clause's
        if (
            _can_speak(token, layout)
            and token.head.pos_ in {"VERB", "AUX"}
            and token.head.i < colon.i
        ):
            cue = (colon.idx, colon.idx + 1)
            return attribute_to_head(token, cue, layout.inside_quote, settings=layout.settings)
    return None


def signed_attribution(layout: Layout, stretch: QuotedStretch) -> Attribution | None:
    """A quotation signed by a dash and a name right after it: '"..." / - Jane Doe.'

    The dash is the cue; the name must follow it at once (a title may lead: '-Mayor Jane
    Doe, at the rally').
    """
    if stretch.close_mark < 0:
        return None
    text = text_of(layout.doc)
    rest = text[stretch.close_mark + 1 : stretch.close_mark + 1 + layout.settings.signature_reach]
    lead = len(rest) - len(rest.lstrip(" .\n\u00a0"))
    dash_at = stretch.close_mark + 1 + lead
    if text[dash_at : dash_at + 1] not in SIGNATURE_DASHES:
        return None
    doc = layout.doc
    index = layout.token_at(dash_at) + 1
    while index < len(doc) and (
        doc[index].is_space or doc[index].text in SIGNATURE_DASHES
    ):
        index += 1
    if index >= len(doc) or doc[index].pos_ != "PROPN" or layout.inside_quote[index]:
        return None
    name = doc[index]
    while name.i + 1 < len(doc) and doc[name.i + 1].pos_ == "PROPN":
        name = doc[name.i + 1]
    return attribute_to_head(name, (dash_at, dash_at + 1), layout.inside_quote, settings=layout.settings)


def _continued_attribution(
    layout: Layout,
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
    layout: Layout, stretch: QuotedStretch
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
            found = attribute(token, layout.inside_quote, settings=layout.settings)
            if found.speaker is not None:
                return found
    named = speaker_from_speech_noun(sentence)
    if named is None:
        return None
    noun, head = named
    return attribute_to_head(
        head, (noun.idx, noun.idx + len(noun)), layout.inside_quote, settings=layout.settings
    )


def _attribution_earlier_in_paragraph(
    layout: Layout,
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
    layout: Layout, stretch: QuotedStretch
) -> Attribution | None:
    """For a quotation opening a paragraph: the last speech verb of the paragraph before."""
    paragraph = layout.paragraph_of(stretch.open_mark)
    if paragraph <= 0 or stretch.open_mark != layout.paragraph_starts[paragraph]:
        return None
    return _last_cue_between(
        layout, layout.paragraph_starts[paragraph - 1], stretch.open_mark
    )


def _last_cue_between(layout: Layout, start: int, end: int) -> Attribution | None:
    doc = layout.doc
    first = layout.token_at(start)
    last = layout.token_at(end)
    for token in reversed(doc[first:last]):
        if (
            token.idx >= start
            and not layout.inside_quote[token.i]
            and cue_strength(token) == 2
        ):
            found = attribute(_outermost_cue(token, layout), layout.inside_quote, settings=layout.settings)
            return found if found.speaker is not None else None
    return None


def _outermost_cue(cue: Token, layout: Layout) -> Token:
    """The speech verb reporting ``cue``, if any: 'Ada Holm said critics had been predicting
    a withdrawal' gives "said". Only within the words between quotations of one paragraph:
    the parser may hang '"...," Ada Holm said.' on a "said" paragraphs before it."""
    if cue.lower_ == "according":
        return cue  # 'X said, according to Y': Y is already the outermost source
    outermost = cue
    for ancestor in cue.ancestors:
        if (
            cue_strength(ancestor) == 2
            and ancestor.pos_ in {"VERB", "AUX"}
            and _nothing_quoted_between(layout, ancestor, cue)
        ):
            outermost = ancestor
    return outermost


def _nothing_quoted_between(layout: Layout, first: Token, second: Token) -> bool:
    """True when no quotation or paragraph break lies between two tokens."""
    low, high = sorted((first.i, second.i))
    return not any(
        layout.inside_quote[index] or "\n" in layout.doc[index].text
        for index in range(low, high)
    )
