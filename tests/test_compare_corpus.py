"""Corpus-wide term frequencies: counted on ingest, recounted by the command, read by comparison."""

import pytest
from django.core.management import call_command

from measures.compare.corpus import clause_terms, count_terms, term_stats
from measures.ingest.pipeline import DocumentMeta, ingest_document
from measures.models import Measure, Region, TermFrequency

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seed_data")]


def stored() -> dict[str, int]:
    return dict(TermFrequency.objects.values_list("term", "sentences"))


def test_loading_the_seeds_counts_every_sentence() -> None:
    assert stored() == dict(count_terms(Measure.objects.values_list("text", flat=True)))


def test_ingest_adds_the_new_document_and_equals_a_recount() -> None:
    before = stored()
    ingest_document(
        data="设立人才专项资金，柔性引进高端人才。建设公共服务平台。",
        region=Region.objects.get(slug="dawa"),
        meta=DocumentMeta(title="测试"),
    )
    after = stored()
    assert after["人才"] == before["人才"] + 1
    call_command("refresh_term_frequencies", verbosity=0)
    assert stored() == after


def test_term_stats_reads_only_the_terms_asked_for(django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    """Guards the two queries comparison spends on corpus weights."""
    with django_assert_num_queries(2):
        stats = term_stats(["人才", "不存在的词"])
    assert set(stats.frequencies) == {"人才"} and stats.sentences == Measure.objects.count()


def test_ingest_stores_each_sentences_clause_terms_and_the_refresh_rewrites_them() -> None:
    result = ingest_document(
        data="设立人才专项资金，柔性引进高端人才。建设公共服务平台。",
        region=Region.objects.get(slug="dawa"),
        meta=DocumentMeta(title="测试"),
    )
    stored = list(result.document.sentences.values_list("text", "clause_terms"))
    assert stored and all(terms == clause_terms(text) for text, terms in stored)
    assert stored[0][1][1] == ["柔性", "引进", "高端", "人才", "人才"], "高端人才 is the concept 人才"
    Measure.objects.update(clause_terms=[])
    call_command("refresh_term_frequencies", verbosity=0)
    assert all(terms == clause_terms(text) for text, terms in Measure.objects.values_list("text", "clause_terms"))
