from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from tambonplan.directives.models import Acknowledgement, Circular, DownloadLog, Enclosure, Instruction


class InstructionInline(admin.TabularInline):
    model = Instruction
    extra = 0


class EnclosureInline(admin.TabularInline):
    model = Enclosure
    extra = 0


@admin.register(Circular)
class CircularAdmin(SimpleHistoryAdmin):
    list_display = ["number", "subject", "province", "issued_on", "fiscal_year", "report_due"]
    list_filter = ["province", "fiscal_year"]
    search_fields = ["number", "subject"]
    filter_horizontal = ["districts"]
    inlines = [InstructionInline, EnclosureInline]


@admin.register(Acknowledgement)
class AcknowledgementAdmin(admin.ModelAdmin):
    list_display = ["circular", "district", "user", "at"]
    list_filter = ["circular"]


@admin.register(DownloadLog)
class DownloadLogAdmin(admin.ModelAdmin):
    list_display = ["enclosure", "district", "user", "at"]
    list_filter = ["enclosure__circular"]
