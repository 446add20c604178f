"""Speakers of quotations as news writes them: outer sources, titles, headlines, no quoted
phrases. One hard case per test; texts written for the tests."""

from __future__ import annotations

from newsprism.annotate.nlp import parse
from newsprism.annotate.quotes import find_quotes
from newsprism.annotate.quotes._marks import find_quoted_stretches
from newsprism.model import Quote, Span


def words(text: str, span: Span | None) -> str | None:
    return span.of(text) if span is not None else None


def quote_starting(text: str, opening: str) -> Quote:
    quotes = [q for q in find_quotes(parse(text)) if text[q.start :].startswith(opening)]
    assert len(quotes) == 1, [text[q.start : q.end] for q in find_quotes(parse(text))]
    return quotes[0]


def test_according_to_in_the_sentence_names_the_outer_source() -> None:
    text = (
        'The talks ended late. "We will not cut the farm budget," Ada Holm said, '
        "according to the Daily Courier."
    )
    quote = quote_starting(text, "We will not")
    assert words(text, quote.speaker) == "the Daily Courier"
    assert words(text, quote.cue) == "according to"


def test_outlet_reporting_the_quotation_is_the_outer_source() -> None:
    text = (
        '"This budget leaves the farmers behind," said Ada Holm, the farm minister, '
        "reported the Daily Courier."
    )
    quote = quote_starting(text, "This budget")
    assert words(text, quote.speaker) == "the Daily Courier"


def test_a_person_named_as_doing_something_speaks_the_next_quotation() -> None:
    text = (
        "The mayor opened the bridge on Monday.\n\n"
        "Ole Lund praised the builders and the speed of the work.\n\n"
        '"We need more people who finish what they start."'
    )
    quote = quote_starting(text, "We need")
    assert words(text, quote.speaker) == "Ole Lund"


def test_a_common_noun_subject_before_a_quotation_is_not_its_speaker() -> None:
    text = 'The bridge opened on Monday. "We need more people who finish what they start."'
    quote = quote_starting(text, "We need")
    assert quote.speaker is None


def test_inverted_said_reaches_the_name_past_its_modifiers() -> None:
    text = (
        '"I am not going to apologise for it," said retired surgeon Ada Holm, asked about '
        "the clinic she had closed."
    )
    quote = quote_starting(text, "I am not")
    assert words(text, quote.speaker) == "Ada Holm"


def test_inverted_said_does_not_take_what_is_said_for_a_speaker() -> None:
    text = 'Ada Holm says the main goal of the plan is "to feed the towns," and she means it.'
    quote = quote_starting(text, "to feed")
    assert words(text, quote.speaker) == "Ada Holm"


def test_headline_name_before_a_speech_verb_speaks_not_the_name_before_the_colon() -> None:
    text = (
        "Ada Holm Slams Ole Lund: ‘He Has No Plan For The Farmers.’\n\n"
        "The farm minister spoke in Bergen on Monday."
    )
    quote = quote_starting(text, "He Has No Plan")
    assert words(text, quote.speaker) == "Ada Holm"


def test_headline_name_before_on_speaks() -> None:
    text = (
        "Ada Holm On The Farm Budget: ‘We Will Not Cut It.’\n\n"
        "The farm minister spoke in Bergen on Monday."
    )
    quote = quote_starting(text, "We Will Not")
    assert words(text, quote.speaker) == "Ada Holm"


def test_no_speaker_lies_inside_a_quotation() -> None:
    text = (
        'Ole Lund, the author of "Going Under," about the fishing crisis, said the talks '
        'would "end in tears" this winter.'
    )
    stretches = find_quoted_stretches(text)
    quotes = find_quotes(parse(text))
    assert quotes
    for quote in quotes:
        assert quote.speaker is not None
        assert not any(
            s.open_mark <= quote.speaker.start < s.outer_end for s in stretches
        ), words(text, quote.speaker)
    assert words(text, quotes[-1].speaker) == "Ole Lund"


def test_age_as_speaker_is_a_person_not_a_name_inside_the_quotation() -> None:
    text = '"Ada is, and always has been, a fine leader," said the 46-year-old.'
    quote = quote_starting(text, "Ada is")
    assert words(text, quote.speaker) == "the 46-year-old"


def test_quoted_book_title_after_according_to_gives_its_author() -> None:
    text = (
        'The board was split, according to "Cold Harbour: A Year at the Port" by Ada Holm. '
        '"Nobody wanted to vote first."'
    )
    quote = quote_starting(text, "Nobody wanted")
    assert words(text, quote.speaker) == "Ada Holm"


def test_title_alone_resolves_to_the_person_given_that_title() -> None:
    text = (
        "Sen. Ada Holm toured the port on Monday with Ole Lund. Reporters asked about the "
        'budget. "We will not cut it," the senator said.'
    )
    quote = quote_starting(text, "We will not")
    assert words(text, quote.speaker) == "the senator"
    assert words(text, quote.speaker_resolved) == "Ada Holm"


def test_title_given_in_an_apposition_resolves_to_its_person() -> None:
    text = (
        "Ada Holm, a spokeswoman for the ministry, spoke first. Ole Lund, a farmer, "
        'followed her. "We will not cut it," the spokeswoman said.'
    )
    quote = quote_starting(text, "We will not")
    assert words(text, quote.speaker_resolved) == "Ada Holm"


def test_unnamed_description_keeps_the_words_as_written() -> None:
    text = (
        'Ada Holm, the farm minister, spoke first. "We will not cut it," a senior official '
        "said later."
    )
    quote = quote_starting(text, "We will not")
    assert words(text, quote.speaker) == "a senior official"
    assert words(text, quote.speaker_resolved) == "a senior official"


def test_title_the_text_gives_nobody_stays_as_written() -> None:
    text = 'Ada Holm, the farm minister, spoke first. "We will not cut it," the judge said.'
    quote = quote_starting(text, "We will not")
    assert words(text, quote.speaker_resolved) == "the judge"


def test_passive_speech_verb_and_by_name_the_speaker() -> None:
    text = (
        'The levy has been called "a tax on the poor" by Ada Holm, a professor at the '
        "university, and it divides the council."
    )
    quote = quote_starting(text, "a tax on")
    assert words(text, quote.speaker) == "Ada Holm"


def test_as_described_by_after_a_quotation_names_the_speaker() -> None:
    text = 'The handling of the files was "extremely careless," as described by Ole Lund.'
    quote = quote_starting(text, "extremely careless")
    assert words(text, quote.speaker) == "Ole Lund"


def test_according_to_a_document_someone_provided_names_who_provided_it() -> None:
    text = (
        '"The tests are far too many," Ada Holm said on Monday, according to a recording '
        "provided by Radio North."
    )
    quote = quote_starting(text, "The tests")
    assert words(text, quote.speaker) == "Radio North"


def test_a_subject_inside_the_clause_gives_way_to_the_named_person_above_it() -> None:
    text = (
        "In the worst year, Ada Holm worried that the safety net was becoming "
        '"a hammock for the idle" and said little else.'
    )
    quote = quote_starting(text, "a hammock")
    assert words(text, quote.speaker) == "Ada Holm"


def test_a_cue_after_a_quotation_whose_parse_names_nobody_takes_the_words_beside_it() -> None:
    text = (
        '"Our campaign has already changed the debate on trade," read the email. '
        '"And every vote makes us stronger."'
    )
    quote = quote_starting(text, "Our campaign")
    assert words(text, quote.speaker) == "the email"


def test_said_in_a_relative_clause_on_a_person_reports_its_own_quotation() -> None:
    text = (
        '"The plan is a disaster in the making," said Ada Holm, who said there were '
        '"too many open questions for me to support it."'
    )
    quote = quote_starting(text, "too many")
    assert words(text, quote.speaker) == "who"
    assert words(text, quote.speaker_resolved) == "Ada Holm"


def test_later_quotation_of_a_sentence_with_according_to_keeps_the_outer_source() -> None:
    text = (
        '"I will vote in March," Ole Lund said, according to the Daily Courier. '
        '"And I have decided for whom."'
    )
    quote = quote_starting(text, "And I have")
    assert words(text, quote.speaker) == "the Daily Courier"


def test_shot_back_is_a_speech_cue_however_back_is_parsed() -> None:
    text = (
        "After Ole Lund criticized the budget during a debate, Ada Holm shot back, "
        "“I suppose I could have cut the schools, but I chose to fund them.”"
    )
    quote = quote_starting(text, "I suppose")
    assert words(text, quote.speaker) == "Ada Holm"
    assert words(text, quote.cue) == "shot"
