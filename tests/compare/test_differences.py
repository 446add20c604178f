"""Details that differ between statements of one fact."""

from __future__ import annotations

from newsprism.compare.differences import find_differences
from newsprism.compare.statements import Statement
from newsprism.model import Article, Clause, Span, TimeExpression


def statement(article_id: str, text: str, times: tuple[TimeExpression, ...] = ()) -> Statement:
    article = Article(id=article_id, text=text, source=article_id, outlet=article_id, times=times)
    return Statement(article, Clause(0, len(text), 0), ())


def no_entities(article: Article, span: Span) -> dict[str, tuple[str, str]]:
    return {}


def kinds(differences: tuple) -> list[str]:  # type: ignore[type-arg]
    return [difference.kind for difference in differences]


def test_different_numbers_are_flagged_with_each_wording() -> None:
    found = find_differences(
        [statement("a", "340 residents left their homes"), statement("b", "about 400 residents left their homes")],
        no_entities,
    )
    number = [d for d in found if d.kind == "number"][0]
    assert [text for text, _ in number.values] == ["340", "400"]


def test_spelled_and_written_numbers_agree() -> None:
    found = find_differences(
        [statement("a", "two schools opened"), statement("b", "2 schools opened")], no_entities
    )
    assert "number" not in kinds(found)


def test_a_number_only_one_report_gives_is_not_a_difference() -> None:
    found = find_differences(
        [statement("a", "the trip lasts two days"), statement("b", "the trip begins")], no_entities
    )
    assert "number" not in kinds(found)


def test_years_are_dates_not_numbers() -> None:
    found = find_differences(
        [statement("a", "spending rises by 2027"), statement("b", "spending rises by 2028")], no_entities
    )
    assert "number" not in kinds(found)


def test_temporarily_against_all_is_a_qualifier_difference() -> None:
    found = find_differences(
        [statement("a", "the US temporarily halted military aid"), statement("b", "the decision to halt all military aid")],
        no_entities,
    )
    qualifier = [d for d in found if d.kind == "qualifier"][0]
    assert [text for text, _ in qualifier.values] == ["temporarily", "all"]


def test_different_resolved_dates_are_flagged() -> None:
    thursday = TimeExpression(18, 26, "DATE", "2025-03-06")
    friday = TimeExpression(18, 24, "DATE", "2025-03-07")
    found = find_differences(
        [statement("a", "the two will meet Thursday", (thursday,)), statement("b", "the two will meet Friday", (friday,))],
        no_entities,
    )
    assert "date" in kinds(found)


def test_one_report_alone_has_no_differences() -> None:
    assert find_differences([statement("a", "340 left"), statement("a", "400 left")], no_entities) == ()


def test_names_differ_only_when_each_report_names_someone_the_other_does_not() -> None:
    def entities(article: Article, span: Span) -> dict[str, tuple[str, str]]:
        return {"a": {"e1": ("GPE", "Kyiv")}, "b": {"e2": ("GPE", "Ukraine")}, "c": {"e1": ("GPE", "Kyiv"), "e3": ("GPE", "US")}}[article.id]

    found = find_differences([statement("a", "aid to Kyiv"), statement("b", "aid to Ukraine")], entities)
    assert kinds(found) == ["name"]
    assert find_differences([statement("a", "aid to Kyiv"), statement("c", "US aid to Kyiv")], entities) == ()


def test_a_day_inside_a_year_is_no_date_difference() -> None:
    april = TimeExpression(13, 21, "DATE", "2018-04-27")
    year = TimeExpression(13, 28, "DATE", "2018")
    found = find_differences(
        [statement("a", "they meet on April 27", (april,)), statement("b", "they meet later this year", (year,))],
        no_entities,
    )
    assert "date" not in kinds(found)


def test_a_name_inside_the_other_is_no_name_difference() -> None:
    def entities(article: Article, span: Span) -> dict[str, tuple[str, str]]:
        return {"a": {"e1": ("GPE", "New York City")}, "b": {"e2": ("GPE", "New York")}, "c": {"e3": ("GPE", "York")}}[article.id]

    found = find_differences([statement("a", "the former New York City mayor"), statement("b", "the former New York mayor")], entities)
    assert "name" not in kinds(found)
    found = find_differences([statement("b", "the former New York mayor"), statement("c", "the former York mayor")], entities)
    assert "name" not in kinds(found)  # whole words: "York" is inside "New York"


def test_a_date_that_names_a_thing_is_no_date_of_the_statement() -> None:
    friday = TimeExpression(28, 34, "DATE", "2018-04-20")
    election = TimeExpression(28, 32, "DATE", "2016", modifier=True)
    found = find_differences(
        [
            statement("a", "the party sued the campaign Friday", (friday,)),
            statement("b", "the party is suing over the 2016 election", (election,)),
        ],
        no_entities,
    )
    assert "date" not in kinds(found)
