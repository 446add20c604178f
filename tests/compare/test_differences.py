"""Details that differ between two reports' statements of one fact (their counterparts)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newsprism.compare.differences import Telling, find_differences, quantities
from newsprism.model import Article, Clause, Difference, Span, TimeExpression

EntityLookup = Callable[[Article, Span], dict[str, tuple[str, str]]]


def telling(
    article_id: str,
    text: str,
    times: tuple[TimeExpression, ...] = (),
    **frame: object,
) -> Telling:
    article = Article(id=article_id, text=text, source=article_id, outlet=article_id, times=times)
    return Telling(article, Clause(0, len(text), 0, (), **frame))  # type: ignore[arg-type]


def no_entities(article: Article, span: Span) -> dict[str, tuple[str, str]]:
    return {}


def differences(first: Telling, second: Telling, entities: EntityLookup = no_entities) -> dict[str, list[str]]:
    found: tuple[Difference, ...] = find_differences([(first, second)], entities)
    return {difference.kind: [wording for wording, _ in difference.values] for difference in found}


def test_different_counts_are_flagged_with_each_wording() -> None:
    found = differences(telling("a", "340 residents left their homes"), telling("b", "390 residents left their homes"))
    assert found["number"] == ["340", "390"]


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("at least 20 people were killed", "25 people were killed"),
        ("about 400 residents left", "390 residents left"),
        ("more than 1,000 troops arrived", "1,200 troops arrived"),
        ("two schools opened", "2 schools opened"),
        ("up to 10 people were hurt", "8 people were hurt"),
    ],
)
def test_a_bound_or_an_estimate_that_holds_is_no_difference(one: str, other: str) -> None:
    assert "number" not in differences(telling("a", one), telling("b", other))


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("20 people were killed", "25 people were killed"),
        ("at least 20 people were killed", "15 people were killed"),
        ("up to 10 people were hurt", "12 people were hurt"),
        ("the bridge cost $5 million", "the bridge cost $7 million"),
    ],
)
def test_counts_that_cannot_both_hold_differ(one: str, other: str) -> None:
    assert "number" in differences(telling("a", one), telling("b", other))


def test_numbers_read_with_their_qualifier_scale_and_unit() -> None:
    found = quantities("more than 1,000 troops and $5 million, 2.5% in 2027, two dozen homes")
    assert [(q.value, q.bound, q.counted) for q in found] == [
        (1000.0, "lower", "troops"),
        (5e6, "exact", "$"),
        (2.5, "exact", "%"),
        (24.0, "exact", "homes"),
    ]


def test_a_number_only_one_report_gives_is_not_a_difference() -> None:
    assert "number" not in differences(telling("a", "the trip lasts two days"), telling("b", "the trip begins"))


def test_years_are_dates_not_numbers() -> None:
    assert "number" not in differences(telling("a", "spending rises by 2027"), telling("b", "spending rises by 2028"))


def test_a_qualifier_one_report_adds_to_the_same_act_differs() -> None:
    found = differences(
        telling("a", "the US temporarily halted military aid", predicate="halt"),
        telling("b", "the decision to halt all military aid", predicate="halt"),
    )
    assert found["qualifier"] == ["temporarily", "all"]


def test_qualifiers_of_different_acts_are_not_compared() -> None:
    found = differences(
        telling("a", "the US temporarily halted military aid", predicate="halt"),
        telling("b", "all members voted", predicate="vote"),
    )
    assert "qualifier" not in found


def test_different_resolved_days_are_flagged_and_a_day_inside_a_year_is_not() -> None:
    thursday = TimeExpression(18, 26, "DATE", "2025-03-06")
    friday = TimeExpression(18, 24, "DATE", "2025-03-07")
    year = TimeExpression(18, 22, "DATE", "2025")
    meet = "the two will meet "
    assert "date" in differences(telling("a", meet + "Thursday", (thursday,)), telling("b", meet + "Friday", (friday,)))
    assert "date" not in differences(telling("a", meet + "Thursday", (thursday,)), telling("b", meet + "2025", (year,)))


def test_a_date_that_names_a_thing_is_no_date_of_the_statement() -> None:
    election = TimeExpression(4, 8, "DATE", "2016", modifier=True)
    vote = TimeExpression(4, 8, "DATE", "2020", modifier=True)
    assert "date" not in differences(
        telling("a", "the 2016 election was close", (election,)), telling("b", "the 2020 election was close", (vote,))
    )


def test_negation_of_the_same_act_differs() -> None:
    found = differences(
        telling("a", "police arrested the driver", predicate="arrest"),
        telling("b", "police did not arrest the driver", predicate="arrest", negated=True),
    )
    assert found["negation"] == ["arrest", "not arrest"]


def test_decided_against_considered_is_a_status_difference() -> None:
    found = differences(
        telling("a", "the US has decided to halt aid", predicate="halt", modality="decided"),
        telling("b", "the US is considering halting aid", predicate="halt", modality="considering"),
    )
    assert found["status"] == ["decided halt", "considering halt"]


def test_paused_against_cancelled_is_a_status_difference_but_not_future_against_past() -> None:
    paused = telling("a", "the talks were paused", predicate="pause")
    cancelled = telling("b", "the talks were cancelled", predicate="cancel")
    assert differences(paused, cancelled)["status"] == ["pause", "cancel"]
    will_meet = telling("a", "they will meet", predicate="meet", modality="future")
    met = telling("b", "they met", predicate="meet")
    assert "status" not in differences(will_meet, met)


def test_how_sure_two_reports_are_of_two_different_acts_is_no_difference() -> None:
    expire = telling("a", "the exemptions were set to expire on Tuesday", predicate="expire", modality="expected")
    granted = telling("b", "Australia was granted a permanent exemption", predicate="grant")
    assert "status" not in differences(expire, granted)
    considering_pause = telling("c", "the US is considering pausing aid", predicate="pause", modality="considering")
    cancelled = telling("d", "the US cancelled aid", predicate="cancel")
    assert differences(considering_pause, cancelled)["status"] == ["considering pause", "cancel"]  # one act, two stages


def _people(names: dict[str, dict[str, tuple[str, str]]]) -> EntityLookup:
    def lookup(article: Article, span: Span) -> dict[str, tuple[str, str]]:
        text = span.of(article.text)
        return {key: value for key, value in names[article.id].items() if value[1] in text}

    return lookup


def test_different_people_doing_the_same_act_differ_but_an_extra_name_does_not() -> None:
    entities = _people(
        {
            "a": {"e1": ("PERSON", "Donald Trump"), "e3": ("PERSON", "Keir Starmer")},
            "b": {"e2": ("PERSON", "JD Vance"), "e3": ("PERSON", "Keir Starmer")},
            "c": {"e1": ("PERSON", "Donald Trump"), "e2": ("PERSON", "JD Vance"), "e3": ("PERSON", "Keir Starmer")},
        }
    )
    a_text, b_text, c_text = "Donald Trump met Keir Starmer", "JD Vance met Keir Starmer", "Donald Trump and JD Vance met Keir Starmer"
    a = telling("a", a_text, agent=Span(0, 12), patient=Span(17, 29))
    b = telling("b", b_text, agent=Span(0, 8), patient=Span(13, 25))
    c = telling("c", c_text, agent=Span(0, 25), patient=Span(30, 42))
    assert differences(a, b, entities)["name"] == ["Donald Trump", "JD Vance"]
    assert "name" not in differences(a, c, entities)


def test_names_outside_the_roles_are_not_compared() -> None:
    """"The US halted aid to Kyiv" / "the decision to halt aid to Ukraine": the act's patient
    is the aid in both; where it goes qualifies it, and is no one's role."""
    entities = _people({"a": {"e1": ("GPE", "US"), "e2": ("GPE", "Kyiv")}, "b": {"e3": ("GPE", "Ukraine")}})
    a = telling("a", "the US halted aid to Kyiv", agent=Span(0, 6), patient=Span(14, 17))
    b = telling("b", "the decision to halt aid to Ukraine", patient=Span(21, 24))
    assert "name" not in differences(a, b, entities)


def test_each_statement_is_cited_once_per_kind() -> None:
    a = telling("a", "20 people died")
    b = telling("b", "25 people died")
    c = telling("c", "25 people died")
    (number,) = find_differences([(a, b), (a, c)], no_entities)
    assert [wording for wording, _ in number.values] == ["20", "25", "25"]
    assert [evidence.article for _, evidence in number.values] == ["a", "b", "c"]
