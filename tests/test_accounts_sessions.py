"""Sessions end with the account, and with the password for every other device
(accounts/sessions.py)."""

import re

import pytest
from django.contrib.sessions.models import Session
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.models import SignedInSession, User
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "lantern-moth-quietly-42"


def signed_in_device(person, password=PASSWORD, address="192.0.2.1"):
    """Another device, signed in through the sign-in form."""
    device = Client(REMOTE_ADDR=address)
    response = device.post(reverse("login"), {"username": person.email, "password": password})
    assert response.status_code == 302
    return device


def session_key(client):
    return client.cookies["sessionid"].value


def sessions_of(person):
    return [
        session.session_key
        for session in Session.objects.all()
        if session.get_decoded().get("_auth_user_id") == str(person.pk)
    ]


def test_signing_in_and_out_keeps_the_list_of_sessions(user):
    phone = signed_in_device(user)
    laptop = signed_in_device(user)
    assert set(SignedInSession.objects.filter(user=user).values_list("session_key", flat=True)) == {
        session_key(phone),
        session_key(laptop),
    }

    laptop.post(reverse("logout"))

    assert list(SignedInSession.objects.values_list("session_key", flat=True)) == [
        session_key(phone)
    ]


def test_changing_the_password_ends_the_other_sessions_and_keeps_this_one(user, other_user):
    phone, laptop, tablet = (signed_in_device(user) for _ in range(3))
    someone_else = signed_in_device(other_user)

    response = phone.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert response.status_code == 302
    assert sessions_of(user) == [session_key(phone)]
    assert not Session.objects.filter(
        session_key__in=[session_key(laptop), session_key(tablet)]
    ).exists()
    assert phone.get(reverse("settings")).status_code == 200
    assert laptop.get(reverse("settings")).status_code == 302
    assert sessions_of(other_user) == [session_key(someone_else)]
    # The new key of this session is remembered, so a later change ends it from elsewhere.
    assert list(
        SignedInSession.objects.filter(user=user).values_list("session_key", flat=True)
    ) == [session_key(phone)]
    later = signed_in_device(user, NEW_PASSWORD)
    later.post(
        reverse("password_change"),
        {"old_password": NEW_PASSWORD, "new_password1": PASSWORD, "new_password2": PASSWORD},
    )
    assert sessions_of(user) == [session_key(later)]


def test_a_wrong_current_password_ends_nothing(user):
    phone, laptop = signed_in_device(user), signed_in_device(user)

    phone.post(
        reverse("password_change"),
        {"old_password": "wrong", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert sorted(sessions_of(user)) == sorted([session_key(phone), session_key(laptop)])


def test_a_new_password_from_the_emailed_link_ends_every_session(client, user):
    phone, laptop = signed_in_device(user), signed_in_device(user)
    client.post(reverse("password_reset"), {"email": user.email})
    link = re.search(r"https?://[^/\s]+(/accounts/reset/\S+)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)

    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert sessions_of(user) == []
    assert phone.get(reverse("settings")).status_code == 302
    assert laptop.get(reverse("settings")).status_code == 302


def test_deleting_the_account_deletes_its_sessions(user, other_user):
    phone, laptop = signed_in_device(user), signed_in_device(user)
    someone_else = signed_in_device(other_user)

    response = phone.post(reverse("delete_account"), {"password": PASSWORD})

    assert response.status_code == 200
    assert sessions_of(user) == []
    assert not Session.objects.filter(
        session_key__in=[session_key(phone), session_key(laptop)]
    ).exists()
    assert not SignedInSession.objects.filter(user_id=user.pk).exists()
    assert sessions_of(other_user) == [session_key(someone_else)]
    assert laptop.get(reverse("home")).status_code == 302


def test_an_account_deleted_elsewhere_takes_its_sessions_with_it(user, other_user):
    phone = signed_in_device(user)
    someone_else = signed_in_device(other_user)

    User.objects.get(pk=user.pk).delete()  # from the admin or a shell

    assert sessions_of(user) == []
    assert not Session.objects.filter(session_key=session_key(phone)).exists()
    assert sessions_of(other_user) == [session_key(someone_else)]
