"""Name spans that name nothing, or more than a name: the small model's junk, cut or dropped.

The NER tags capitalised words as names wherever they stand, so a sentence-initial common
word ("Migrants", "Congressional"), a shouted word in a quoted tweet ("WOW"), a title with
no person ("Special Counsel") or a headline fragment ("Suspect caught") becomes an
"entity" a brief would list. Others run past the name into common words ("Comey Memos",
"the Watergate scandal", "Marely Ramirez of Coronado"). Rules, each general to English
news writing:

* a span is cut before a trailing run of common words: lower-case words, honorifics
  ("... hotel Mr"), things named after their owner ("Comey Memos", "DNC server"), and
  plural words the article also writes in lower case;
* a person's name ends before "of"/"from"/"on" ("Marely Ramirez of Coronado");
* what is left is dropped when it is all lower case, a common word of the article
  written with a capital, an interjection, a pronoun, a title alone, a prefixed adjective
  ("anti-Muslim", "ex-British") or two names joined by a hyphen ("U.S.-Mexico",
  "Obama-Biden" when Obama is also named alone), which name two things and no one thing.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from newsprism.common.lexicon import (
    COUNTRY_OF_WORD,
    DEPARTMENT_WORDS,
    HONORIFICS,
    INTERJECTIONS,
    OFFICE_NOUNS,
    RANK_QUALIFIERS,
    fold,
)
from newsprism.common.names import canonical_key

_PERSON_ENDERS = frozenset({"of", "from", "on", "in", "at"})
PRONOUNS = frozenset(
    {
        "i", "me", "you", "he", "him", "she", "her", "it", "we", "us", "they", "them",
        "his", "hers", "its", "our", "their", "theirs", "my", "mine", "your", "yours",
        "this", "that", "these", "those", "who", "whom",
    }
)  # fmt: skip
"""Words that point to an entity without naming it: a capitalised "He" or "It" tagged
as a name is no entity of its own ("US" is not among them: in capitals it is a country)."""
_TRAILING_HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "sir", "dame", "mx"})
_DOCUMENT_NOUNS = frozenset(
    {
        "memo", "memos", "email", "emails", "server", "servers", "document", "documents",
        "dossier", "file", "files", "tape", "tapes", "letter", "letters", "tweet", "tweets",
    }
)  # fmt: skip
"""Things named after their author or owner ("the Comey memos", "the DNC server"): the
span names the person or body, the rest is no part of a name."""
_ADJECTIVE_PREFIXES = ("anti-", "pro-", "ex-", "non-", "post-", "pre-")
_TITLE_ONLY_WORDS = (
    OFFICE_NOUNS
    | HONORIFICS
    | DEPARTMENT_WORDS
    | RANK_QUALIFIERS
    | {"special", "general", "prime", "vice", "first", "chief", "of", "the", "counsel"}
)


def clean_names(doc: Doc, names: list[Span]) -> list[Span]:
    """``names`` cut to the name they hold, without those that name nothing."""
    lower_words = {token.text for token in doc if token.is_lower and token.is_alpha}
    mentioned = {fold(name.text) for name in names}
    cleaned = []
    for name in names:
        cut = _cut(doc, name, lower_words)
        if cut is not None and not _is_junk(cut, lower_words, mentioned):
            cleaned.append(cut)
    return cleaned


def _cut(doc: Doc, name: Span, lower_words: set[str]) -> Span | None:
    """``name`` without trailing spaces and common words, a person without "of ..."."""
    start, end = name.start, name.end
    if name.label_ == "PERSON":
        for index in range(start + 1, end):
            if doc[index].text in _PERSON_ENDERS and doc[index - 1].whitespace_:
                end = index
                break
    while end > start and _trails(doc[end - 1], lower_words, end - 1 > start):
        glued = end - 2 >= start and not doc[end - 2].whitespace_
        if glued and not doc[end - 1].is_space:
            break  # "Moon Jae-in": a part joined by a hyphen belongs to the name
        end -= 1
    while start < end and doc[start].is_space:
        start += 1
    if start >= end:
        return None
    if (start, end) == (name.start, name.end):
        return name
    return Span(doc, start, end, label=name.label_)


def _trails(token: Token, lower_words: set[str], has_more: bool) -> bool:
    """True for a token a name may not end with (when some other word is left)."""
    if token.is_space or (token.is_punct and token.text not in (".",)):
        return True
    if not has_more:
        return False
    if token.is_lower and token.is_alpha:
        return True
    if token.lower_.rstrip(".") in _TRAILING_HONORIFICS or token.lower_ in _DOCUMENT_NOUNS:
        return True
    return token.tag_ == "NNPS" and token.lower_ in lower_words


def _is_junk(name: Span, lower_words: set[str], mentioned: set[str]) -> bool:
    text = name.text
    words = [token for token in name if not token.is_punct]
    if not words or all(token.is_lower for token in words):
        return True
    if fold(text).startswith(_ADJECTIVE_PREFIXES):
        return True
    if len(words) == 1 and (
        words[0].tag_ == "UH"
        or fold(words[0].text) in INTERJECTIONS
        or (words[0].text.istitle() and fold(words[0].text) in PRONOUNS)
    ):
        return True
    if all(_is_common_word(token, lower_words) for token in words) and not canonical_key(text):
        return True
    if all(token.lower_.rstrip(".") in _TITLE_ONLY_WORDS for token in words) and (
        words[-1].lower_ in OFFICE_NOUNS or words[-1].lower_ == "counsel"
    ):
        return True
    return _joins_two_names(text, mentioned)


def _is_common_word(token: Token, lower_words: set[str]) -> bool:
    """True for a capitalised word the article also writes in lower case, that the model
    did not take for a singular proper noun ("Caravans" at a sentence start, then
    "caravans"); away from a sentence start, a plural proper noun ("the Times") stays."""
    if token.lower_ not in lower_words:
        return False
    if token.tag_ == "NNPS":
        return token.is_sent_start is True
    return token.tag_ != "NNP"


def _joins_two_names(text: str, mentioned: set[str]) -> bool:
    """True for "U.S.-Mexico": two names joined by a hyphen, each a country or a name the
    article mentions on its own (a double-barrelled surname is not both)."""
    parts = text.split("-")
    if len(parts) != 2 or not all(part[:1].isupper() for part in parts):
        return False
    return all(
        fold(part).replace(".", "") in COUNTRY_OF_WORD or fold(part) in mentioned
        for part in parts
    )
