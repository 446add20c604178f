"""Planted discrepancies for ``bench/eval_facts.py``: one detail changed in a copy of a report.

A perturbation copies one report of a story and changes exactly one thing in one sentence
of the copy: a number (not a year), a date (a weekday, a month, a day of the month), a
person's surname, or a negation (a "not" or "n't" added to or taken from an auxiliary of
the clause). Only sentences the comparison compares qualify: outside direct quotes, the
change inside one of the sentence's clauses. Choices are drawn from a seeded
:class:`random.Random`, so the set is the same on every run.

The text functions (:func:`number_edits` and the rest) are pure; :func:`plan_perturbations`
reads the annotated originals (sentences, clauses, quotes, person mentions).
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

KINDS = ("number", "date", "name", "negation")

NUMBER_WORDS = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
AMBIGUOUS_MONTHS = {"March", "May"}
"""Month names that are also common words: changed only next to a day number."""
NEW_SURNAMES = ("Ashcombe", "Bellweather", "Corrigan", "Dunmore", "Fairholt", "Garroway", "Halloran",
                "Kettering", "Lindqvist", "Marchetti", "Okonkwo", "Pellegrin", "Rosenthal", "Thornbury")
"""Invented stand-ins for a surname, for stories that name one person only."""

CONTRACTIONS = {
    "don't": "do", "doesn't": "does", "didn't": "did", "isn't": "is", "aren't": "are", "wasn't": "was",
    "weren't": "were", "hasn't": "has", "haven't": "have", "hadn't": "had", "won't": "will",
    "wouldn't": "would", "can't": "can", "couldn't": "could", "shouldn't": "should",
}
_MODALS = r"will|would|can|could|should|may|might|must"
_AUXILIARY = re.compile(rf"\b(?P<aux>is|are|was|were|has|have|had|{_MODALS})\s+(?P<next>[a-z]+)\b")
_NEGATED = re.compile(r"\b(?P<aux>is|are|was|were|has|have|had|do|does|did|will|would|can|could|should)"
                      r"(?P<not>\s+not)\b")
_CONTRACTED = re.compile(r"\b(?:" + "|".join(word[:-3] for word in CONTRACTIONS) + r")n['’]t\b", re.IGNORECASE)
_DIGITS = re.compile(r"(?<![\w.,:/$£€#-])(?<!\d\. )(\d{1,3}(?:,\d{3})+|\d+)(?![\w-]|[.,:/]\d|\. \d)")
_NUMBER_WORD = re.compile(r"\b(" + "|".join(NUMBER_WORDS) + r")\b", re.IGNORECASE)
_MONTH = "|".join(MONTHS)
_DAY_AFTER_MONTH = re.compile(rf"\b(?:{_MONTH})\.?\s+(\d{{1,2}})\b(?![\d:])")
_DAY_BEFORE_MONTH = re.compile(rf"(?<![\d.,])\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTH})\b")
_MONTH_WORD = re.compile(rf"\b({_MONTH})\b")
_WEEKDAY = re.compile(r"(?<!Patch )(?<!Black )(?<!Super )(?<!Good )(?<!Cyber )(?<!Ash )\b(" + "|".join(WEEKDAYS) + r")\b")
"""A weekday, not one in a name ("Patch Tuesday", "Black Friday")."""
_WORD = re.compile(r"\b\w+(?:-\w+)?\b")


@dataclass(frozen=True)
class Edit:
    """Replace ``[start, end)`` of a text with ``replacement`` (an insertion when empty)."""

    start: int
    end: int
    replacement: str


def apply_edit(text: str, edit: Edit) -> str:
    """``text`` with ``edit`` made."""
    return text[: edit.start] + edit.replacement + text[edit.end :]


def changed_number(value: int) -> int:
    """A count that cannot be read as the same one: 12 -> 18, 3 -> 8, 400 -> 600."""
    return value + max(5, value // 2)


def number_edits(text: str, start: int, end: int) -> list[Edit]:
    """Counts in ``text[start:end]`` changed: digits (not years, not days of a month) and
    spelled numbers from two to twelve."""
    inside = text[start:end]
    days = {m.start(1) for pattern in (_DAY_AFTER_MONTH, _DAY_BEFORE_MONTH) for m in pattern.finditer(inside)}
    edits = []
    for match in _DIGITS.finditer(inside):
        digits = match.group(1)
        value = int(digits.replace(",", ""))
        if match.start(1) in days or (len(digits) == 4 and 1800 <= value <= 2099):
            continue
        new = changed_number(value)
        written = f"{new:,}" if "," in digits else str(new)
        edits.append(Edit(start + match.start(1), start + match.end(1), written))
    for match in _NUMBER_WORD.finditer(inside):
        word = match.group(1)
        new = NUMBER_WORDS[(NUMBER_WORDS.index(word.lower()) + 3) % len(NUMBER_WORDS)]
        edits.append(Edit(start + match.start(1), start + match.end(1), new.capitalize() if word[0].isupper() else new))
    return edits


def date_edits(text: str, start: int, end: int) -> list[Edit]:
    """Dates in ``text[start:end]`` changed: a weekday moved two days, a month three, a day of
    the month three (or back four at the month's end). Years are left alone."""
    inside = text[start:end]
    edits = []
    for match in _WEEKDAY.finditer(inside):
        new = WEEKDAYS[(WEEKDAYS.index(match.group(1)) + 2) % 7]
        edits.append(Edit(start + match.start(1), start + match.end(1), new))
    days = [m for pattern in (_DAY_AFTER_MONTH, _DAY_BEFORE_MONTH) for m in pattern.finditer(inside)]
    near_day = {position for m in days for position in range(m.start(), m.end())}
    for match in _MONTH_WORD.finditer(inside):
        month = match.group(1)
        if month in AMBIGUOUS_MONTHS and match.start(1) not in near_day:
            continue
        new = MONTHS[(MONTHS.index(month) + 3) % 12]
        edits.append(Edit(start + match.start(1), start + match.end(1), new))
    for match in days:
        day = int(match.group(1))
        if 1 <= day <= 31:
            new_day = day + 3 if day <= 25 else day - 4
            edits.append(Edit(start + match.start(1), start + match.end(1), str(new_day)))
    return edits


def negation_edits(text: str, start: int, end: int) -> list[Edit]:
    """The first auxiliary of ``text[start:end]`` negated, or its negation taken away:
    "was arrested" -> "was not arrested", "did not say" -> "did say", "won't" -> "will"."""
    inside = text[start:end]
    found: list[tuple[int, Edit]] = []
    for match in _CONTRACTED.finditer(inside):
        word = match.group(0)
        plain = CONTRACTIONS[word.lower().replace("’", "'")]
        found.append((match.start(), Edit(start + match.start(), start + match.end(),
                                          plain.capitalize() if word[0].isupper() else plain)))
    for match in _NEGATED.finditer(inside):
        found.append((match.start(), Edit(start + match.start("not"), start + match.end("not"), "")))
    for match in _AUXILIARY.finditer(inside):
        aux, following = match.group("aux"), match.group("next")
        if following in {"not", "to", "n"}:
            continue
        if aux in {"has", "have", "had"} and not (following == "been" or following.endswith(("ed", "en"))):
            continue
        found.append((match.start(), Edit(start + match.end("aux"), start + match.end("aux"), " not")))
    return [min(found, key=lambda pair: pair[0])[1]] if found else []


def name_edits(text: str, person_spans: Sequence[tuple[int, int]], surnames: Sequence[str],
               rng: random.Random) -> list[Edit]:
    """Each person's surname (the last word of a name mention that is one of ``surnames``)
    swapped for another of ``surnames``, or for an invented one half the time (always when
    there is no other)."""
    edits = []
    for start, end in person_spans:
        words = [w for w in _WORD.finditer(text[start:end]) if w.group(0) in surnames]
        if not words:
            continue
        surname = words[-1]
        own = set(re.findall(r"\w+", text[start:end]))
        others = [name for name in surnames if name not in own]
        pool = others if others and rng.random() < 0.5 else [n for n in NEW_SURNAMES if n not in own]
        edits.append(Edit(start + surname.start(), start + surname.end(), rng.choice(pool)))
    return edits


# --- Choosing where to plant ----------------------------------------------------------------


@dataclass(frozen=True)
class Perturbation:
    """One planted change: the original, the sentence changed and the edit made to it."""

    story: str
    kind: str
    original: Any
    sentence: int
    edit: Edit

    @property
    def original_sentence(self) -> tuple[int, int]:
        span = self.original.sentences[self.sentence]
        return span.start, span.end

    @property
    def copy_sentence(self) -> tuple[int, int]:
        """The edited sentence in the copy's text (it grows or shrinks with the edit)."""
        start, end = self.original_sentence
        return start, end + len(self.edit.replacement) - (self.edit.end - self.edit.start)

    @property
    def copy_text(self) -> str:
        return apply_edit(self.original.text, self.edit)


def compared_clauses(article: Any) -> list[Any]:
    """The clauses of ``article`` outside direct quotes (at most half of a clause quoted)."""
    quoted = [(q.start, q.end) for q in article.quotes if q.kind == "direct"]

    def quoted_share(clause: Any) -> float:
        covered = sum(max(0, min(clause.end, e) - max(clause.start, s)) for s, e in quoted)
        return covered / max(1, clause.end - clause.start)

    return [clause for clause in article.clauses if quoted_share(clause) <= 0.5]


def candidate_edits(article: Any, kind: str, surnames: Sequence[str], rng: random.Random) -> list[tuple[int, Edit]]:
    """(sentence index, edit) pairs of one kind possible in ``article``: inside a compared clause."""
    clauses = compared_clauses(article)
    if kind == "name":
        persons = [(m.start, m.end) for m in article.mentions if m.label == "PERSON" and m.kind == "name"]
        edits = name_edits(article.text, persons, surnames, rng)
    else:
        finder: Callable[[str, int, int], list[Edit]] = {
            "number": number_edits, "date": date_edits, "negation": negation_edits}[kind]
        edits = [edit for clause in clauses for edit in finder(article.text, clause.start, clause.end)]
    chosen: dict[tuple[int, int], tuple[int, Edit]] = {}
    for edit in edits:
        home = [c for c in clauses if c.start <= edit.start and edit.end <= c.end]
        if home:
            chosen[(edit.start, edit.end)] = (home[0].sentence, edit)
    return list(chosen.values())


def is_name_word(word: str) -> bool:
    """True for a capitalised word of three letters or more, not all capitals ("Lohan", not "WBA")."""
    return len(word) >= 3 and word[0].isupper() and word.replace("-", "").isalpha() and not word.isupper()


def story_surnames(articles: Sequence[Any]) -> list[str]:
    """The surnames of the people a story names: the last word of person name mentions in
    two reports or more, never written in lower case in the story (so "Kills" in a
    mis-read headline "Yvonne Hiller Kills Two" is not one)."""
    reports: dict[str, set[str]] = {}
    for article in articles:
        for mention in article.mentions:
            if mention.label == "PERSON" and mention.kind == "name":
                words = [w for w in _WORD.findall(article.text[mention.start : mention.end]) if is_name_word(w)]
                if words:
                    reports.setdefault(words[-1], set()).add(article.id)
    lower = {word for article in articles for word in _WORD.findall(article.text) if word.islower()}
    return sorted(name for name, seen in reports.items() if len(seen) >= 2 and name.lower() not in lower)


def plan_perturbations(stories: dict[str, list[Any]], seed: int, per_story: int) -> list[Perturbation]:
    """Up to ``per_story`` perturbations of different kinds for each story, the kinds used
    least so far first, each on a report and a sentence drawn at random."""
    rng = random.Random(seed)
    used = dict.fromkeys(KINDS, 0)
    planned = []
    for story in sorted(stories):
        articles = sorted(stories[story], key=lambda article: article.id)
        surnames = story_surnames(articles)
        kinds = sorted(KINDS, key=lambda kind: (used[kind], rng.random()))
        made = 0
        for kind in kinds:
            options = [(article, sentence, edit) for article in articles
                       for sentence, edit in candidate_edits(article, kind, surnames, rng)]
            if not options:
                continue
            article, sentence, edit = rng.choice(options)
            planned.append(Perturbation(story, kind, article, sentence, edit))
            used[kind] += 1
            made += 1
            if made == per_story:
                break
    return planned
