"""Merged participants' URLs, recorded: until now the participant page guessed the survivor
from its aliases. Merges made before this migration are read back from their history (the
"Before merging" revisions rounds/history.py writes) so that their old URLs keep working."""

import json

import django.db.models.deletion
from django.db import migrations, models

MERGE_COMMENT_PREFIX = "Before merging"  # rounds/history.py, frozen here


def record_past_merges(apps, schema_editor):
    Revision = apps.get_model("reversion", "Revision")
    Version = apps.get_model("reversion", "Version")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Participant = apps.get_model("rounds", "Participant")
    MergedParticipantSlug = apps.get_model("rounds", "MergedParticipantSlug")
    participant_type = ContentType.objects.filter(app_label="rounds", model="participant").first()
    if participant_type is None:
        return
    merged_into: dict[int, int] = {}
    slugs: dict[int, str] = {}
    merges = Revision.objects.filter(comment__startswith=MERGE_COMMENT_PREFIX).order_by("pk")
    for revision in merges:
        # The survivor's version comes first (history.record_before_merge).
        versions = list(
            Version.objects.filter(revision=revision, content_type=participant_type).order_by("pk")
        )
        survivor = int(versions[0].object_id) if versions else None
        for version in versions[1:]:
            fields = json.loads(version.serialized_data)[0]["fields"]
            merged_into[int(version.object_id)] = survivor
            slugs[int(version.object_id)] = fields.get("slug", "")
    existing = set(Participant.objects.values_list("pk", flat=True))
    taken = set(Participant.objects.values_list("slug", flat=True))
    for person, slug in slugs.items():
        if person in existing or not slug or slug in taken:
            continue  # the merge was undone, or someone has that URL now
        target, seen = merged_into[person], set()
        while target not in existing and target in merged_into and target not in seen:
            seen.add(target)  # the survivor was merged in turn: follow it
            target = merged_into[target]
        if target in existing:
            MergedParticipantSlug.objects.update_or_create(
                slug=slug, defaults={"participant_id": target}
            )


class Migration(migrations.Migration):
    dependencies = [
        ("rounds", "0010_archive_state_changed_at"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.CreateModel(
            name="MergedParticipantSlug",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("slug", models.SlugField(max_length=140, unique=True)),
                ("merged_at", models.DateTimeField(auto_now_add=True)),
                (
                    "participant",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="merged_slugs",
                        to="rounds.participant",
                    ),
                ),
            ],
            options={"verbose_name": "merged participant's URL"},
        ),
        migrations.RunPython(record_past_merges, migrations.RunPython.noop),
    ]
