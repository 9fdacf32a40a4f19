"""The articles' rank vectors (title and lead), which search ranks by; filled for the articles
already stored, on PostgreSQL (SQLite has no tsvector and ranks nothing)."""

import django.contrib.postgres.search
from django.db import migrations

from articles.models import rank_vector


def fill_rank_documents(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        Article = apps.get_model("articles", "Article")
        Article.objects.using(schema_editor.connection.alias).update(rank_document=rank_vector())


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0006_article_published_id_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="rank_document",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(fill_rank_documents, migrations.RunPython.noop),
    ]
