"""Which of several parsed subjects speaks: built on hand-made parses, since the small
model's misreadings cannot be called up on demand."""

from __future__ import annotations

from spacy.tokens import Doc
from spacy.vocab import Vocab

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
