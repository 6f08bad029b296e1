"""Sign-up (accounts/signup_mail.py): the email first, answered the same for every address; a new
address gets a link to finish, an address with an account a note to its owner."""

import re
from datetime import time, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from accounts import signup_mail
from accounts.models import SignUpMail, User
from tests.factories import PASSWORD, UserFactory
from tests.pages import find, find_all, visible_text

pytestmark = [pytest.mark.django_db, pytest.mark.now("2026-11-20 21:15", tz="Europe/London")]


def ask(client, email):
    return client.post(reverse("signup"), {"email": email})


def link_in(message) -> str:
    return re.search(r"https?://[^/\s]+(/accounts/signup/\S+/)", message.body).group(1)


def set_up_data(**overrides):
    data = {
        "password1": PASSWORD,
        "password2": PASSWORD,
        "time_zone": "Europe/Paris",
        "usual_lights_out": "23:00",
        "usual_minutes_to_fall_asleep": "15",
        "usual_wake": "07:00",
    }
    data.update(overrides)
    return data


@pytest.fixture
def link(client):
    """The link a new address, robin@example.com, was sent."""
    ask(client, "Robin@Example.com")
    return link_in(mail.outbox[-1])


def test_the_first_step_asks_only_for_the_email(client):
    page = client.get(reverse("signup"))

    assert page.status_code == 200
    assert find(page, "input", name="email").attrs["type"] == "email"
    assert [field.attrs["name"] for field in find_all(page, "input", type="email")] == ["email"]
    assert not find_all(page, "input", type="password")
    find(page, "input", type="submit", value="Email me a link")


def test_a_new_address_is_sent_a_link_and_nothing_is_made_yet(client):
    response = ask(client, "Robin@Example.com")

    assert response.status_code == 302
    assert response.url == reverse("signup_sent")
    assert "We sent a link to robin@example.com" in visible_text(client.get(response.url))
    assert not User.objects.exists()
    assert "_auth_user_id" not in client.session
    [message] = mail.outbox
    assert message.to == ["robin@example.com"]
    assert message.subject == "Finish setting up your Nightjar account"
    assert "works for 24 hours" in message.body


def test_an_address_with_an_account_gets_the_same_answer_and_its_owner_a_note(client):
    UserFactory(email="sam@example.com")
    new = ask(client, "Kim@Example.com")
    new_page = visible_text(client.get(new.url))

    existing = ask(client, "Sam@EXAMPLE.com")
    existing_page = visible_text(client.get(existing.url))

    assert (existing.status_code, existing.url) == (new.status_code, new.url)
    assert existing_page == new_page.replace("kim@example.com", "sam@example.com")
    assert User.objects.count() == 1
    assert "_auth_user_id" not in client.session
    note = mail.outbox[-1]
    assert note.to == ["sam@example.com"]
    assert note.subject == "Someone tried to sign up to Nightjar with your address"
    assert "no second one was made" in note.body
    assert "http://testserver/accounts/login/" in note.body
    assert "http://testserver/accounts/password-reset/" in note.body
    assert "/accounts/signup/" not in note.body


@pytest.mark.parametrize("email", ["kim@example.com", "sam@example.com"])
def test_local_runs_say_where_the_mail_is_for_every_address(client, settings, email, capsys):
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    UserFactory(email="sam@example.com")

    page = client.get(ask(client, email).url)

    assert "printed in the terminal window that runs Nightjar" in visible_text(page)
    assert email in capsys.readouterr().out


def test_real_mail_gets_no_terminal_note(client):
    page = client.get(ask(client, "kim@example.com").url)

    assertNotContains(page, "terminal")


def test_the_sent_page_without_a_request_goes_back_to_sign_up(client):
    response = client.get(reverse("signup_sent"))
    assert response.url == reverse("signup")


def test_the_link_asks_for_a_password_the_zone_and_the_usual_night_on_one_screen(client, link):
    page = client.get(link)

    assert page.status_code == 200
    assert "For robin@example.com" in visible_text(page)
    assert [field.attrs["type"] for field in find_all(page, "input", type="password")] == [
        "password",
        "password",
    ]
    assert find(page, "input", name="usual_lights_out").attrs["value"] == "23:00"
    assert find(page, "input", name="usual_minutes_to_fall_asleep").attrs["value"] == "15"
    assert find(page, "input", name="usual_wake").attrs["value"] == "07:00"
    zones = find(page, "select", name="time_zone")
    assert zones.attrs["data-browser-time-zone"] == "fill"
    find(page, "script", src="/static/js/timezone.js")
    assert page["Cache-Control"].startswith("max-age=0")


def test_with_no_javascript_the_zone_is_picked_not_silently_utc(client, link):
    page = client.get(link)
    options = find_all(page, "option")
    assert options[0].attrs["value"] == ""
    assert [option for option in options if "selected" in option.attrs] == [options[0]]

    response = client.post(link, set_up_data(time_zone=""))

    assertContains(response, "Choose your time zone from the list.")
    assert not User.objects.exists()


def test_finishing_makes_the_account_signs_in_and_lands_on_home(client, link):
    response = client.post(
        link,
        set_up_data(
            usual_lights_out="00:30", usual_minutes_to_fall_asleep="40", usual_wake="08:15"
        ),
    )

    assert response.status_code == 302
    assert response.url == reverse("home")
    user = User.objects.get()
    assert user.email == "robin@example.com"
    assert user.check_password(PASSWORD)
    assert user.time_zone == "Europe/Paris"
    assert (user.usual_lights_out, user.usual_minutes_to_fall_asleep, user.usual_wake) == (
        time(0, 30),
        40,
        time(8, 15),
    )
    assert client.session["_auth_user_id"] == str(user.pk)
    assert "Your account is ready" in visible_text(client.get(reverse("home")))


def test_a_used_link_makes_no_second_account(client, link):
    client.post(link, set_up_data())
    client.post(reverse("logout"))

    page = client.get(link)
    again = client.post(link, set_up_data(password1="other-pass-99", password2="other-pass-99"))

    assert "There is already a Nightjar account for robin@example.com" in visible_text(page)
    assert User.objects.count() == 1
    assert User.objects.get().check_password(PASSWORD)
    assert again.status_code == 200


def test_a_link_older_than_a_day_no_longer_works(client, link, clock):
    clock.shift(timedelta(hours=24, seconds=1))

    page = client.get(link)

    assert page.status_code == 400
    assert "This link does not work" in visible_text(page)
    assert client.post(link, set_up_data()).status_code == 400
    assert not User.objects.exists()


def test_a_link_works_until_its_day_is_over(client, link, clock):
    clock.shift(timedelta(hours=23, minutes=59))

    assert client.post(link, set_up_data()).status_code == 302


@pytest.mark.parametrize(
    "mangle",
    [
        # a character of the signed value changed
        lambda link: link.replace(link[20], "A" if link[20] != "A" else "B", 1),
        lambda link: link[:-8] + "/",
        lambda link: "/accounts/signup/not-a-token/",
    ],
)
def test_a_changed_link_does_not_work(client, link, mangle):
    page = client.get(mangle(link))
    assert page.status_code in (400, 404)
    assert not User.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"password1": "password", "password2": "password"}, "This password is too common."),
        ({"password2": PASSWORD + "x"}, "didn’t match"),
        ({"time_zone": "Mars/Olympus_Mons"}, "Choose a time zone from the list"),
        ({"time_zone": "Factory"}, "Choose a time zone from the list"),
        ({"usual_minutes_to_fall_asleep": "721"}, "less than or equal to 720"),
        ({"usual_wake": "25:00"}, "Enter a valid time"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_made(client, link, overrides, message):
    response = client.post(link, set_up_data(**overrides))

    assertContains(response, message)
    assert not User.objects.exists()


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("US/Eastern", "America/New_York"),
        ("Asia/Calcutta", "Asia/Kolkata"),
        ("GB", "Europe/London"),
    ],
)
def test_an_old_zone_name_is_taken_as_the_zone_it_stands_for(client, link, given, kept):
    client.post(link, set_up_data(time_zone=given))

    assert User.objects.get().time_zone == kept


def test_a_signed_in_person_is_sent_home(signed_in):
    link = reverse("signup_confirm", args=[signup_mail.make_token("robin@example.com")])
    assert signed_in.get(reverse("signup")).url == reverse("home")
    assert signed_in.get(link).url == reverse("home")


@pytest.mark.parametrize("has_account", [False, True])
def test_an_address_gets_at_most_three_sign_up_mails_an_hour(client, clock, has_account):
    if has_account:
        UserFactory(email="sam@example.com")
    answers = [ask(client, "Sam@Example.com") for _ in range(5)]

    assert {(answer.status_code, answer.url) for answer in answers} == {
        (302, reverse("signup_sent"))
    }
    assert len(mail.outbox) == 3
    assert "at most 3 of these emails an hour" in visible_text(client.get(reverse("signup_sent")))
    # Another address is not held up, and an hour later this one gets mail again.
    ask(client, "kim@example.com")
    assert len(mail.outbox) == 4
    clock.shift(timedelta(hours=1, seconds=1))
    ask(client, "sam@example.com")
    assert len(mail.outbox) == 5
    assert SignUpMail.objects.count() == 1  # the hour-old ones are gone
