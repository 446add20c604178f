"""Speakers of quotations in headlines: 'Jane Doe Slams Plan: ‘A Disaster’'.

A headline capitalises every word, so the tagger and the parser read it badly: the
speaker is read from the words instead. A headline that ends in a colon and a quotation
and opens with a name followed by "On" ('Jane Doe On the Budget: ‘...’') or by a speech
verb in the present tense ('Jane Doe Slams Plan: ‘...’') quotes that name, not the name
right before the colon (the topic or the one spoken about).
"""

from __future__ import annotations

from spacy.tokens import Token

from newsprism.annotate.nlp import text_of
from newsprism.annotate.quotes._layout import Layout
from newsprism.annotate.quotes._marks import QuotedStretch
from newsprism.annotate.quotes._speakers import Attribution
from newsprism.common.speech import CORE_SPEECH_LEMMAS, WEAK_SPEECH_LEMMAS

SPEECH_LEMMAS = CORE_SPEECH_LEMMAS | WEAK_SPEECH_LEMMAS
NAME_JOINERS = frozenset({"of", "'s", "’s", "."})
"""Words that may stand inside a name in a headline ('Speaker of the House', 'Gov.')."""


def headline_attribution(layout: Layout, stretch: QuotedStretch) -> Attribution | None:
    """The name opening a headline that introduces the quotation after its colon."""
    paragraph = layout.paragraph_of(stretch.open_mark)
    if paragraph < 0:
        return None
    start = layout.paragraph_starts[paragraph]
    lead = text_of(layout.doc)[start : stretch.open_mark].rstrip()
    if not lead.endswith(":") or not _title_cased(lead, layout.settings.headline_max_words):
        return None
    doc = layout.doc
    tokens = [
        token
        for token in doc[layout.token_at(start) : layout.token_at(stretch.open_mark)]
        if token.idx >= start and not token.is_space
    ]
    for position, token in enumerate(tokens):
        if position == 0:
            continue
        if token.lower_ == "on" or _speech_verb_form(token):
            name = tokens[:position]
            if not _is_name(name):
                return None
            cue = token if token.lower_ != "on" else tokens[-1]
            span = (name[0].idx, name[-1].idx + len(name[-1]))
            return Attribution(span, span, (cue.idx, cue.idx + len(cue)))
        if not (token.is_title or token.is_upper or token.lower_ in NAME_JOINERS):
            return None
    return None


def _title_cased(lead: str, most_words: int) -> bool:
    words = [word for word in lead.split() if any(c.isalpha() for c in word)]
    capitalised = [word for word in words if word.lstrip("‘“\"'(")[:1].isupper()]
    return 1 < len(words) <= most_words and len(capitalised) >= len(words) - 1


def _speech_verb_form(token: Token) -> bool:
    """'Slams', 'Says', 'Praises': a present-tense speech verb, read from the word alone."""
    word = token.lower_
    if not (token.is_title and word.endswith("s")):
        return False
    return any(
        word[: len(word) - cut] in SPEECH_LEMMAS for cut in (1, 2) if len(word) > cut
    )


def _is_name(tokens: list[Token]) -> bool:
    """True when ``tokens`` can name a speaker: capitalised words, not a headline label
    such as 'The Latest', holding a proper noun or a named entity."""
    if not tokens or tokens[0].is_stop:
        return False
    return any(token.pos_ == "PROPN" or token.ent_type_ for token in tokens)
