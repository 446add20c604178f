"""find_times: recognition, TIMEX3 values, and tense-aware anchoring on the publication date.

Every sentence is invented for these tests. Publication is Tuesday 4 March 2025.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from newsprism.annotate.nlp import parse
from newsprism.annotate.times import find_times
from newsprism.model import TimeExpression

PUBLISHED = date(2025, 3, 4)  # a Tuesday


def times_of(text: str, published: date | None = PUBLISHED) -> dict[str, TimeExpression]:
    """The expressions found in ``text``, keyed by the words they cover."""
    return {text[t.start : t.end]: t for t in find_times(parse(text), published)}


def value_of(text: str, words: str, published: date | None = PUBLISHED) -> str:
    found = times_of(text, published)
    assert words in found, f"{words!r} not found; found {sorted(found)}"
    return found[words].value


@pytest.mark.parametrize(
    ("sentence", "words", "value"),
    [
        ("The minister will fly out to Lisbon on Wednesday.", "Wednesday", "2025-03-05"),
        ("The two envoys met last Thursday in Oslo.", "last Thursday", "2025-02-27"),
        ("The call was arranged last Tuesday by aides.", "last Tuesday", "2025-02-25"),
        ("The rivals met on Thursday to settle the dispute.", "Thursday", "2025-02-27"),
        ("The board meets on Friday to approve the budget.", "Friday", "2025-03-07"),
        ("The mayor spoke on Tuesday about the floods.", "Tuesday", "2025-03-04"),
        ("The vote will take place next Tuesday.", "next Tuesday", "2025-03-11"),
        ("Following Monday's debate, the polls moved.", "Monday", "2025-03-03"),
        ("The hearing was moved to the following Monday.", "the following Monday", "2025-03-10"),
        ("The committee plans to publish its report on Monday.", "Monday", "2025-03-10"),
        ("Officials said the truce would begin on Friday.", "Friday", "2025-03-07"),
        ("The hearing was scheduled for Thursday.", "Thursday", "2025-03-06"),
        ("The border has been closed since Friday.", "Friday", "2025-02-28"),
        ("The border stays closed until Friday.", "Friday", "2025-03-07"),
    ],
)
def test_weekday_is_resolved_by_the_tense_of_its_verb(
    sentence: str, words: str, value: str
) -> None:
    assert value_of(sentence, words) == value


@pytest.mark.parametrize(
    ("sentence", "words", "value"),
    [
        ("Prices rose sharply last week.", "last week", "2025-W09"),
        ("The plant will close next month.", "next month", "2025-04"),
        ("The bridge should be finished by 2027.", "2027", "2027"),
        ("The law takes effect in 2027.", "2027", "2027"),
        ("The contract must be signed by the 5th.", "the 5th", "2025-03-05"),
        ("The ferry sank the day before.", "the day before", "2025-03-03"),
        ("Police made two arrests yesterday.", "yesterday", "2025-03-03"),
        ("Yesterday Governor Ruiz toured the flooded valley.", "Yesterday", "2025-03-03"),
        ("The results are due today.", "today", "2025-03-04"),
        ("The strike ends tomorrow.", "tomorrow", "2025-03-05"),
        ("The storm hit the coast two days ago.", "two days ago", "2025-03-02"),
        ("Sales fell over the past week.", "the past week", "2025-W09"),
        ("The festival was held last year.", "last year", "2024"),
    ],
)
def test_relative_dates_are_anchored_on_publication(sentence: str, words: str, value: str) -> None:
    assert value_of(sentence, words) == value


@pytest.mark.parametrize(
    ("sentence", "words", "value"),
    [
        ("On Monday afternoon the leaders spoke by phone.", "Monday afternoon", "2025-03-03TAF"),
        (
            "Fire crews worked through Sunday night to save the mill.",
            "Sunday night",
            "2025-03-02TNI",
        ),
        ("Thieves broke into the museum last night.", "last night", "2025-03-03TNI"),
        ("The governor resigned this morning.", "this morning", "2025-03-04TMO"),
        ("Drones struck the depot overnight.", "overnight", "2025-03-03TNI"),
        ("The ceremony starts at 3pm.", "3pm", "2025-03-04T15:00"),
        ("The plane landed at 10:30 GMT.", "10:30 GMT", "2025-03-04T10:30Z"),
        ("The talks resume at 9am on Thursday.", "9am on Thursday", "2025-03-06T09:00"),
    ],
)
def test_parts_of_days_and_clock_times_are_time_values(
    sentence: str, words: str, value: str
) -> None:
    found = times_of(sentence)
    assert found[words].value == value
    assert found[words].type == "TIME"


def test_early_hours_take_the_parenthesised_zone_into_the_span() -> None:
    past = "The motion passed in the early hours of Thursday (UK time) after a long debate."
    future = "Lawmakers will vote in the early hours of Thursday (UK time)."
    assert value_of(past, "the early hours of Thursday (UK time)") == "2025-02-27TMO"
    assert value_of(future, "the early hours of Thursday (UK time)") == "2025-03-06TMO"


@pytest.mark.parametrize(
    ("sentence", "words", "value"),
    [
        ("The treaty was signed on March 4, 2025, in Geneva.", "March 4, 2025", "2025-03-04"),
        ("The treaty was signed on 4 March 2025 in Geneva.", "4 March 2025", "2025-03-04"),
        ("The treaty was signed on 2025-03-04 in Geneva.", "2025-03-04", "2025-03-04"),
        ("The treaty was signed on 3/4/2025 in Geneva.", "3/4/2025", "2025-03-04"),
        ("The treaty was signed on 25/02/2025 in Geneva.", "25/02/2025", "2025-02-25"),
        ("The treaty was signed on March 4 in Geneva.", "March 4", "2025-03-04"),
        ("The treaty was signed on Tuesday, March 4, in Geneva.", "Tuesday, March 4", "2025-03-04"),
        ("The plant opened in June 2019.", "June 2019", "2019-06"),
        ("The plant opened in the 1990s.", "the 1990s", "199"),
        ("Profit doubled in the third quarter of 2024.", "the third quarter of 2024", "2024-Q3"),
        ("The museum reopens in spring 2026.", "spring 2026", "2026-SP"),
        ("Rents climbed in early March.", "early March", "2025-03"),
    ],
)
def test_explicit_dates_in_many_formats(sentence: str, words: str, value: str) -> None:
    assert value_of(sentence, words) == value


@pytest.mark.parametrize(
    ("sentence", "words", "type_", "value"),
    [
        ("Delegates attended a two-day summit.", "two-day", "DURATION", "P2D"),
        ("The trial lasted three years.", "three years", "DURATION", "P3Y"),
        ("Rescuers searched for 36 hours.", "36 hours", "DURATION", "PT36H"),
        ("Profit fell in the year ended June 30.", "the year", "DURATION", "P1Y"),
        ("Aid will arrive in the coming days.", "the coming days", "DURATION", "PXD"),
        ("The clinic opens every day.", "every day", "SET", "P1D"),
        ("The council publishes weekly reports.", "weekly", "SET", "P1W"),
        ("Now the river is rising.", "Now", "DATE", "PRESENT_REF"),
        ("The firm recently hired a new chief.", "recently", "DATE", "PAST_REF"),
        ("Nobody knows what the future holds.", "the future", "DATE", "FUTURE_REF"),
    ],
)
def test_durations_sets_and_vague_references(
    sentence: str, words: str, type_: str, value: str
) -> None:
    found = times_of(sentence)
    assert (found[words].type, found[words].value) == (type_, value)


def test_without_publication_date_relative_expressions_stay_unresolved() -> None:
    found = times_of("The envoys met last Tuesday and will meet again on Wednesday.", None)
    assert found["last Tuesday"].resolved is False
    assert found["last Tuesday"].value == "XXXX-WXX-2"
    assert found["last Tuesday"].relative == "previous Tuesday"
    assert found["Wednesday"].relative == "next Wednesday"


def test_without_publication_date_explicit_dates_are_still_resolved() -> None:
    found = times_of("The treaty was signed on March 4, 2025, and yesterday it was ratified.", None)
    assert found["March 4, 2025"].resolved is True
    assert found["March 4, 2025"].value == "2025-03-04"
    assert found["yesterday"].resolved is False
    assert found["yesterday"].relative == "day before publication"


@pytest.mark.parametrize(
    "sentence",
    [
        "She may attend the hearing if invited.",
        "Thousands march through the capital in protest.",
        "The charity raised $2025 from the raffle.",
        "Some 1,500 troops were deployed.",
        "The vote passed 2019 to 1870 in the assembly.",
        "A reporter for USA Today asked the first question.",
        "The Daily Beast ran the story first.",
        "Christmas trees sold out in the square.",
    ],
)
def test_ordinary_words_and_numbers_are_not_dates(sentence: str) -> None:
    assert times_of(sentence) == {}


def test_offsets_point_into_the_text_and_are_sorted() -> None:
    text = "Yesterday the council met. It will vote on Friday, and the law takes effect in 2026."
    expressions = find_times(parse(text), PUBLISHED)
    assert [text[t.start : t.end] for t in expressions] == ["Yesterday", "Friday", "2026"]
    assert [t.start for t in expressions] == sorted(t.start for t in expressions)


def test_publication_datetime_is_read_as_its_date() -> None:
    text = "The ship docked yesterday."
    found = find_times(parse(text), datetime(2025, 3, 4, 23, 59))
    assert found[0].value == "2025-03-03"


def test_trailing_weekday_follows_the_nearby_clause_when_the_parse_points_far_away() -> None:
    sentence = (
        "The governor insisted that it was the right moment to act, with further talks on "
        "a possible settlement due to resume when the mayor meets her deputy, Anna Berg, on Thursday."
    )
    assert value_of(sentence, "Thursday") == "2025-03-06"


def test_year_ago_in_a_quarterly_comparison_is_the_same_quarter_a_year_before() -> None:
    text = (
        "The brewer reported a fourth-quarter profit of $12 million. "
        "Revenue rose to $80 million from $71 million a year earlier."
    )
    assert value_of(text, "fourth-quarter") == "2024-Q4"
    assert value_of(text, "a year earlier") == "2023-Q4"


def test_year_ago_without_a_quarter_in_view_is_the_previous_year() -> None:
    assert value_of("Wages were 3 percent higher than a year ago.", "a year ago") == "2024"


@pytest.mark.parametrize(
    ("sentence", "words", "value"),
    [
        ("Shops close early on Christmas Eve.", "Christmas Eve", "2024-12-24"),
        ("The parade was held on Thanksgiving Day.", "Thanksgiving Day", "2024-11-28"),
        ("The album came out in nineteen ninety-six.", "nineteen ninety-six", "1996"),
        ("Margins shrank in the latest quarter.", "the latest quarter", "2024-Q4"),
        ("Prices were lower than in the year-ago period.", "the year-ago period", "2023-Q4"),
        ("The grocer expects higher sales for the full year.", "the full year", "2025"),
    ],
)
def test_named_days_spelled_years_and_reporting_periods(
    sentence: str, words: str, value: str
) -> None:
    assert value_of(sentence, words) == value


def test_a_line_break_ends_an_expression() -> None:
    found = times_of("Markets closed early on Friday\nMarch 7, 2025\nTraders left.")
    assert "March 7, 2025" in found
    assert not any("\n" in words for words in found)


@pytest.mark.parametrize(
    ("text", "words", "value"),
    [
        (
            "The mill opened on June 3, 2011, and the following year it doubled its staff.",
            "the following year",
            "2012",
        ),
        ("The bridge was closed in August 2019. The following month it reopened.",
         "The following month", "2019-09"),
        ("The quake struck on Oct. 12, 2020. The day after, rescuers arrived.",
         "The day after", "2020-10-13"),
        ("The mayor resigned on May 9, 2023. Later that day her deputy took over.",
         "Later that day", "2023-05-09"),
        ("The suspect was caught on Friday, and the previous Friday he had fled.",
         "the previous Friday", "2025-02-21"),
        ("Shares fell on Friday before rallying to end the day 2% higher.", "the day", "2025-02-28"),
        ("Exports fell 4% in January compared with the same month a year ago.",
         "the same month a year ago", "2024-01"),
    ],
)  # fmt: skip
def test_anaphoric_expressions_count_from_the_last_time_mentioned(
    text: str, words: str, value: str
) -> None:
    assert value_of(text, words) == value


def test_anaphoric_expression_without_an_earlier_time_counts_from_publication() -> None:
    assert value_of("The ferry sank the day before.", "the day before") == "2025-03-03"
    assert value_of("The ferry sank the following year.", "the following year") == "2026"


def test_the_day_before_a_named_day_counts_from_that_day() -> None:
    text = "The day before last Friday's vote, the leaders met in secret."
    assert value_of(text, "The day before last Friday") == "2025-02-27"


@pytest.mark.parametrize(
    ("sentence", "words", "value"),
    [
        ("The talks had been scheduled to end on Friday.", "Friday", "2025-02-28"),
        ("Until Thursday, the police had not named a suspect.", "Thursday", "2025-02-27"),
        ("The envoy said he would be ready to sign on Thursday.", "Thursday", "2025-03-06"),
        ("The rebels could arrive as early as Thursday.", "Thursday", "2025-03-06"),
        ("The deadline was extended until 9 a.m. Friday.", "9 a.m. Friday", "2025-03-07T09:00"),
        ("The rebels were given until late Friday to leave.", "late Friday", "2025-03-07"),
        ("The board declared a dividend payable Dec. 15.", "Dec. 15", "2025-12-15"),
        ("The board declared a dividend on Dec. 15.", "Dec. 15", "2024-12-15"),
    ],
)
def test_cues_and_the_past_perfect_set_the_direction(sentence: str, words: str, value: str) -> None:
    assert value_of(sentence, words) == value


def test_year_ago_in_a_sentence_about_a_run_of_months_is_the_previous_year() -> None:
    text = (
        "The brewer reported a fourth-quarter profit of $12 million. "
        "For the nine months, revenue rose to $80 million from $71 million a year earlier."
    )
    assert value_of(text, "a year earlier") == "2024"


def test_year_ago_after_a_year_ago_quarter_is_that_same_quarter() -> None:
    text = (
        "Profit rose in the fourth quarter from the year-ago quarter. "
        "Costs were lower than a year ago."
    )
    assert value_of(text, "the year-ago quarter") == "2023-Q4"
    assert value_of(text, "a year ago") == "2023-Q4"


@pytest.mark.parametrize(
    ("sentence", "words", "value"),
    [
        ("The merger follows Monday's announcement by the rival.", "Monday", "2025-03-03"),
        ("Markets rallied ahead of Thursday's vote.", "Thursday", "2025-03-06"),
        ("Shares slipped in mid-afternoon yesterday.", "mid-afternoon yesterday", "2025-03-03TAF"),
        ("The plant may reopen in next year's first quarter.", "next year's first quarter",
         "2026-Q1"),
        ("Profit fell to $2 million from the quarter a year ago.", "the quarter a year ago",
         "2023-Q4"),
        ("The company earned $4 million in the 2023 period.", "the 2023 period", "2023-Q4"),
        ("Demand should stay weak in the first two quarters of 2026.",
         "the first two quarters of 2026", "2026-H1"),
        ("Costs fell in 2024, after rising the year before.", "the year before", "2023"),
    ],
)  # fmt: skip
def test_possessive_days_parts_of_deictic_days_and_reporting_periods(
    sentence: str, words: str, value: str
) -> None:
    assert value_of(sentence, words) == value


@pytest.mark.parametrize(
    ("sentence", "words", "value"),
    [
        ("The drought began in January nineteen ninety-seven.", "January nineteen ninety-seven",
         "1997-01"),
        ("Prices peaked in the winter of 1994 and fell after.", "winter of 1994", "1994-WI"),
        ("Dealers will be told after October of next year.", "October", "2026-10"),
        ("A ruling is expected in the week of March 17.", "the week of March 17", "2025-W12"),
        ("The rocket lifted off Monday from Kourou at 18:00 UTC.", "18:00 UTC",
         "2025-03-03T18:00Z"),
        ("The rocket lifted off at 18:00 UTC.", "18:00 UTC", "2025-03-04T18:00Z"),
        ("Officials said on Monday the rocket lifted off on Friday from Kourou at 18:00 UTC.",
         "18:00 UTC", "2025-02-28T18:00Z"),
    ],
)  # fmt: skip
def test_years_weeks_and_clock_days_come_from_neighbouring_expressions(
    sentence: str, words: str, value: str
) -> None:
    assert value_of(sentence, words) == value


@pytest.mark.parametrize(
    ("sentence", "words", "value"),
    [
        ("The firm closed its lab this past winter.", "this past winter", "2025-WI"),
        ("The firm closed its lab this past autumn.", "this past autumn", "2024-FA"),
        ("The mill lost money in the fourth quarter of 2023 and for the entire year.",
         "the entire year", "2023"),
        ("Sales should rise in the current fiscal year.", "the current fiscal year", "2025"),
        ("Police have been hunting him since shortly after the April 20 raid.", "April 20",
         "2024-04-20"),
    ],
)  # fmt: skip
def test_past_seasons_years_in_view_fiscal_years_and_distant_since(
    sentence: str, words: str, value: str
) -> None:
    assert value_of(sentence, words) == value


def test_part_of_a_weekday_with_its_date_takes_the_date() -> None:
    text = "The clinic was attacked on the night of Friday, Jan. 10. The day after, it closed."
    assert value_of(text, "the night of Friday, Jan. 10") == "2025-01-10TNI"
    assert value_of(text, "The day after") == "2025-01-11"


def test_the_day_before_in_apposition_to_a_date_is_that_date() -> None:
    text = "Shares peaked on Feb. 12, the day before the crash, and then fell."
    assert value_of(text, "the day before") == "2025-02-12"


def test_the_past_week_is_the_calendar_week_holding_most_of_its_seven_days() -> None:
    friday = date(2025, 3, 7)
    assert value_of("Sales fell over the past week.", "the past week", friday) == "2025-W10"
    assert value_of("Sales fell last week.", "last week", friday) == "2025-W09"


@pytest.mark.parametrize(
    ("sentence", "words", "value"),
    [
        ("Profit rose in the quarter ended July 31.", "the quarter", "2024-Q2"),
        ("Profit rose in the quarter ended Dec. 31.", "the quarter", "2024-Q4"),
        ("Sales in last year's quarter were lower.", "last year's quarter", "2023-Q4"),
    ],
)
def test_reported_quarters_named_by_their_end_or_by_year(
    sentence: str, words: str, value: str
) -> None:
    assert value_of(sentence, words) == value


def test_election_day_is_the_tuesday_after_the_first_monday_of_november() -> None:
    text = "Both candidates will campaign until Election Day."
    assert value_of(text, "Election Day", date(2024, 10, 20)) == "2024-11-05"


def test_decades_ago_count_back_in_years() -> None:
    assert value_of("The dam was built a decade ago.", "a decade ago") == "2015"
    assert value_of("The last decade was the warmest.", "The last decade") == "201"


@pytest.mark.parametrize(
    ("sentence", "words", "modifier"),
    [
        ("Democrats keep reminding voters of the 2016 election.", "2016", True),
        ("The agency published a 2015 report on the dam.", "2015", True),
        ("During the 2016 campaign, hackers broke into the party's servers.", "2016", False),
        ("The company was founded in 1998.", "1998", False),
        ("Tuesday's vote was delayed.", "Tuesday", False),
        ("The talks will resume on 12 May.", "12 May", False),
    ],
)
def test_a_date_naming_a_thing_is_marked_as_a_modifier(sentence: str, words: str, modifier: bool) -> None:
    found = times_of(sentence)
    assert words in found, sorted(found)
    assert found[words].modifier is modifier
