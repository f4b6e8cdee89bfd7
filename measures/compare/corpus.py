"""What comparison stores at write time: term frequencies and each sentence's clause terms.

- ``TermFrequency`` rows: in how many stored sentences each concept term occurs. Fitted
  once over every stored sentence, never over the sentences of one comparison: ingest adds
  each new document (``add_sentences``, called by the pipeline inside its transaction).
- ``Measure.clause_terms``: the concept terms of each clause, written by the pipeline
  (``clause_terms``) so a comparison reads vectors instead of segmenting its sentences.

``manage.py refresh_term_frequencies`` recomputes both from scratch (after editing
``measures.concepts``, or on a database ingested before they were stored).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from django.db import connection, transaction

from ..models import Measure, TermFrequency
from .similarity import TermStats, clauses, concept_terms, sentence_terms

_BATCH = 500


def clause_terms(text: str) -> list[list[str]]:
    """What ``Measure.clause_terms`` stores: per clause of ``text``, its concept terms.

    >>> clause_terms("设立泵阀产业专项资金，引入人才。")
    [['设立', '泵阀', '产业', '专项', '资金', '专项资金'], ['引进', '人才']]
    """
    return [list(concept_terms(clause)) for clause in clauses(text)]


def stored_clause_terms(sentence_clauses: Sequence[str], stored: list[list[str]] | None) -> list[list[str]]:
    """The stored clause terms when they fit the sentence's clauses, else computed now (older rows)."""
    if stored and len(stored) == len(sentence_clauses):
        return stored
    return [list(concept_terms(clause)) for clause in sentence_clauses]


def count_terms(texts: Iterable[str]) -> Counter[str]:
    """In how many of ``texts`` each concept term occurs."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(sentence_terms(text))
    return counts


def add_sentences(texts: Iterable[str]) -> None:
    """Count newly stored sentences into the frequencies (call inside the storing transaction)."""
    add_term_counts(count_terms(texts))


def add_term_counts(term_counts: Counter[str]) -> None:
    """Add ``term_counts`` (in how many new sentences each term occurs) to the stored frequencies.

    One upsert per batch adds each count to the stored one in the database
    (``INSERT … ON CONFLICT (term) DO UPDATE``, SQLite and PostgreSQL alike), so a
    concurrent ingest adding the same new term cannot make this one fail or lose its count.
    """
    counts = sorted(term_counts.items())
    table = connection.ops.quote_name(TermFrequency._meta.db_table)
    columns = {
        field.name: connection.ops.quote_name(str(field.column)) for field in TermFrequency._meta.concrete_fields
    }
    term, sentences = columns["term"], columns["sentences"]
    with connection.cursor() as cursor:
        for start in range(0, len(counts), _BATCH):
            batch = counts[start : start + _BATCH]
            cursor.execute(
                f"INSERT INTO {table} ({term}, {sentences}) VALUES {', '.join(['(%s, %s)'] * len(batch))} "
                f"ON CONFLICT ({term}) DO UPDATE SET {sentences} = {table}.{sentences} + excluded.{sentences}",
                [value for row in batch for value in row],
            )


@transaction.atomic
def refresh_term_frequencies() -> int:
    """Recount every stored sentence and rewrite its clause terms; returns the number of distinct terms."""
    counts: Counter[str] = Counter()
    batch: list[Measure] = []
    for measure in Measure.objects.only("pk", "text").iterator(chunk_size=_BATCH):
        measure.clause_terms = clause_terms(measure.text)
        counts.update({term for terms in measure.clause_terms for term in terms})
        batch.append(measure)
        if len(batch) >= _BATCH:
            Measure.objects.bulk_update(batch, ["clause_terms"])
            batch = []
    Measure.objects.bulk_update(batch, ["clause_terms"])
    TermFrequency.objects.all().delete()
    TermFrequency.objects.bulk_create(
        (TermFrequency(term=term, sentences=n) for term, n in sorted(counts.items())), batch_size=_BATCH
    )
    return len(counts)


def term_stats(terms: Iterable[str]) -> TermStats:
    """The stored frequencies of ``terms`` and the corpus size (two queries)."""
    wanted = sorted(set(terms))
    frequencies = dict(TermFrequency.objects.filter(term__in=wanted).values_list("term", "sentences"))
    return TermStats(frequencies, Measure.objects.count())
