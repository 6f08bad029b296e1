"""The doctor report as a page (print it from the browser) and as a PDF (WeasyPrint).

Both render the same report body (templates/journal/_report_body.html) from journal/report.py,
which reads the same summary as /patterns/ and /api/summary. A clinician's share link renders it
too (journal/views/share.py), through `render_report` and `report_pdf_response` below.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from .. import report
from ..forms.report import PeriodForm

REPORT_CSS = "css/report.css"
# The night grid's heading: page 1 fits when this is on page 2.
GRID_ANCHOR = "report-grid-title"


def choose_period(request):
    """The form and the period it names; a bad period falls back to the default, with a note."""
    form = PeriodForm(request.GET or None, user=request.user)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        return form, data["first"], data["last"], data["weeks"]
    first, last = report.preset_period(request.user, report.DEFAULT_WEEKS)
    return form, first, last, report.DEFAULT_WEEKS


def period_query(first, last) -> str:
    return urlencode({"from": first.isoformat(), "to": last.isoformat()})


def render_report(request, owner, first, last, template, extra=None, status=200):
    """Render the owner's report in the owner's time zone, clock and temperature unit."""
    with timezone.override(owner.tz):
        context = {**report.build_report(owner, first, last), **(extra or {})}
        response = render(request, template, context, status=status)
    response["Cache-Control"] = "private, no-store"
    return response


def render_pdf(request, context) -> bytes:
    """The report as A4 PDF bytes; drawn again smaller if page 1 would not fit one page."""
    import weasyprint  # heavy; only the PDF views need it

    stylesheet = weasyprint.CSS(filename=finders.find(REPORT_CSS))
    for compact in (False, True):
        html = render_to_string(
            "journal/report_document.html",
            {**context, "for_pdf": True, "compact": compact},
            request=request,
        )
        # The stylesheet is read from disk and nothing is fetched over HTTP: the document has
        # no other resources, and refusing every protocol keeps user text from pulling any in.
        document = weasyprint.HTML(
            string=html,
            base_url=request.build_absolute_uri("/"),
            url_fetcher=weasyprint.urls.URLFetcher(allowed_protocols=()),
        ).render(stylesheets=[stylesheet])
        grid_on_page_2 = len(document.pages) > 1 and GRID_ANCHOR in document.pages[1].anchors
        if grid_on_page_2:
            break
    return document.write_pdf()


def report_pdf_response(request, owner, first, last):
    """The report as a PDF download, from the same template as the page."""
    with timezone.override(owner.tz):
        context = report.build_report(owner, first, last)
        pdf = render_pdf(request, context)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{context["filename"]}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def report_page(request):
    """?weeks=2|4|8|12 or ?from=YYYY-MM-DD&to=YYYY-MM-DD (nights); default the last 4 weeks."""
    form, first, last, weeks = choose_period(request)
    if form.errors:
        messages.warning(
            request,
            f"That period could not be shown, so here are the last {weeks} weeks. "
            "See the note next to the dates.",
        )
    query = period_query(first, last)
    return render_report(
        request,
        request.user,
        first,
        last,
        "journal/report.html",
        {
            "nav": "patterns",
            "form": form,
            "weeks_shown": None if form.errors else weeks,
            "pdf_url": f"{reverse('report_pdf')}?{query}",
        },
    )


@login_required
@require_GET
def report_pdf(request):
    form, first, last, _ = choose_period(request)
    if form.errors:
        # The page explains what was wrong with the dates; a PDF cannot.
        return redirect(f"{reverse('report')}?{request.GET.urlencode()}")
    return report_pdf_response(request, request.user, first, last)
