"""Sentence boundaries that never cross a paragraph break."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from newsprism.model import Span

_LINE = re.compile(r"[^\n]+")


def find_sentences(doc: Doc) -> tuple[Span, ...]:
    """Return the sentences of ``doc`` as spans, split at line breaks, without edge spaces.

    News text puts one paragraph on a line, and the parser sometimes joins a heading or a
    one-line paragraph to the next; splitting at line breaks keeps each sentence inside its
    paragraph.
    """
    text = doc.text
    sentences: list[Span] = []
    for sentence in doc.sents:
        for line in _LINE.finditer(text, sentence.start_char, sentence.end_char):
            start, end = line.start(), line.end()
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if start < end:
                sentences.append(Span(start, end))
    return tuple(sentences)
