from django.apps import AppConfig, apps
from django.db.models.signals import post_delete, post_save


class RoundsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "rounds"
    verbose_name = "Rounds, parties and delegations"

    def ready(self) -> None:
        from rounds import checks  # noqa: F401  (registers the data checks)
        from rounds.versioning import on_archive_change

        # Every model of the archive's two apps, and the admin's history (bulk actions that
        # update querysets send no save signals, but they do log an entry).
        senders = [
            *apps.get_app_config("rounds").get_models(),
            *apps.get_app_config("articles").get_models(),
            apps.get_model("admin", "LogEntry"),
        ]
        for model in senders:
            post_save.connect(on_archive_change, sender=model, dispatch_uid=f"archive-{model}")
            post_delete.connect(on_archive_change, sender=model, dispatch_uid=f"archive-d{model}")
