"""Taking your journal out (export) and bringing it back (import), and importing recorded sleep
stages from a watch or ring. All of them see only your own data."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from journal.access import get_owned_or_404
from journal.data import export as journal_export
from journal.data import importer
from journal.forms.data import ImportForm, stage_upload_limit
from journal.models import StageImport
from journal.tasks import queue_stage_import
from journal.templatetags.nightjar_format import file_size

# The stage imports the import page shows: the newest few, running or finished.
SHOWN_STAGE_IMPORTS = 3


@login_required
@require_GET
def export(request):
    """The export page; with ?download=zip, the whole journal as a ZIP."""
    today = timezone.localdate()
    if request.GET.get("download") == "zip":
        return download(
            journal_export.export_zip(request.user, today),
            "application/zip",
            journal_export.zip_filename(today),
        )
    return render(
        request,
        "journal/export.html",
        {"tables": journal_export.TABLES, "zip_filename": journal_export.zip_filename(today)},
    )


@login_required
@require_GET
def export_events_csv(request):
    """Only the events, as one CSV file for a spreadsheet."""
    today = timezone.localdate()
    return download(
        journal_export.export_events_csv(request.user),
        "text/csv; charset=utf-8",
        journal_export.events_filename(today),
    )


def download(content, content_type, filename):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def import_data(request):
    """Upload an export; write it only if every row passes, else list every problem. A file of
    recorded sleep stages is queued for the background task, whose progress the page shows."""
    problems = []
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            if form.stage_format:
                queue_stage_import(request.user, upload, form.stage_format)
                return redirect(f"{request.path}#stage-imports")
            result = importer.import_upload(request.user, upload.name, upload.read())
            if result.ok:
                messages.success(request, result.summary)
                return redirect("import")
            problems = result.problems
    else:
        form = ImportForm()
    return render(
        request,
        "journal/import.html",
        {
            "form": form,
            "problems": problems,
            "problems_by_file": importer.problems_by_file(problems[: importer.MAX_SHOWN]),
            "hidden_problems": max(0, len(problems) - importer.MAX_SHOWN),
            "max_rows": importer.MAX_ROWS,
            "max_upload": importer.megabytes(importer.MAX_UPLOAD_BYTES),
            "max_stage_upload": stage_upload_limit(),
            "stage_imports": stage_imports(request.user),
        },
    )


def stage_imports(user) -> list[StageImport]:
    """The newest imports of sleep stages, each with its progress in words."""
    shown = list(StageImport.objects.for_user(user)[:SHOWN_STAGE_IMPORTS])
    for stage_import in shown:
        stage_import.read_text = read_text(stage_import)
    return shown


@require_GET
@never_cache
def stage_import_progress(request, pk):
    """How far an import of recorded stages has got, as JSON for the import page's progress bar."""
    if not request.user.is_authenticated:
        return JsonResponse({"error": "Sign in to see your imports."}, status=401)
    stage_import = get_owned_or_404(StageImport, request.user, pk=pk)
    return JsonResponse(progress_json(stage_import))


def progress_json(stage_import: StageImport) -> dict:
    return {
        "status": stage_import.status,
        "status_label": stage_import.get_status_display(),
        "finished": stage_import.finished,
        "percent": stage_import.percent,
        "bytes_read": stage_import.bytes_read,
        "bytes_total": stage_import.bytes_total,
        "read_text": read_text(stage_import),
        "nights_found": stage_import.nights_found,
        "summary": stage_import.summary,
        "error": stage_import.error,
    }


def read_text(stage_import: StageImport) -> str:
    """E.g. "412 MB of 1.9 GB read · 120 nights found"."""
    read = f"{file_size(stage_import.bytes_read)} of {file_size(stage_import.bytes_total)} read"
    nights = stage_import.nights_found
    return f"{read} · {nights:,} night{'' if nights == 1 else 's'} found"
