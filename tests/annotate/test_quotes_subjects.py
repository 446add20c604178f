"""Speakers read through parser misreadings, on hand-made parses: the small model's
mistakes (two subjects for one verb, a "said" hung on one paragraphs before) cannot be
called up on demand with sentences of our own."""

from __future__ import annotations

from spacy.tokens import Doc
from spacy.vocab import Vocab

from newsprism.annotate.quotes import find_quotes
from newsprism.annotate.quotes._speakers import speaker_head


def hand_parsed(rows: str) -> Doc:
    """A Doc from one token per line: word, head index, dependency, tag, part of speech,
    lemma, entity (IOB). A word ending in "+" is followed by a space; "¶" is a paragraph
    break."""
    table = [line.split() for line in rows.strip().splitlines()]
    words = [row[0].removesuffix("+").replace("¶", "\n\n") for row in table]
    return Doc(
        Vocab(),
        words=words,
        spaces=[row[0].endswith("+") for row in table],
        heads=[int(row[1]) for row in table],
        deps=[row[2] for row in table],
        tags=[row[3] for row in table],
        pos=[row[4] for row in table],
        lemmas=[row[5] for row in table],
        ents=[row[6] for row in table],
    )


def test_person_nearer_the_verb_wins_over_a_place_read_as_subject() -> None:
    doc = hand_parsed(
        """
        In+      7 prep     IN  ADP   in     O
        Austin   0 pobj     NNP PROPN austin B-GPE
        ,+       7 punct    ,   PUNCT ,      O
        Texas    7 nsubj    NNP PROPN texas  B-GPE
        ,+       7 punct    ,   PUNCT ,      O
        Ada+     6 compound NNP PROPN ada    B-PERSON
        Holm+    7 nsubj    NNP PROPN holm   I-PERSON
        said+    7 ROOT     VBD VERB  say    O
        it       7 dobj     PRP PRON  it     O
        """
    )
    head = speaker_head(doc[7], [False] * len(doc))
    assert head is not None and head.text == "Holm"


def test_first_subject_stays_when_it_names_a_person() -> None:
    doc = hand_parsed(
        """
        Ada+     1 compound NNP PROPN ada     B-PERSON
        Holm     8 nsubj    NNP PROPN holm    I-PERSON
        ,+       8 punct    ,   PUNCT ,       O
        despite+ 8 prep     IN  ADP   despite O
        it       3 pobj     PRP PRON  it      O
        ,+       8 punct    ,   PUNCT ,       O
        the+     7 det      DT  DET   the     O
        voters+  8 nsubj    NNS NOUN  voter   O
        said+    8 ROOT     VBD VERB  say     O
        no       8 dobj     DT  DET   no      O
        """
    )
    head = speaker_head(doc[8], [False] * len(doc))
    assert head is not None and head.text == "Holm"


def test_quotation_goes_to_the_cue_beside_it_not_to_one_paragraphs_before() -> None:
    # the parser hung the second "said" on the first, across the paragraph break
    doc = hand_parsed(
        """
        Ada+      1 compound  NNP PROPN ada      B-PERSON
        Holm+     2 nsubj     NNP PROPN holm     I-PERSON
        said+     2 ROOT      VBD VERB  say      O
        it+       4 nsubj     PRP PRON  it       O
        ended     2 ccomp     VBD VERB  end      O
        .         2 punct     .   PUNCT .        O
        ¶         5 dep       _SP SPACE ¶        O
        “         9 punct     ``  PUNCT “        O
        We+       9 nsubj     PRP PRON  we       O
        tried    13 ccomp     VBD VERB  try      O
        ,         9 punct     ,   PUNCT ,        O
        ”+        9 punct     ''  PUNCT ”        O
        Holm+    13 nsubj     NNP PROPN holm     B-PERSON
        said      2 conj      VBD VERB  say      O
        .+       13 punct     .   PUNCT .        O
        “        17 punct     ``  PUNCT “        O
        Nobody+  17 nsubj     NN  PRON  nobody   O
        listened 13 ccomp     VBD VERB  listen   O
        .        17 punct     .   PUNCT .        O
        ”        17 punct     ''  PUNCT ”        O
        """
    )
    text = doc.text
    assert (
        text == "Ada Holm said it ended.\n\n“We tried,” Holm said. “Nobody listened.”"
    )
    last = find_quotes(doc)[-1]
    assert text[last.start : last.end] == "Nobody listened."
    assert last.speaker is not None and last.speaker.start == text.rindex("Holm said")


def test_participle_after_said_and_a_comma_shares_its_speaker() -> None:
    # the parser hung "adding" on a verb inside the first quotation
    doc = hand_parsed(
        """
        “        2 punct     ``  PUNCT “      O
        It+      2 nsubj     PRP PRON  it     O
        is+      2 ROOT      VBZ AUX   be     O
        over     2 acomp     RB  ADV   over   O
        ,        2 punct     ,   PUNCT ,      O
        ”+       2 punct     ''  PUNCT ”      O
        Holm+    7 nsubj     NNP PROPN holm   B-PERSON
        said     2 parataxis VBD VERB  say    O
        ,+       7 punct     ,   PUNCT ,      O
        adding+  2 advcl     VBG VERB  add    O
        that+   13 mark      IN  SCONJ that   O
        “       13 punct     ``  PUNCT “      O
        we+     13 nsubj     PRP PRON  we     O
        lost     9 ccomp     VBD VERB  lose   O
        .       13 punct     .   PUNCT .      O
        ”       13 punct     ''  PUNCT ”      O
        """
    )
    text = doc.text
    assert text == "“It is over,” Holm said, adding that “we lost.”"
    last = find_quotes(doc)[-1]
    assert text[last.start : last.end] == "we lost."
    assert last.speaker is not None and last.speaker.of(text) == "Holm"


def test_signature_dash_the_model_took_into_the_name_is_not_part_of_the_speaker() -> (
    None
):
    doc = hand_parsed(
        """
        “        2 punct    ``  PUNCT “     O
        We+      2 nsubj    PRP PRON  we    O
        won      2 ROOT     VBD VERB  win   O
        .        2 punct    .   PUNCT .     O
        ”+       2 punct    ''  PUNCT ”     O
        ―+       7 punct    NFP PUNCT ―     B-PERSON
        Ines+    7 compound NNP PROPN ines  I-PERSON
        Varga    2 npadvmod NNP PROPN varga I-PERSON
        """
    )
    quote = find_quotes(doc)[0]
    assert quote.speaker is not None and quote.speaker.of(doc.text) == "Ines Varga"


def test_person_right_before_a_participle_cue_speaks_whatever_it_hangs_on() -> None:
    # the parser made "asking" depend on "shows", whose subject is the video
    doc = hand_parsed(
        """
        The+     1 det      DT  DET   the   O
        video+   2 nsubj    NN  NOUN  video O
        shows+   2 ROOT     VBZ VERB  show  O
        Ada+     4 compound NNP PROPN ada   B-PERSON
        Holm+    2 dobj     NNP PROPN holm  I-PERSON
        asking   2 xcomp    VBG VERB  ask   O
        ,+       5 punct    ,   PUNCT ,     O
        “        8 punct    ``  PUNCT “     O
        Why+     5 ccomp    WRB ADV   why   O
        not      8 neg      RB  PART  not   O
        ?        8 punct    .   PUNCT ?     O
        ”        8 punct    ''  PUNCT ”     O
        """
    )
    quote = find_quotes(doc)[0]
    assert quote.speaker is not None and quote.speaker.of(doc.text) == "Ada Holm"
