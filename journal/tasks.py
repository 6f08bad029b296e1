"""Background tasks (django-tasks; `manage.py db_worker` runs them, see README)."""

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
    # The task's row is written by the same database connection as the import's, so a worker
    # can never see the task before the import it reads.
    import_stage_file.enqueue(str(kept.id))
    return kept
