"""The journal timeline, the night page with its morning diary, partner reports and check-ins."""

import re
import uuid
from datetime import date, time, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from journal import nights
from journal.access import get_owned_or_404
from journal.forms.checkin import CheckinForm
from journal.forms.nights import DrinksCalculatorForm, NightForm, usual_diary_initial
from journal.forms.partner import PartnerReportForm
from journal.models import Night, PartnerReport, SymptomCheckin
from journal.timeline import night_detail, timeline_page

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# When a partner report is started without a time, "about 2 a.m." is the likeliest guess.
PARTNER_DEFAULT_CLOCK = time(2, 0)


def parse_day(text):
    """A YYYY-MM-DD date from a URL or query string, or None."""
    if not text or not ISO_DATE.fullmatch(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def night_or_404(user, text):
    """The night named in the URL; a night that has not begun yet is a 404."""
    night = parse_day(text)
    if night is None or nights.night_span(night, user.tz)[0] > timezone.now():
        raise Http404("No such night.")
    return night


def day_or_404(user, text):
    day = parse_day(text)
    if day is None or day > timezone.now().astimezone(user.tz).date():
        raise Http404("No such day.")
    return day


def night_url(night):
    return reverse("night", args=[night.isoformat()])


@login_required
def timeline(request):
    before = parse_day(request.GET.get("before"))
    page = timeline_page(request.user, before=before)
    return render(
        request,
        "journal/nights.html",
        {"page": page, "before": before, "nav": "nights"},
    )


@login_required
@require_http_methods(["GET", "POST"])
def night(request, night):
    user = request.user
    night = night_or_404(user, night)
    diary = Night.objects.for_user(user).filter(night_of=night).first()
    instance = diary or Night(owner=user, night_of=night)
    calculator_data = request.POST if "calculate" in request.POST else request.GET
    calculator = DrinksCalculatorForm.submitted(calculator_data)

    if request.method == "POST" and "calculate" not in request.POST:
        form = NightForm(request.POST, instance=instance)
        if form.is_valid():
            form.save()
            messages.success(request, f"Diary for the night of {night:%a %-d %b} saved.")
            return redirect(f"{reverse('nights')}#night-{night.isoformat()}")
    else:
        # The calculator keeps whatever was typed so far (nothing is saved) and fills the drinks.
        initial = {} if diary else usual_diary_initial(user, night, timezone.now())
        if request.method == "POST":
            initial = {name: request.POST.get(name) for name in NightForm._meta.fields}
        if calculator.rounded_result is not None:
            initial["alcohol_drinks"] = calculator.rounded_result
        form = NightForm(instance=instance, initial=initial)

    today = timezone.now().astimezone(user.tz).date()
    following = night + timedelta(days=1)
    return render(
        request,
        "journal/night.html",
        {
            "night": night,
            "summary": night_detail(user, night),
            "diary": diary,
            "form": form,
            "calculator": calculator,
            "previous_night": night - timedelta(days=1),
            "next_night": following if following <= today else None,
            "nav": "nights",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def night_delete(request, night):
    night = night_or_404(request.user, night)
    diary = get_owned_or_404(Night, request.user, night_of=night)
    if request.method == "POST":
        diary.delete()
        messages.success(request, f"Diary for the night of {night:%a %-d %b} deleted.")
        return redirect(night_url(night))
    return render(request, "journal/night_confirm_delete.html", {"diary": diary, "night": night})


def partner_default_time(user, night, now):
    """About 2 a.m. of the given night, or of the latest night whose 2 a.m. has passed."""
    if night is None:
        night = nights.night_of(now, user.tz)
        if nights.usual_instant(night, PARTNER_DEFAULT_CLOCK, user.tz) > now:
            night -= timedelta(days=1)
    return min(nights.usual_instant(night, PARTNER_DEFAULT_CLOCK, user.tz), now)


def client_id(data):
    try:
        return uuid.UUID(data.get("id", ""))
    except ValueError:
        return None


@login_required
@require_http_methods(["GET", "POST"])
def partner_new(request):
    user = request.user
    if request.method == "POST":
        # A retried or double-tapped submission carries the same id: show what was saved.
        already = PartnerReport.objects.for_user(user).filter(pk=client_id(request.POST)).first()
        if already is not None:
            messages.info(request, "That partner report was already saved.")
            return redirect(night_url(already.night_of))
        form = PartnerReportForm(request.POST, instance=PartnerReport(owner=user))
        if form.is_valid():
            report = form.save()
            messages.success(request, "Partner report saved.")
            return redirect(night_url(report.night_of))
    else:
        night = parse_day(request.GET.get("night"))
        if night is not None and nights.night_span(night, user.tz)[0] > timezone.now():
            night = None
        observed_at = partner_default_time(user, night, timezone.now())
        observed_at = observed_at.replace(second=0, microsecond=0)
        form = PartnerReportForm(initial={"observed_at": observed_at})
    return render(request, "journal/partner_form.html", {"form": form, "report": None})


@login_required
@require_http_methods(["GET", "POST"])
def partner_edit(request, pk):
    report = get_owned_or_404(PartnerReport, request.user, pk=pk)
    form = PartnerReportForm(request.POST or None, instance=report)
    if request.method == "POST" and form.is_valid():
        report = form.save()
        messages.success(request, "Partner report updated.")
        return redirect(night_url(report.night_of))
    return render(request, "journal/partner_form.html", {"form": form, "report": report})


@login_required
@require_http_methods(["GET", "POST"])
def partner_delete(request, pk):
    report = get_owned_or_404(PartnerReport, request.user, pk=pk)
    if request.method == "POST":
        report.delete()
        messages.success(request, "Partner report deleted.")
        return redirect(night_url(report.night_of))
    return render(request, "journal/partner_confirm_delete.html", {"report": report})


@login_required
@require_http_methods(["GET", "POST"])
def checkin(request, day=None):
    user = request.user
    day = day_or_404(user, day) if day else timezone.now().astimezone(user.tz).date()
    existing = SymptomCheckin.objects.for_user(user).filter(date=day).first()
    instance = existing or SymptomCheckin(owner=user, date=day)
    form = CheckinForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        messages.success(request, f"Check-in for {saved.date:%a %-d %b} saved.")
        return redirect("checkin_day", saved.date.isoformat())
    return render(
        request,
        "journal/checkin.html",
        {"form": form, "day": day, "existing": existing, "nav": "checkin"},
    )


@login_required
@require_http_methods(["GET", "POST"])
def checkin_delete(request, pk):
    entry = get_owned_or_404(SymptomCheckin, request.user, pk=pk)
    if request.method == "POST":
        entry.delete()
        messages.success(request, f"Check-in for {entry.date:%a %-d %b} deleted.")
        return redirect("checkin_day", entry.date.isoformat())
    return render(request, "journal/checkin_confirm_delete.html", {"checkin": entry})
