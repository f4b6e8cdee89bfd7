from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class MeasuresConfig(AppConfig):
    name = "measures"
    verbose_name = _("集群政策")

    def ready(self) -> None:
        post_migrate.connect(_ensure_search_index, sender=self)
        post_migrate.connect(_ensure_roles, sender=self)
        post_migrate.connect(_ensure_corpus_stamp, sender=self)


def _ensure_roles(**kwargs: object) -> None:
    """Keep the curators group and its permissions in place after every migrate or flush."""
    from django.apps import apps

    from .roles import ensure_curators_group

    ensure_curators_group(apps)


def _ensure_search_index(using: str, **kwargs: object) -> None:
    """Re-create whichever full-text index structures a migration dropped.

    On SQLite, a migration that rebuilds ``measures_measure`` drops the FTS triggers
    with it; checking after each migrate (one catalogue query when nothing is missing)
    means no future migration has to remember to. Rebuilds only when something was missing.
    """
    from django.db import connections

    from .search import ensure_index

    ensure_index(connections[using])


def _ensure_corpus_stamp(using: str, **kwargs: object) -> None:
    """Keep the stamp row (a flush empties its table) and its triggers (a table rebuild drops them)."""
    from django.db import connections

    from .aggregates import ensure_stamp

    ensure_stamp(connections[using])
