"""find_times on forward-looking and anchored news sentences (issue 15, times).

Every sentence was written by hand for this file; none comes from a corpus. Publication is
Tuesday 4 March 2025. Each case says what a careful reader would take the words to mean:
the tense and modality of the verb decide which way a weekday, month or season points,
and "a week later", "the next day", "two days before the vote" count from the date they
refer to, not from publication.
"""

from __future__ import annotations

from datetime import date

import pytest

from newsprism.annotate.nlp import parse
from newsprism.annotate.times import find_times
from newsprism.model import TimeExpression

PUBLISHED = date(2025, 3, 4)  # a Tuesday


def times_of(text: str, published: date = PUBLISHED) -> dict[str, TimeExpression]:
    """The expressions found in ``text``, keyed by the words they cover."""
    return {text[t.start : t.end]: t for t in find_times(parse(text), published)}


def found(text: str, words: str) -> TimeExpression:
    expressions = times_of(text)
    assert words in expressions, f"{words!r} not found; found {sorted(expressions)}"
    return expressions[words]


FUTURE_WEEKDAYS = [
    ("The finance ministers will meet on Thursday in Brussels.", "Thursday", "2025-03-06"),
    ("The union is due to announce its decision on Friday.", "Friday", "2025-03-07"),
    ("The council plans to vote on the budget on Monday.", "Monday", "2025-03-10"),
    ("Negotiators are expected to resume talks on Saturday.", "Saturday", "2025-03-08"),
    ("The president is set to travel to Nairobi on Wednesday.", "Wednesday", "2025-03-05"),
    ("Ministers hope to sign the agreement on Thursday.", "Thursday", "2025-03-06"),
    ("The court will deliver its verdict next Monday.", "next Monday", "2025-03-10"),
    ("Voters go to the polls this coming Sunday.", "this coming Sunday", "2025-03-09"),
    ("Farmers planned a protest in the capital on Saturday.", "Saturday", "2025-03-08"),
    ("The strike, which starts on Wednesday, will shut every school.", "Wednesday", "2025-03-05"),
    ("Lawyers rushed to file papers ahead of the upcoming Friday deadline.", "upcoming Friday", "2025-03-07"),
    ("The airline said it was going to cancel flights on Thursday.", "Thursday", "2025-03-06"),
    ("The envoy is scheduled to land in Kyiv on Sunday evening.", "Sunday evening", "2025-03-09TEV"),
    # the simple present with a weekday is a timetable
    ("The ban takes effect on Saturday.", "Saturday", "2025-03-08"),
    ("The central bank meets again on Wednesday.", "Wednesday", "2025-03-05"),
]

PAST_WEEKDAYS = [
    ("The two leaders met on Monday.", "Monday", "2025-03-03"),
    ("Police arrested the suspect on Saturday.", "Saturday", "2025-03-01"),
    ("Last Thursday the bank raised its rates.", "Last Thursday", "2025-02-27"),
    ("The minister said on Friday that he would resign.", "Friday", "2025-02-28"),
    ("The ferry had been due to sail on Sunday.", "Sunday", "2025-03-02"),
]

NEAREST_WEEKDAYS = [
    # no tense says which way: the nearest such day to publication
    ("Storm warning for Wednesday", "Wednesday", "2025-03-05"),
    ("Flights could be cancelled on Friday, the airline warned.", "Friday", "2025-03-07"),
]

MONTHS_AND_SEASONS = [
    ("The party will hold its conference in November.", "November", "2025-11"),
    ("Elections are due to take place in January.", "January", "2026-01"),
    ("The company plans to open the factory in February.", "February", "2026-02"),
    ("Inflation fell to 2 percent in December.", "December", "2024-12"),
    ("Construction of the stadium began in April.", "April", "2024-04"),
    ("The plant is expected to reopen in the spring.", "spring", "2025-SP"),
    ("The first trains will run in the autumn.", "autumn", "2025-FA"),
    ("Talks with the rebels collapsed in the autumn.", "autumn", "2024-FA"),
    ("The bridge was closed for repairs in the summer.", "summer", "2024-SU"),
    ("The new rules come into force in the summer.", "summer", "2025-SU"),
]

ANCHORED = [
    ("The ceasefire began on 10 January 2025. A week later, the fighting resumed.",
     "A week later", "2025-01-17"),
    ("The company was founded in 1998. Two years later it listed its shares in London.",
     "Two years later", "2000"),
    ("The parliament voted on 12 February. The next day, the prime minister resigned.",
     "The next day", "2025-02-13"),
    ("The factory closed in October 2023. The following year, the town lost its school.",
     "The following year", "2024"),
    ("The deal was signed on 14 February. Three days later, the shares fell.",
     "Three days later", "2025-02-17"),
    ("The treaty was signed in May 1995. A decade later, the border reopened.",
     "A decade later", "2005"),
    ("In 2019 the firm made a loss. A year earlier it had made a record profit.",
     "A year earlier", "2018"),
    ("The envoy arrived in Geneva on 3 February and left the following week.",
     "the following week", "2025-W07"),
    ("Sales rose 4 percent in the third quarter of 2024 from a year earlier.",
     "a year earlier", "2023-Q3"),
    ("The minister resigned two days before the 12 February vote.",
     "two days before the 12 February", "2025-02-10"),
    ("The vote is on 20 March. Two weeks after the vote, the new government takes office.",
     "Two weeks after the vote", "2025-04-03"),
    ("The dam collapsed on 8 January 2024. Relief arrived three days after the collapse.",
     "three days after the collapse", "2024-01-11"),
    ("The election was held on 2 November 2020. Two months earlier, the polls had been close.",
     "Two months earlier", "2020-09"),
]  # fmt: skip

DURATIONS_AND_SETS = [
    ("The talks will last three days.", "three days", "DURATION", "P3D"),
    ("For the next two weeks, the bridge will be closed.", "the next two weeks", "DURATION", "P2W"),
    ("The committee will meet every Tuesday from next month.", "every Tuesday", "SET", "XXXX-WXX-2"),
    ("Inspections will take place twice a year.", "twice a year", "SET", "P1Y"),
    ("The market will open daily until the end of April.", "daily", "SET", "P1D"),
    ("The strike ended two weeks after the vote.", "two weeks", "DURATION", "P2W"),
    ("The strike lasted three days after the 12 February vote.", "three days", "DURATION", "P3D"),
    ("The inquiry has to report within six months of the vote.", "six months", "DURATION", "P6M"),
    ("The ban will be lifted in three weeks.", "three weeks", "DURATION", "P3W"),
]


@pytest.mark.parametrize(("sentence", "words", "value"), FUTURE_WEEKDAYS)
def test_weekday_after_a_forward_looking_verb_lies_ahead(
    sentence: str, words: str, value: str
) -> None:
    assert found(sentence, words).value == value


@pytest.mark.parametrize(("sentence", "words", "value"), PAST_WEEKDAYS)
def test_weekday_after_a_past_tense_verb_lies_behind(sentence: str, words: str, value: str) -> None:
    assert found(sentence, words).value == value


@pytest.mark.parametrize(("sentence", "words", "value"), NEAREST_WEEKDAYS)
def test_weekday_without_a_telling_tense_is_the_nearest(
    sentence: str, words: str, value: str
) -> None:
    assert found(sentence, words).value == value


@pytest.mark.parametrize(("sentence", "words", "value"), MONTHS_AND_SEASONS)
def test_month_or_season_without_a_year_follows_the_tense(
    sentence: str, words: str, value: str
) -> None:
    assert found(sentence, words).value == value


@pytest.mark.parametrize(("sentence", "words", "value"), ANCHORED)
def test_anchored_expression_counts_from_the_date_it_refers_to(
    sentence: str, words: str, value: str
) -> None:
    expression = found(sentence, words)
    assert (expression.type, expression.value) == ("DATE", value)


@pytest.mark.parametrize(("sentence", "words", "type_", "value"), DURATIONS_AND_SETS)
def test_durations_and_sets_stay_durations_and_sets(
    sentence: str, words: str, type_: str, value: str
) -> None:
    expression = found(sentence, words)
    assert (expression.type, expression.value) == (type_, value)


def test_anchored_expression_without_an_earlier_date_counts_from_publication() -> None:
    assert found("Three days later, the shares fell again.", "Three days later").value == (
        "2025-03-07"
    )


def test_later_date_in_the_discourse_moves_the_anchor() -> None:
    text = (
        "The strike began on 3 February. Talks opened on 17 February. "
        "A week later, the union accepted the offer."
    )
    assert found(text, "A week later").value == "2025-02-24"


def test_a_comparison_is_not_the_time_a_later_comparison_counts_from() -> None:
    text = (
        "Output fell 3 percent from a year ago. Costs rose because of higher prices "
        "compared with a year earlier."
    )
    assert found(text, "a year earlier").value == "2024"


def test_a_day_looked_ahead_to_does_not_move_a_past_night() -> None:
    text = "The mayor will meet engineers on Friday after the barrier failed overnight."
    assert found(text, "Friday").value == "2025-03-07"
    assert found(text, "overnight").value == "2025-03-03TNI"  # the night before publication


def test_overnight_is_the_night_before_the_day_the_report_is_about() -> None:
    text = "Tokyo shares closed lower on Friday. They were hit by overnight losses in New York."
    assert found(text, "overnight").value == "2025-02-27TNI"


def test_participle_takes_the_tense_of_the_verb_it_hangs_on() -> None:
    text = "The shares have swung wildly, climbing to a peak in June from a low in April."
    assert found(text, "April").value == "2024-04"


@pytest.mark.parametrize(
    ("sentence", "words", "value"),
    [
        ("The fair returns to the town each July.", "each July", "XXXX-07"),
        ("Storms batter the coast every winter.", "every winter", "XXXX-WI"),
    ],
)
def test_every_month_or_season_is_a_set(sentence: str, words: str, value: str) -> None:
    assert (found(sentence, words).type, found(sentence, words).value) == ("SET", value)


def test_a_hundred_years_is_a_counted_duration() -> None:
    assert found("The mill ran for almost a hundred years.", "almost a hundred years").value == "P100Y"


def test_a_date_counted_from_an_event_anchors_what_follows() -> None:
    text = (
        "Parliament voted on 12 February. A week after the vote, the minister resigned. "
        "Two days later, she left the party."
    )
    assert found(text, "A week after the vote").value == "2025-02-19"
    assert found(text, "Two days later").value == "2025-02-21"


def test_a_date_counted_from_ago_anchors_what_follows() -> None:
    text = "The attack happened two weeks ago. A week later, police made an arrest."
    assert found(text, "two weeks ago").value == "2025-02-18"
    assert found(text, "A week later").value == "2025-02-25"


def test_a_week_after_a_named_day_is_that_day_a_week_on() -> None:
    expression = found("The minister resigned a week after Friday's vote.", "a week after Friday")
    assert (expression.type, expression.value) == ("DATE", "2025-03-07")


def test_anchored_expression_without_any_date_stays_unresolved() -> None:
    text = "Three days later, the shares fell again."
    (expression,) = find_times(parse(text), None)
    assert (expression.value, expression.resolved) == ("XXXX-XX-XX", False)
    assert expression.relative == "Three days after the date named before"
