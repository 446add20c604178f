"""Details that differ between statements of one fact: numbers, dates, names, qualifiers."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from newsprism.compare.statements import Statement
from newsprism.model import Article, Difference, DifferenceKind, Evidence, Span

NUMBER_WORDS = {
    "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
    "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "twenty": "20",
    "dozen": "12", "hundred": "100", "thousand": "1000", "million": "1000000",
    "billion": "1000000000",
}
"""Spelled numbers compared with written ones ("one" is left out: it is mostly a pronoun)."""
_NUMBER = re.compile(
    r"(?<![\w.])(\d+(?:[.,]\d+)*)(\s*(?:%|per ?cent))?|\b(" + "|".join(NUMBER_WORDS) + r")\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"^(1[89]|20)\d\d$")

QUALIFIERS = frozenset(
    {
        "temporarily", "permanently", "partially", "partly", "fully", "entirely", "completely",
        "all", "some", "most", "many", "few", "several", "every", "only", "reportedly",
        "allegedly", "apparently", "possibly", "probably", "likely", "unlikely", "not",
        "never", "no longer", "indefinitely", "briefly",
    }
)
"""Words that change how much or how surely a statement holds."""

APPROXIMATORS = frozenset(
    {"about", "around", "approximately", "roughly", "nearly", "almost", "over", "under",
     "up to", "more than", "less than", "fewer than", "at least", "at most", "some"}
)
"""Words that qualify a number when one follows them ("about 400")."""

_QUALIFIER = re.compile(
    r"\b(" + "|".join(sorted((re.escape(q) for q in QUALIFIERS), key=len, reverse=True)) + r")\b|n't\b"
)
_APPROXIMATOR = re.compile(
    r"\b(" + "|".join(sorted((re.escape(q) for q in APPROXIMATORS), key=len, reverse=True))
    + r")\s+(?=\d|(?:" + "|".join(NUMBER_WORDS) + r")\b)",
    re.IGNORECASE,
)

EntityTypes = Callable[[Article, Span], dict[str, tuple[str, str]]]
"""Story entities inside a span: entity id -> (type, display name)."""


def find_differences(statements: Sequence[Statement], entities_of: EntityTypes) -> tuple[Difference, ...]:
    """Compare every statement of a fact with the others and list what differs, by kind."""
    differences: list[Difference] = []
    if len({statement.article.id for statement in statements}) < 2:
        return ()
    extractors: list[tuple[DifferenceKind, Callable[[Statement], dict[str, str]]]] = [
        ("number", _numbers),
        ("date", _dates),
        ("qualifier", _qualifiers),
    ]
    for kind, extract in extractors:
        difference = _compare(kind, statements, [extract(s) for s in statements], symmetric=kind != "qualifier")
        if difference:
            differences.append(difference)
    differences.extend(_name_differences(statements, entities_of))
    return tuple(differences)


def _compare(
    kind: DifferenceKind,
    statements: Sequence[Statement],
    values: list[dict[str, str]],
    symmetric: bool,
) -> Difference | None:
    """A difference when the statements' value sets disagree.

    ``values`` maps a normalised value to its wording, per statement. With ``symmetric``,
    a statement that gives no value of this kind is not a disagreement (a detail only one
    report gives is not a contradiction); a qualifier one report adds is.
    """
    compared = [(s, v) for s, v in zip(statements, values) if v or not symmetric]
    if len({s.article.id for s, _ in compared}) < 2:
        return None
    keys = [frozenset(v) for _, v in compared]
    if all(k == keys[0] for k in keys):
        return None
    if kind == "date" and _dates_agree(keys):
        return None
    common = frozenset.intersection(*keys)
    return Difference(
        kind=kind,
        values=tuple(
            (", ".join(word for key, word in v.items() if key not in common) or "(none)", _evidence(s))
            for s, v in compared
        ),
    )


def _dates_agree(keys: list[frozenset[str]]) -> bool:
    """Dates agree when each is the same as, or contains, one of every other report's.

    "later this year" (2018) and "on April 27" (2018-04-27) do not contradict each other.
    """

    def compatible(a: str, b: str) -> bool:
        return a.startswith(b) or b.startswith(a)

    return all(
        all(any(compatible(a, b) for b in other) for a in mine)
        for mine in keys
        for other in keys
        if mine is not other
    )


def _name_differences(statements: Sequence[Statement], entities_of: EntityTypes) -> list[Difference]:
    found = [entities_of(s.article, s.clause.span) for s in statements]
    differences = []
    types = sorted({kind for entities in found for kind, _ in entities.values()})
    for entity_type in types:
        values = [{eid: name for eid, (kind, name) in e.items() if kind == entity_type} for e in found]
        present = [(s, v) for s, v in zip(statements, values) if v]
        if len({s.article.id for s, _ in present}) < 2:
            continue
        # Reports naming different places (or people) and none in common differ; one
        # extra name beside a shared one is only more detail.
        if all(not _same_names(a, b) for (_, a), (_, b) in _pairs(present)):
            differences.append(
                Difference("name", tuple((", ".join(v.values()), _evidence(s)) for s, v in present))
            )
    return differences


def _same_names(first: dict[str, str], second: dict[str, str]) -> bool:
    """One entity in both, or a name inside the other ("New York" in "New York City")."""
    if set(first) & set(second):
        return True
    return any(
        _inside(a.casefold().split(), b.casefold().split()) or _inside(b.casefold().split(), a.casefold().split())
        for a in first.values()
        for b in second.values()
    )


def _inside(words: list[str], other: list[str]) -> bool:
    size = len(words)
    return any(other[i : i + size] == words for i in range(len(other) - size + 1))


def _pairs(items: list[tuple[Statement, dict[str, str]]]) -> list[tuple[tuple[Statement, dict[str, str]], ...]]:
    return [
        (items[i], items[j])
        for i in range(len(items))
        for j in range(i + 1, len(items))
        if items[i][0].article.id != items[j][0].article.id
    ]


def _text(statement: Statement) -> str:
    return statement.clause.span.of(statement.article.text)


def _numbers(statement: Statement) -> dict[str, str]:
    found: dict[str, str] = {}
    for match in _NUMBER.finditer(_text(statement)):
        if match.group(3):
            found[NUMBER_WORDS[match.group(3).lower()]] = match.group(0)
            continue
        digits = match.group(1).replace(",", "")
        if _YEAR.match(digits) and not match.group(2):
            continue  # a year is a date, compared as one
        key = digits + ("%" if match.group(2) else "")
        found[key] = match.group(0).strip()
    return found


def _dates(statement: Statement) -> dict[str, str]:
    article, span = statement.article, statement.clause.span
    # Compared by day: "Monday" and "Monday night" agree; the part of day is detail.
    return {
        time.value[:10]: time.span.of(article.text)
        for time in article.times
        if span.contains(time.span)
        and time.type in ("DATE", "TIME")
        and time.resolved
        and not time.modifier  # "the 2016 election" is no date of the statement
    }


def _qualifiers(statement: Statement) -> dict[str, str]:
    """Qualifiers in lower case (so "No 10" is no negation) and approximators before numbers."""
    text = _text(statement)
    found: dict[str, str] = {}
    for match in _QUALIFIER.finditer(text):
        word = match.group(0)
        found["not" if word == "n't" else word] = word
    for match in _APPROXIMATOR.finditer(text):
        found[match.group(1).lower()] = match.group(1)
    return found


def _evidence(statement: Statement) -> Evidence:
    clause = statement.clause
    return Evidence(statement.article.id, clause.start, clause.end, clause.sentence)
