"""Shared fixtures: the seed sources, the shipped data, and personas.

The seed data is loaded once per test run, into the test database right after it is
created (``django_db_setup``); each test then runs inside a transaction that is rolled
back, so it sees the seed data as loaded. Tests that do not ask for ``seed_data`` see the
database as before: the seeded rows are deleted inside their transaction (and come back
on rollback). Transactional tests (live server, browser) flush the database when they
end, so ``seed_data`` reloads it for them when it is gone; pytest-django runs them after
every test that uses a transaction.
"""

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.utils import translation

from tests.factories import UserFactory

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "fixtures" / "sources"


def seed_text(prefix: str) -> str:
    """The raw text of the seed document whose file name starts with ``prefix``."""
    (path,) = SOURCES.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker) -> None:  # type: ignore[no-untyped-def]
    """The test database, created once per run, with the seed data committed in it."""
    with django_db_blocker.unblock():
        call_command("load_seed", verbosity=0)


def _seeded_tables() -> list[str]:
    """The tables ``load_seed`` fills, children first."""
    from measures.models import (
        Category,
        Document,
        Industry,
        Label,
        Measure,
        Quantity,
        Region,
        RegionName,
        TermFrequency,
    )

    models = [
        Label,
        Quantity,
        Measure.tags.through,
        Measure,
        Document.industries.through,
        Document,
        Industry,
        RegionName,
        Region,
        Category,
        TermFrequency,
    ]
    return [model._meta.db_table for model in models]


@pytest.fixture(autouse=True)
def _without_seed_unless_asked(request: pytest.FixtureRequest) -> Iterator[None]:
    """A database test that does not ask for ``seed_data`` starts from empty tables, as it always did."""
    marker = request.node.get_closest_marker("django_db")
    names = request.fixturenames
    transactional = (
        "transactional_db" in names
        or "live_server" in names
        or bool(marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])))
    )
    uses_db = marker is not None or "db" in names or transactional
    if uses_db and "seed_data" not in names and "seeded_live_server" not in names:
        request.getfixturevalue("transactional_db" if transactional else "db")
        with connection.cursor() as cursor:
            for table in _seeded_tables():
                cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")
    yield


@pytest.fixture(autouse=True)
def _empty_cache(settings) -> None:  # type: ignore[no-untyped-def]
    """A private, empty cache per test: cached aggregates are keyed by the data's stamp, which a
    rolled-back test can repeat, and a developer's own server cache (CACHE_DIR) is never touched."""
    from django.core.cache import cache

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"}}
    cache.clear()


@pytest.fixture(autouse=True)
def _tasks_run_at_once(settings) -> None:  # type: ignore[no-untyped-def]
    """Background tasks run inside ``enqueue`` (Django's immediate backend), so a test sees a job's
    outcome at once; tests of the queue itself put the database backend back (tests/test_jobs.py)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _default_language() -> Iterator[None]:
    """Every test starts and ends in the site's default language, whatever the one before activated."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def seed_data(db: None) -> None:
    """The five shipped documents with their regions, categories, sentences and labels.

    Already in the database (see ``django_db_setup``) unless a transactional test flushed it.
    """
    call_command("load_seed", verbosity=0)


@pytest.fixture
def gazetteer(db: None) -> None:
    """Every region of the national gazetteer (fixtures/gazetteer/), for tests that start from empty tables."""
    from measures.regions.load import load_gazetteer_tables

    load_gazetteer_tables()


@pytest.fixture
def categories(db: None) -> None:
    """Only the categories (with their shipped lexicons) and regions."""
    call_command(
        "loaddata", str(ROOT / "fixtures" / "categories.json"), str(ROOT / "fixtures" / "regions.json"), verbosity=0
    )


@pytest.fixture
def reader(client):  # type: ignore[no-untyped-def]
    """An anonymous reader."""
    return client


@pytest.fixture
def admin_user(db: None):  # type: ignore[no-untyped-def]
    return UserFactory(username="admin", is_staff=True, is_superuser=True)


@pytest.fixture
def admin_client(client, admin_user):  # type: ignore[no-untyped-def]
    client.force_login(admin_user)
    return client


@pytest.fixture
def curator(db: None):  # type: ignore[no-untyped-def]
    """A member of the ``curators`` group created by the data migration."""
    from django.contrib.auth.models import Group

    user = UserFactory(username="curator", is_staff=True)
    user.groups.add(Group.objects.get(name="curators"))
    return user


@pytest.fixture
def curator_client(client, curator):  # type: ignore[no-untyped-def]
    client.force_login(curator)
    return client


@pytest.fixture
def staff_without_permissions(db: None):  # type: ignore[no-untyped-def]
    return UserFactory(username="visitor", is_staff=True)


@pytest.fixture
def quick_heldout(monkeypatch: pytest.MonkeyPatch) -> None:
    """Score held-out on a handful of documents only, so training runs quickly in tests."""
    from measures import learning

    shipped = learning.shipped_units
    few = {"000_1d995d722dc5e0fd", "003_2e1bb02e33a77ce7", "d07", "d11"}
    monkeypatch.setattr(learning, "shipped_units", lambda: [u for u in shipped() if u.doc in few])


def category_measure_count(region_slug: str, category: str) -> int:
    """How many measures of ``category`` the seed data holds for a region (what the classifier made of it)."""
    from measures.models import Measure, Region

    region = Region.objects.get(slug=region_slug)
    return Measure.objects.measures().in_region(region).in_category(category).count()
