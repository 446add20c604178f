"""Speakers read through parser misreadings, on hand-made parses: the small model's
mistakes (two subjects for one verb, a "said" hung on one paragraphs before) cannot be
called up on demand with sentences of our own."""

from __future__ import annotations

from spacy.tokens import Doc
from spacy.vocab import Vocab

from newsprism.annotate.quotes import find_quotes
from newsprism.annotate.quotes_speakers import speaker_head


def parsed(words: list[str], heads: list[int], deps: list[str], tags: list[str]) -> Doc:
    """A Doc with the given parse; "Ada Holm" (when present) is a PERSON entity."""
    ents = ["O"] * len(words)
    if "Holm" in words:
        ents[words.index("Ada")] = "B-PERSON"
        ents[words.index("Holm")] = "I-PERSON"
    if "Texas" in words:
        ents[words.index("Texas")] = "B-GPE"
    pos = [
        "PROPN" if tag == "NNP" else "VERB" if tag.startswith("VB") else "X"
        for tag in tags
    ]
    return Doc(
        Vocab(), words=words, heads=heads, deps=deps, tags=tags, pos=pos, ents=ents
    )


def test_person_nearer_the_verb_wins_over_a_place_read_as_subject() -> None:
    words = ["In", "Austin", ",", "Texas", ",", "Ada", "Holm", "said", "it"]
    heads = [7, 0, 7, 7, 7, 6, 7, 7, 7]
    deps = [
        "prep",
        "pobj",
        "punct",
        "nsubj",
        "punct",
        "compound",
        "nsubj",
        "ROOT",
        "dobj",
    ]
    tags = ["IN", "NNP", ",", "NNP", ",", "NNP", "NNP", "VBD", "PRP"]
    doc = parsed(words, heads, deps, tags)
    head = speaker_head(doc[7], [False] * len(doc))
    assert head is not None and head.text == "Holm"


def test_first_subject_stays_when_it_names_a_person() -> None:
    words = ["Ada", "Holm", ",", "despite", "it", ",", "the", "voters", "said", "no"]
    heads = [1, 8, 8, 8, 3, 8, 7, 8, 8, 8]
    deps = [
        "compound",
        "nsubj",
        "punct",
        "prep",
        "pobj",
        "punct",
        "det",
        "nsubj",
        "ROOT",
        "dobj",
    ]
    tags = ["NNP", "NNP", ",", "IN", "PRP", ",", "DT", "NNS", "VBD", "DT"]
    doc = parsed(words, heads, deps, tags)
    head = speaker_head(doc[8], [False] * len(doc))
    assert head is not None and head.text == "Holm"


def test_quotation_goes_to_the_cue_beside_it_not_to_one_paragraphs_before() -> None:
    # the parser hung the second "said" on the first, across the paragraph break
    words = ["Ada", "Holm", "said", "it", "ended", ".", "\n\n", "“", "We", "tried"]
    words += [",", "”", "Holm", "said", ".", "“", "Nobody", "listened", ".", "”"]
    spaces = [True, True, True, True, False, False, False, False, True, False]
    spaces += [False, True, True, False, True, False, True, False, False, False]
    heads = [1, 2, 2, 4, 2, 2, 5, 9, 9, 13, 9, 9, 13, 2, 13, 17, 17, 13, 17, 17]
    deps = ["compound", "nsubj", "ROOT", "nsubj", "ccomp", "punct", "dep", "punct"]
    deps += ["nsubj", "ccomp", "punct", "punct", "nsubj", "conj", "punct", "punct"]
    deps += ["nsubj", "ccomp", "punct", "punct"]
    tags = ["NNP", "NNP", "VBD", "PRP", "VBD", ".", "_SP", "``", "PRP", "VBD"]
    tags += [",", "''", "NNP", "VBD", ".", "``", "NN", "VBD", ".", "''"]
    pos = ["PROPN", "PROPN", "VERB", "PRON", "VERB", "PUNCT", "SPACE", "PUNCT"]
    pos += ["PRON", "VERB", "PUNCT", "PUNCT", "PROPN", "VERB", "PUNCT", "PUNCT"]
    pos += ["PRON", "VERB", "PUNCT", "PUNCT"]
    lemmas = [word.lower() for word in words]
    lemmas[2] = lemmas[13] = "say"
    ents = ["B-PERSON", "I-PERSON"] + ["O"] * 10 + ["B-PERSON"] + ["O"] * 7
    doc = Doc(
        Vocab(),
        words=words,
        spaces=spaces,
        heads=heads,
        deps=deps,
        tags=tags,
        pos=pos,
        lemmas=lemmas,
        ents=ents,
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
    words = ["“", "It", "is", "over", ",", "”", "Holm", "said", ",", "adding"]
    words += ["that", "“", "we", "lost", ".", "”"]
    spaces = [False, True, True, False, False, True, True, False, True, True]
    spaces += [True, False, True, False, False, False]
    heads = [2, 2, 2, 2, 2, 2, 7, 2, 7, 2, 13, 13, 13, 9, 13, 13]
    deps = ["punct", "nsubj", "ROOT", "acomp", "punct", "punct", "nsubj", "parataxis"]
    deps += ["punct", "advcl", "mark", "punct", "nsubj", "ccomp", "punct", "punct"]
    tags = ["``", "PRP", "VBZ", "RB", ",", "''", "NNP", "VBD", ",", "VBG"]
    tags += ["IN", "``", "PRP", "VBD", ".", "''"]
    pos = ["PUNCT", "PRON", "AUX", "ADV", "PUNCT", "PUNCT", "PROPN", "VERB", "PUNCT"]
    pos += ["VERB", "SCONJ", "PUNCT", "PRON", "VERB", "PUNCT", "PUNCT"]
    lemmas = [word.lower() for word in words]
    lemmas[7], lemmas[9] = "say", "add"
    ents = ["O"] * 6 + ["B-PERSON"] + ["O"] * 9
    doc = Doc(
        Vocab(),
        words=words,
        spaces=spaces,
        heads=heads,
        deps=deps,
        tags=tags,
        pos=pos,
        lemmas=lemmas,
        ents=ents,
    )
    text = doc.text
    assert text == "“It is over,” Holm said, adding that “we lost.”"
    last = find_quotes(doc)[-1]
    assert text[last.start : last.end] == "we lost."
    assert last.speaker is not None and last.speaker.of(text) == "Holm"


def test_signature_dash_the_model_took_into_the_name_is_not_part_of_the_speaker() -> (
    None
):
    words = ["“", "We", "won", ".", "”", "―", "Ines", "Varga"]
    spaces = [False, True, False, False, True, True, True, False]
    heads = [2, 2, 2, 2, 2, 7, 7, 2]
    deps = ["punct", "nsubj", "ROOT", "punct", "punct", "punct", "compound", "npadvmod"]
    tags = ["``", "PRP", "VBD", ".", "''", "NFP", "NNP", "NNP"]
    pos = ["PUNCT", "PRON", "VERB", "PUNCT", "PUNCT", "PUNCT", "PROPN", "PROPN"]
    ents = ["O"] * 5 + ["B-PERSON", "I-PERSON", "I-PERSON"]
    doc = Doc(
        Vocab(),
        words=words,
        spaces=spaces,
        heads=heads,
        deps=deps,
        tags=tags,
        pos=pos,
        ents=ents,
    )
    quote = find_quotes(doc)[0]
    assert quote.speaker is not None and quote.speaker.of(doc.text) == "Ines Varga"


def test_person_right_before_a_participle_cue_speaks_whatever_it_hangs_on() -> None:
    # the parser made "asking" depend on "shows", whose subject is the video
    words = [
        "The",
        "video",
        "shows",
        "Ada",
        "Holm",
        "asking",
        ",",
        "“",
        "Why",
        "not",
        "?",
    ]
    words += ["”"]
    spaces = [True, True, True, True, True, False, True, False, True, False, False]
    spaces += [False]
    heads = [1, 2, 2, 4, 2, 2, 5, 8, 5, 8, 8, 8]
    deps = ["det", "nsubj", "ROOT", "compound", "dobj", "xcomp", "punct", "punct"]
    deps += ["ccomp", "neg", "punct", "punct"]
    tags = ["DT", "NN", "VBZ", "NNP", "NNP", "VBG", ",", "``", "WRB", "RB", ".", "''"]
    pos = ["DET", "NOUN", "VERB", "PROPN", "PROPN", "VERB", "PUNCT", "PUNCT", "ADV"]
    pos += ["PART", "PUNCT", "PUNCT"]
    lemmas = [word.lower() for word in words]
    lemmas[5] = "ask"
    ents = ["O"] * 3 + ["B-PERSON", "I-PERSON"] + ["O"] * 7
    doc = Doc(
        Vocab(),
        words=words,
        spaces=spaces,
        heads=heads,
        deps=deps,
        tags=tags,
        pos=pos,
        lemmas=lemmas,
        ents=ents,
    )
    quote = find_quotes(doc)[0]
    assert quote.speaker is not None and quote.speaker.of(doc.text) == "Ada Holm"
