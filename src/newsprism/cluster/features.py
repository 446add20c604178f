"""Cheap per-article features for story clustering: content words, names, numbers.

Everything here is regular expressions and dictionaries, so it runs on every article at
ingest time (deep annotation with spaCy is deferred until a story is shown). Features are
namespaced keys with raw counts: ``w:`` content words (crudely stemmed), ``n:`` name tokens
(a capitalisation heuristic), ``d:`` numbers and ``y:`` years.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from newsprism.model import Article
from newsprism.settings import StorySettings

TOKEN = re.compile(r"[A-Za-z][A-Za-z'’\-]*[A-Za-z]|[A-Za-z]|\d+(?:[.,:]\d+)*")
SENTENCE_END = re.compile(r"[.!?\"“”‘’:;\n]")

STOPWORDS = frozenset(
    """
    a about above after again against all almost also although am among an and another any
    are around as at be because been before being below between both but by can could did
    do does doing done down during each either else even ever every few for from further
    had has have having he her here hers herself him himself his how however i if in into
    is it its itself just last least less like made make many may me might more most much
    must my myself near neither never new next no nor not now of off often on once one only
    or other others our ours out over own per perhaps please rather said same say says
    saying she should since so some such than that the their theirs them then there these
    they this those though through thus to too told toward two under until up upon us very
    via was we were what whatever when where whether which while who whom whose why will
    with within without would yet you your yours according reported reports report
    reporting news today yesterday tomorrow week weeks month months year years day days
    time times people man woman mr mrs ms dr st am pm
    """.split()  # noqa: SIM905 - a word list reads better as words
)
CALENDAR = frozenset(
    """
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday
    friday saturday sunday
    """.split()  # noqa: SIM905 - a word list reads better as words
)


def article_features(article: Article, settings: StorySettings = StorySettings()) -> Counter[str]:
    """Count the clustering features of ``article``: headline and lead words weighted up
    (news is written as an inverted pyramid, so the lead says who did what, where and when)."""
    body_tokens = _tokens(article.text)
    title_tokens = _tokens(article.title or "")
    # A headline in Title Case capitalises every word: it cannot tell names apart.
    evidence = (
        body_tokens if _is_title_case(title_tokens) else title_tokens + body_tokens
    )
    lowercase_seen = {word for word, _, _ in evidence if word.islower()}
    names = _name_tokens(evidence, lowercase_seen)
    features: Counter[str] = Counter()
    for word, initial, start in body_tokens:
        for key in _keys(word, initial, names, lowercase_seen):
            features[key] += settings.lead_weight if start < settings.lead_characters else 1
    for word, initial, _ in title_tokens:
        for key in _keys(word, initial, names, lowercase_seen):
            features[key] += settings.title_weight
    features.update(_calendar_keys(title_tokens + body_tokens))
    return features


MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}


def _calendar_keys(tokens: list[tuple[str, bool, int]]) -> list[str]:
    """Written dates ("Dec. 8", "8 December"): the day an event happened tells events apart."""
    keys = []
    for position, (word, _, _) in enumerate(tokens):
        month = MONTHS.get(word.lower()) if word[0].isupper() else None
        if month is None:
            continue
        for neighbour in (position + 1, position - 1):
            if (
                0 <= neighbour < len(tokens)
                and tokens[neighbour][0].isdigit()
                and 1 <= int(tokens[neighbour][0]) <= 31
            ):
                keys.append(f"t:{month}-{int(tokens[neighbour][0])}")
                break
        else:
            keys.append(f"t:{month}")
    return keys


def _is_title_case(tokens: list[tuple[str, bool, int]]) -> bool:
    """True when most longer words of a headline are capitalised."""
    words = [word for word, _, _ in tokens if len(word) > 3 and word[0].isalpha()]
    return bool(words) and sum(word[0].isupper() for word in words) > 0.7 * len(words)


def _tokens(text: str) -> list[tuple[str, bool, int]]:
    """Tokens of ``text``, each with whether it starts a sentence, and its offset."""
    tokens: list[tuple[str, bool, int]] = []
    previous_end = 0
    for match in TOKEN.finditer(text):
        gap = text[previous_end : match.start()]
        initial = not tokens or (gap != " " and bool(SENTENCE_END.search(gap)))
        tokens.append((match.group(), initial, match.start()))
        previous_end = match.end()
    return tokens


def _name_tokens(
    tokens: list[tuple[str, bool, int]], lowercase_seen: set[str]
) -> set[str]:
    """Capitalised words used as names: seen capitalised mid-sentence, never lowercase."""
    names = set()
    for word, initial, _ in tokens:
        if initial or not word[0].isupper() or len(word) < 2:
            continue
        lower = _normalised(word)
        if lower is not None and lower not in lowercase_seen:
            names.add(lower)
    return names


def _keys(
    word: str, initial: bool, names: set[str], lowercase_seen: set[str]
) -> tuple[str, ...]:
    """The feature keys one token contributes (none for stopwords and noise)."""
    if word[0].isdigit():
        return _number_keys(word)
    lower = _normalised(word)
    if lower is None:
        return ()
    if lower in names:
        return (f"n:{lower}",)
    return (_word_key(lower),)


@lru_cache(maxsize=200_000)
def _normalised(word: str) -> str | None:
    """Lower case without a possessive; None for stopwords, month names and short words."""
    lower = word.lower().replace("’", "'")
    lower = lower.removesuffix("'s")
    if lower in STOPWORDS or lower in CALENDAR or len(lower) < 3:
        return None
    return lower


@lru_cache(maxsize=200_000)
def _word_key(lower: str) -> str:
    return f"w:{stem(lower)}"


@lru_cache(maxsize=50_000)
def _number_keys(word: str) -> tuple[str, ...]:
    """Years and multi-digit numbers; single digits are too common to tell events apart."""
    value = word.rstrip(".,:")
    if len(value) == 4 and value.isdigit() and 1900 <= int(value) <= 2100:
        return (f"y:{value}",)
    if len(value) < 2 or value.count(":"):
        return ()
    return (f"d:{value.replace(',', '')}",)


def stem(word: str) -> str:
    """A crude suffix stripper so 'quakes'/'quake' and 'released'/'releasing' meet.

    After the suffix goes, a final silent "e" goes too, so the bare form and the inflected
    forms share one key ("releas", "charg"); "-ss", "-us" and "-is" endings are not plurals.
    """
    if word.endswith(("ss", "us", "is")):
        return word
    for suffix, minimum in (("ies", 5), ("ing", 6), ("ed", 5), ("s", 4)):
        if word.endswith(suffix) and len(word) >= minimum:
            word = word[: -len(suffix)] + ("y" if suffix == "ies" else "")
            break
    return word[:-1] if word.endswith("e") and len(word) > 3 else word
