"""Roles: the ``curators`` group and what it may do.

Curators curate sentences, labels, tags, categories and documents; they cannot manage
users or groups. ``ensure_curators_group`` is idempotent: the data migration calls it,
and so does every ``post_migrate`` (which also follows a test database flush).
"""

from __future__ import annotations

from typing import Any

CURATORS = "curators"
CURATOR_PERMISSIONS = {
    "measure": ["view", "change"],
    "label": ["view", "add", "change", "delete"],
    "tag": ["view", "add", "change", "delete"],
    "tagalias": ["view"],
    "tagmerge": ["view"],
    "category": ["view", "change"],
    "document": ["view", "add", "change"],
    "region": ["view"],
    "industry": ["view", "add"],
    # Background work: follow one's uploads and re-runs; retrain the classifier from curator decisions.
    "job": ["view"],
    "classifiermodel": ["view", "add"],
}


def ensure_curators_group(apps: Any) -> None:
    """Create or update the group; ``apps`` is a migration's registry or ``django.apps.apps``."""
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    codenames = [f"{action}_{model}" for model, actions in CURATOR_PERMISSIONS.items() for action in actions]
    group, _created = group_model.objects.get_or_create(name=CURATORS)
    group.permissions.set(permission_model.objects.filter(content_type__app_label="measures", codename__in=codenames))
