from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from tambonplan.committees.models import (
    AppointmentOrder,
    Committee,
    CommitteeKind,
    CompositionTemplate,
    Member,
    Position,
    ReviewDeadline,
    TemplateSlot,
)


@admin.register(CommitteeKind)
class CommitteeKindAdmin(SimpleHistoryAdmin):
    list_display = ["short_name", "name_th", "level", "is_socho", "is_reviewed", "sort_order"]
    list_editable = ["sort_order"]


@admin.register(Position)
class PositionAdmin(admin.ModelAdmin):
    list_display = ["name_th", "is_chair", "is_secretary", "sort_order"]
    list_editable = ["sort_order"]


class TemplateSlotInline(admin.TabularInline):
    model = TemplateSlot
    extra = 0


@admin.register(CompositionTemplate)
class CompositionTemplateAdmin(SimpleHistoryAdmin):
    list_display = ["kind", "province", "min_members", "max_members"]
    list_filter = ["kind"]
    inlines = [TemplateSlotInline]


@admin.register(Committee)
class CommitteeAdmin(SimpleHistoryAdmin):
    list_display = ["kind", "area_code", "province", "district"]
    list_filter = ["kind", "province"]
    search_fields = ["area_code"]
    raw_id_fields = ["province", "district", "tambon", "village"]


@admin.register(AppointmentOrder)
class AppointmentOrderAdmin(SimpleHistoryAdmin):
    list_display = ["committee", "number", "state", "signed_on", "effective_on"]
    list_filter = ["state", "committee__kind"]
    raw_id_fields = ["committee", "created_by"]


@admin.register(Member)
class MemberAdmin(SimpleHistoryAdmin):
    list_display = ["full_name", "position", "order", "status"]
    raw_id_fields = ["order"]


@admin.register(ReviewDeadline)
class ReviewDeadlineAdmin(SimpleHistoryAdmin):
    list_display = ["province", "fiscal_year", "review_date"]
