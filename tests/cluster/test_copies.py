"""Copies: wire copy and reprints are found, other reports of the same story are not."""

from __future__ import annotations

from newsprism.cluster.copies import (
    CopyIndex,
    containment,
    content_hash,
    shingles,
    signature_bytes,
    signature_from_bytes,
    sketch,
)

WIRE = (
    "Firefighters in the hill town of Orvella fought through the night to contain a blaze "
    "that destroyed a timber warehouse and forced 200 residents from their homes.\n\n"
    "The fire started shortly after 10pm on Sunday in a storage yard beside the railway, "
    "according to the regional fire service, and spread quickly in strong winds.\n\n"
    "No one was hurt, but two firefighters were treated for smoke inhalation, a spokesman "
    "for the service said on Monday morning.\n\n"
    "Residents were allowed back into most streets by dawn, while the road to the station "
    "remained closed as crews damped down the smouldering remains."
)
OTHER_REPORT = (
    "Two hundred people spent Sunday night in a sports hall in Orvella after flames tore "
    "through a warehouse near the railway line. Mayor Ines Valdor said the town would help "
    "the owner rebuild, and praised volunteers who brought blankets and soup. The cause of "
    "the fire is not yet known; investigators are expected on site on Tuesday."
)


def paragraphs_dropped_with_boilerplate(text: str) -> str:
    kept = text.split("\n\n")[:3]
    return "\n\n".join(
        [
            "Subscribe to our newsletter for the latest local news.",
            *kept,
            "Copyright 2024 Valley Herald.",
        ]
    )


def index_with(texts: dict[int, str]) -> CopyIndex:
    index = CopyIndex()
    for key, text in texts.items():
        index.add(key, sketch(shingles(text)))
    return index


def find(index: CopyIndex, stored: dict[int, str], text: str) -> int | None:
    shingle_set = shingles(text)
    return index.find_copy(
        shingle_set, sketch(shingle_set), lambda keys: {k: stored[k] for k in keys}
    )


def test_reprint_with_boilerplate_and_a_dropped_paragraph_is_a_copy() -> None:
    stored = {1: WIRE, 2: OTHER_REPORT}
    assert (
        find(index_with(stored), stored, paragraphs_dropped_with_boilerplate(WIRE)) == 1
    )


def test_reordered_paragraphs_and_one_changed_sentence_are_still_a_copy() -> None:
    parts = WIRE.split("\n\n")
    parts[1] = (
        "The blaze began late on Sunday in a yard next to the tracks, officials said."
    )
    stored = {7: WIRE}
    assert find(index_with(stored), stored, "\n\n".join(reversed(parts))) == 7


def test_another_report_of_the_same_story_is_not_a_copy() -> None:
    stored = {1: WIRE}
    assert find(index_with(stored), stored, OTHER_REPORT) is None


def test_empty_index_finds_nothing() -> None:
    assert find(CopyIndex(), {}, WIRE) is None


def test_short_texts_are_copies_only_when_identical() -> None:
    index = CopyIndex()
    assert (
        index.verify(shingles("Fire in Orvella."), shingles("Fire in Orvella.")) == 1.0
    )
    assert (
        index.verify(shingles("Fire in Orvella."), shingles("Fire in Orvella town."))
        == 0.0
    )


def test_containment_measures_the_smaller_set() -> None:
    assert containment({"a", "b"}, {"a", "b", "c", "d"}) == 1.0
    assert containment({"a", "b"}, {"a", "x"}) == 0.5
    assert containment(set(), {"a"}) == 0.0


def test_content_hash_ignores_case_spacing_and_punctuation() -> None:
    assert content_hash("Fire  in\nOrvella!") == content_hash("fire in orvella")
    assert content_hash("Fire in Orvella") != content_hash("Fire in Orvella town")


def test_signature_round_trips_through_bytes() -> None:
    minhash = sketch(shingles(WIRE))
    restored = signature_from_bytes(signature_bytes(minhash))
    assert restored.digest() == minhash.digest()


def test_many_candidates_are_cut_to_the_closest_by_sketch() -> None:
    from newsprism.cluster.copies import CopyIndex, shingles, sketch
    from newsprism.settings import CopySettings

    base = " ".join(f"word{i} fills the line of report number {i}." for i in range(40))
    index = CopyIndex(CopySettings(max_verified=2))
    texts = {}
    for key in range(6):
        text = base + f" Extra closing line {key}."
        texts[key] = text
        index.add(key, sketch(shingles(text)))
    asked: list[list[int]] = []

    def texts_of(keys: list[int]) -> dict[int, str]:
        asked.append(keys)
        return {key: texts[key] for key in keys}

    new = base + " A different closing line."
    found = index.find_copy(shingles(new), sketch(shingles(new)), texts_of)
    assert found in texts
    assert len(asked) == 1 and len(asked[0]) == 2
