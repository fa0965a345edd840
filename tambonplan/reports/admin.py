"""District reports in the admin, read-only: reports change state only through the services (with their
rules and events), and submitted versions and review events are records that no one edits or deletes."""

from django.contrib import admin

from tambonplan.reports.models import DistrictReport, Reminder, ReportEvent, ReportVersion


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(DistrictReport)
class DistrictReportAdmin(ReadOnlyAdmin):
    list_display = ["circular", "district", "state", "updated_at"]
    list_filter = ["state", "circular__fiscal_year", "circular__province"]


@admin.register(ReportVersion)
class ReportVersionAdmin(ReadOnlyAdmin):
    list_display = ["report", "number", "submitted_at", "submitted_by", "on_time"]
    list_filter = ["on_time", "report__circular__fiscal_year"]


@admin.register(ReportEvent)
class ReportEventAdmin(ReadOnlyAdmin):
    list_display = ["report", "action", "user", "at"]
    list_filter = ["action"]


@admin.register(Reminder)
class ReminderAdmin(ReadOnlyAdmin):
    list_display = ["circular", "district", "kind", "for_date", "sent_at"]
    list_filter = ["kind"]
