"""One canonical name, one person: `Participant.name_key` (the name transliterated, lower-case,
without punctuation) is unique.

A database that already holds several people under one name keeps them: the first of each
(an editor's locked name first, then the oldest) gets the key, the others keep NULL until
`manage.py merge_duplicate_participants` merges them; `manage.py check` warns meanwhile.
"""

from django.db import migrations, models


def fill_name_keys(apps, schema_editor) -> None:
    from rounds.models import participant_name_key

    Participant = apps.get_model("rounds", "Participant")
    taken: set[str] = set()
    changed = []
    for person in Participant.objects.order_by("-name_locked", "pk").only("pk", "name"):
        key = participant_name_key(person.name)
        if key is None or key in taken:
            continue
        taken.add(key)
        person.name_key = key
        changed.append(person)
    Participant.objects.bulk_update(changed, ["name_key"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("rounds", "0007_fact_rules"),
    ]

    operations = [
        migrations.AddField(
            model_name="participant",
            name="name_key",
            field=models.CharField(blank=True, editable=False, max_length=120, null=True),
        ),
        migrations.RunPython(fill_name_keys, migrations.RunPython.noop, elidable=False),
        migrations.AddConstraint(
            model_name="participant",
            constraint=models.UniqueConstraint(
                fields=("name_key",), name="participant_name_key_unique"
            ),
        ),
    ]
