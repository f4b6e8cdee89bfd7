"""The corpus-wide term frequencies that weigh counterparts (``TermFrequency`` rows).

Fitted once over every stored sentence, never over the sentences of one comparison:
ingest adds each new document (``add_sentences``, called by the pipeline inside its
transaction) and ``manage.py refresh_term_frequencies`` recounts from scratch.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from django.db import transaction

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
    """Count newly stored sentences into the frequencies (call inside the storing transaction)."""
    counts = count_terms(texts)
    if not counts:
        return
    existing = {row.term: row for row in TermFrequency.objects.select_for_update().filter(term__in=list(counts))}
    for term, row in existing.items():
        row.sentences += counts[term]
    TermFrequency.objects.bulk_update(existing.values(), ["sentences"], batch_size=_BATCH)
    TermFrequency.objects.bulk_create(
        (TermFrequency(term=term, sentences=n) for term, n in counts.items() if term not in existing),
        batch_size=_BATCH,
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
