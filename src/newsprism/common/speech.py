"""Words that report speech: verbs, phrasal verbs and nouns that frame what someone says.

Used by quote attribution (which word introduces a quotation) and by clause finding (a
speech frame such as "officials said" is no statement of its own).
"""

from __future__ import annotations

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
