"""Creates the Editors group: staff who correct the archive's facts and people, nothing more.

The permission table is written here, not imported, so that this migration keeps doing what
it did when it was written; rounds.services.EDITOR_PERMISSIONS is the living copy (a test
checks they agree, and `manage.py create_editor` re-applies the living one).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Editors"

PERMISSIONS = {
    "rounds.round": ("view", "add", "change"),
    "rounds.party": ("view",),
    "rounds.partyalias": ("view", "add", "change", "delete"),
    "rounds.topic": ("view",),
    "rounds.participant": ("view", "add", "change", "delete"),
    "rounds.participantalias": ("view", "add", "change", "delete"),
    "rounds.delegation": ("view", "add", "change", "delete"),
    "rounds.observer": ("view", "add", "change", "delete"),
    "rounds.roundtopic": ("view", "add", "change", "delete"),
    "rounds.delegationmention": ("view",),
    "rounds.observermention": ("view",),
    "rounds.topicmention": ("view",),
    "articles.article": ("view", "change"),
}


def create_group(apps, schema_editor):
    # Permissions are normally created after the whole migrate run (post_migrate); create
    # them now so that the group can be given them on a fresh database.
    for label in ("rounds", "articles"):
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0, using=schema_editor.connection.alias)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    permissions = []
    for label, actions in PERMISSIONS.items():
        app_label, model = label.split(".")
        for action in actions:
            permissions.append(
                Permission.objects.get(
                    content_type__app_label=app_label, codename=f"{action}_{model}"
                )
            )
    group.permissions.set(permissions)


def delete_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("rounds", "0002_vocabulary"),
        ("articles", "0003_search_index"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, delete_group)]
