"""Home, logging on waking, the full event form, and the web app manifest."""

import uuid
from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from journal.access import get_owned_or_404
from journal.forms.events import EventForm, LogEventForm, kind_word
from journal.models import Event, Night, PartnerReport, SymptomCheckin
from journal.schedules import label_windows

BACKGROUND = "#10131a"


def night_url(night_of):
    return reverse("night", args=[night_of.isoformat()])


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
    diary = diaries.get(last_night)
    partner_seen = PartnerReport.objects.for_user(user).filter(night_of=last_night).exists()
    checked_in = SymptomCheckin.objects.for_user(user).filter(date=today).exists()
    return render(
        request,
        "journal/home.html",
        {
            "nav": "home",
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


def _own_event_by_client_id(request):
    """The event this person already saved under the submitted client id, if any."""
    try:
        client_id = uuid.UUID(request.POST.get("id", ""))
    except ValueError:
        return None
    return Event.objects.for_user(request.user).filter(pk=client_id).first()


def _insert_once(form, user):
    """Store a new event under its client-made id; never overwrite a row that already exists.

    The insert is forced, so an id that is already taken fails in the database instead of
    updating that row: if the row is this person's it was a double submission (return it),
    otherwise it is someone else's and the answer is a 404, with nothing revealed or changed.
    """
    event = form.save(commit=False)
    event.id = form.cleaned_data.get("id") or uuid.uuid4()
    try:
        with transaction.atomic():
            event.save(force_insert=True)
    except IntegrityError:
        already = Event.objects.for_user(user).filter(pk=event.id).first()
        if already is None:
            raise Http404("No event here.") from None
        return already
    return event


@login_required
@never_cache
def log(request):
    """Log on waking: one tap on Save stores an event now with last time's kind and body parts."""
    if request.method == "POST":
        if already := _own_event_by_client_id(request):
            return redirect("log_saved", pk=already.pk)
        form = LogEventForm(request.POST, owner=request.user)
        if form.is_valid():
            event = _insert_once(form, request.user)
            return redirect("log_saved", pk=event.pk)
    else:
        form = LogEventForm(owner=request.user)
    return render(request, "journal/log.html", {"form": form, "nav": "log"})


@login_required
def log_saved(request, pk):
    """What was just saved, with Undo and Add details."""
    event = get_owned_or_404(Event, request.user, pk=pk)
    diary = Night.objects.for_user(request.user).filter(night_of=event.night_of).first()
    label_windows(request.user, [event], {event.night_of: diary} if diary else {})
    return render(
        request,
        "journal/log_saved.html",
        {"event": event, "kind_word": kind_word(event.kind), "nav": "log"},
    )


@login_required
@require_POST
def event_undo(request, pk):
    event = get_owned_or_404(Event, request.user, pk=pk)
    event.delete()
    messages.success(request, f"Undone: that {kind_word(event.kind)} is not in your journal.")
    return redirect("home")


@login_required
def event_new(request):
    """The full event form for something not logged on waking (every field of §7)."""
    if request.method == "POST":
        if already := _own_event_by_client_id(request):
            return redirect(night_url(already.night_of))
        form = EventForm(request.POST, owner=request.user)
        if form.is_valid():
            event = _insert_once(form, request.user)
            messages.success(request, f"Saved the {kind_word(event.kind)}.")
            return redirect(night_url(event.night_of))
    else:
        form = EventForm(owner=request.user)
    return render(request, "journal/event_form.html", {"form": form, "event": None})


@login_required
def event_edit(request, pk):
    event = get_owned_or_404(Event, request.user, pk=pk)
    if request.method == "POST":
        form = EventForm(request.POST, instance=event, owner=request.user)
        if form.is_valid():
            event = form.save()
            messages.success(request, f"Saved the {kind_word(event.kind)}.")
            return redirect(night_url(event.night_of))
    else:
        form = EventForm(instance=event, owner=request.user)
    return render(
        request,
        "journal/event_form.html",
        {"form": form, "event": event, "kind_word": kind_word(event.kind)},
    )


@login_required
def event_delete(request, pk):
    """Asks first (GET), deletes on POST, then goes back to that event's night."""
    event = get_owned_or_404(Event, request.user, pk=pk)
    if request.method == "POST":
        event.delete()
        messages.success(request, f"Deleted the {kind_word(event.kind)}.")
        return redirect(night_url(event.night_of))
    return render(
        request,
        "journal/event_confirm_delete.html",
        {"event": event, "kind_word": kind_word(event.kind)},
    )


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
