"""Story assignment: same event in other words joins, same kind of event stays apart."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from newsprism.cluster.features import article_features, stem
from newsprism.cluster.stories import StoryIndex, _by_weight
from newsprism.model import Article
from newsprism.settings import Settings, StorySettings

DAY = datetime(2024, 5, 7, 9, 0)

QUAKE_CHILE = (
    "A magnitude 7.1 earthquake struck off the coast of northern Chile on Tuesday, killing at "
    "least 12 people in the port city of Iquique, officials said. President Elena Varga "
    "declared a state of emergency in the Tarapaca region and sent troops to help rescuers. "
    "The quake damaged the harbour and cut power to 40,000 homes, the utility Enel Norte said."
)
QUAKE_CHILE_RETOLD = (
    "At least 12 people died when a powerful 7.1 quake shook Iquique in northern Chile on "
    "Tuesday. Rescuers searched collapsed houses through the night, and President Elena Varga "
    "flew to the Tarapaca region. Enel Norte said 40,000 homes were still without power and "
    "the harbour was closed."
)
QUAKE_TURKEY = (
    "A magnitude 5.8 earthquake hit the eastern province of Van in Turkey on Tuesday, injuring "
    "at least 37 people, officials said. Governor Ahmet Kaya said schools in Ercis would stay "
    "closed while engineers inspected damaged buildings. The quake was felt as far away as "
    "Tabriz, and aftershocks rattled villages near Lake Van."
)
QUAKE_TURKEY_RETOLD = (
    "Thirty-seven people were hurt after a 5.8 tremor shook Van province in eastern Turkey on "
    "Tuesday, Governor Ahmet Kaya said. Schools in Ercis stay shut as engineers check buildings, "
    "and villagers near Lake Van spent the night outside as aftershocks continued."
)
CHILE_FOLLOW_UP = (
    "Three months after the earthquake, President Elena Varga reopened the harbour of "
    "Iquique and promised new homes for families in the Tarapaca region. Enel Norte said "
    "the last of the 40,000 homes cut off by the quake had power again."
)
BUDGET = (
    "Finance minister Laura Benning presented a budget on Tuesday that raises the tax on "
    "tobacco and cuts spending on road building, telling parliament the deficit would fall to "
    "2.1 per cent of output by next spring. Opposition leader Tomas Reeve called it timid."
)


def article(
    article_id: str,
    text: str,
    published: datetime | None = DAY,
    title: str | None = None,
) -> Article:
    return Article(
        id=article_id, text=text, source=article_id, title=title, published=published
    )


def assign_all(
    articles: list[Article], settings: StorySettings | None = None
) -> dict[str, int]:
    index = StoryIndex(settings)
    return {a.id: index.assign(article_features(a), a.published) for a in articles}


def test_same_event_in_other_words_joins_one_story() -> None:
    stories = assign_all([article("a", QUAKE_CHILE), article("b", QUAKE_CHILE_RETOLD)])
    assert stories["a"] == stories["b"]


def test_two_earthquakes_stay_apart_while_each_gathers_its_reports() -> None:
    stories = assign_all(
        [
            article("chile", QUAKE_CHILE),
            article("turkey", QUAKE_TURKEY),
            article("chile-2", QUAKE_CHILE_RETOLD),
            article("turkey-2", QUAKE_TURKEY_RETOLD),
        ]
    )
    assert stories["chile"] == stories["chile-2"]
    assert stories["turkey"] == stories["turkey-2"]
    assert stories["chile"] != stories["turkey"]


def test_unrelated_story_starts_its_own() -> None:
    stories = assign_all([article("chile", QUAKE_CHILE), article("budget", BUDGET)])
    assert stories["chile"] != stories["budget"]


def test_words_alone_do_not_join_reports_weeks_apart() -> None:
    later = DAY + timedelta(days=60)
    words_only = StorySettings(follow_up_weight=0.0)
    stories = assign_all(
        [article("a", QUAKE_CHILE), article("b", QUAKE_CHILE_RETOLD, published=later)],
        words_only,
    )
    assert stories["a"] != stories["b"]


def test_a_follow_up_months_later_joins_through_the_same_names() -> None:
    later = DAY + timedelta(days=90)
    stories = assign_all(
        [
            article("quake", QUAKE_CHILE),
            article("turkey", QUAKE_TURKEY, published=later),
            article("rebuilt", CHILE_FOLLOW_UP, published=later),
        ]
    )
    assert stories["rebuilt"] == stories["quake"]
    assert stories["turkey"] != stories["quake"]


def test_names_carry_a_follow_up_only_when_the_words_resemble_the_story() -> None:
    later = DAY + timedelta(days=90)
    pair = [article("quake", QUAKE_CHILE), article("rebuilt", CHILE_FOLLOW_UP, later)]
    strict = StorySettings(follow_up_min_cosine=0.95)
    assert assign_all(pair)["rebuilt"] == assign_all(pair)["quake"]
    assert assign_all(pair, strict)["rebuilt"] != assign_all(pair, strict)["quake"]


def test_names_join_nothing_beyond_the_follow_up_days() -> None:
    much_later = DAY + timedelta(days=StorySettings().follow_up_days + 30)
    stories = assign_all(
        [article("quake", QUAKE_CHILE), article("rebuilt", CHILE_FOLLOW_UP, much_later)]
    )
    assert stories["rebuilt"] != stories["quake"]


def test_undated_report_is_judged_on_its_words_alone() -> None:
    stories = assign_all(
        [article("a", QUAKE_CHILE), article("b", QUAKE_CHILE_RETOLD, published=None)]
    )
    assert stories["a"] == stories["b"]


def test_an_undated_report_needs_stronger_words_to_join_a_dated_story() -> None:
    index = StoryIndex(StorySettings(follow_up_weight=0.0))
    story_id = index.assign(article_features(article("a", QUAKE_CHILE)), DAY)
    weights = index._weights(article_features(article("b", QUAKE_CHILE_RETOLD)))
    dated = index.score(weights, index.stories[story_id], DAY)
    undated = index.score(weights, index.stories[story_id], None)
    assert undated == pytest.approx(dated * StorySettings().unknown_date_factor)
    assert undated < dated


def test_replaying_assignments_rebuilds_the_same_index() -> None:
    articles = [
        article("a", QUAKE_CHILE),
        article("b", QUAKE_TURKEY),
        article("c", BUDGET),
    ]
    first = StoryIndex()
    assigned = [first.assign(article_features(a), a.published) for a in articles]
    replayed = StoryIndex()
    for story, a in zip(assigned, articles, strict=True):
        replayed.add(story, article_features(a), a.published)
    assert replayed.document_frequency == first.document_frequency
    assert {s: p.terms for s, p in replayed.stories.items()} == {
        s: p.terms for s, p in first.stories.items()
    }
    assert replayed.postings == first.postings
    nxt = article("d", QUAKE_TURKEY_RETOLD)
    assert replayed.assign(article_features(nxt), nxt.published) == first.assign(
        article_features(nxt), nxt.published
    )


def test_a_very_common_feature_does_not_make_every_story_a_candidate() -> None:
    def candidates(max_postings: int) -> set[int]:
        index = StoryIndex(StorySettings(max_postings=max_postings))
        index.add(1, {"w:quake": 1, "n:iquique": 1}, DAY)
        index.add(2, {"w:quake": 1, "n:van": 1}, DAY)
        return set(index._candidates(index._weights({"w:quake": 2}), None))

    assert candidates(max_postings=5) == {1, 2}
    assert candidates(max_postings=1) == set()


def test_a_common_feature_looks_up_only_its_most_recently_joined_stories() -> None:
    def candidates(recent_postings: int) -> set[int]:
        index = StoryIndex(StorySettings(recent_postings=recent_postings))
        index.add(1, {"w:quake": 1, "n:iquique": 1}, DAY)
        index.add(2, {"w:quake": 1, "n:van": 1}, DAY)
        index.add(1, {"w:quake": 1, "n:iquique": 1}, DAY)  # story 1 joined last
        return set(index._candidates(index._weights({"w:quake": 2}), None))

    assert candidates(recent_postings=5) == {1, 2}
    assert candidates(recent_postings=1) == {1}


def test_candidates_rank_as_a_full_sort_would() -> None:
    shared = {story: float(story % 7) for story in range(1, 60)}
    expected = sorted(shared, key=shared.__getitem__, reverse=True)
    assert list(_by_weight(shared, 5)) == expected
    assert list(_by_weight(shared, 100)) == expected


def test_features_find_names_numbers_and_headline_words() -> None:
    features = article_features(
        article("a", QUAKE_TURKEY, title="Quake injures dozens in Van")
    )
    assert features["n:kaya"] > 0
    assert features["n:ercis"] > 0
    assert features["d:5.8"] > 0
    assert "n:the" not in features and "w:the" not in features
    quake = f"w:{stem('quake')}"
    assert features[quake] > article_features(article("b", QUAKE_TURKEY))[quake]


def test_sentence_initial_capitals_are_not_names() -> None:
    features = article_features(
        article("a", "Rescuers arrived late. Rescuers said the rescuers were tired.")
    )
    assert "n:rescuers" not in features
    assert features["w:rescuer"] > 0


def test_stem_joins_simple_inflections() -> None:
    assert stem("quakes") == stem("quake")
    assert stem("killing") == stem("killed") == "kill"
    assert stem("released") == stem("releases") == stem("release")
    assert stem("casualties") == "casualty"
    assert stem("press") == "press"
    assert stem("malicious") == "malicious"


QUAKE_CHILE_THIRD = (
    "Iquique counted its dead on Wednesday: 12 people were killed by the 7.1 earthquake that hit "
    "northern Chile, President Elena Varga said, as Enel Norte restored power to the harbour "
    "district and troops cleared rubble in the Tarapaca region."
)


def test_a_story_that_gathered_two_events_splits_in_two() -> None:
    index, members = _chile_and_turkey(None)
    assert index.split_due(1)
    split = index.try_split(1, members)
    assert split is not None
    new_story, moved = split
    assert sorted(moved) in (
        ["turkey", "turkey-2", "turkey-3"],
        ["chile", "chile-2", "chile-3"],
    )
    assert index.stories[1].size + index.stories[new_story].size == 6
    assert not index.split_due(1)


def test_a_story_of_one_event_stays_whole() -> None:
    index = StoryIndex()
    reports = [
        article("a", QUAKE_CHILE),
        article("b", QUAKE_CHILE_RETOLD),
        article("c", QUAKE_CHILE_THIRD),
    ]
    reports.append(article("d", QUAKE_CHILE_RETOLD.replace("night", "evening")))
    members = [(a.id, article_features(a), a.published) for a in reports]
    for _, features, published in members:
        index.add(1, features, published)
    assert index.try_split(1, members) is None


QUAKE_TURKEY_THIRD = (
    "Engineers in Van province began checking schools and homes on Wednesday after the 5.8 "
    "earthquake in eastern Turkey injured 37 people; Governor Ahmet Kaya said classes in "
    "Ercis would resume once the buildings near Lake Van were declared safe."
)


def test_two_close_reports_are_not_a_second_event_on_their_own() -> None:
    reports = [QUAKE_CHILE, QUAKE_CHILE_RETOLD, QUAKE_CHILE_THIRD, QUAKE_CHILE]
    reports += [QUAKE_TURKEY, QUAKE_TURKEY_RETOLD]
    index = StoryIndex(StorySettings(split_ratio=0.99))
    members = [
        (str(n), article_features(article(str(n), text)), None)
        for n, text in enumerate(reports)
    ]
    for _, features, when in members:
        index.add(1, features, when)
    assert index.try_split(1, members) is None
    loose = StoryIndex(StorySettings(split_ratio=0.99, split_min_group=2))
    for _, features, when in members:
        loose.add(1, features, when)
    assert loose.try_split(1, members) is not None


def test_reports_of_the_same_days_need_a_wider_seam_to_split() -> None:
    settings = StorySettings(split_ratio=0.99, split_ratio_same_days=0.0)
    texts = [
        QUAKE_CHILE,
        QUAKE_TURKEY,
        QUAKE_CHILE_RETOLD,
        QUAKE_TURKEY_RETOLD,
        QUAKE_CHILE_THIRD,
        QUAKE_TURKEY_THIRD,
    ]

    def split_with(published: datetime | None) -> bool:
        index = StoryIndex(settings)
        members = [
            (str(n), article_features(article(str(n), t)), published)
            for n, t in enumerate(texts)
        ]
        for _, features, when in members:
            index.add(1, features, when)
        return index.try_split(1, members) is not None

    assert split_with(None)
    assert not split_with(DAY)


def _two_stories_of_chile(second_published: datetime | None = DAY) -> StoryIndex:
    """Story 1 and 2 both tell the Chile quake, story 3 the budget."""
    index = StoryIndex()
    index.add(1, article_features(article("a", QUAKE_CHILE)), DAY)
    index.add(2, article_features(article("b", QUAKE_CHILE_RETOLD)), second_published)
    index.add(3, article_features(article("c", BUDGET)), DAY)
    return index


def test_a_report_like_two_stories_of_one_event_bridges_them() -> None:
    index = _two_stories_of_chile()
    story, bridged = index.place(article_features(article("d", QUAKE_CHILE_THIRD)), DAY)
    assert {story, *bridged} == {1, 2}


def test_a_report_between_two_dated_stories_bridges_them() -> None:
    index = _two_stories_of_chile(DAY + timedelta(days=20))
    third = article_features(article("d", QUAKE_CHILE_THIRD))
    story, bridged = index.place(third, DAY + timedelta(days=10))
    assert {story, *bridged} == {1, 2}


def test_a_report_weeks_from_a_story_or_a_story_without_dates_bridges_nothing() -> None:
    # The report's score with a story weeks away is damped below the merge score; an
    # undated story cannot be compared with a dated one at all.
    for published in (DAY + timedelta(days=60), None):
        index = _two_stories_of_chile(published)
        third = article_features(article("d", QUAKE_CHILE_THIRD))
        assert index.place(third, DAY)[1] == []


def test_a_round_up_of_two_unrelated_stories_bridges_nothing() -> None:
    index = _two_stories_of_chile()
    round_up = article_features(article("d", QUAKE_CHILE + " " + BUDGET))
    weights = index._weights(round_up)
    for story_id in (1, 3):
        score = index.score(weights, index.stories[story_id], DAY)
        assert score >= index.settings.merge_score
    story, bridged = index.place(round_up, DAY)
    assert not {1, 3} <= {story, *bridged}


def test_merged_stories_are_one_profile_found_by_either_side() -> None:
    index = _two_stories_of_chile()
    story, (other,) = index.place(
        article_features(article("d", QUAKE_CHILE_THIRD)), DAY
    )
    index.merge(story, other)
    assert set(index.stories) == {story, 3}
    assert index.stories[story].size == 3
    assert index.stories[story].first == index.stories[story].last == DAY
    for text in (QUAKE_CHILE, QUAKE_CHILE_RETOLD):
        assert index.assign(article_features(article("e", text)), DAY) == story


def test_two_stories_merge_only_when_their_reports_resemble_each_other() -> None:
    index = StoryIndex()
    for number, text in enumerate([QUAKE_CHILE, QUAKE_CHILE_RETOLD, QUAKE_TURKEY]):
        index.add(1, article_features(article(str(number), text)), DAY)

    def members(*texts: str) -> list[tuple[str, Counter[str], datetime]]:
        return [(text[:9], article_features(article("m", text)), DAY) for text in texts]

    chile = members(QUAKE_CHILE, QUAKE_CHILE_RETOLD)
    assert index.mergeable(chile, members(QUAKE_CHILE_THIRD))
    # Too few members for a seam: only their unlikeness keeps two events apart.
    assert not index.mergeable(chile, members(QUAKE_TURKEY, QUAKE_TURKEY_RETOLD))


QUAKE_JAPAN = [
    "A magnitude 6.4 earthquake shook Hokkaido in northern Japan on Tuesday, injuring 21 "
    "people in the city of Kushiro, the fire agency said. Mayor Kenji Sato opened shelters "
    "and the rail operator JR Hokkaido halted trains.",
    "Twenty-one people were hurt when a 6.4 quake rattled Kushiro on Hokkaido on Tuesday. "
    "JR Hokkaido stopped its trains for inspections and Mayor Kenji Sato said shelters "
    "would stay open overnight.",
    "Kushiro mayor Kenji Sato said on Wednesday that most of the 21 people injured in "
    "Tuesday's 6.4 earthquake on Hokkaido had gone home, as JR Hokkaido restarted its "
    "trains.",
]


def test_a_story_of_three_events_splits_into_three_at_once(tmp_path: Path) -> None:
    from newsprism.corpus import Corpus
    from newsprism.store import Store, story_assignments

    events = {
        "chile": [QUAKE_CHILE, QUAKE_CHILE_RETOLD, QUAKE_CHILE_THIRD],
        "turkey": [QUAKE_TURKEY, QUAKE_TURKEY_RETOLD, QUAKE_TURKEY_THIRD],
        "japan": QUAKE_JAPAN,
    }
    # Every feature looks stories up and a tiny threshold joins every report to the
    # first story; the first split check comes at nine members, three events in all.
    # No close calls: this is about the split alone.
    loose = StorySettings(
        join_threshold=0.0001,
        probe_terms=100,
        split_sizes=(9, 80),
        close_below=0.0,
        close_above=0.0,
        close_margin=0.0,
        merge_meaning=-1.0,
    )
    with Store.open(tmp_path / "three.db") as store:
        corpus = Corpus(store, Settings(stories=loose))
        for number in range(3):
            for name, texts in events.items():
                corpus.add(article(f"{name}-{number}", texts[number], published=None))
        stored = dict(story_assignments(store))
    stories = {name: {stored[f"{name}-{n}"] for n in range(3)} for name in events}
    assert all(len(story) == 1 for story in stories.values())
    assert len(set.union(*stories.values())) == 3



# --- close calls ----------------------------------------------------------------------
# Two stories that share every word the new report has, and differ in one name each: the
# cheap scores tie, so what the leads mean decides. The leads are written for these tests.

FLOOD_LEADS = [
    "Floodwater forced thousands of families from their homes along the river overnight.",
    "Rescuers in boats pulled residents from flooded houses as the river burst its banks.",
]
RATES_LEADS = [
    "The central bank raised its main interest rate by half a point to fight inflation.",
    "Borrowing costs rose again as the central bank lifted rates for a third time.",
]
FLOOD_REPORT = "Rising water drove people out of riverside houses, and boats took them to safety."
RATES_REPORT = "Mortgages will cost more after the bank increased the rate it charges lenders."


@pytest.fixture(scope="module")
def static_meaning() -> None:
    from newsprism.annotate import meaning
    from newsprism.errors import ModelUnavailableError

    try:
        meaning.load_encoder("static")
    except ModelUnavailableError as error:
        pytest.skip(f"the sentence model is not installed: {error}")


MEANING = StorySettings(meaning_weight=1.0, meaning_pivot=0.5)
"""The leads of these tests are paraphrases in other words (cosines about 0.7, against
under 0.3 for unrelated ones), where reports of one event share more of their words."""


def _tied_stories(settings: StorySettings = MEANING) -> tuple[StoryIndex, list[int]]:
    """Stories 1 (a flood) and 2 (a rate rise), alike in words; and a log of the stories
    whose leads were read."""
    leads = {1: FLOOD_LEADS, 2: RATES_LEADS}
    read: list[int] = []

    def story_leads(story_id: int) -> dict[Hashable, str]:
        read.append(story_id)
        return dict(enumerate(leads[story_id]))

    index = StoryIndex(settings, leads=story_leads)
    shared = {"w:announc": 2, "w:city": 2, "w:morn": 1}
    for story_id, name in ((1, "n:ardale"), (2, "n:brisk")):
        for _ in range(2):
            index.add(story_id, {**shared, name: 1}, DAY)
    for number in range(20):  # other news, so the shared words are not everywhere
        index.add(10 + number, {f"w:other{number}": 3, f"n:someone{number}": 1}, DAY)
    return index, read


TIED_REPORT = {"w:announc": 2, "w:city": 2, "w:morn": 1}


@pytest.mark.usefixtures("static_meaning")
def test_a_close_call_between_two_stories_goes_to_the_one_whose_leads_mean_the_same() -> None:
    for lead, expected in ((FLOOD_REPORT, 1), (RATES_REPORT, 2)):
        index, read = _tied_stories()
        weights = index._weights(TIED_REPORT)
        scores = [index.score(weights, index.stories[s], DAY) for s in (1, 2)]
        assert scores[0] == pytest.approx(scores[1])  # the words cannot tell them apart
        assert index.assign(TIED_REPORT, DAY, lead=lead) == expected
        assert index.close_calls == 1
        assert sorted(read) == [1, 2]


@pytest.mark.usefixtures("static_meaning")
def test_a_report_near_the_threshold_whose_lead_means_something_else_starts_a_story() -> None:
    # Just over the threshold on words, but its lead tells of neither story.
    index, _ = _tied_stories()
    weights = index._weights(TIED_REPORT)
    score = index.score(weights, index.stories[1], DAY)
    near = replace(MEANING, join_threshold=score - 0.01, close_margin=0.0)
    index, _ = _tied_stories(near)
    unrelated = "A new opera about a lighthouse keeper opened to warm reviews on Saturday."
    story = index.assign(TIED_REPORT, DAY, lead=unrelated)
    assert story not in (1, 2)
    # The same words with the lead of one of the stories join it.
    index, _ = _tied_stories(near)
    assert index.assign(TIED_REPORT, DAY, lead=FLOOD_REPORT) == 1


@pytest.mark.usefixtures("static_meaning")
def test_clear_cases_are_decided_on_the_cheap_score_without_reading_any_lead() -> None:
    index, read = _tied_stories()
    # Clearly one story: its name, and nothing of the other story.
    clear_join = {"n:ardale": 3, "w:morn": 1}
    assert index.assign(clear_join, DAY, lead=RATES_REPORT) == 1
    # Clearly neither: no word in common.
    assert index.assign({"w:opera": 2, "n:lighthous": 1}, DAY, lead=FLOOD_REPORT) not in (1, 2)
    assert index.close_calls == 0
    assert read == []
    assert index.judge is not None and index.judge.encoded == 0


def test_without_leads_a_close_call_is_left_to_the_cheap_score() -> None:
    index = StoryIndex()
    index.add(1, {"w:announc": 2, "w:city": 2, "n:ardale": 1}, DAY)
    story = index.assign({"w:announc": 2, "w:city": 2}, DAY, lead=RATES_REPORT)
    assert story == 1
    assert index.judge is None and index.close_calls == 0


def _chile_and_turkey(
    leads: dict[str, str] | None,
) -> tuple[StoryIndex, list[tuple[str, Counter[str], datetime | None]]]:
    """One story of two earthquakes' reports, whose members' leads are ``leads`` (None: an
    index that knows no leads)."""
    index = StoryIndex() if leads is None else StoryIndex(leads=lambda story_id: dict(leads))
    reports = [
        article("chile", QUAKE_CHILE),
        article("turkey", QUAKE_TURKEY),
        article("chile-2", QUAKE_CHILE_RETOLD),
        article("turkey-2", QUAKE_TURKEY_RETOLD),
        article("chile-3", QUAKE_CHILE_THIRD),
        article("turkey-3", QUAKE_TURKEY_THIRD),
    ]
    members = [(a.id, article_features(a), a.published) for a in reports]
    for _, features, published in members:
        index.add(1, features, published)
    return index, members


@pytest.mark.usefixtures("static_meaning")
def test_a_seam_in_the_words_splits_a_story_only_when_the_parts_mean_different_things() -> None:
    own_leads = {
        "chile": QUAKE_CHILE,
        "turkey": QUAKE_TURKEY,
        "chile-2": QUAKE_CHILE_RETOLD,
        "turkey-2": QUAKE_TURKEY_RETOLD,
        "chile-3": QUAKE_CHILE_THIRD,
        "turkey-3": QUAKE_TURKEY_THIRD,
    }
    index, members = _chile_and_turkey(own_leads)
    assert index.try_split(1, members) is not None
    # The same words, but every lead tells of one flood: the parts stay one story.
    one_meaning = dict.fromkeys(own_leads, FLOOD_LEADS[0])
    index, members = _chile_and_turkey(one_meaning)
    assert index.try_split(1, members) is None
