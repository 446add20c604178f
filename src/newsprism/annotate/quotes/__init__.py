"""Quotations and who said them: ``find_quotes(doc)``.

Quotation marks are paired first (see :mod:`newsprism.annotate.quotes._marks`), then each
quotation is classed (see :mod:`newsprism.annotate.quotes._kinds`) and attributed from the
dependency parse around it (see :mod:`newsprism.annotate.quotes._speakers`):

* **kind**: "direct" when the quotation stands as speech, else "partial" (a fragment in
  running text: 'called for a "truce in the sky"').
* **scare quotes are dropped**: a short quoted stretch that ends no sentence and has no
  speech cue in its sentence (a title, a term, 'so-called "peace plan"') is not speech, so
  it is not returned. ``Quote.kind`` has no value for them and callers only want speech.
* **cue and speaker**: a transcript label opening the quoted paragraph ('"JANE DOE: ..."'),
  a signature right after a quotation opening its paragraph ('"..." ― Jane Doe'), a
  headline's opening name ('Jane Doe Slams Plan: ‘...’', see
  :mod:`newsprism.annotate.quotes._headlines`), else the outermost source in the
  quotation's sentence ('X said, according to Y', '..., reports the Daily Post', 'called
  "..." by Y'), else the speech verb governing the quotation, else the nearest, in the
  quotation's sentence outside any quotation (crossing to the previous paragraph when it
  ends with a colon: 'X said:'), or a 'Name:' before it; else a speaker from the text
  around (see :mod:`newsprism.annotate.quotes._context`). A quotation with none of these
  has no speaker.
* **the speaker is a person or an organisation, as written**: never words inside a
  quotation; a pronoun or a title alone ("the senator") keeps its words in ``speaker`` and
  names the person in ``speaker_resolved`` (see :mod:`newsprism.annotate.quotes._titles`);
  an unnamed description ("a senior official") stays as written in both.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import replace

from spacy.tokens import Doc, Token

from newsprism.annotate.nlp import text_of
from newsprism.annotate.quotes._context import (
    attribution_by_governing_subject,
    attribution_in_context,
    signed_attribution,
)
from newsprism.annotate.quotes._cues import cue_strength
from newsprism.annotate.quotes._headlines import headline_attribution
from newsprism.annotate.quotes._kinds import classify, is_scare_quote
from newsprism.annotate.quotes._layout import Layout, lay_out, sentence_window
from newsprism.annotate.quotes._marks import QuotedStretch, find_quoted_stretches
from newsprism.annotate.quotes._speakers import (
    Attribution,
    attribute,
    attribute_to_head,
)
from newsprism.common.speech import CORE_SPEECH_LEMMAS
from newsprism.model import Quote, Span
from newsprism.settings import QuoteSettings

CLAUSE_END = frozenset({",", ".", "!", "?"})
NAME_TAGS = frozenset({"PROPN", "NOUN"})
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})
TRANSCRIPT_LABEL = re.compile(r"([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}):\s")
"""A speaker's name opening a transcript paragraph: up to four capitalised words, a colon."""
PASSIVE_LINKS = frozenset({"as", "a", "an", "the", ","})
"""Words that may stand between a passive speech verb and its quotation ('labeled as a')."""
OBJECT_DEPENDENCIES = frozenset({"dobj", "pobj", "attr", "dative", "oprd"})


def find_quotes(doc: Doc, settings: QuoteSettings = QuoteSettings()) -> tuple[Quote, ...]:
    """Every quotation in ``doc`` with its kind, cue and speaker, sorted by start.

    Offsets are into ``doc.text``; content spans exclude the quotation marks. ``doc`` must
    come from :func:`newsprism.annotate.nlp.parse` (parser and NER are used).
    """
    stretches = [
        s for s in find_quoted_stretches(text_of(doc)) if s.content_end > s.content_start
    ]
    layout = lay_out(doc, stretches, settings)
    quotes: list[Quote] = []
    previous: tuple[QuotedStretch, Attribution] | None = None
    for stretch in stretches:
        attribution = (
            _transcript_label(layout, stretch)
            or _signature_of_lone_quotation(layout, stretch)
            or headline_attribution(layout, stretch)
        )
        if attribution is None:
            attribution = _attribution_in_sentence(layout, stretch)
        if is_scare_quote(text_of(doc), stretch, has_cue=attribution is not None, settings=settings):
            continue
        if attribution is None:
            attribution = attribution_in_context(layout, stretch, previous)
        elif attribution.speaker is None:
            # a cue whose speaker the parse lost: the sentence's own subject stands in
            attribution = _with_governing_subject(layout, stretch, attribution)
        quotes.append(_make_quote(text_of(doc), stretch, attribution, settings))
        if attribution is not None:
            previous = (stretch, attribution)
    return tuple(sorted(quotes, key=lambda quote: quote.start))


def _attribution_in_sentence(
    layout: Layout, stretch: QuotedStretch
) -> Attribution | None:
    """A speech cue or a 'Name:' in the quotation's own sentence.

    A name right before a colon that opens the quotation ('Survey Institute: "..."') wins over
    any verb further away, unless a speech verb leads to it ('X told Radio Norte: "..."').
    """
    before, after = sentence_window(layout, stretch)
    opens_with_name = (
        len(before) > 1 and before[0].text == ":" and before[1].pos_ == "PROPN"
    )
    if opens_with_name and _verb_before_colon(before, layout.settings.colon_verb_reach) is None:
        named = _attribution_by_colon(layout, stretch)
        if named is not None:
            return named
    reported = _according_to(layout, before, after) or _agent_of_passive(layout, before, after)
    if reported is not None:
        return reported
    cue = _nearest_cue(layout, stretch)
    if cue is not None:
        return attribute(cue[0], layout.inside_quote, cue[1], layout.settings)
    return _attribution_by_colon(layout, stretch)


def _according_to(
    layout: Layout, before: list[Token], after: list[Token]
) -> Attribution | None:
    """'"...," Jane Doe said, according to the Daily Post.': "according to" in the
    quotation's sentence, or an outlet that reports it ('..., reports the Daily Post'),
    names the outermost source, which news reports the words from, so it wins over a
    speech verb beside the quotation."""
    for token in (*before, *after):
        according = token.lower_ == "according" and cue_strength(token) == 2
        if not (according or _outlet_reports(token)):
            continue
        found = attribute(token, layout.inside_quote, settings=layout.settings)
        if found.speaker is not None and (according or _names_outlet(layout, found)):
            return found
    return None


def _agent_of_passive(
    layout: Layout, before: list[Token], after: list[Token]
) -> Attribution | None:
    """'has been called "strategic ambiguity" by Jane Doe', '"reckless," as described by
    Jane Doe': a passive speech verb right before the quotation (with at most "as" and an
    article between) and "by" right after it, or "as described by" right after it, name
    the speaker, however the parser hung the "by" phrase."""
    reach = layout.settings.passive_agent_reach
    leading = list(itertools.takewhile(lambda t: t.lower_ in PASSIVE_LINKS, before))
    verb = before[len(leading)] if len(leading) < len(before) else None
    rest = after
    if verb is None or not _passive_cue(verb):
        trailing = list(itertools.takewhile(lambda t: t.lower_ in PASSIVE_LINKS, after))
        verb = after[len(trailing)] if len(trailing) < len(after) else None
        if verb is None or not _passive_cue(verb):
            return None
        rest = after[len(trailing) + 1 :]
    if not rest or rest[0].lower_ != "by" or len(rest) < 2:
        return None
    agent = next((c for c in rest[0].children if c.dep_ == "pobj"), rest[1])
    if agent.pos_ not in NAME_TAGS | {"PRON"} or agent.i - rest[0].i > reach:
        return None
    cue = (verb.idx, verb.idx + len(verb))
    return attribute_to_head(agent, cue, layout.inside_quote, layout.settings)


def _passive_cue(token: Token) -> bool:
    return token.tag_ == "VBN" and cue_strength(token) > 0


def _outlet_reports(token: Token) -> bool:
    return token.pos_ == "VERB" and token.lemma_.lower() == "report" and token.tag_ != "VBN"


def _names_outlet(layout: Layout, found: Attribution) -> bool:
    """True when the speaker found is an organisation (a paper, a network, an agency)."""
    assert found.speaker is not None
    span = layout.doc.char_span(*found.speaker, alignment_mode="expand")
    return span is not None and any(token.ent_type_ == "ORG" for token in span)


def _transcript_label(layout: Layout, stretch: QuotedStretch) -> Attribution | None:
    """'"JANE DOE: Well, look, ..."': a transcript quoted paragraph by paragraph, each
    opening with its speaker's name in capitals (or a name) and a colon, inside the marks."""
    if stretch.open_mark not in layout.paragraph_starts:
        return None
    text = text_of(layout.doc)
    content = text[stretch.content_start : stretch.content_end]
    label = TRANSCRIPT_LABEL.match(content)
    if label is None:
        return None
    start = stretch.content_start
    end = start + len(label.group(1))
    first = layout.doc[layout.token_at(start)]
    if not (label.group(1).isupper() or first.pos_ == "PROPN"):
        return None
    return Attribution((start, end), (start, end), (end, end + 1))


def _signature_of_lone_quotation(
    layout: Layout, stretch: QuotedStretch
) -> Attribution | None:
    """'"..." ― Jane Doe' where the quotation opens its paragraph: the signature names the
    speaker whatever verbs the quotation holds. Inside running text a dash and a name after
    a quotation is more often the reporter's byline, so there cues come first."""
    if stretch.open_mark not in layout.paragraph_starts:
        return None
    return signed_attribution(layout, stretch)


def _with_governing_subject(
    layout: Layout, stretch: QuotedStretch, attribution: Attribution
) -> Attribution:
    """``attribution`` with the subject of the verb the quotation hangs from as speaker,
    or, first, the words right beside a cue that follows the quotation."""
    beside = _words_beside_cue(layout, stretch, attribution)
    if beside is not None:
        return beside
    found = attribution_by_governing_subject(layout, stretch)
    return replace(found, cue=attribution.cue) if found is not None else attribution


def _words_beside_cue(
    layout: Layout, stretch: QuotedStretch, attribution: Attribution
) -> Attribution | None:
    """'"...," the editorial read.', '"...," read the email.', '"...,"Jane Doe said.':
    a cue right after a quotation with a few words before it (or after it, up to the next
    punctuation) whose parse names nobody: those words, as written, are the speaker."""
    if attribution.cue is None or stretch.close_mark < 0:
        return None
    doc = layout.doc
    cue = layout.token_at(attribution.cue[0])
    mark = layout.token_at(stretch.close_mark)
    most = layout.settings.frame_subject_words
    between = [t for t in doc[mark + 1 : cue] if not t.is_punct and not t.is_space]
    if any(layout.inside_quote[t.i] for t in between) or cue <= mark:
        return None
    after_cue = doc[cue + 1 : cue + 2 + most]
    words = between or list(itertools.takewhile(lambda t: not t.is_punct, after_cue))
    if not 0 < len(words) <= most or not _may_name(words):
        return None
    start = max(words[0].idx, stretch.close_mark + 1)
    end = words[-1].idx + len(words[-1])
    return Attribution((start, end), (start, end), attribution.cue)


def _may_name(words: list[Token]) -> bool:
    """True when ``words`` can be a speaker: no verb but a mis-tagged name, starting with
    an article, a number or a capital, and ending with a noun, name or number."""
    first, last = words[0], words[-1]
    opens = first.pos_ in {"DET", "NUM", "PROPN"} or first.text[:1].isupper() or (
        first.lower_ in {"one", "another"}
    )
    if any(t.pos_ in {"VERB", "AUX"} and not t.text[:1].isupper() for t in words):
        return False
    return opens and (last.pos_ in NAME_TAGS | {"NUM", "PRON"} or last.text[:1].isupper())


def _make_quote(
    text: str, stretch: QuotedStretch, attribution: Attribution | None, settings: QuoteSettings
) -> Quote:
    kind = classify(text, stretch, settings)
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


def _nearest_cue(
    layout: Layout, stretch: QuotedStretch
) -> tuple[Token, int | None] | None:
    """The strongest speech cue around the quotation, with the closing mark's token index
    when the cue follows a quotation that ends a clause ('"...," Jane Doe said').

    A cue governing the quotation in the parse wins over the nearest one (see
    :func:`_governing_ranks`).
    """
    before, after = sentence_window(layout, stretch)
    introducing = _verb_before_colon(before, layout.settings.colon_verb_reach)
    if introducing is not None:
        return introducing, None
    first_quoted = layout.doc[
        min(layout.token_at(stretch.content_start), len(layout.doc) - 1)
    ]
    governing = _governing_ranks(first_quoted)
    ends_clause = (
        text_of(layout.doc)[stretch.content_end - 1 : stretch.content_end] in CLAUSE_END
    )
    closer = layout.token_at(stretch.close_mark) if ends_clause else None
    ranked: list[tuple[int, bool, int, Token, int | None]] = []
    for side, tokens in (("before", before), ("after", after)):
        for distance, token in enumerate(tokens):
            strength = cue_strength(token)
            if strength:
                following = closer if side == "after" else None
                order = governing.get(token.i, distance)
                if (
                    following is not None
                    and not before
                    and _frames_closing(after[:distance], layout.settings.frame_subject_words)
                ):
                    order = min(governing.values(), default=0) - 1
                ranked.append(
                    (-strength, token.i not in governing, order, token, following)
                )
    if not ranked:
        framing = _verb_framing_quotation(layout, after) if closer is not None else None
        return (framing, closer) if framing is not None else None
    # a cue governing the quotation wins over a stronger one elsewhere in the sentence
    best = min(ranked, key=lambda entry: (entry[1], entry[0], entry[2]))
    return best[3], best[4]


def _frames_closing(between: list[Token], most_words: int) -> bool:
    """True when the words between a closing mark and a cue are at most a short subject
    ('"...," she said'): for a quotation opening its sentence, that cue frames it rather
    than one further on that the parser made its head."""
    words = [token for token in between if not token.is_punct]
    return len(words) <= most_words and not any(
        token.pos_ in {"VERB", "AUX"} for token in words
    )


def _verb_framing_quotation(layout: Layout, after: list[Token]) -> Token | None:
    """'"...," Jane Doe assured the crowd': a finite verb right after a quotation that
    ends a clause, with its subject between the mark and the verb (or inverted right
    after it), frames the quotation as speech whatever the verb is."""
    region = [token for token in after if not token.is_punct][: layout.settings.framing_reach]
    for position, token in enumerate(region):
        if position > 0 and _speech_verb_tagged_noun(token):
            return token  # '"...," the ministry states.': the tagger read a noun
        if token.tag_ not in FINITE_TAGS or token.pos_ not in {"VERB", "AUX"}:
            continue
        before_verb = region[:position]
        subject_before = any(
            word.dep_ in {"nsubj"} and word.head.i == token.i for word in before_verb
        )
        inverted = position == 0 and token.pos_ == "VERB"
        return token if subject_before or inverted else None
    return None


def _speech_verb_tagged_noun(token: Token) -> bool:
    """A speech verb in the third person the tagger took for a plural noun ("states",
    "notes"), closing its clause."""
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    closes = following is None or following.is_punct or following.pos_ == "ADP"
    return (
        token.tag_ == "NNS"
        and token.lower_.endswith("s")
        and token.lemma_.lower() in CORE_SPEECH_LEMMAS
        and closes
    )


def _verb_before_colon(before: list[Token], reach: int) -> Token | None:
    """'Jane Doe interjected: "..."': the verb right before a colon that opens the quotation.

    ``before`` runs backwards from the opening mark.
    """
    if not before or before[0].text != ":":
        return None
    for token in before[1 : 1 + reach]:
        if token.pos_ == "VERB" and cue_strength(token):
            return token
    return None


def _governing_ranks(quoted: Token) -> dict[int, int]:
    """Rank (lower is better) of each word the quotation depends on in the parse.

    The outermost wins: 'X said he would tell them "no"' reports the words as X's. A cue
    hanging from another as an adverbial clause ('said X, adding: "..."') or a conjunct
    ('Y asked for a comment and X said, "..."') still beats its head, since it introduces
    the words itself. A speech verb in a relative clause on a person ('X, who said "..."')
    is the outermost: the verb the person hangs from reports something else. A speech verb set off in commas ('The station, X said, called it
    "..."') reports the whole clause and ranks above the verb it interrupts.
    """
    ranks: dict[int, int] = {}
    for depth, token in enumerate(quoted.ancestors):
        ranks[token.i] = -depth
        if token.dep_ == "relcl" and cue_strength(token) == 2 and _said_by_who(token):
            break  # 'said Jane Doe, who said "...": the clause's own verb reports it
    for token in quoted.ancestors:
        if (
            token.dep_ in {"advcl", "conj"}
            and token.head.i in ranks
            and cue_strength(token)
        ):
            ranks[token.i] = ranks[token.head.i] - 1
    for token in list(quoted.ancestors):
        for child in token.children:
            if child.dep_ == "parataxis" and cue_strength(child) == 2:
                ranks[child.i] = ranks[token.i] - 1  # 'X, she said, called it "..."'
    return ranks


def _said_by_who(verb: Token) -> bool:
    return any(child.dep_ == "nsubj" and child.lower_ == "who" for child in verb.children)


def _object_not_source(name: Token) -> bool:
    """A common noun object before a colon ('returned to his old lines:') names no speaker;
    'From the report:' does."""
    if name.dep_ not in OBJECT_DEPENDENCIES or name.pos_ == "PROPN":
        return False
    return not (name.dep_ == "pobj" and name.head.lower_ == "from")


def _attribution_by_colon(layout: Layout, stretch: QuotedStretch) -> Attribution | None:
    """'Jane Doe: "..."' and headlines 'Jane Doe: Plan Is a ‘Disaster’': a name and a colon."""
    before, _ = sentence_window(layout, stretch)
    for position, token in enumerate(before):
        if token.text != ":" or position + 1 >= len(before):
            continue
        name = before[position + 1]
        near_quote = position == 0
        opens_paragraph = len(before) - position - 1 <= layout.settings.headline_name_tokens
        # headlines capitalise every word, so the tagger's PROPN is not required there
        headline_name = name.pos_ == "PROPN" or (name.is_title and not name.is_stop)
        if _object_not_source(name):
            continue  # 'she returned to her familiar lines: "..."': no name, an object
        if (opens_paragraph and headline_name) or (
            near_quote and name.pos_ in NAME_TAGS
        ):
            return attribute_to_head(
                name, (token.idx, token.idx + 1), layout.inside_quote, layout.settings
            )
    return None
