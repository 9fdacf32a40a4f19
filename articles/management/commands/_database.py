"""A one-line error, not a traceback, when a command meets a database that is not set up."""

from __future__ import annotations

from django.core.management.base import CommandError
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor


def require_migrated(alias: str = DEFAULT_DB_ALIAS) -> None:
    """Raise CommandError naming the database when it has unapplied migrations."""
    connection = connections[alias]
    executor = MigrationExecutor(connection)
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if pending:
        name = connection.settings_dict.get("NAME")
        raise CommandError(
            f"the database {name} is not set up ({len(pending)} migrations not applied): "
            "run `python manage.py migrate` first"
        )
