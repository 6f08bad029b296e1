"""Ending a person's sessions: all of them when the account goes (from the settings page, the
admin or a shell alike), the others when the password changes.

Django's session stores are looked up by key only; `SignedInSession` keeps the keys each person
signs in with (added on sign-in, dropped on sign-out), so ending someone's sessions is one query
and one delete a session, whatever the store, never a scan of everybody's sessions.
"""

from importlib import import_module

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.db.models.signals import pre_delete
from django.dispatch import receiver
from django.utils import timezone

from .models import SignedInSession, User


def session_store():
    return import_module(settings.SESSION_ENGINE).SessionStore


def remember(user, session_key):
    """Note that `user` is signed in with `session_key`; forget their keys that have expired."""
    if not session_key:
        return  # a store without keys (signed cookies) has nothing on the server to end
    expired = timezone.now() - timezone.timedelta(seconds=settings.SESSION_COOKIE_AGE)
    SignedInSession.objects.filter(user=user, signed_in_at__lt=expired).delete()
    SignedInSession.objects.update_or_create(
        session_key=session_key, defaults={"user": user, "signed_in_at": timezone.now()}
    )


def end_sessions(user, keep=None) -> int:
    """Delete every session `user` is signed in with, except `keep` (a session key); returns
    how many were ended."""
    ended = SignedInSession.objects.filter(user=user).exclude(session_key=keep or "")
    keys = list(ended.values_list("session_key", flat=True))
    store = session_store()
    for key in keys:
        store(session_key=key).delete()
    ended.delete()
    return len(keys)


@receiver(user_logged_in, dispatch_uid="accounts.sessions.signed_in")
def _signed_in(sender, request, user, **kwargs):
    session = getattr(request, "session", None)
    if session is not None:
        remember(user, session.session_key)


@receiver(user_logged_out, dispatch_uid="accounts.sessions.signed_out")
def _signed_out(sender, request, user, **kwargs):
    session = getattr(request, "session", None)
    if session is not None and session.session_key:
        SignedInSession.objects.filter(session_key=session.session_key).delete()


@receiver(pre_delete, sender=User, dispatch_uid="accounts.sessions.account_deleted")
def _account_deleted(sender, instance, **kwargs):
    end_sessions(instance)
