"""Taking your journal out (export) and bringing it back (import). Both see only your own data."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from journal.data import export as journal_export
from journal.data import importer
from journal.forms.data import ImportForm


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
    """Upload an export; write it only if every row passes, else list every problem."""
    problems = []
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
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
        },
    )
