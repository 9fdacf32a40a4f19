"""`manage.py check --database default` (and `migrate`): warnings about the archive's data."""

from __future__ import annotations

from django.core.checks import Tags, Warning, register
from django.db import DatabaseError


@register(Tags.database)
def check_duplicate_participants(app_configs, databases=None, **kwargs) -> list[Warning]:
    """People recorded twice under one canonical name (a database from before the unique
    name key): their delegations are split until they are merged."""
    if not databases:
        return []
    from rounds.services import duplicate_participants

    try:
        groups = duplicate_participants()
    except DatabaseError:  # not migrated yet: nothing to say about the data
        return []
    return [
        Warning(
            f"{len(group)} participants are named {group[0].name!r} "
            f"(#{', #'.join(str(p.pk) for p in group)}): probably one person recorded "
            "several times.",
            hint="Run `manage.py merge_duplicate_participants` (or merge them in the admin).",
            id="rounds.W001",
        )
        for group in groups
    ]
