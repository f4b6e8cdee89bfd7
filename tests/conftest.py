"""Shared fixtures: the seed sources, the shipped data, and personas."""

from pathlib import Path

import pytest
from django.core.management import call_command

from tests.factories import UserFactory

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "fixtures" / "sources"


def seed_text(prefix: str) -> str:
    """The raw text of the seed document whose file name starts with ``prefix``."""
    (path,) = SOURCES.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


@pytest.fixture
def seed_data(db: None) -> None:
    """The five shipped documents with their regions, categories, sentences and labels.

    Only the seeds' slice of the gazetteer (regions.json): loading all ~6,800 units takes
    seconds, so tests that need them ask for ``gazetteer`` as well.
    """
    fixtures = [str(ROOT / "fixtures" / name) for name in ("categories.json", "regions.json", "documents.json")]
    call_command("loaddata", *fixtures, verbosity=0)


@pytest.fixture
def gazetteer(db: None) -> None:
    """Every region of the national gazetteer (fixtures/gazetteer/)."""
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
