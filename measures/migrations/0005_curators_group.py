"""The ``curators`` group: curate measures, labels, tags, categories and documents; no user management."""

from django.db import migrations

# Frozen copy of measures.roles.CURATOR_PERMISSIONS as it was when this migration was
# written (post_migrate keeps the group in step with the live one afterwards).
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
}

def create_group(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after migrate; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    codenames = [f"{action}_{model}" for model, actions in CURATOR_PERMISSIONS.items() for action in actions]
    group, _created = apps.get_model("auth", "Group").objects.get_or_create(name="curators")
    group.permissions.set(
        apps.get_model("auth", "Permission").objects.filter(content_type__app_label="measures", codename__in=codenames)
    )


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="curators").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("measures", "0004_tag_alias_and_merge"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
