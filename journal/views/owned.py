"""What every kind of entry shares: editing and deleting one's own, and creating exactly once.

Each entry's view says only what differs (its form, its words, where to go after); the owner check
is `journal.access.get_owned_or_404` (another person's entry is a 404), and every deletion asks
first on one page, templates/journal/confirm_delete.html.
"""

import uuid
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.urls import reverse
from django.views.generic import DeleteView, UpdateView

from journal.access import get_owned_or_404, insert_once, owned_by_client_id

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
    """The entry's form; saved, it says so (`saved_message`) and goes to `get_success_url`."""

    def saved_message(self, entry) -> str:
        raise NotImplementedError

    def after_save(self, entry):
        """Anything else saving it does, before the message (e.g. a red flag's guidance)."""

    def form_valid(self, form):
        response = super().form_valid(form)
        self.after_save(self.object)
        messages.success(self.request, self.saved_message(self.object))
        return response


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
