"""The doctor report as a page (print it from the browser) and as a PDF (WeasyPrint).

Both render the same report body (templates/journal/_report_body.html) from review/report.py,
which reads the same summary as /patterns/ and /api/summary, through review/report_render.py,
which a clinician's share link (journal/views/share.py) uses too.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_GET

from journal.forms.report import PeriodForm
from journal.review import periods, report
from journal.review.report_render import render_report, report_pdf_response


def choose_period(request):
    """The form and the period it names (review/periods.py); a bad period falls back to the
    default, with a note."""
    form = PeriodForm(request.GET or None, user=request.user)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        return form, data["period"], data["weeks"]
    return form, periods.last_weeks(request.user, report.DEFAULT_WEEKS), report.DEFAULT_WEEKS


@login_required
@require_GET
def report_page(request):
    """?weeks=2|4|8|12 or ?from=YYYY-MM-DD&to=YYYY-MM-DD (nights); default the last 4 weeks."""
    form, period, weeks = choose_period(request)
    if form.errors:
        messages.warning(
            request,
            f"That period could not be shown, so here are the last {weeks} weeks. "
            "See the note next to the dates.",
        )
    return render_report(
        request,
        request.user,
        period,
        "journal/report.html",
        {
            "nav": "patterns",
            "form": form,
            "weeks_shown": None if form.errors else weeks,
            "pdf_url": f"{reverse('report_pdf')}?{period.query}",
        },
    )


@login_required
@require_GET
def report_pdf(request):
    form, period, _ = choose_period(request)
    if form.errors:
        # The page explains what was wrong with the dates; a PDF cannot.
        return redirect(f"{reverse('report')}?{request.GET.urlencode()}")
    return report_pdf_response(request, request.user, period)
