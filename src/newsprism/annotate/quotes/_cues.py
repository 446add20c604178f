"""Speech cues: which words introduce what someone says, and how strongly.

A cue is a speech verb from :data:`CORE_SPEECH_LEMMAS` (the nearest of these wins) or
:data:`WEAK_SPEECH_LEMMAS` (used when no core verb is near), a phrasal verb of
:data:`SPEECH_PHRASAL_VERBS`, the phrase "according to", or a speech noun with a possessor
("Ada Holm's declaration").
"""

from __future__ import annotations

from spacy.tokens import Token

CORE_SPEECH_LEMMAS = frozenset(
    """say tell add state warn insist write tweet post declare explain note argue claim
    announce ask reply respond answer acknowledge admit recall conclude contend complain
    confirm deny remark observe caution predict promise vow pledge exclaim shout yell
    scream whisper mutter joke boast concede testify proclaim assert maintain continue
    report quote read retort counter interject stress emphasise emphasize reiterate
    urge wonder muse lament thunder fume quip chime rail chant echo boom beam
    cry plead gush snap sneer scoff rave exult reveal press repeat assure reassure
    confess allege elaborate recount""".split()  # noqa: SIM905 (a word list reads best as words)
)
"""Verbs that introduce what someone says: the nearest of these wins."""

WEAK_SPEECH_LEMMAS = frozenset(
    """call describe dub label praise laud criticize criticise blast slam accuse attack
    mock deride hail welcome characterize characterise refer cite put believe think feel
    demand encourage exhort charge brand decry denounce dismiss tout highlight express
    recommend advise insult find sing suggest issue release publish advocate""".split()  # noqa: SIM905 (a word list reads best as words)
)
"""Verbs that often but not always frame a quotation; used when no core verb is near."""

SPEECH_PHRASAL_VERBS = frozenset(
    {
        ("go", "on"),
        ("point", "out"),
        ("shoot", "back"),
        ("fire", "back"),
        ("hit", "back"),
    }
)
"""Verbs that introduce speech only with their particle: 'she went on', 'he shot back'."""

SPEECH_NOUNS = frozenset(
    """words word message statement remarks remark comments comment readout declaration
    claim pledge promise warning tweet vow assertion insistence accusation quote shouts
    chants cries""".split()  # noqa: SIM905 (a word list reads best as words)
)
"""Nouns that can name a speaker: "Those were the words of X", "X's declaration that"."""

BARE_CUE_CHILDREN = frozenset(
    {"nsubj", "punct", "advmod", "ccomp", "npadvmod", "prt", "cc"}
)
"""What "continue" may carry and still mean "went on speaking" ('"...," she continued')."""


def cue_strength(token: Token) -> int:
    """2 for a core speech verb, 1 for a weak one, 0 for no cue (a cue is a verb form)."""
    if token.lower_ == "according" and token.i + 1 < len(token.doc):
        return 2 if token.doc[token.i + 1].lower_ == "to" else 0
    if token.pos_ == "NOUN" and token.lemma_.lower() in SPEECH_NOUNS:
        # "Ada Holm's declaration that": weaker than any verb
        return 1 if possessor(token) is not None else 0
    if token.pos_ not in {"VERB", "AUX"} and token.tag_ not in {
        "VBZ",
        "VBD",
        "VBG",
        "VBN",
    }:
        return 0
    if token.lemma_.lower() == "continue":
        return 2 if _continues_speaking(token) else 0
    if token.lower_ in {"so-called", "called"} and _after_so(token):
        return 0
    lemma = token.lemma_.lower()
    particle = next((c.lower_ for c in token.children if c.dep_ == "prt"), None)
    if (lemma, particle) in SPEECH_PHRASAL_VERBS:
        return 2  # '"...," she went on.' / 'he shot back'
    if lemma in CORE_SPEECH_LEMMAS:
        return 2
    return 1 if lemma in WEAK_SPEECH_LEMMAS else 0


def _continues_speaking(verb: Token) -> bool:
    """'"...," she continued': a person goes on, not 'talks continue as ...'."""
    following = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
    if following is not None and following.text == ":":
        return True  # 'The report continues: "..."'
    subjects = [child for child in verb.children if child.dep_ == "nsubj"]
    if subjects and subjects[0].pos_ not in {"PROPN", "PRON"}:
        return False
    return all(child.dep_ in BARE_CUE_CHILDREN | {"advcl"} for child in verb.children)


def possessor(noun: Token) -> Token | None:
    """The possessor naming whose a speech noun is ("Ada Holm's declaration")."""
    for child in noun.children:
        if child.dep_ == "poss" and child.pos_ in {"PROPN", "NOUN", "PRON"}:
            return child
    return None


def _after_so(token: Token) -> bool:
    previous = token.doc[token.i - 1] if token.i > 0 else None
    return previous is not None and previous.lower_ in {"so", "-", "so-"}


def cue_span(token: Token) -> tuple[int, int]:
    """Characters of the cue: the verb, or "according to" as one phrase."""
    if token.lower_ == "according":
        following = token.doc[token.i + 1]
        return token.idx, following.idx + len(following)
    return token.idx, token.idx + len(token)
