from django.apps import AppConfig


class JournalConfig(AppConfig):
    name = "journal"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Stored per-night figures follow every save and delete of the entries they count.
        from journal import figures

        figures.connect_signals()
