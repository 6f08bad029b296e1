from django.conf import settings as django_settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from journal.models import Event, Night, PartnerReport, StageSegment, SymptomCheckin

from . import lockout, sessions, signup_mail, time_zones
from .forms import DeleteAccountForm, SettingsForm, SetUpAccountForm, SignUpForm
from .services import change_time_zone

# The backend that signs people in by password; the lockout backend before it only refuses.
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"
SIGNUP_SENT_TO = "signup_sent_to"


@require_http_methods(["GET", "POST"])
def signup(request):
    """Step one: the email. Every address gets the same answer (accounts/signup_mail.py)."""
    if request.user.is_authenticated:
        return redirect(django_settings.LOGIN_REDIRECT_URL)
    form = SignUpForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        # The same answer whether a mail went out, and whichever mail it was.
        signup_mail.send_link(request, email)
        request.session[SIGNUP_SENT_TO] = email
        return redirect("signup_sent")
    return render(request, "accounts/signup.html", {"form": form})


@require_GET
def signup_sent(request):
    email = request.session.get(SIGNUP_SENT_TO)
    if email is None:
        return redirect("signup")
    return render(
        request,
        "accounts/signup_sent.html",
        {
            "email": email,
            "hours": signup_mail.LINK_HOURS,
            "per_hour": signup_mail.MAILS_PER_HOUR,
            "mail_is_printed": signup_mail.mail_is_printed(),
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
def signup_confirm(request, token):
    """Step two, from the emailed link: the password, time zone and usual night; then the
    account is made and signed in."""
    if request.user.is_authenticated:
        return redirect(django_settings.LOGIN_REDIRECT_URL)
    try:
        email = signup_mail.email_from_token(token)
    except signup_mail.LinkError:
        return render(request, "accounts/signup_link_invalid.html", status=400)
    if signup_mail.has_account(email):
        return render(request, "accounts/signup_done_already.html", {"email": email})
    form = SetUpAccountForm(request.POST if request.method == "POST" else None, email=email)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                user = form.save()
        except IntegrityError:  # the same link, finished twice at once
            return render(request, "accounts/signup_done_already.html", {"email": email})
        login(request, user, backend=MODEL_BACKEND)
        request.session.pop(SIGNUP_SENT_TO, None)
        messages.success(request, "Welcome to Nightjar. Your account is ready.")
        return redirect(django_settings.LOGIN_REDIRECT_URL)
    return render(
        request,
        "accounts/signup_confirm.html",
        {"form": form, "email": email, "zone_aliases": time_zones.aliases()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def settings(request):
    form = SettingsForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            user = form.save()
            if "time_zone" in form.changed_data:
                change_time_zone(user, user.time_zone)
        messages.success(request, "Settings saved.")
        return redirect("settings")
    return render(
        request,
        "accounts/settings.html",
        {"form": form, "nav": "settings", "zone_aliases": time_zones.aliases()},
    )


def entry_counts(user):
    return {
        "events": Event.objects.for_user(user).count(),
        "nights": Night.objects.for_user(user).count(),
        "partner_reports": PartnerReport.objects.for_user(user).count(),
        "checkins": SymptomCheckin.objects.for_user(user).count(),
        "stage_segments": StageSegment.objects.for_user(user).count(),
    }


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request):
    form = DeleteAccountForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = request.user.email
        # Entries go with the account (on_delete=CASCADE on every owner), and so do its sessions
        # on every device (accounts/sessions.py).
        request.user.delete()
        logout(request)
        return render(request, "accounts/account_deleted.html", {"email": email})
    return render(
        request,
        "accounts/delete_account.html",
        {"form": form, "counts": entry_counts(request.user), "nav": "settings"},
    )


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Setting a new password from the emailed link signs the account out everywhere, and lifts
    a sign-in lockout of that email: whoever reads the mailbox may choose the password anyway."""

    def form_valid(self, form):
        response = super().form_valid(form)
        sessions.end_sessions(form.user)
        lockout.unlock(email=form.user.email)
        return response


class PasswordChangeView(auth_views.PasswordChangeView):
    """A new password keeps this session signed in and ends every other one (a lost phone, a
    shared computer): their rows are deleted from the session store, not only made useless."""

    def form_valid(self, form):
        response = super().form_valid(form)  # update_session_auth_hash gives this one a new key
        current = self.request.session.session_key
        sessions.end_sessions(form.user, keep=current)
        sessions.remember(form.user, current)
        return response
