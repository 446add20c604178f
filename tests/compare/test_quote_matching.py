"""Quotes of one utterance across reports: grouping and classing of their wording."""

from __future__ import annotations

from newsprism.compare.quotes import classify_versions, group_quotes, word_changes
from newsprism.model import Article, Quote, Span


def article_with_quotes(article_id: str, text: str, quoted: list[str]) -> Article:
    """An article whose sentences are its lines and whose quotes are the given substrings."""
    sentences, offset = [], 0
    for line in text.split("\n"):
        sentences.append(Span(offset, offset + len(line)))
        offset += len(line) + 1
    quotes = []
    for words in quoted:
        start = text.index(words)
        quotes.append(Quote(start, start + len(words), speaker=None))
    return Article(id=article_id, text=text, source=article_id, outlet=article_id, sentences=tuple(sentences), quotes=tuple(quotes))


def no_speaker(article: Article, quote: Quote) -> tuple[str | None, str]:
    return None, ""


def test_identical_wording_is_identical() -> None:
    assert classify_versions(["We will rebuild.", "We will rebuild."]) == "identical"


def test_case_and_punctuation_only_differences_are_punctuation() -> None:
    assert classify_versions(["We will rebuild, together.", "we will rebuild together"]) == "punctuation"


def test_a_version_that_drops_words_is_shortened() -> None:
    assert classify_versions(["We will rebuild the bridge this year.", "We will rebuild the bridge"]) == "shortened"


def test_changed_words_are_reworded_with_word_level_changes() -> None:
    assert classify_versions(["It would hold for a hundred years.", "It would last a hundred years."]) == "reworded"
    assert word_changes("It would hold for a hundred years.", "It would last a hundred years.") == (
        ("-", "hold for"),
        ("+", "last"),
    )


def test_one_sentence_of_a_long_quote_matches_the_report_that_prints_only_it() -> None:
    long_quote = "We acted fast.\nThe water came at night.\nWe will rebuild the bridge this year."
    first = article_with_quotes("a", long_quote, [long_quote])
    second = article_with_quotes(
        "b", "The mayor spoke.\nWe will rebuild the bridge this year, she said.", ["We will rebuild the bridge this year"]
    )
    groups = group_quotes([first, second], no_speaker)
    shared = [group for group in groups if len(group.versions) == 2]
    assert len(shared) == 1
    assert shared[0].match == "punctuation"
    (version_a,) = [v for v in shared[0].versions if v.article == "a"]
    assert first.text[version_a.start : version_a.end] == "We will rebuild the bridge this year."
    alone = [group for group in groups if group.match == "single"]
    assert [first.text[g.versions[0].start : g.versions[0].end] for g in alone] == [
        "We acted fast.\nThe water came at night."
    ]


def test_unrelated_quotes_stay_apart() -> None:
    first = article_with_quotes("a", "It was a dark night for the town.", ["It was a dark night for the town."])
    second = article_with_quotes("b", "Insurers will pay every claim in full.", ["Insurers will pay every claim in full."])
    groups = group_quotes([first, second], no_speaker)
    assert [group.match for group in groups] == ["single", "single"]


def test_short_fragments_differing_in_one_word_stay_apart() -> None:
    first = article_with_quotes("a", "They asked for a truce in the sky.", ["truce in the sky"])
    second = article_with_quotes("b", "They asked for a truce in the sea.", ["truce in the sea"])
    assert [group.match for group in group_quotes([first, second], no_speaker)] == ["single", "single"]


def test_each_change_names_the_report_whose_version_has_it() -> None:
    words = ["We will rebuild the old bridge this year.", "We will rebuild the bridge this year.", "We will repair the old bridge this year."]
    articles = [article_with_quotes(name, quote, [quote]) for name, quote in zip(["a", "b", "c"], words, strict=False)]
    (group,) = group_quotes(articles, no_speaker)
    changes = {(change.article, change.operation, change.words) for change in group.changes}
    assert changes == {("b", "-", "old"), ("c", "-", "rebuild"), ("c", "+", "repair")}


def test_the_version_most_reports_share_is_the_reference_for_changes() -> None:
    misquote = "We will repair the bridge next year."
    faithful = "We will rebuild the old bridge this year."
    names = ["first", "second", "third"]
    articles = [article_with_quotes(name, quote, [quote]) for name, quote in zip(names, [misquote, faithful, faithful], strict=False)]
    (group,) = group_quotes(articles, no_speaker)
    assert {change.article for change in group.changes} == {"first"}
    assert group.versions[0].article == "second"
