"""Sentences split into the clauses that reports are compared by."""

from __future__ import annotations

from newsprism.annotate.clauses import find_clauses
from newsprism.annotate.nlp import parse
from newsprism.annotate.sentences import find_sentences


def clause_texts(text: str) -> list[str]:
    doc = parse(text)
    return [clause.span.of(text) for clause in find_clauses(doc, find_sentences(doc))]


def test_sentences_never_cross_a_paragraph_break() -> None:
    text = "Storm warning\nThe river rose two metres overnight. Shops closed early."
    doc = parse(text)
    assert [s.of(text) for s in find_sentences(doc)] == [
        "Storm warning",
        "The river rose two metres overnight.",
        "Shops closed early.",
    ]


def test_a_sentence_with_a_relative_clause_yields_two_statements() -> None:
    texts = clause_texts("The mayor will visit Paris on Monday, where she will meet the transport minister.")
    assert any(text.startswith("The mayor will visit Paris on Monday") for text in texts)
    assert any("she will meet the transport minister" in text for text in texts)


def test_clause_terms_are_content_lemmas_without_light_verbs() -> None:
    doc = parse("The council said the bridge was closed for repairs.")
    clauses = find_clauses(doc, find_sentences(doc))
    terms = {term for clause in clauses for term in clause.terms}
    assert {"bridge", "close", "repair"} <= terms
    assert "say" not in terms


def test_clause_edges_leave_out_joining_words() -> None:
    texts = clause_texts("Officials said that the road would reopen, and traffic returned.")
    assert texts == ["the road would reopen", "traffic returned"]


def _frames(text: str) -> list[tuple[str, str | None, str | None, bool, str]]:
    from newsprism.annotate.clauses import find_clauses
    from newsprism.annotate.nlp import parse
    from newsprism.annotate.sentences import find_sentences

    doc = parse(text)
    return [
        (
            clause.predicate,
            clause.agent.of(text) if clause.agent else None,
            clause.patient.of(text) if clause.patient else None,
            clause.negated,
            clause.modality,
        )
        for clause in find_clauses(doc, find_sentences(doc))
    ]


def test_a_stance_verb_gives_its_modality_to_the_verb_it_governs() -> None:
    assert _frames("The council is considering closing the old bridge.") == [
        ("close", "The council", "the old bridge", False, "considering")
    ]


def test_a_passive_names_the_doer_in_its_by_phrase() -> None:
    (frame,) = _frames("The old bridge was closed by the council on Monday.")
    assert frame[:3] == ("close", "the council", "The old bridge")


def test_negation_and_modal_auxiliaries_are_read() -> None:
    assert _frames("Police have not arrested anyone.")[0][3] is True
    assert _frames("The mayor will open the bridge.")[0][4] == "future"
    assert _frames("The mayor reportedly opened the bridge.")[0][4] == "reported"
    assert _frames("The mayor opened the bridge.")[0][3:] == (False, "")
