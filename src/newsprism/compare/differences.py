"""Where two reports of one fact disagree: numbers, dates, names, negation, status, qualifiers.

Details are compared only between *counterparts*: two statements of two reports that the
alignment found to tell the same thing most closely (see :mod:`newsprism.compare.alignment`).
Two sentences about different things are never compared, so a flag is a real difference
of wording about one fact. What counts as a disagreement:

* **number**: the same count told with values that cannot both hold. Qualifiers are read:
  "at least 20" and "25" agree, "about 400" and "390" agree, "20" and "25" do not;
* **date**: days (or months, years) that are not the same and neither contains the other;
* **name**: who acts, or who is acted on, named as different people (or places, or
  organisations) with none in common ("Trump met X" / "Vance met X");
* **negation**: the same predicate asserted by one report and denied by the other;
* **status**: how far along or how sure: one report has it decided, the other only
  considered ("has decided to halt" / "is considering halting"), or reported ("is said to");
  or the same kind of act at another stage ("paused" / "cancelled", "arrested" / "charged");
* **qualifier**: a word that changes how much or how long, said by one report and not the
  other ("temporarily halted" / "halted all").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from newsprism.model import Article, Clause, Difference, DifferenceKind, Evidence, Span

EntityTypes = Callable[[Article, Span], dict[str, tuple[str, str]]]
"""Story entities inside a span: entity id -> (type, display name)."""

NUMBER_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "hundred": 100,
}
"""Spelled numbers ("one" is left out: it is mostly a pronoun; "dozens" and "hundreds" are
too vague to contradict a figure)."""

SCALES = {"dozen": 12, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "m": 1e6, "bn": 1e9}

LOWER_BOUNDS = ("at least", "more than", "over", "upwards of", "no fewer than", "in excess of")
UPPER_BOUNDS = ("at most", "up to", "fewer than", "less than", "under", "no more than")
APPROXIMATE = ("about", "around", "approximately", "roughly", "some", "an estimated", "estimated", "nearly", "almost")
"""Words that make a number a bound or an estimate."""

APPROXIMATE_TOLERANCE = 0.1
"""An estimate ("about 400") agrees with a value within this share of it (380 to 420)."""

_QUALIFIER_WORDS = "|".join(
    re.escape(word) for word in sorted({*LOWER_BOUNDS, *UPPER_BOUNDS, *APPROXIMATE}, key=len, reverse=True)
)
_NUMBER = re.compile(
    rf"(?:\b(?P<qualifier>{_QUALIFIER_WORDS})\s+)?"
    r"(?P<currency>[$£€])?"
    r"(?:(?<![\w.,])(?P<digits>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\w,]*\d)"
    rf"|\b(?P<word>{'|'.join(NUMBER_WORDS)})\b)"
    r"(?:\s*(?P<percent>%|per ?cent\b))?"
    rf"(?:\s*(?P<scale>{'|'.join(SCALES)})\b)?",
    re.IGNORECASE,
)
_YEAR = re.compile(r"^(1[89]|20)\d\d$")

QUALIFIERS = frozenset(
    {"temporarily", "permanently", "partially", "partly", "fully", "entirely", "completely",
     "all", "indefinitely", "briefly", "only"}
)
"""Words that change how much or how long a statement holds."""

STATUS_OF_MODALITY = {
    "": "asserted", "future": "asserted", "decided": "asserted", "agreed": "asserted",
    "considering": "tentative", "planned": "tentative", "expected": "tentative",
    "possible": "tentative", "threatened": "tentative", "attempted": "tentative",
    "reported": "reported", "refused": "refused",
}
"""How sure or how far along a clause is, from its modality: what a difference compares."""

STAGES = (
    ("pause", "halt", "suspend", "freeze", "delay", "postpone", "stop"),
    ("cancel", "scrap", "end", "terminate", "abandon", "drop", "axe"),
)
"""Predicates of one kind of act at different stages: stopping for a while, or for good."""
LEGAL_STAGES = (
    ("detain", "arrest", "question"),
    ("charge", "indict", "accuse", "prosecute"),
    ("convict", "sentence", "jail", "imprison"),
    ("acquit", "clear", "release", "free"),
)
HARM_STAGES = (("injure", "wound", "hurt"), ("kill",))
STAGE_SCALES = (STAGES, LEGAL_STAGES, HARM_STAGES)


@dataclass(frozen=True)
class Telling:
    """One statement as differences see it: the article, its clause, and its words."""

    article: Article
    clause: Clause

    @property
    def text(self) -> str:
        return self.clause.span.of(self.article.text)

    @property
    def evidence(self) -> Evidence:
        clause = self.clause
        return Evidence(self.article.id, clause.start, clause.end, clause.sentence)


@dataclass(frozen=True)
class _Quantity:
    value: float
    bound: str  # "exact", "lower", "upper", "about"
    counted: str
    wording: str


def find_differences(
    counterparts: Sequence[tuple[Telling, Telling]], entities_of: EntityTypes
) -> tuple[Difference, ...]:
    """Every difference between counterpart pairs, one :class:`Difference` per kind.

    A kind's values list each statement taking part in a disagreement of that kind once,
    with the wording that differs.
    """
    found: dict[DifferenceKind, dict[Evidence, str]] = {}
    for first, second in counterparts:
        for kind, one, other in _pair_differences(first, second, entities_of):
            values = found.setdefault(kind, {})
            values.setdefault(first.evidence, one)
            values.setdefault(second.evidence, other)
    return tuple(
        Difference(kind, tuple((wording, evidence) for evidence, wording in values.items()))
        for kind, values in found.items()
    )


def _pair_differences(
    first: Telling, second: Telling, entities_of: EntityTypes
) -> list[tuple[DifferenceKind, str, str]]:
    found: list[tuple[DifferenceKind, str, str]] = []
    for kind, check in _CHECKS:
        difference = check(first, second)
        if difference is not None:
            found.append((kind, *difference))
    found.extend(("name", one, other) for one, other in _name_differences(first, second, entities_of))
    return found


def quantities(text: str, terms: Sequence[str] = ()) -> list[_Quantity]:
    """The numbers of ``text`` with their bound and what they count (years left out)."""
    counted = [term.removeprefix("count:") for term in terms if term.startswith("count:")]
    found = []
    for match in _NUMBER.finditer(text):
        digits, word = match["digits"], match["word"]
        if digits and _YEAR.match(digits) and not (match["percent"] or match["currency"]):
            continue  # a year is a date, compared as one
        value = float(digits.replace(",", "")) if digits else float(NUMBER_WORDS[word.lower()])
        if match["scale"]:
            value *= SCALES[match["scale"].lower()]
        qualifier = (match["qualifier"] or "").lower()
        bound = (
            "lower" if qualifier in LOWER_BOUNDS
            else "upper" if qualifier in UPPER_BOUNDS
            else "about" if qualifier in APPROXIMATE
            else "exact"
        )
        unit = "%" if match["percent"] else (match["currency"] or "")
        following = text[match.end() :].split()
        noun = following[0].strip(".,;:").lower() if following else ""
        kind = unit or next((c for c in counted if noun.startswith(c[:4])), noun)
        found.append(_Quantity(value, bound, kind, match.group(0).strip()))
    return found


def _agree(one: _Quantity, other: _Quantity) -> bool:
    """Whether two told quantities can both be true of one count."""
    if one.bound == "exact" and other.bound == "exact":
        return one.value == other.value
    for low, high in ((one, other), (other, one)):
        if low.bound == "lower" and high.bound != "upper":
            return high.value >= low.value or (high.bound == "about" and _near(high.value, low.value))
        if low.bound == "upper" and high.bound != "lower":
            return high.value <= low.value or (high.bound == "about" and _near(high.value, low.value))
    if "about" in (one.bound, other.bound):
        return _near(one.value, other.value)
    return True  # a lower and an upper bound: both can hold


def _near(one: float, other: float) -> bool:
    return abs(one - other) <= APPROXIMATE_TOLERANCE * max(abs(one), abs(other))


def _number_difference(first: Telling, second: Telling) -> tuple[str, str] | None:
    """Counts of one thing that cannot both be true; a count only one report gives is detail."""
    mine = quantities(first.text, first.clause.terms)
    theirs = quantities(second.text, second.clause.terms)
    if not mine or not theirs:
        return None
    clashing = [
        (one, other)
        for one in mine
        for other in theirs
        if _same_count(one, other, len(mine), len(theirs)) and not _agree(one, other)
    ]
    # A value the other report also gives is the same count: the clash lies elsewhere.
    clashing = [
        (one, other)
        for one, other in clashing
        if not any(_agree(one, told) and one.counted == told.counted for told in theirs)
        and not any(_agree(told, other) and told.counted == other.counted for told in mine)
    ]
    if not clashing:
        return None
    one, other = clashing[0]
    return one.wording, other.wording


def _same_count(one: _Quantity, other: _Quantity, mine: int, theirs: int) -> bool:
    """Whether two numbers count the same thing: the same noun or unit, or the only ones."""
    if one.counted and other.counted:
        return one.counted == other.counted or mine == theirs == 1
    return mine == theirs == 1


def _date_difference(first: Telling, second: Telling) -> tuple[str, str] | None:
    mine, theirs = _dates(first), _dates(second)
    if not mine or not theirs:
        return None
    if any(_compatible(a, b) for a in mine for b in theirs):
        return None
    return ", ".join(mine.values()), ", ".join(theirs.values())


def _dates(telling: Telling) -> dict[str, str]:
    """Calendar values of the clause's dates ("2025-03-04", "XXXX-WXX-2") -> their words.

    Compared by day: "Monday" and "Monday night" agree; the part of day is detail. A date
    that names a thing ("the 2016 election") is no date of the statement.
    """
    article, span = telling.article, telling.clause.span
    return {
        time.value[:10]: time.span.of(article.text)
        for time in article.times
        if span.contains(time.span)
        and time.type in ("DATE", "TIME")
        and not time.modifier
        and re.match(r"^(\d{4}|XXXX)", time.value)
        and (time.resolved or time.value.startswith("XXXX-WXX-"))
    }


def _compatible(one: str, other: str) -> bool:
    """The same date, or one inside the other ("2018" holds "2018-04-27")."""
    return one.startswith(other) or other.startswith(one)


def _negation_difference(first: Telling, second: Telling) -> tuple[str, str] | None:
    one, other = first.clause, second.clause
    if one.negated == other.negated or one.predicate != other.predicate or not one.predicate:
        return None
    return _polarity(first), _polarity(second)


def _polarity(telling: Telling) -> str:
    return f"not {telling.clause.predicate}" if telling.clause.negated else telling.clause.predicate


def _status_difference(first: Telling, second: Telling) -> tuple[str, str] | None:
    one, other = first.clause, second.clause
    if one.negated != other.negated:
        return None  # told as negation instead
    stages = _stage(one.predicate), _stage(other.predicate)
    same_scale = None not in stages and stages[0][0] == stages[1][0]  # type: ignore[index]
    if one.predicate != other.predicate and not same_scale:
        # Two acts ("were set to expire" / "was granted"): how sure each report is of its own
        # act says nothing of the other's; only one act told with two standings differs.
        return None
    standing = STATUS_OF_MODALITY.get(one.modality, "asserted"), STATUS_OF_MODALITY.get(other.modality, "asserted")
    if standing[0] != standing[1]:
        return _standing(one), _standing(other)
    if same_scale and stages[0] != stages[1]:
        return one.predicate, other.predicate
    return None


def _standing(clause: Clause) -> str:
    return f"{clause.modality} {clause.predicate}".strip() if clause.modality else clause.predicate


def _stage(predicate: str) -> tuple[int, int] | None:
    for scale_number, scale in enumerate(STAGE_SCALES):
        for stage_number, stage in enumerate(scale):
            if predicate in stage:
                return scale_number, stage_number
    return None


def _qualifier_difference(first: Telling, second: Telling) -> tuple[str, str] | None:
    """A qualifier one report gives and the other does not, on the same predicate."""
    if first.clause.predicate != second.clause.predicate:
        return None
    mine, theirs = _qualifiers(first.text), _qualifiers(second.text)
    if mine == theirs:
        return None
    return ", ".join(sorted(mine - theirs)) or "(none)", ", ".join(sorted(theirs - mine)) or "(none)"


def _qualifiers(text: str) -> set[str]:
    return {word for word in re.findall(r"[a-z]+", text) if word in QUALIFIERS}


_CHECKS: tuple[tuple[DifferenceKind, Callable[[Telling, Telling], tuple[str, str] | None]], ...] = (
    ("number", _number_difference),
    ("date", _date_difference),
    ("negation", _negation_difference),
    ("status", _status_difference),
    ("qualifier", _qualifier_difference),
)


def _name_differences(
    first: Telling, second: Telling, entities_of: EntityTypes
) -> list[tuple[str, str]]:
    """Who acts and who is acted on, named differently by the two reports."""
    found = []
    for role in ("agent", "patient"):
        mine = _named_in(first, getattr(first.clause, role), entities_of)
        theirs = _named_in(second, getattr(second.clause, role), entities_of)
        for entity_type in set(mine) & set(theirs):
            one, other = mine[entity_type], theirs[entity_type]
            if not _same_names(one, other):
                found.append((", ".join(one.values()), ", ".join(other.values())))
    return found


def _named_in(telling: Telling, span: Span | None, entities_of: EntityTypes) -> dict[str, dict[str, str]]:
    """Named story entities in ``span`` by type: type -> {entity id: name}."""
    if span is None:
        return {}
    by_type: dict[str, dict[str, str]] = {}
    for entity_id, (entity_type, name) in entities_of(telling.article, span).items():
        by_type.setdefault(entity_type, {})[entity_id] = name
    return by_type


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
