"""A speaker written as a title alone ("the senator said") resolved to the person it names.

News names a person once with her title ("Sen. Ada Holm", "Ada Holm, the senator",
"spokesman Ole Lund") and later calls her by the title alone. The speaker as written stays
"the senator"; the resolved speaker is the latest person before it, outside quotations,
whom the text gave that title. A description with "a" ("a senior official said") refers to
nobody named, so it is left as written, and so is a title the text gives nobody.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from newsprism.common.lexicon import HONORIFICS, OFFICE_NOUNS

TITLE_SHORT_FORMS = {
    "senator": frozenset({"sen"}),
    "governor": frozenset({"gov"}),
    "representative": frozenset({"rep"}),
    "congressman": frozenset({"rep"}),
    "congresswoman": frozenset({"rep"}),
    "president": frozenset({"pres"}),
    "secretary": frozenset({"sec"}),
    "general": frozenset({"gen"}),
    "professor": frozenset({"prof"}),
}
"""Abbreviations written before a name for a title ("Sen. Ada Holm" for "the senator")."""

DEFINITE = frozenset({"the", "this", "that"})


def resolve_title(head: Token, inside_quote: list[bool]) -> tuple[int, int] | None:
    """The named person "the senator" (headed by ``head``) stands for, or None."""
    title = head.lower_
    if title not in OFFICE_NOUNS | HONORIFICS or not _is_definite(head):
        return None
    forms = {title} | TITLE_SHORT_FORMS.get(title, frozenset())
    doc = head.doc
    for entity in reversed([e for e in doc.ents if e.label_ == "PERSON" and e.end <= head.i]):
        if inside_quote[entity.start]:
            continue
        if _titled(doc, entity, forms):
            return entity.start_char, entity.end_char
    return None


def _is_definite(head: Token) -> bool:
    """True when the title has "the" (or "this") before it and no name of its own."""
    determiners = [child for child in head.children if child.dep_ == "det"]
    return bool(determiners) and determiners[0].lower_ in DEFINITE


def _titled(doc: Doc, entity: Span, forms: set[str]) -> bool:
    """True when the text gives ``entity`` one of the title words ``forms``: right before
    it ("Sen. Ada Holm", "spokesman Ole Lund") or in an apposition ("Ada Holm, the
    senator", "Ada Holm, a spokesman for the party")."""
    words = [entity[0]] + ([doc[entity.start - 1]] if entity.start > 0 else [])
    if any(word.lower_.rstrip(".") in forms for word in words):
        return True
    root = entity.root
    neighbours = [child for child in root.children if child.dep_ == "appos"]
    if root.dep_ == "appos":
        neighbours.append(root.head)
    return any(
        token.lower_ in forms or any(t.lower_ in forms for t in token.subtree)
        for token in neighbours
        if token.i < entity.start or token.i >= entity.end
    )
