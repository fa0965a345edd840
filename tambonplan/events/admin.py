from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from tambonplan.events.models import AttendanceCount, Attendee, Event, EventPhoto


class AttendanceCountInline(admin.TabularInline):
    model = AttendanceCount
    extra = 0


@admin.register(Event)
class EventAdmin(SimpleHistoryAdmin):
    list_display = ["title", "kind", "fiscal_year", "starts_at", "area_code"]
    list_filter = ["kind", "fiscal_year", "province"]
    search_fields = ["title", "area_code"]
    raw_id_fields = ["province", "district", "tambon", "village", "created_by"]
    filter_horizontal = ["facilitators"]
    inlines = [AttendanceCountInline]


@admin.register(Attendee)
class AttendeeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "group", "event", "via_checkin", "created_at"]
    list_filter = ["group", "via_checkin"]
    raw_id_fields = ["event", "member"]


@admin.register(EventPhoto)
class EventPhotoAdmin(SimpleHistoryAdmin):
    list_display = ["event", "caption", "uploaded_at"]
    raw_id_fields = ["event", "uploaded_by"]
