"""The seed data is loaded once per run: tests see it only when they ask for it, transactional or not."""

import pytest

from measures.models import Document, Measure
from measures.search import parse_query


def _seed_is_searchable() -> bool:
    return Measure.objects.search(parse_query("专项资金")).exists()


def test_a_test_asking_for_seed_data_sees_it_indexed(seed_data: None) -> None:
    assert Document.objects.count() == 5 and _seed_is_searchable()


@pytest.mark.django_db
def test_a_database_test_without_seed_data_starts_empty() -> None:
    assert not Document.objects.exists() and not _seed_is_searchable()


@pytest.mark.django_db(transaction=True)
def test_a_transactional_test_without_seed_data_starts_empty() -> None:
    assert not Document.objects.exists() and not _seed_is_searchable()


@pytest.mark.django_db(transaction=True)
def test_a_transactional_test_after_a_flush_still_gets_the_seed(seed_data: None) -> None:
    assert Document.objects.count() == 5 and _seed_is_searchable()
