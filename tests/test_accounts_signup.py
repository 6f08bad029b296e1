import pytest
from django.urls import reverse

from accounts.models import User
from tests.conftest import PASSWORD, make_user

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
    page = response.content.decode()
    assert 'name="email"' in page
    assert 'name="password1"' in page and 'name="password2"' in page
    assert '<option value="Europe/London"' in page
    assert 'data-browser-time-zone="fill"' in page
    assert "js/timezone.js" in page


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
    make_user(email="sam@example.com")

    response = client.post(reverse("signup"), signup_data(email="Sam@EXAMPLE.com"))

    assert response.status_code == 200
    assert "There is already an account with this email" in response.content.decode()
    assert User.objects.count() == 1
    assert "_auth_user_id" not in client.session


def test_it_rejects_a_weak_password(client):
    response = client.post(
        reverse("signup"), signup_data(password1="password", password2="password")
    )

    assert response.status_code == 200
    assert "This password is too common." in response.content.decode()
    assert not User.objects.exists()


def test_it_rejects_passwords_that_do_not_match(client):
    response = client.post(reverse("signup"), signup_data(password2=PASSWORD + "x"))

    assert response.status_code == 200
    assert "didn’t match" in response.content.decode()
    assert not User.objects.exists()


def test_it_rejects_an_unknown_time_zone(client):
    response = client.post(reverse("signup"), signup_data(time_zone="Mars/Olympus_Mons"))

    assert response.status_code == 200
    assert "Choose a time zone from the list" in response.content.decode()
    assert not User.objects.exists()


def test_it_sends_a_signed_in_person_home(signed_in):
    response = signed_in.get(reverse("signup"))
    assert response.status_code == 302
    assert response.url == reverse("home")
