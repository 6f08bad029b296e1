from django.contrib import admin

from journal.models import Event, Night, PartnerReport, SymptomCheckin


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["occurred_at", "night_of", "kind", "owner", "woke_me"]
    list_filter = ["kind", "woke_me"]
    search_fields = ["owner__email"]
    readonly_fields = ["night_of", "created_at", "updated_at"]


@admin.register(PartnerReport)
class PartnerReportAdmin(admin.ModelAdmin):
    list_display = ["observed_at", "night_of", "observer", "owner"]
    search_fields = ["owner__email"]
    readonly_fields = ["night_of", "created_at", "updated_at"]


@admin.register(Night)
class NightAdmin(admin.ModelAdmin):
    list_display = ["night_of", "owner", "tried_to_sleep", "final_wake", "alcohol_drinks"]
    search_fields = ["owner__email"]


@admin.register(SymptomCheckin)
class SymptomCheckinAdmin(admin.ModelAdmin):
    list_display = ["date", "owner"]
    search_fields = ["owner__email"]
