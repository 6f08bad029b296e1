"""What every kind of entry shares: editing and deleting one's own, and creating exactly once.

Each entry's view says only what differs (its form, its words, where to go after); the owner check
is `journal.access.get_owned_or_404` (another person's entry is a 404), and every deletion asks
first on one page, templates/journal/confirm_delete.html.
"""

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import DeleteView, UpdateView

from journal.access import get_owned_or_404, insert_once, owned_by_client_id
from journal.forms.fields import OpenedVersionField
from journal.templatetags import nightjar_format as fmt

REMOVED_EVERYWHERE = "It will be removed from your journal and your reports. This cannot be undone."


def night_url(night) -> str:
    return reverse("night", args=[night.isoformat()])


class ReturnsToNight:
    """Saved or deleted, the entry's night is where to go next."""

    def get_success_url(self):
        return night_url(self.object.night_of)


class OwnedEntryMixin(LoginRequiredMixin):
    """The entry named in the URL (by `pk` unless `lookup` says otherwise), if it is yours."""

    http_method_names = ["get", "post"]

    def lookup(self) -> dict:
        return {"pk": self.kwargs["pk"]}

    def get_object(self, queryset=None):
        return get_owned_or_404(self.model, self.request.user, **self.lookup())


class OwnedUpdateView(OwnedEntryMixin, UpdateView):
    """The entry's form; saved, it says so (`saved_message`) and goes to `get_success_url`.

    If the entry changed on another device since the form was opened, nothing is saved: the form
    comes back with what changed and asks (journal/_conflict.html).
    """

    def saved_message(self, entry) -> str:
        raise NotImplementedError

    def after_save(self, entry):
        """Anything else saving it does, before the message (e.g. a red flag's guidance)."""

    def form_valid(self, form):
        entry, conflict = save_unless_changed(self.request, form)
        if conflict is not None:
            self.object = conflict.theirs
            return self.render_to_response(self.get_context_data(form=form, conflict=conflict))
        self.object = entry
        self.after_save(entry)
        messages.success(self.request, self.saved_message(entry))
        return HttpResponseRedirect(self.get_success_url())


@dataclass(frozen=True)
class ConfirmDelete:
    """What the confirm page says about one entry before it is deleted."""

    title: str
    question: str
    preview: str  # a template showing the entry
    consequence: str
    keep_url: str
    button: str = "Delete"
    in_timeline: bool = False  # the preview is a timeline item (<li>)


class OwnedDeleteView(OwnedEntryMixin, DeleteView):
    """Asks first (GET), deletes on POST, then says so and goes to `get_success_url`."""

    template_name = "journal/confirm_delete.html"

    def confirm(self, entry) -> ConfirmDelete:
        raise NotImplementedError

    def deleted_message(self, entry) -> str:
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        return super().get_context_data(confirm=self.confirm(self.object), **kwargs)

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, self.deleted_message(self.object))
        return response


def save_new_once(request, form):
    """Save a new entry from a form that carries a client-made `id`, once however often it is sent.

    Returns (entry, True) when this request stored it, (the entry already stored under that id,
    False) when it repeats an earlier one, and (None, False) when the form has errors to show.
    Another person's id is a 404 (journal.access.insert_once).
    """
    model = form._meta.model
    already = owned_by_client_id(model, request.user, request.POST.get("id"))
    if already is not None:
        return already, False
    if not form.is_valid():
        return None, False
    entry = form.save(commit=False)
    entry.pk = form.cleaned_data.get("id") or uuid.uuid4()
    return insert_once(entry, pk=entry.pk)


@dataclass(frozen=True)
class Change:
    """One field that differs: its label, and its value in words as stored and as just sent."""

    label: str
    theirs: str
    yours: str


@dataclass(frozen=True)
class Conflict:
    """A save refused because the entry changed since its form was opened: what the form shows
    above itself (journal/_conflict.html), with "Keep theirs" and "Save mine"."""

    message: str
    changes: list[Change]
    theirs: object  # the entry as stored now
    keep_url: str  # reloads the form with theirs

    @property
    def version(self) -> int:
        """What "Save mine" sends: it saves over exactly this version, and no newer one."""
        return self.theirs.version


def save_unless_changed(request, form, *, unique=(), meanwhile="", keep_url=None):
    """Save a valid form's entry, unless it changed since the form was opened (its `version`).

    Returns (entry, None) when saved, or when what is stored already says all the form says (a
    double tap); else (None, Conflict) and nothing is written. "Save mine" sends the version it
    was shown as `overwrite`, and then saves over that version (and only that one).

    A new entry that meets another device's entry for the same night or day (the fields named by
    `unique`, as its one-a-night constraint says; or the form was opened before it was saved) is
    a conflict with that entry, and `meanwhile` says what happened.
    """
    entry = form.save(commit=False)
    model = type(entry)
    creating = entry._state.adding
    overwrite = OpenedVersionField().clean(request.POST.get("overwrite"))
    expected = overwrite if overwrite is not None else form.opened_version
    try:
        with transaction.atomic():
            if entry._state.adding:
                entry.save(force_insert=True)
                return entry, None
            if entry.save_if_unchanged(expected):
                return entry, None
            theirs = model.objects.for_user(request.user).filter(pk=entry.pk).first()
    except IntegrityError:
        theirs = None
    if theirs is None and unique:
        same = {name: getattr(entry, name) for name in unique}
        theirs = model.objects.for_user(request.user).filter(**same).first()
    if theirs is None:
        raise Http404(f"No {model._meta.verbose_name} here.")
    changes = differences(request.user, form, theirs, entry)
    if not changes:
        return theirs, None
    if meanwhile and (creating or form.opened_version == 0):
        message = meanwhile
    else:
        changed = when(request.user, theirs.updated_at)
        message = f"This entry was changed on another device {changed} while you were editing."
    keep_url = keep_url or request.path
    return None, Conflict(message=message, changes=changes, theirs=theirs, keep_url=keep_url)


def save_first_once(request, make_form, stored_now, **words):
    """Save the form of an entry there is one of per night or day: (form, entry, conflict).

    `stored_now()` is the entry stored for the page's night or day (or None), `make_form(stored)`
    the bound form for it. If another device saves the first one after it was read, the form's
    own check ("there is already one") or the database's constraint meets it, and the answer is
    the conflict with it (save_unless_changed, `words` as there); entry and conflict are None
    when the form has mistakes to show.
    """
    for _attempt in range(2):
        stored = stored_now()
        form = make_form(stored)
        if form.is_valid():
            entry, conflict = save_unless_changed(request, form, **words)
            return form, entry, conflict
        if stored is not None or stored_now() is None:
            break
    return form, None, None


def when(user, instant) -> str:
    """ "at 03:12" today, "on Tue 3 Nov at 03:12" another day, on the person's clock."""
    local = timezone.localtime(instant)
    clock = fmt.clock_time(local, user.clock)
    if local.date() == timezone.localdate():
        return f"at {clock}"
    return f"on {fmt.day(local)} at {clock}"


def differences(user, form, theirs, yours) -> list[Change]:
    """The form's fields whose stored value differs from the one just sent, in words."""
    changes = []
    for name in form._meta.fields:
        if name not in form.fields:
            continue
        stored, sent = getattr(theirs, name), getattr(yours, name)
        if stored == sent or (empty(stored) and empty(sent)):
            continue
        field = form.fields[name]
        changes.append(
            Change(
                label=str(field.label or name).rstrip(":"),
                theirs=in_words(user, field, name, stored),
                yours=in_words(user, field, name, sent),
            )
        )
    return changes


def empty(value) -> bool:
    return value is None or value == "" or value == []


def in_words(user, field, name, value) -> str:
    """A field's value as the form's page would say it: labels for choices, the person's clock
    and temperature unit, "—" for nothing."""
    if empty(value):
        return "—"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime):
        local = timezone.localtime(value)
        return f"{fmt.day(local, 'weekday_year')} {fmt.clock_time(local, user.clock)}"
    if isinstance(value, date):
        return fmt.day(value, "weekday_year")
    if name == "temperature_c":
        return fmt.temperature(value, user.temperature_unit)
    labels = {str(key): str(label) for key, label in getattr(field, "choices", ())}
    if isinstance(value, list):
        return ", ".join(labels.get(str(item), str(item)) for item in value)
    return labels.get(str(value), str(value))
