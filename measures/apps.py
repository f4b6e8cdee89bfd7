from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class MeasuresConfig(AppConfig):
    name = "measures"
    verbose_name = _("集群政策")

    def ready(self) -> None:
        post_migrate.connect(_ensure_search_index, sender=self)
        post_migrate.connect(_ensure_roles, sender=self)


def _ensure_roles(**kwargs: object) -> None:
    """Keep the curators group and its permissions in place after every migrate or flush."""
    from django.apps import apps

    from .roles import ensure_curators_group

    ensure_curators_group(apps)


def _ensure_search_index(using: str, **kwargs: object) -> None:
    """Re-create the full-text index structures after every migrate.

    On SQLite, any migration that alters ``measures_measure`` rebuilds the table and
    silently drops the FTS triggers; re-installing (idempotent) after each migrate
    means no future migration has to remember to.
    """
    from django.db import connections

    from .search import install_index

    with connections[using].schema_editor() as schema_editor:
        install_index(schema_editor)
