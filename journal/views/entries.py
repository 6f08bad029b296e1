"""Home, logging on waking, the full event form, and the web app manifest."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from journal import offline, red_flags
from journal.access import get_owned_or_404
from journal.forms.events import (
    EventForm,
    LogEventForm,
    choice_words,
    kind_word,
    last_used,
    with_article,
)
from journal.forms.queries import prefilled
from journal.models import Event, Night, PartnerReport, SymptomCheckin
from journal.review.schedules import label_windows
from journal.review.stages import label_stages
from journal.views.nights import full_day
from journal.views.owned import (
    REMOVED_EVERYWHERE,
    ConfirmDelete,
    OwnedDeleteView,
    OwnedUpdateView,
    ReturnsToNight,
    night_url,
    save_new_once,
)
from journal.views.red_flags import announce

BACKGROUND = "#10131a"


@login_required
def home(request):
    """The big log button and last night at a glance.

    "Last night" is the night named by yesterday's local date (definitions §1): at 07:00 on
    Tuesday it is Monday night, still in progress until noon; at 15:00 or 23:30 on Tuesday it is
    still Monday night, the one that ended most recently. Once tonight (today's date) has events,
    they are shown above it as "Tonight so far", so an event logged at 23:30 is on the home screen.
    """
    user = request.user
    today = timezone.localdate()
    last_night = today - timedelta(days=1)
    shown = (last_night, today)
    events = list(Event.objects.for_user(user).filter(night_of__in=shown))
    diaries = {
        diary.night_of: diary for diary in Night.objects.for_user(user).filter(night_of__in=shown)
    }
    label_windows(user, events, diaries)
    label_stages(user, events)
    diary = diaries.get(last_night)
    partner_seen = PartnerReport.objects.for_user(user).filter(night_of=last_night).exists()
    checked_in = SymptomCheckin.objects.for_user(user).filter(date=today).exists()
    # The big button names what two taps will save: last time's kind and body parts.
    last_time = last_used(user)
    return render(
        request,
        "journal/home.html",
        {
            "nav": "home",
            "log_label": f"Log {with_article(choice_words(**last_time))}"
            if last_time
            else "Log a twitch",
            "red_flag_notices": red_flags.open_notices(user),
            "last_night": last_night,
            "last_night_events": [event for event in events if event.night_of == last_night],
            "tonight_events": [event for event in events if event.night_of == today],
            "diary": diary,
            "last_night_url": night_url(last_night),
            "partner_url": f"{reverse('partner_new')}?night={last_night.isoformat()}",
            "show_partner_prompt": not partner_seen,
            "show_checkin_prompt": not checked_in,
        },
    )


@never_cache
def log(request):
    """Log on waking: one tap on Save stores an event with last time's kind and body parts.

    The page's script sends the same form asking for JSON (an entry sent at once or kept on the
    phone and sent later): the answer says it was saved, or why not, and the entry stays on the
    phone until it is saved.
    """
    if request.method == "POST" and offline.wants_json(request):
        return log_queued(request)
    return log_page(request)


@login_required
def log_page(request):
    if request.method == "POST":
        form = LogEventForm(request.POST, owner=request.user)
        event, created = save_new_once(request, form)
        if event is not None:
            if created:
                red_flags.raise_notice(event)
            return redirect("log_saved", pk=event.pk)
    else:
        form = LogEventForm(owner=request.user)
    return render(request, "journal/log.html", {"form": form, "nav": "log"})


def log_queued(request):
    """An entry sent by the page's script: saved once whatever the retries, only into the
    account it was made for (its `account` key), with the time it was tapped."""
    user = request.user
    if not user.is_authenticated:
        return offline.refused("signed_out")
    if request.POST.get("account") != offline.account_key(user):
        return offline.refused("other_account")
    form = LogEventForm(request.POST, owner=user)
    event, created = save_new_once(request, form)
    if event is None:
        return offline.form_refusal(form)
    if created:
        red_flags.raise_notice(event)
    return offline.saved(event, created, reverse("log_saved", args=[event.pk]))


@login_required
def log_saved(request, pk):
    """What was just saved: any red flag's guidance first, then Undo and Add details."""
    event = get_owned_or_404(Event, request.user, pk=pk)
    diary = Night.objects.for_user(request.user).filter(night_of=event.night_of).first()
    label_windows(request.user, [event], {event.night_of: diary} if diary else {})
    label_stages(request.user, [event])
    return render(
        request,
        "journal/log_saved.html",
        {
            "event": event,
            "kind_word": kind_word(event.kind),
            "night_name": full_day(event.night_of),
            "red_flag_rules": red_flags.guidance(event),
            "nav": "log",
        },
    )


@login_required
@require_POST
def event_undo(request, pk):
    event = get_owned_or_404(Event, request.user, pk=pk)
    event.delete()
    messages.success(request, f"Undone: that {kind_word(event.kind)} is not in your journal.")
    return redirect("home")


def saved_event_message(event) -> str:
    """E.g. "Saved the twitch for the night of Tue 3 Nov 2026": the full date, year included."""
    return f"Saved the {kind_word(event.kind)} for the night of {full_day(event.night_of)}."


@login_required
def event_new(request):
    """The full event form for something not logged on waking (every field of §7)."""
    if request.method == "POST":
        form = EventForm(request.POST, owner=request.user)
        event, created = save_new_once(request, form)
        if event is not None:
            if created:
                announce(request, event)
                messages.success(request, saved_event_message(event))
            return redirect(night_url(event.night_of))
    else:
        # An entry kept on the phone that the server refused opens here, filled in, to be fixed.
        form = EventForm(owner=request.user, initial=prefilled(EventForm, request.GET))
    return render(request, "journal/event_form.html", {"form": form, "event": None})


class EventEdit(ReturnsToNight, OwnedUpdateView):
    """Every field of an event, temperature in the person's unit."""

    model = Event
    form_class = EventForm
    template_name = "journal/event_form.html"
    context_object_name = "event"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "owner": self.request.user}

    def get_context_data(self, **kwargs):
        return super().get_context_data(kind_word=kind_word(self.object.kind), **kwargs)

    def after_save(self, event):
        announce(self.request, event)

    def saved_message(self, event):
        return saved_event_message(event)


class EventDelete(ReturnsToNight, OwnedDeleteView):
    """Asks first, deletes, then goes back to that event's night."""

    model = Event
    context_object_name = "event"

    def confirm(self, event):
        return ConfirmDelete(
            title="Delete event",
            question=f"Delete this {kind_word(event.kind)}?",
            preview="journal/_event_item.html",
            in_timeline=True,
            consequence=REMOVED_EVERYWHERE,
            keep_url=reverse("event_edit", args=[event.pk]),
        )

    def deleted_message(self, event):
        return f"Deleted the {kind_word(event.kind)}."


def manifest(request):
    """The web app manifest, so the journal can sit on the home screen and open on /log/."""
    icons = [
        {"src": static("icons/nightjar.svg"), "sizes": "any", "type": "image/svg+xml"},
        {"src": static("icons/nightjar-192.png"), "sizes": "192x192", "type": "image/png"},
        {"src": static("icons/nightjar-512.png"), "sizes": "512x512", "type": "image/png"},
        {
            "src": static("icons/nightjar-512.png"),
            "sizes": "512x512",
            "type": "image/png",
            "purpose": "maskable",
        },
    ]
    data = {
        "name": "Nightjar",
        "short_name": "Nightjar",
        "description": "A private journal of what your body does at night.",
        "id": "/",
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "background_color": BACKGROUND,
        "theme_color": BACKGROUND,
        "icons": icons,
        "shortcuts": [
            {
                "name": "Log a twitch",
                "short_name": "Log",
                "url": reverse("log"),
                "icons": [{"src": static("icons/nightjar-192.png"), "sizes": "192x192"}],
            }
        ],
    }
    return JsonResponse(data, content_type="application/manifest+json")
