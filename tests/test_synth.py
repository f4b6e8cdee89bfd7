import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from measures.compare.corpus import clause_terms, count_terms
from measures.models import Document, Label, Measure, TermFrequency
from measures.search import ensure_index, index_tokens, parse_query
from measures.synth import build_corpus

pytestmark = pytest.mark.django_db


def _corpus() -> list[tuple[str, bool]]:
    return list(Measure.objects.order_by("document__title", "position").values_list("text", "is_measure"))


def test_synthetic_sentences_are_indexed_and_labelled_like_the_pipeline_would(categories: None) -> None:
    documents, sentences = build_corpus(sentence_count=400, seed=3, progress=lambda _line: None)
    assert sentences == Measure.objects.count() == 400 and documents == Document.objects.count()
    for measure in Measure.objects.all():
        assert measure.search_tokens == index_tokens(measure.text)
    assert Label.objects.exists()
    assert ensure_index(connection) == []  # triggers are back after the bulk load
    texts = []
    for measure in Measure.objects.all():
        assert measure.clause_terms == clause_terms(measure.text)  # segmented once per clause, same terms
        texts.append(measure.text)
    assert dict(TermFrequency.objects.values_list("term", "sentences")) == dict(count_terms(texts))
    common = Measure.objects.search(parse_query("产业")).count()
    assert 0.3 * 400 < common < 0.8 * 400  # a very common word is in a large share of rows


def test_the_same_seed_builds_the_same_corpus(categories: None) -> None:
    build_corpus(sentence_count=120, seed=7, progress=lambda _line: None)
    first = _corpus()
    Document.objects.all().delete()
    build_corpus(sentence_count=120, seed=7, progress=lambda _line: None)
    assert _corpus() == first


def test_the_command_refuses_a_nonsense_size() -> None:
    with pytest.raises(CommandError, match="at least 1"):
        call_command("synth_corpus", "--sentences", "0")
