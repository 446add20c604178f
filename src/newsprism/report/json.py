"""The brief as versioned JSON (schema in ``docs/json-schema.md``, ``docs/brief.schema.json``).

Every span is ``{article, start, end, text}`` with ``text == article.text[start:end]``, so
a reader can check each claim against the stored article. Lists keep the comparison's
order (it is meaningful: facts and quotes come ranked, the timeline sorted); object keys
are sorted so the same comparison always gives the same bytes.
"""

from __future__ import annotations

import json
from typing import Any

from newsprism.model import (
    Comparison,
    CopiedText,
    Difference,
    Entity,
    Evidence,
    Fact,
    QuoteGroup,
    TimelineEvent,
)
from newsprism.report.dates import is_resolved_date
from newsprism.report.evidence import EvidenceIndex
from newsprism.report.outline import is_single_source, story_title
from newsprism.report.summary import summarise

SCHEMA_VERSION = "1.3"

JsonObject = dict[str, Any]


def render_json(comparison: Comparison) -> str:
    """Serialise the comparison as the versioned brief JSON document (one trailing newline)."""
    return dumps(brief_document(comparison))


def dumps(document: JsonObject) -> str:
    """Deterministic JSON text: sorted keys, UTF-8 characters kept, two-space indent."""
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def brief_document(comparison: Comparison) -> JsonObject:
    """The brief as plain JSON-ready data (what :func:`render_json` serialises)."""
    index = EvidenceIndex(comparison)
    return {
        "schema_version": SCHEMA_VERSION,
        "title": story_title(comparison),
        "single_source": is_single_source(comparison),
        "independent_sources": comparison.independent_sources(),
        "summary": [
            {"kind": line.kind, "text": line.text, "evidence": [span_object(item, index) for item in line.evidence]}
            for line in summarise(comparison)
        ],
        "articles": [
            {
                "id": article.id,
                "label": f"A{number}",
                "outlet": article.outlet,
                "title": article.title,
                "published": None if article.published is None else article.published.isoformat(),
                "source": article.source,
                "url": article.url,
                "labels": comparison.labels_of(article.name),
            }
            for number, article in enumerate(comparison.articles, 1)
        ],
        "entities": [_entity(entity, index) for entity in comparison.entities],
        "quotes": [_quote(group, index) for group in comparison.quotes],
        "facts": [_fact(fact, index) for fact in comparison.facts],
        "copies": [_copied(copied, index) for copied in comparison.copies],
        "timeline": [_event(event, index) for event in comparison.timeline],
        "skipped": [
            {"source": failure.source, "reason": failure.reason} for failure in comparison.skipped
        ],
    }


def span_object(evidence: Evidence, index: EvidenceIndex) -> JsonObject:
    """``{article, sentence, start, end, text}`` for one piece of evidence."""
    return {
        "article": evidence.article,
        "sentence": index.sentence_index(evidence),
        "start": evidence.start,
        "end": evidence.end,
        "text": index.span_text(evidence),
    }


def _entity(entity: Entity, index: EvidenceIndex) -> JsonObject:
    return {
        "id": entity.id,
        "name": entity.name,
        "type": entity.type,
        "aliases": list(entity.aliases),
        "mentions": [span_object(mention, index) for mention in entity.mentions],
    }


def _quote(group: QuoteGroup, index: EvidenceIndex) -> JsonObject:
    return {
        "speaker": group.speaker,
        "speaker_text": group.speaker_text,
        "versions": [span_object(version, index) for version in group.versions],
        "match": group.match,
        "changes": [
            {"article": change.article, "op": change.operation, "words": change.words}
            for change in group.changes
        ],
    }


def _fact(fact: Fact, index: EvidenceIndex) -> JsonObject:
    return {
        "statements": [span_object(statement, index) for statement in fact.statements],
        "outlets": list(fact.outlets),
        "status": fact.status,
        "independent_sources": index.comparison.independent_sources(
            tuple(dict.fromkeys(statement.article for statement in fact.statements))
        ),
        "differences": [_difference(difference, index) for difference in fact.differences],
        "possibly_also": [span_object(statement, index) for statement in fact.near],
        "event": fact.event,
    }


def _copied(copied: CopiedText, index: EvidenceIndex) -> JsonObject:
    return {
        "origin": copied.origin,
        "copy": copied.copy,
        "kind": copied.kind,
        "share": copied.share,
        "dated": copied.dated,
        "passages": [
            {"origin": span_object(origin, index), "copy": span_object(copy, index)}
            for origin, copy in copied.passages
        ],
    }


def _difference(difference: Difference, index: EvidenceIndex) -> JsonObject:
    values = []
    for wording, evidence in difference.values:
        value = span_object(evidence, index)
        value["value"] = wording
        values.append(value)
    return {"kind": difference.kind, "values": values}


def _event(event: TimelineEvent, index: EvidenceIndex) -> JsonObject:
    return {
        "date": event.date,
        "resolved": is_resolved_date(event.date),
        "text": event.text,
        "sources": [span_object(source, index) for source in event.sources],
    }
