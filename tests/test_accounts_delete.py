from datetime import UTC, date, datetime

import pytest
from django.urls import reverse

from accounts.models import User
from journal.models import Event, Night, PartnerReport, SymptomCheckin
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def fill_journal(owner, events=2):
    for hour in range(events):
        Event.objects.create(owner=owner, occurred_at=datetime(2026, 11, 2, hour, 10, tzinfo=UTC))
    Night.objects.create(owner=owner, night_of=date(2026, 11, 1))
    PartnerReport.objects.create(
        owner=owner,
        observed_at=datetime(2026, 11, 2, 2, 0, tzinfo=UTC),
        observations=["kicking_punching"],
    )
    SymptomCheckin.objects.create(owner=owner, date=date(2026, 11, 2), foot_cramps=True)


def entry_total(owner):
    return sum(
        Model.objects.for_user(owner).count()
        for Model in (Event, Night, PartnerReport, SymptomCheckin)
    )


def test_it_says_plainly_what_will_be_deleted(signed_in, user):
    fill_journal(user, events=3)

    page = signed_in.get(reverse("delete_account")).content.decode()

    assert "permanently deletes your account" in page
    assert "3 events" in page
    assert "1 night " in page
    assert "1 partner report<" in page
    assert "1 daytime check-in<" in page
    assert "cannot be undone" in page
    assert 'type="password"' in page


def test_a_wrong_password_deletes_nothing(signed_in, user):
    fill_journal(user)

    response = signed_in.post(reverse("delete_account"), {"password": "not-my-password"})

    assert response.status_code == 200
    assert "That is not your password. Nothing has been deleted." in response.content.decode()
    assert User.objects.filter(pk=user.pk).exists()
    assert entry_total(user) == 5
    assert signed_in.session["_auth_user_id"] == str(user.pk)


def test_the_right_password_deletes_the_account_and_only_its_entries(signed_in, user, other_user):
    fill_journal(user)
    fill_journal(other_user, events=4)

    response = signed_in.post(reverse("delete_account"), {"password": PASSWORD})

    assert response.status_code == 200
    assert "Your account has been deleted" in response.content.decode()
    assert not User.objects.filter(pk=user.pk).exists()
    for Model in (Event, Night, PartnerReport, SymptomCheckin):
        assert not Model.objects.filter(owner_id=user.pk).exists()
    assert entry_total(other_user) == 7
    assert "_auth_user_id" not in signed_in.session
    assert signed_in.get(reverse("settings")).status_code == 302
