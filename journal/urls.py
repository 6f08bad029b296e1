from django.urls import path, re_path

from .views import data, entries, nights, patterns, report, share

# Each block belongs to one feature; keep additions inside the block they belong to.
urlpatterns = [
    # --- home, logging on waking, events, manifest (journal/views/entries.py) ---
    path("", entries.home, name="home"),
    path("log/", entries.log, name="log"),
    path("log/saved/<uuid:pk>/", entries.log_saved, name="log_saved"),
    path("events/new/", entries.event_new, name="event_new"),
    path("events/<uuid:pk>/edit/", entries.event_edit, name="event_edit"),
    path("events/<uuid:pk>/delete/", entries.event_delete, name="event_delete"),
    path("events/<uuid:pk>/undo/", entries.event_undo, name="event_undo"),
    path("manifest.webmanifest", entries.manifest, name="manifest"),
    # --- nights timeline, diary, partner reports, check-ins (journal/views/nights.py) ---
    path("nights/", nights.timeline, name="nights"),
    re_path(r"^nights/(?P<night>\d{4}-\d{2}-\d{2})/$", nights.night, name="night"),
    re_path(
        r"^nights/(?P<night>\d{4}-\d{2}-\d{2})/delete/$",
        nights.night_delete,
        name="night_delete",
    ),
    path("partner/new/", nights.partner_new, name="partner_new"),
    path("partner/<uuid:pk>/edit/", nights.partner_edit, name="partner_edit"),
    path("partner/<uuid:pk>/delete/", nights.partner_delete, name="partner_delete"),
    path("checkin/", nights.checkin, name="checkin"),
    re_path(r"^checkin/(?P<day>\d{4}-\d{2}-\d{2})/$", nights.checkin, name="checkin_day"),
    path("checkin/<uuid:pk>/delete/", nights.checkin_delete, name="checkin_delete"),
    # --- weekly patterns, how-it-works, summary API (journal/views/patterns.py) ---
    path("patterns/", patterns.patterns, name="patterns"),
    path("how-it-works/", patterns.how_it_works, name="how_it_works"),
    path("api/summary", patterns.api_summary, name="api_summary"),
    # --- report, share links, export/import (journal/views/report.py, journal/views/data.py) ---
    path("export/", data.export, name="export"),
    path("export/events.csv", data.export_events_csv, name="export_events_csv"),
    path("import/", data.import_data, name="import"),
    path("report/", report.report_page, name="report"),
    path("report.pdf", report.report_pdf, name="report_pdf"),
    path("share/", share.share, name="share"),
    path("share/<uuid:pk>/revoke/", share.share_revoke, name="share_revoke"),
    path("s/<str:token>/", share.shared_report, name="shared_report"),
    path("s/<str:token>/report.pdf", share.shared_report_pdf, name="shared_report_pdf"),
]
