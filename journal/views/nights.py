"""The journal timeline, the night page with its morning diary, partner reports and check-ins."""

from dataclasses import replace
from datetime import time, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from journal.forms.checkin import CheckinForm
from journal.forms.nights import DrinksCalculatorForm, NightForm, usual_diary_initial
from journal.forms.partner import PartnerReportForm
from journal.forms.queries import PartnerQueryForm, TimelineQueryForm
from journal.models import Night, PartnerReport, SymptomCheckin
from journal.review.hypnogram import hypnogram
from journal.review.schedules import schedule_for
from journal.review.timeline import night_detail, timeline_page
from journal.rules import nights
from journal.rules.drinks import added_to
from journal.templatetags import nightjar_format as fmt
from journal.views.owned import (
    REMOVED_EVERYWHERE,
    ConfirmDelete,
    OwnedDeleteView,
    OwnedUpdateView,
    ReturnsToNight,
    night_url,
    save_first_once,
    save_new_once,
)
from journal.views.red_flags import announce

# When a partner report is started without a time, "about 2 a.m." is the likeliest guess.
PARTNER_DEFAULT_CLOCK = time(2, 0)

DIARY_MEANWHILE = "A diary for this night was saved meanwhile (from another device); here it is."
CHECKIN_MEANWHILE = "A check-in for this day was saved meanwhile (from another device); here it is."


def full_day(day) -> str:
    """A night or day with its year, as a saved message names it ("Tue 3 Nov 2026"), so a date
    typed with the wrong year shows at once."""
    return fmt.day(day, "weekday_year")


def has_begun(user, night) -> bool:
    return nights.night_span(night, user.tz)[0] <= timezone.now()


def night_or_404(user, night):
    """The night named in the URL; a night that has not begun yet is a 404."""
    if not has_begun(user, night):
        raise Http404("No such night.")
    return night


def today(user):
    return timezone.now().astimezone(user.tz).date()


def day_or_404(user, day):
    if day > today(user):
        raise Http404("No such day.")
    return day


@login_required
def timeline(request):
    before = TimelineQueryForm(request.GET).day()
    page = timeline_page(request.user, before=before)
    return render(
        request,
        "journal/nights.html",
        {"page": page, "before": before, "nav": "nights"},
    )


@login_required
@require_http_methods(["GET", "POST"])
def night(request, night):
    """The night's events and its morning diary, with the standard-drinks calculator."""
    user = request.user
    night = night_or_404(user, night)
    diary = Night.objects.for_user(user).filter(night_of=night).first()
    saving = request.method == "POST" and "calculate" not in request.POST
    calculator = DrinksCalculatorForm.submitted(
        request.POST if "calculate" in request.POST else request.GET
    )
    conflict = None
    if saving:
        form, saved, conflict = save_first_once(
            request,
            lambda stored: NightForm(
                request.POST, instance=stored or Night(owner=user, night_of=night)
            ),
            lambda: Night.objects.for_user(user).filter(night_of=night).first(),
            unique=("night_of",),
            meanwhile=DIARY_MEANWHILE,
            keep_url=f"{night_url(night)}#diary",
        )
        if saved is not None:
            messages.success(request, f"Diary saved for the night of {full_day(night)}.")
            return redirect(f"{reverse('nights')}#night-{night.isoformat()}")
        if conflict is not None:
            diary = conflict.theirs
    else:
        form = unsaved_diary_form(request, night, diary, calculator)
    following = night + timedelta(days=1)
    summary = night_detail(user, night)
    return render(
        request,
        "journal/night.html",
        {
            "night": night,
            "summary": summary,
            "hypnogram": hypnogram(
                summary.stages, schedule_for(user, night, diary), summary.items, user.tz, user.clock
            ),
            "diary": diary,
            "form": form,
            "conflict": conflict,
            "calculator": calculator,
            "previous_night": night - timedelta(days=1),
            "next_night": following if following <= today(user) else None,
            "nav": "nights",
        },
    )


def unsaved_diary_form(request, night, diary, calculator):
    """The diary form before saving: the stored diary, else the usual schedule as a start.

    The calculator keeps whatever was typed so far (nothing is saved) and fills the drinks.
    """
    user = request.user
    initial = {} if diary else usual_diary_initial(user, night, timezone.now())
    if request.method == "POST":
        initial = {name: request.POST.get(name) for name in NightForm._meta.fields}
        # Still the version the form was opened at, so a diary saved meanwhile is not
        # overwritten unasked after a sum in the calculator.
        initial["version"] = request.POST.get("version")
    if calculator.result is not None:
        # A drink of another kind adds to the total already in the box (the stored diary's, or
        # what was typed before "Add to the drinks box").
        so_far = initial.get("alcohol_drinks", diary.alcohol_drinks if diary else None)
        initial["alcohol_drinks"] = added_to(so_far, calculator.result)
    return NightForm(instance=diary or Night(owner=user, night_of=night), initial=initial)


class DiaryDelete(ReturnsToNight, OwnedDeleteView):
    """Deletes the morning diary only; the night's events and partner reports stay."""

    model = Night
    context_object_name = "diary"

    def lookup(self):
        return {"night_of": night_or_404(self.request.user, self.kwargs["night"])}

    def confirm(self, diary):
        return ConfirmDelete(
            title="Delete diary",
            question=f"Delete the diary for the night of {fmt.day(diary.night_of, 'long')}?",
            preview="journal/night_diary_summary.html",
            consequence=(
                "The morning check-in for this night will be removed. Events and partner reports "
                "stay. This cannot be undone."
            ),
            button="Delete diary",
            keep_url=night_url(diary.night_of),
        )

    def deleted_message(self, diary):
        return f"Diary for the night of {fmt.day(diary.night_of)} deleted."


def partner_default_time(user, night, now):
    """About 2 a.m. of the given night, or of the latest night whose 2 a.m. has passed."""
    if night is None:
        night = nights.night_of(now, user.tz)
        if nights.usual_instant(night, PARTNER_DEFAULT_CLOCK, user.tz) > now:
            night -= timedelta(days=1)
    return min(nights.usual_instant(night, PARTNER_DEFAULT_CLOCK, user.tz), now)


@login_required
@require_http_methods(["GET", "POST"])
def partner_new(request):
    user = request.user
    if request.method == "POST":
        form = PartnerReportForm(request.POST, instance=PartnerReport(owner=user))
        # A retried or double-tapped submission carries the same id: show what was saved.
        report, created = save_new_once(request, form)
        if report is not None:
            if created:
                announce(request, report)
                messages.success(
                    request, f"Partner report saved for the night of {full_day(report.night_of)}."
                )
            else:
                messages.info(request, "That partner report was already saved.")
            return redirect(night_url(report.night_of))
    else:
        night = PartnerQueryForm(request.GET).day()
        if night is not None and not has_begun(user, night):
            night = None
        observed_at = partner_default_time(user, night, timezone.now())
        observed_at = observed_at.replace(second=0, microsecond=0)
        form = PartnerReportForm(initial={"observed_at": observed_at})
    return render(request, "journal/partner_form.html", {"form": form, "report": None})


class PartnerEdit(ReturnsToNight, OwnedUpdateView):
    model = PartnerReport
    form_class = PartnerReportForm
    template_name = "journal/partner_form.html"
    context_object_name = "report"

    def after_save(self, report):
        announce(self.request, report)

    def saved_message(self, report):
        return f"Partner report saved for the night of {full_day(report.night_of)}."


class PartnerDelete(ReturnsToNight, OwnedDeleteView):
    model = PartnerReport
    context_object_name = "report"

    def confirm(self, report):
        return ConfirmDelete(
            title="Delete partner report",
            question="Delete this partner report?",
            preview="journal/_partner_item.html",
            in_timeline=True,
            consequence=REMOVED_EVERYWHERE,
            keep_url=reverse("partner_edit", args=[report.pk]),
        )

    def deleted_message(self, report):
        return "Partner report deleted."


@login_required
@require_http_methods(["GET", "POST"])
def checkin(request, day=None):
    user = request.user
    shown = day_or_404(user, day) if day else today(user)
    stored_now = SymptomCheckin.objects.for_user(user).filter(date=shown).first
    existing = stored_now()
    conflict = None
    if request.method == "POST":
        form, saved, conflict = save_first_once(
            request,
            lambda stored: CheckinForm(
                request.POST, instance=stored or SymptomCheckin(owner=user, date=shown)
            ),
            stored_now,
            unique=("date",),
            meanwhile=CHECKIN_MEANWHILE,
        )
        if saved is not None:
            messages.success(request, f"Check-in saved for {full_day(saved.date)}.")
            return redirect("checkin_day", saved.date.isoformat())
        if conflict is not None:
            existing = conflict.theirs
            conflict = replace(
                conflict, keep_url=reverse("checkin_day", args=[existing.date.isoformat()])
            )
    else:
        form = CheckinForm(instance=existing or SymptomCheckin(owner=user, date=shown))
    return render(
        request,
        "journal/checkin.html",
        {
            "form": form,
            "day": shown,
            "existing": existing,
            "conflict": conflict,
            "nav": "checkin",
        },
    )


class CheckinDelete(OwnedDeleteView):
    model = SymptomCheckin
    context_object_name = "checkin"

    def confirm(self, checkin):
        return ConfirmDelete(
            title="Delete check-in",
            question=f"Delete the check-in for {fmt.day(checkin.date, 'long')}?",
            preview="journal/_checkin_signs.html",
            consequence="This cannot be undone.",
            keep_url=reverse("checkin_day", args=[checkin.date.isoformat()]),
        )

    def deleted_message(self, checkin):
        return f"Check-in for {fmt.day(checkin.date)} deleted."

    def get_success_url(self):
        return reverse("checkin_day", args=[self.object.date.isoformat()])
