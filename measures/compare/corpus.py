"""The corpus-wide term frequencies that weigh counterparts (``TermFrequency`` rows).

Fitted once over every stored sentence, never over the sentences of one comparison:
ingest adds each new document (``add_sentences``, called by the pipeline inside its
transaction) and ``manage.py refresh_term_frequencies`` recounts from scratch.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from django.db import connection, transaction

from ..models import Measure, TermFrequency
from .similarity import TermStats, sentence_terms

_BATCH = 500


def count_terms(texts: Iterable[str]) -> Counter[str]:
    """In how many of ``texts`` each concept term occurs."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(sentence_terms(text))
    return counts


def add_sentences(texts: Iterable[str]) -> None:
    """Count newly stored sentences into the frequencies (call inside the storing transaction).

    One upsert per batch adds each count to the stored one in the database
    (``INSERT … ON CONFLICT (term) DO UPDATE``, SQLite and PostgreSQL alike), so a
    concurrent ingest adding the same new term cannot make this one fail or lose its count.
    """
    counts = sorted(count_terms(texts).items())
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
    """Recount every stored sentence; returns the number of distinct terms."""
    counts = count_terms(Measure.objects.values_list("text", flat=True).iterator())
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
