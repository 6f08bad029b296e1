"""The doctor report drawn for a reader: as a page (HTML) and as an A4 PDF (WeasyPrint).

Used by the owner's report views (journal/views/report.py) and by a clinician's share link
(journal/views/share.py). Both render templates/journal/_report_body.html from the context that
journal/review/report.py builds, in the owner's time zone, clock and temperature unit, also when the
request has no signed-in user.
"""

from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone

from journal.review import report

REPORT_CSS = "css/report.css"
# The night grid's heading: page 1 fits when this is on page 2.
GRID_ANCHOR = "report-grid-title"


def no_store(response):
    """A report holds health data: never kept by a browser or a proxy."""
    response["Cache-Control"] = "private, no-store"
    return response


def render_report(request, owner, period, template, extra=None, status=200):
    """Render the owner's report for a period (review/periods.py) in the owner's time zone,
    clock and temperature unit."""
    with timezone.override(owner.tz):
        context = {**report.build_report(owner, period), **(extra or {})}
        response = render(request, template, context, status=status)
    return no_store(response)


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


def report_pdf_response(request, owner, period):
    """The report as a PDF download, from the same template as the page."""
    with timezone.override(owner.tz):
        context = report.build_report(owner, period)
        pdf = render_pdf(request, context)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{context["filename"]}"'
    return no_store(response)
