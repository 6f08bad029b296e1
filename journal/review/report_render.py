"""The doctor report drawn for a reader: as a page (HTML) and as an A4 PDF (WeasyPrint).

Used by the owner's report views (journal/views/report.py) and by a clinician's share link
(journal/views/share.py). Both render templates/journal/_report_body.html from the context that
journal/review/report.py builds, in the owner's time zone, clock and temperature unit, also when the
request has no signed-in user.
"""

import re

from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from journal.review import report

REPORT_CSS = "css/report.css"
# A line break and the indentation after it: in normal white-space a single line break reads the
# same, and the templates' indentation was more than a quarter of a report's bytes.
INDENTATION = re.compile(r"\n\s+")


def without_indentation(html: str) -> str:
    """The markup with each run of whitespace that starts a line cut to the line break alone.

    Nothing is joined that was apart (a space between two words or tags stays one), so it draws
    the same; left as it is when it holds a <pre> or a <textarea>, whose whitespace is content."""
    if "<pre" in html or "<textarea" in html:
        return html
    return INDENTATION.sub("\n", html)


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
    # A long report is mostly its rows: without the templates' indentation it is a third lighter
    # to send and for the browser to read.
    response.content = without_indentation(response.content.decode())
    return no_store(response)


def pdf_document(request, context, stylesheet, **flags):
    """The report laid out by WeasyPrint (not yet written as PDF bytes)."""
    import weasyprint  # heavy; only the PDF views need it

    html = without_indentation(
        render_to_string(
            "journal/report_document.html", {**context, "for_pdf": True, **flags}, request=request
        )
    )
    # The stylesheet is read from disk and nothing is fetched over HTTP: the document has no
    # other resources, and refusing every protocol keeps user text from pulling any in.
    return weasyprint.HTML(
        string=html,
        base_url=request.build_absolute_uri("/"),
        url_fetcher=weasyprint.urls.URLFetcher(allowed_protocols=()),
    ).render(stylesheets=[stylesheet])


def render_pdf(request, context) -> bytes:
    """The report as A4 PDF bytes, laid out once.

    Page 1 must fit one page: page 1 alone (no grid, no appendix: a fraction of the work) is
    laid out first, and when it runs over, the whole report is drawn in the smaller type. The
    appendix lists at most report.PDF_APPENDIX_CAP entries, then says how many more there are
    and where to find them; the night grid draws at most the period's last report.PDF_GRID_CAP
    nights, and says which are not drawn.
    """
    import weasyprint

    stylesheet = weasyprint.CSS(filename=finders.find(REPORT_CSS))
    compact = len(pdf_document(request, context, stylesheet, summary_only=True).pages) > 1
    appendix = report.capped_appendix(context["appendix_weeks"])
    grid_rows, grid_left_out = report.capped_grid(context["grid_rows"])
    document = pdf_document(
        request,
        {
            **context,
            "grid_rows": grid_rows,
            "grid_left_out": grid_left_out,
            "appendix_weeks": appendix.weeks,
            "appendix_left_out": appendix.left_out_text,
            "export_url": request.build_absolute_uri(reverse("export_events_csv")),
        },
        stylesheet,
        compact=compact,
    )
    return document.write_pdf()


def report_pdf_response(request, owner, period):
    """The report as a PDF download, from the same template as the page."""
    with timezone.override(owner.tz):
        context = report.build_report(owner, period)
        pdf = render_pdf(request, context)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{context["filename"]}"'
    return no_store(response)
