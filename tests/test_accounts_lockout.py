"""Lockout of repeated failed sign-ins (accounts/lockout.py): 5 failures per email or per client
address within 15 minutes pause signing in, on the sign-in page and the admin's alike."""

import io
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory
from tests.pages import visible_text

pytestmark = [pytest.mark.django_db, pytest.mark.now("2026-11-20 03:10")]

LOGIN = "/accounts/login/"
ADMIN_LOGIN = "/admin/login/"


def sign_in(client, email, password, path=LOGIN, address="203.0.113.7", **headers):
    return client.post(
        path, {"username": email, "password": password}, REMOTE_ADDR=address, **headers
    )


def signed_in(client):
    return "_auth_user_id" in client.session


def fail(client, email, times, **kwargs):
    return [sign_in(client, email, "wrong-guess", **kwargs).status_code for _ in range(times)]


def test_five_wrong_passwords_pause_signing_in_even_with_the_right_one(client, user):
    assert fail(client, user.email, 4) == [200] * 4
    fifth = sign_in(client, user.email, "wrong-guess")
    assert fifth.status_code == 429

    sixth = sign_in(client, user.email, PASSWORD)

    assert sixth.status_code == 429
    assert not signed_in(client)
    text = visible_text(sixth)
    assert "Signing in is paused" in text
    assert "Try again in 15 minutes (after 03:25 UTC)" in text
    assert sixth["Retry-After"] == "900"


def test_the_pause_says_how_long_is_left(client, user, clock):
    fail(client, user.email, 5)
    clock.shift(timedelta(minutes=10, seconds=30))

    page = sign_in(client, user.email, PASSWORD)

    assert "Try again in 5 minutes" in visible_text(page)
    assert page["Retry-After"] == "270"


def test_it_signs_in_again_15_minutes_after_the_last_failure(client, user, clock):
    fail(client, user.email, 5)
    clock.shift(timedelta(minutes=14, seconds=59))
    assert sign_in(client, user.email, PASSWORD).status_code == 429

    clock.shift(timedelta(seconds=2))
    response = sign_in(client, user.email, PASSWORD)

    assert response.status_code == 302
    assert signed_in(client)


def test_tries_during_the_pause_neither_count_nor_extend_it(client, user, clock):
    fail(client, user.email, 5)
    for _ in range(3):
        clock.shift(timedelta(minutes=4))
        assert sign_in(client, user.email, "another-guess").status_code == 429

    clock.shift(timedelta(minutes=3, seconds=1))
    assert sign_in(client, user.email, PASSWORD).status_code == 302


def test_failures_older_than_15_minutes_no_longer_count(client, user, clock):
    fail(client, user.email, 4)
    clock.shift(timedelta(minutes=16))
    assert fail(client, user.email, 4) == [200] * 4

    assert sign_in(client, user.email, PASSWORD).status_code == 302


def test_the_email_is_counted_whatever_its_letter_case(client, user):
    for spelling in ("Sam@Example.com", "SAM@EXAMPLE.COM", " sam@example.com", "sAm@example.COM"):
        sign_in(client, spelling, "wrong-guess")
    sign_in(client, "sam@example.com", "wrong-guess")

    assert sign_in(client, user.email, PASSWORD).status_code == 429


def test_the_email_is_paused_from_every_address(client, user):
    for n in range(5):
        sign_in(client, user.email, "wrong-guess", address=f"198.51.100.{n + 1}")

    assert sign_in(client, user.email, PASSWORD, address="192.0.2.50").status_code == 429
    # Another person on the first addresses is not held up by it.
    other = UserFactory(email="kim@example.com")
    assert sign_in(client, other.email, PASSWORD, address="198.51.100.1").status_code == 302


def test_one_password_sprayed_across_20_accounts_from_one_address_is_stopped(client):
    people = [UserFactory(email=f"person{n}@example.com") for n in range(20)]

    answers = [sign_in(client, p.email, "Summer2026!").status_code for p in people]

    assert answers[:4] == [200] * 4
    assert answers[4:] == [429] * 16
    # Even the right password of one of them is refused from that address for now...
    assert sign_in(client, people[-1].email, PASSWORD).status_code == 429
    assert not signed_in(client)
    # ...while the same person elsewhere signs in: their account itself saw one failure.
    assert sign_in(client, people[-1].email, PASSWORD, address="192.0.2.9").status_code == 302


def test_a_known_and_an_unknown_email_are_answered_alike(client, user):
    def answers(email, network):
        pages = [sign_in(client, email, "wrong-guess", address=f"{network}.{n}") for n in range(6)]
        return [(page.status_code, page.get("Retry-After"), visible_text(page)) for page in pages]

    known = answers(user.email, "192.0.2")
    unknown = answers("sim@example.com", "198.51.100")

    assert [status for status, _, _ in known] == [200] * 4 + [429] * 2
    assert known == unknown


def test_the_admin_sign_in_is_paused_too(client):
    admin = UserFactory(email="admin@example.com", is_staff=True, is_superuser=True)
    assert fail(client, admin.email, 4, path=ADMIN_LOGIN) == [200] * 4
    assert sign_in(client, admin.email, "wrong-guess", path=ADMIN_LOGIN).status_code == 429

    response = sign_in(client, admin.email, PASSWORD, path=ADMIN_LOGIN)

    assert response.status_code == 429
    assert "Signing in is paused" in visible_text(response)
    assert not signed_in(client)


def test_failures_on_the_admin_and_the_sign_in_page_add_up(client, user):
    fail(client, user.email, 3, path=ADMIN_LOGIN)
    fail(client, user.email, 2)

    assert sign_in(client, user.email, PASSWORD).status_code == 429


def test_the_unlock_command_lets_the_email_sign_in_at_once(client, user):
    fail(client, user.email, 5)
    out = io.StringIO()

    call_command("unlock", "Sam@Example.com", stdout=out)

    assert "Unlocked sam@example.com" in out.getvalue()
    assert sign_in(client, user.email, PASSWORD, address="192.0.2.1").status_code == 302


def test_the_unlock_command_can_clear_an_address(client):
    people = [UserFactory(email=f"p{n}@example.com") for n in range(5)]
    for person in people:
        sign_in(client, person.email, "wrong-guess")
    assert sign_in(client, people[0].email, PASSWORD).status_code == 429

    call_command("unlock", "--address", "203.0.113.7", stdout=io.StringIO())

    assert sign_in(client, people[0].email, PASSWORD).status_code == 302


def test_the_unlock_command_refuses_what_is_not_an_address():
    with pytest.raises(CommandError, match="not an IP address"):
        call_command("unlock", "--address", "nightjar.example.org")
    with pytest.raises(CommandError, match="Give an email"):
        call_command("unlock")


def test_a_new_password_from_the_emailed_link_lifts_the_pause(client, user):
    fail(client, user.email, 5)
    client.post(reverse("password_reset"), {"email": user.email})
    link = re.search(r"https?://[^/\s]+(/accounts/reset/\S+)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    new_password = "lantern-moth-quietly-42"
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
    )

    assert sign_in(client, user.email, new_password, address="192.0.2.1").status_code == 302


# --- the client's address behind a proxy ---------------------------------------------------------


def test_behind_one_proxy_the_address_it_appended_is_counted(client, user, settings):
    settings.NIGHTJAR_PROXY_COUNT = 1
    # The client writes a new made-up address in the header each time; the proxy appends the
    # real one, from which all five come.
    for n in range(5):
        sign_in(
            client,
            f"guess{n}@example.com",
            "wrong-guess",
            address="10.0.0.2",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 203.0.113.66",
        )

    paused = sign_in(
        client, user.email, PASSWORD, address="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.66"
    )
    assert paused.status_code == 429
    # Another client behind the same proxy is not held up.
    other = sign_in(
        client, user.email, PASSWORD, address="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.67"
    )
    assert other.status_code == 302


def test_without_a_proxy_the_header_is_ignored(client, user, settings):
    settings.NIGHTJAR_PROXY_COUNT = 0
    for n in range(5):
        sign_in(
            client,
            f"guess{n}@example.com",
            "wrong-guess",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}",
        )

    assert sign_in(client, user.email, PASSWORD).status_code == 429


def test_a_header_that_is_not_an_address_falls_back_to_the_connection(client, user, settings):
    settings.NIGHTJAR_PROXY_COUNT = 1
    for _ in range(5):
        sign_in(client, "x@example.com", "wrong-guess", HTTP_X_FORWARDED_FOR="not-an-address")

    assert sign_in(client, user.email, PASSWORD).status_code == 429
