import re

import pytest
from django.core import mail
from django.urls import reverse
from pytest_django.asserts import assertContains

from tests.factories import PASSWORD
from tests.pages import find, hrefs, visible_text

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "lantern-moth-quietly-42"


def signed_in_user_id(client):
    return client.session.get("_auth_user_id")


def test_the_sign_in_page_has_labelled_fields_and_a_forgotten_password_link(client):
    page = client.get(reverse("login"))
    assert find(page, "label", **{"for": "id_username"}).text.startswith("Email")
    assert find(page, "input", id="id_username").attrs["type"] == "email"
    assert find(page, "label", **{"for": "id_password"}).text.startswith("Password")
    assert find(page, "input", id="id_password").attrs["type"] == "password"
    find(page, "input", type="submit", value="Sign in")
    assertContains(page, "Forgot your password?")
    assert {reverse("password_reset"), reverse("signup")} <= set(hrefs(page))


def test_it_signs_in_by_email_whatever_its_case(client, user):
    response = client.post(reverse("login"), {"username": "SAM@Example.COM", "password": PASSWORD})

    assert response.status_code == 302
    assert response.url == reverse("home")
    assert signed_in_user_id(client) == str(user.pk)


def test_it_refuses_a_wrong_password_with_a_clear_message(client, user):
    response = client.post(reverse("login"), {"username": user.email, "password": "nope"})

    assert "don't match an account" in visible_text(response)
    assert signed_in_user_id(client) is None


def test_it_does_not_sign_out_on_get(signed_in, user):
    response = signed_in.get(reverse("logout"))

    assert response.status_code == 405
    assert signed_in_user_id(signed_in) == str(user.pk)


def test_it_signs_out_on_post(signed_in):
    response = signed_in.post(reverse("logout"))

    assert response.status_code == 302
    assert response.url == reverse("login")
    assert signed_in_user_id(signed_in) is None


@pytest.mark.parametrize("name", ["settings", "delete_account", "password_change"])
def test_it_sends_anonymous_visitors_to_sign_in(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={reverse(name)}"


def test_it_changes_the_password(signed_in, user):
    response = signed_in.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert response.status_code == 302
    assert response.url == reverse("password_change_done")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert signed_in_user_id(signed_in) == str(user.pk)


def test_it_keeps_the_password_when_the_current_one_is_wrong(signed_in, user):
    response = signed_in.post(
        reverse("password_change"),
        {"old_password": "wrong", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assertContains(response, "Your old password was entered incorrectly")
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_a_password_reset_email_has_a_link_that_sets_a_new_password(client, user):
    response = client.post(reverse("password_reset"), {"email": "Sam@Example.com"})

    assert response.status_code == 302
    assert response.url == reverse("password_reset_done")
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["sam@example.com"]
    assert email.subject == "Reset your Nightjar password"
    link = re.search(r"https?://[^/\s]+(/accounts/reset/\S+)", email.body).group(1)

    form_page = client.get(link, follow=True)
    assertContains(form_page, "Choose a new password")

    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert response.url == reverse("password_reset_complete")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_a_used_reset_link_says_it_no_longer_works(client, user):
    client.post(reverse("password_reset"), {"email": user.email})
    link = re.search(r"https?://[^/\s]+(/accounts/reset/\S+)", mail.outbox[0].body).group(1)
    user.set_password(NEW_PASSWORD)
    user.save()

    assertContains(client.get(link, follow=True), "This link no longer works")


def test_a_reset_for_an_unknown_email_sends_nothing_but_looks_the_same(client, user):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.com"})

    assert response.status_code == 302
    assert response.url == reverse("password_reset_done")
    assert mail.outbox == []
