import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

from accounts.models import User
from tests.factories import PASSWORD, UserFactory
from tests.pages import find

pytestmark = pytest.mark.django_db


def signup_data(**overrides):
    data = {
        "email": "robin@example.com",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "time_zone": "Europe/Paris",
    }
    data.update(overrides)
    return data


def test_it_shows_the_sign_up_form_with_a_time_zone_list(client):
    response = client.get(reverse("signup"))
    assert response.status_code == 200
    assert find(response, "input", name="email").attrs["type"] == "email"
    for password in ("password1", "password2"):
        assert find(response, "input", name=password).attrs["type"] == "password"
    zones = find(response, "select", name="time_zone")
    assert zones.attrs["data-browser-time-zone"] == "fill"
    find(response, "option", value="Europe/London")
    find(response, "script", src="/static/js/timezone.js")


def test_it_creates_the_account_signs_in_and_lands_on_home(client):
    response = client.post(reverse("signup"), signup_data(email="Robin@Example.com"))

    assert response.status_code == 302
    assert response.url == reverse("home")
    user = User.objects.get()
    assert user.email == "robin@example.com"
    assert user.time_zone == "Europe/Paris"
    assert user.check_password(PASSWORD)
    assert client.session["_auth_user_id"] == str(user.pk)


def test_it_rejects_an_email_already_used_in_another_case(client):
    UserFactory(email="sam@example.com")

    response = client.post(reverse("signup"), signup_data(email="Sam@EXAMPLE.com"))

    assertContains(response, "There is already an account with this email")
    assert User.objects.count() == 1
    assert "_auth_user_id" not in client.session


def test_it_rejects_a_weak_password(client):
    response = client.post(
        reverse("signup"), signup_data(password1="password", password2="password")
    )

    assertContains(response, "This password is too common.")
    assert not User.objects.exists()


def test_it_rejects_passwords_that_do_not_match(client):
    response = client.post(reverse("signup"), signup_data(password2=PASSWORD + "x"))

    assertContains(response, "didn’t match")
    assert not User.objects.exists()


def test_it_rejects_an_unknown_time_zone(client):
    response = client.post(reverse("signup"), signup_data(time_zone="Mars/Olympus_Mons"))

    assertContains(response, "Choose a time zone from the list")
    assert not User.objects.exists()


def test_it_sends_a_signed_in_person_home(signed_in):
    response = signed_in.get(reverse("signup"))
    assert response.status_code == 302
    assert response.url == reverse("home")
