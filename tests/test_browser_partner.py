"""The partner's own link in a real Chromium at phone size, with no account: the episode timer
(which survives a reload and warns at 5 minutes), saving, undo, offline saving, and a plain 404
once the link is revoked."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from journal.models import PartnerReport
from tests.factories import EventFactory, PartnerLinkFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def link(user):
    return PartnerLinkFactory(owner=user, label="Sam")


@pytest.fixture
def partner_page(phone, link):
    phone.goto(f"/p/{link.token}/")
    return phone


def wait_for_reports(count, timeout=10.0):
    deadline = timezone.now() + timedelta(seconds=timeout)
    while PartnerReport.objects.count() != count and timezone.now() < deadline:
        pass
    return list(PartnerReport.objects.all())


def test_the_partner_times_an_episode_and_saves_it(partner_page, user, link):
    phone = partner_page
    expect(phone.get_by_role("group", name="What are you seeing?")).to_be_visible()
    started_after = timezone.now()
    phone.get_by_role("button", name="Start").click()
    expect(phone.get_by_role("button", name="Stop")).to_be_visible()
    phone.wait_for_timeout(2200)

    # The phone locks or the page reloads: the timer keeps its start.
    phone.reload()
    expect(phone.get_by_role("button", name="Stop")).to_be_visible()
    expect(phone.locator("[data-timer-clock]")).to_have_text(re.compile(r"0:0[2-9]"))
    phone.get_by_role("button", name="Stop").click()
    expect(phone.get_by_text(re.compile("It lasted [2-9] s"))).to_be_visible()
    seconds = int(phone.get_by_label("How long, in seconds (if you know)").input_value())
    assert 2 <= seconds <= 9

    phone.get_by_text("Kicking or punching", exact=True).click()
    phone.get_by_text("Left leg", exact=True).click()
    phone.get_by_role("button", name="Save what I saw").click()

    expect(phone.get_by_text("Saved: Kicking or punching.")).to_be_visible()
    report = PartnerReport.objects.get()
    assert (report.owner, report.observer, report.partner_link) == (user, "Sam", link)
    assert (report.observations, report.body_parts) == (["kicking_punching"], ["left_leg"])
    assert report.duration_seconds == seconds
    assert (
        started_after - timedelta(seconds=1)
        <= report.observed_at
        <= started_after + timedelta(seconds=2)
    )


def test_at_five_minutes_the_emergency_guidance_cannot_be_missed(partner_page):
    phone = partner_page
    emergency = phone.get_by_role("alert").filter(has_text="5 minutes: call emergency services")
    expect(emergency).to_be_hidden()

    # An episode that began five minutes and a second ago (the start is kept on the phone).
    phone.evaluate(
        "localStorage.setItem('nightjar-episode-start:' + location.pathname, Date.now() - 301000)"
    )
    phone.reload()

    expect(emergency).to_be_visible()
    expect(emergency).to_contain_text("a seizure lasts more than 5 minutes")
    expect(emergency).to_contain_text("one seizure follows another")
    expect(emergency).to_contain_text("trouble breathing")
    expect(emergency).to_contain_text("Source: CDC, Seizure First Aid")
    box = emergency.bounding_box()
    assert box["height"] > 150
    assert (
        phone.evaluate("getComputedStyle(document.querySelector('.emergency-now')).backgroundColor")
        == "rgb(176, 0, 32)"
    )


def test_a_long_episode_saved_by_the_partner_shows_the_guidance_first(partner_page, user):
    phone = partner_page
    phone.evaluate(
        "localStorage.setItem('nightjar-episode-start:' + location.pathname, Date.now() - 330000)"
    )
    phone.reload()
    phone.get_by_text("Shaking all over", exact=True).click()
    phone.get_by_role("button", name="Save what I saw").click()

    guidance = phone.get_by_role("alert").filter(has_text="Seek medical attention")
    expect(guidance).to_be_visible()
    expect(guidance).to_contain_text("An episode lasted 5 minutes or more")
    report = PartnerReport.objects.get()
    assert report.duration_seconds >= 330
    assert report.red_flag_titles == ["An episode lasted 5 minutes or more"]


def test_the_partner_undoes_what_they_just_added_and_sees_nothing_else(partner_page, user):
    EventFactory(owner=user, kind="cramp", occurred_at=timezone.now(), notes="not for Sam")
    phone = partner_page
    phone.get_by_text("Talking or shouting", exact=True).click()
    phone.get_by_role("button", name="Save what I saw").click()
    expect(phone.get_by_role("heading", name=re.compile("Added from this phone"))).to_be_visible()
    expect(phone.get_by_text("not for Sam")).to_have_count(0)
    expect(phone.get_by_role("link")).to_have_count(0)

    phone.get_by_role("button", name=re.compile("Undo Talking or shouting")).click()

    expect(phone.get_by_text("Removed. It is no longer in the journal.")).to_be_visible()
    assert not PartnerReport.objects.exists()


def test_offline_the_partners_save_is_kept_and_sent_once_when_back(partner_page, user):
    phone = partner_page
    expect(phone.locator("html")).to_have_attribute("data-offline-ready", "yes", timeout=15_000)
    phone.context.set_offline(True)
    phone.get_by_text("Twitching", exact=True).click()
    phone.get_by_role("button", name="Save what I saw").click()
    expect(
        phone.get_by_text(re.compile("Saved on this phone — will be sent when you're back online"))
    ).to_be_visible()
    phone.reload()  # the page opens offline too, and still shows what is waiting
    expect(phone.get_by_text(re.compile("1 entry waiting"))).to_be_visible()
    assert not PartnerReport.objects.exists()

    phone.context.set_offline(False)

    expect(phone.locator("html")).to_have_attribute("data-queue-count", "0")
    reports = wait_for_reports(1)
    assert [r.observations for r in reports] == [["twitching"]]


def test_a_revoked_link_is_a_plain_404(partner_page, link):
    link.revoked_at = timezone.now()
    link.save()

    response = partner_page.goto(f"/p/{link.token}/")

    assert response.status == 404
    expect(partner_page.get_by_text("What are you seeing?")).to_have_count(0)
