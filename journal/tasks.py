"""Background tasks (django-tasks; `manage.py db_worker` runs them, see README)."""

from django.db import transaction
from django_tasks import task

from journal.data import stage_import
from journal.models import StageImport


@task()
def import_stage_file(import_id: str) -> None:
    """Read an uploaded file of recorded sleep stages (journal/data/stage_import.py).

    The id comes from the upload's own request, which made the row for the signed-in person; the
    row names its owner, so no lookup by person is needed here.
    """
    stage_import.run(StageImport.objects.select_related("owner").get(pk=import_id))


def queue_stage_import(user, upload, file_format: str) -> StageImport:
    """Keep an uploaded stage file and queue its import; the row whose progress the page shows."""
    kept = stage_import.keep_upload(user, upload, file_format)
    # Enqueued once the row is committed, so the worker always finds it.
    transaction.on_commit(lambda: import_stage_file.enqueue(str(kept.id)))
    return kept
