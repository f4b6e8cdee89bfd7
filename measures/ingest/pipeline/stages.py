"""Text in, sentence records out: the pure stages run in order (read, normalise, clean, split, classify)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.utils.translation import gettext as _

from ...compare.corpus import clause_terms
from ...quantities import Reading, read_measure
from ...search import index_tokens
from ..classify import Lexicon, Model, classify_units, contexts_for
from ..clean import clean_text
from ..errors import IngestError
from ..normalise import normalise_text
from ..readers import read_document
from ..split import split_sentences


@dataclass(frozen=True)
class PreparedText:
    raw_text: str
    cleaned_text: str
    removed_lines: tuple[str, ...]
    content_hash: str


@dataclass(frozen=True)
class LabelRecord:
    category: str
    score: float
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class SentenceRecord:
    position: int
    paragraph: int
    text: str
    is_heading: bool
    is_measure: bool
    kind_evidence: tuple[str, ...]
    search_tokens: str
    clause_terms: tuple[tuple[str, ...], ...]
    labels: tuple[LabelRecord, ...]
    reading: Reading


def content_hash(text: str) -> str:
    """Hash of the decoded text, so one text in two encodings is the same document."""
    canonical = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def prepare_text(data: bytes | str, filename: str = "") -> PreparedText:
    """Read (if bytes), normalise and clean; raise IngestError on unusable input."""
    raw = read_document(data, filename).text if isinstance(data, bytes) else data
    return _prepare(raw)


def _prepare(raw: str) -> PreparedText:
    if not raw.strip():
        raise IngestError(_("文本是空的"))
    cleaned = clean_text(normalise_text(raw))
    return PreparedText(raw, cleaned.text, cleaned.removed, content_hash(raw))


def sentence_records(cleaned_text: str, lexicon: Lexicon, model: Model, *, doc_type: str = "") -> list[SentenceRecord]:
    """Split and classify cleaned text into what is stored per sentence.

    Each unit is classified in its context: the headings above it and the document type.
    """
    sentences = split_sentences(cleaned_text)
    contexts = contexts_for([(s.text, s.is_heading) for s in sentences], doc_type=doc_type)
    results = classify_units([(s.text, c) for s, c in zip(sentences, contexts, strict=True)], lexicon, model)
    records = []
    for position, (sentence, result) in enumerate(zip(sentences, results, strict=True)):
        labels = tuple(LabelRecord(slug, result.scores[slug], result.evidence[slug]) for slug in result.categories)
        records.append(
            SentenceRecord(
                position=position,
                paragraph=sentence.paragraph,
                text=sentence.text,
                is_heading=sentence.is_heading,
                is_measure=result.is_measure,
                kind_evidence=result.kind_evidence,
                search_tokens=index_tokens(sentence.text),
                clause_terms=tuple(map(tuple, clause_terms(sentence.text))),
                labels=labels,
                reading=read_measure(sentence.text),
            )
        )
    return records
