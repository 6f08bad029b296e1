from datetime import date

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

from accounts.models import User
from journal.models import Event, Night, PartnerReport, SymptomCheckin
from tests.factories import (
    PASSWORD,
    EventFactory,
    NightFactory,
    PartnerReportFactory,
    SymptomCheckinFactory,
    journal_counts,
)
from tests.pages import find

pytestmark = pytest.mark.django_db


def fill_journal(owner, events=2):
    night = date(2026, 11, 1)
    for hour in range(events):
        EventFactory(owner=owner, night=night, clock=f"{hour:02d}:10")
    NightFactory(owner=owner, night_of=night)
    PartnerReportFactory(owner=owner, night=night, observations=["kicking_punching"])
    SymptomCheckinFactory(owner=owner, date=date(2026, 11, 2), foot_cramps=True)


def entry_total(owner):
    return sum(journal_counts(owner).values())


def test_it_says_plainly_what_will_be_deleted(signed_in, user):
    fill_journal(user, events=3)

    page = signed_in.get(reverse("delete_account"))

    assertContains(page, "permanently deletes your account")
    for item in (
        "3 events",
        "1 night (morning check-ins)",
        "1 partner report",
        "1 daytime check-in",
    ):
        assertContains(page, f"<li>{item}</li>", html=True)
    assertContains(page, "cannot be undone")
    assert find(page, "input", type="password").attrs["name"] == "password"


def test_a_wrong_password_deletes_nothing(signed_in, user):
    fill_journal(user)

    response = signed_in.post(reverse("delete_account"), {"password": "not-my-password"})

    assertContains(response, "That is not your password. Nothing has been deleted.")
    assert User.objects.filter(pk=user.pk).exists()
    assert entry_total(user) == 5
    assert signed_in.session["_auth_user_id"] == str(user.pk)


def test_the_right_password_deletes_the_account_and_only_its_entries(signed_in, user, other_user):
    fill_journal(user)
    fill_journal(other_user, events=4)

    response = signed_in.post(reverse("delete_account"), {"password": PASSWORD})

    assertContains(response, "Your account has been deleted")
    assert not User.objects.filter(pk=user.pk).exists()
    for Model in (Event, Night, PartnerReport, SymptomCheckin):
        assert not Model.objects.filter(owner_id=user.pk).exists()
    assert entry_total(other_user) == 7
    assert "_auth_user_id" not in signed_in.session
    assert signed_in.get(reverse("settings")).status_code == 302
