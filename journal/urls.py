from datetime import date

from django.urls import path, register_converter
from django.utils import timezone

from journal.rules import bounds
from journal.views import (
    data,
    entries,
    nights,
    offline,
    partner_links,
    partner_page,
    patterns,
    red_flags,
    report,
    share,
    stages,
)


class IsoDateConverter:
    """A day in a path, written YYYY-MM-DD; one that is not a real date, or is before 1900 or
    after today anywhere on Earth (journal.rules.bounds), matches nothing (404). The view then
    checks it against the person's own zone."""

    regex = r"\d{4}-\d{2}-\d{2}"

    def to_python(self, value: str) -> date:
        day = date.fromisoformat(value)
        if not bounds.day_in_range(day, bounds.latest_day_anywhere(timezone.now())):
            raise ValueError(value)
        return day

    def to_url(self, value) -> str:
        return value.isoformat() if isinstance(value, date) else str(value)


register_converter(IsoDateConverter, "isodate")

# Each block belongs to one feature; keep additions inside the block they belong to.
urlpatterns = [
    # --- home, logging on waking, events, manifest (journal/views/entries.py) ---
    path("", entries.home, name="home"),
    path("log/", entries.log, name="log"),
    path("log/saved/<uuid:pk>/", entries.log_saved, name="log_saved"),
    path("events/new/", entries.event_new, name="event_new"),
    path("events/<uuid:pk>/edit/", entries.EventEdit.as_view(), name="event_edit"),
    path("events/<uuid:pk>/delete/", entries.EventDelete.as_view(), name="event_delete"),
    path("events/<uuid:pk>/undo/", entries.event_undo, name="event_undo"),
    path("manifest.webmanifest", entries.manifest, name="manifest"),
    path("red-flags/<uuid:pk>/seen/", red_flags.acknowledge, name="red_flag_seen"),
    # --- working offline: service worker, offline page, queue session (journal/views/offline.py)
    path("sw.js", offline.service_worker, name="service_worker"),
    path("offline/", offline.offline_page, name="offline"),
    path("offline/session", offline.session, name="offline_session"),
    # --- nights timeline, diary, partner reports, check-ins (journal/views/nights.py) ---
    path("nights/", nights.timeline, name="nights"),
    path("nights/<isodate:night>/", nights.night, name="night"),
    path("nights/<isodate:night>/delete/", nights.DiaryDelete.as_view(), name="night_delete"),
    path("partner/new/", nights.partner_new, name="partner_new"),
    path("partner/<uuid:pk>/edit/", nights.PartnerEdit.as_view(), name="partner_edit"),
    path("partner/<uuid:pk>/delete/", nights.PartnerDelete.as_view(), name="partner_delete"),
    path("checkin/", nights.checkin, name="checkin"),
    path("checkin/<isodate:day>/", nights.checkin, name="checkin_day"),
    path("checkin/<uuid:pk>/delete/", nights.CheckinDelete.as_view(), name="checkin_delete"),
    # --- weekly patterns, how-it-works, summary API (journal/views/patterns.py) ---
    path("patterns/", patterns.patterns, name="patterns"),
    path("how-it-works/", patterns.how_it_works, name="how_it_works"),
    path("api/summary", patterns.api_summary, name="api_summary"),
    # --- report, share links, export/import (journal/views/report.py, journal/views/data.py) ---
    path("export/", data.export, name="export"),
    path("export/events.csv", data.export_events_csv, name="export_events_csv"),
    path("import/", data.import_data, name="import"),
    path(
        "import/stages/<uuid:pk>/progress.json",
        data.stage_import_progress,
        name="stage_import_progress",
    ),
    # --- recorded sleep stages by source, deleting a source (journal/views/stages.py) ---
    path("stages/", stages.stage_sources, name="stage_sources"),
    path("stages/delete/", stages.stage_source_delete, name="stage_source_delete"),
    path("report/", report.report_page, name="report"),
    path("report.pdf", report.report_pdf, name="report_pdf"),
    path("share/", share.share, name="share"),
    path("share/<uuid:pk>/revoke/", share.share_revoke, name="share_revoke"),
    path("s/<str:token>/", share.shared_report, name="shared_report"),
    path("s/<str:token>/report.pdf", share.shared_report_pdf, name="shared_report_pdf"),
    # --- the partner's own link (journal/views/partner_links.py, journal/views/partner_page.py)
    path("settings/partner/", partner_links.partner_links_page, name="partner_links"),
    path(
        "settings/partner/<uuid:pk>/revoke/",
        partner_links.partner_link_revoke,
        name="partner_link_revoke",
    ),
    path("p/<str:token>/", partner_page.partner_page, name="partner_page"),
    path("p/<str:token>/undo/<uuid:pk>/", partner_page.partner_undo, name="partner_undo"),
    path(
        "p/<str:token>/manifest.webmanifest",
        partner_page.partner_manifest,
        name="partner_manifest",
    ),
]
