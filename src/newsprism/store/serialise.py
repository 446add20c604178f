"""Article annotations to and from JSON: the cached form of deep annotation.

Only offsets and labels are stored (never copied text), mirroring the model: sentences,
clauses (with their lemma terms and predicate-argument frames), mentions, quotes, times and the clauses' meaning vectors (base64 float16).
``annotations_to_json`` and ``annotations_from_json`` are exact
inverses for every annotation the model can hold.
"""

from __future__ import annotations

import base64
import dataclasses
import json
from typing import Any

from newsprism.errors import StoreError
from newsprism.model import Article, Clause, Mention, Quote, Span, TimeExpression, Vectors


def annotations_to_json(article: Article) -> str:
    """Serialise the annotations of ``article`` (not its text or metadata) to JSON."""
    data = {
        "sentences": [[span.start, span.end] for span in article.sentences],
        "clauses": [_clause_to_list(clause) for clause in article.clauses],
        "mentions": [dataclasses.asdict(mention) for mention in article.mentions],
        "quotes": [_quote_to_dict(quote) for quote in article.quotes],
        "times": [dataclasses.asdict(time) for time in article.times],
    }
    if article.meaning is not None:
        data["meaning"] = _vectors_to_dict(article.meaning)
    return json.dumps(data, separators=(",", ":"), sort_keys=True)


def annotations_from_json(article: Article, data: str) -> Article:
    """Return ``article`` carrying the annotations serialised in ``data``."""
    try:
        fields = json.loads(data)
        return dataclasses.replace(
            article,
            sentences=tuple(Span(start, end) for start, end in fields["sentences"]),
            clauses=tuple(_clause_from_list(clause) for clause in fields["clauses"]),
            mentions=tuple(Mention(**mention) for mention in fields["mentions"]),
            quotes=tuple(_quote_from_dict(quote) for quote in fields["quotes"]),
            times=tuple(TimeExpression(**time) for time in fields["times"]),
            meaning=_vectors_from_dict(fields["meaning"]) if "meaning" in fields else None,
        )
    except (ValueError, KeyError, TypeError) as error:
        raise StoreError(
            f"cached annotations of article {article.id!r} are unreadable ({error}); "
            "delete the row from `annotations` to recompute them"
        ) from error


def _clause_to_list(clause: Clause) -> list[Any]:
    return [
        clause.start,
        clause.end,
        clause.sentence,
        list(clause.terms),
        clause.predicate,
        _span_to_list(clause.agent),
        _span_to_list(clause.patient),
        clause.negated,
        clause.modality,
    ]


def _clause_from_list(data: list[Any]) -> Clause:
    start, end, sentence, terms, predicate, agent, patient, negated, modality = data
    return Clause(
        start,
        end,
        sentence,
        tuple(terms),
        predicate=predicate,
        agent=_span_from_list(agent),
        patient=_span_from_list(patient),
        negated=negated,
        modality=modality,
    )


def _quote_to_dict(quote: Quote) -> dict[str, Any]:
    return {
        "start": quote.start,
        "end": quote.end,
        "kind": quote.kind,
        "speaker": _span_to_list(quote.speaker),
        "speaker_resolved": _span_to_list(quote.speaker_resolved),
        "cue": _span_to_list(quote.cue),
    }


def _quote_from_dict(data: dict[str, Any]) -> Quote:
    return Quote(
        start=data["start"],
        end=data["end"],
        kind=data["kind"],
        speaker=_span_from_list(data["speaker"]),
        speaker_resolved=_span_from_list(data["speaker_resolved"]),
        cue=_span_from_list(data["cue"]),
    )


def _span_to_list(span: Span | None) -> list[int] | None:
    return None if span is None else [span.start, span.end]


def _span_from_list(data: list[int] | None) -> Span | None:
    return None if data is None else Span(data[0], data[1])


def _vectors_to_dict(vectors: Vectors) -> dict[str, Any]:
    return {"model": vectors.model, "size": vectors.size, "data": base64.b64encode(vectors.data).decode("ascii")}


def _vectors_from_dict(data: dict[str, Any]) -> Vectors:
    return Vectors(size=int(data["size"]), data=base64.b64decode(data["data"], validate=True), model=str(data["model"]))
