from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from tambonplan.partners.models import (
    Commitment,
    CoordinationRecord,
    Milestone,
    Partner,
    PartnerArea,
)
from tambonplan.partners.names import name_key
from tambonplan.partners.selectors import abbreviations_for


class PartnerAreaInline(admin.TabularInline):
    model = PartnerArea
    extra = 0


@admin.register(Partner)
class PartnerAdmin(SimpleHistoryAdmin):
    list_display = ["name", "partner_type", "level", "province", "is_active"]
    list_filter = ["partner_type", "level", "is_active", "province"]
    search_fields = ["name", "name_key", "contact_name"]
    filter_horizontal = ["focus_categories"]
    inlines = [PartnerAreaInline]

    def save_model(self, request, obj, form, change):
        obj.name_key = name_key(obj.name, abbreviations_for(obj.province_id))
        super().save_model(request, obj, form, change)


@admin.register(Commitment)
class CommitmentAdmin(SimpleHistoryAdmin):
    list_display = ["partner", "project", "fiscal_year", "kind", "status", "amount", "estimated_value"]
    list_filter = ["status", "kind", "fiscal_year"]
    raw_id_fields = ["partner", "project"]


@admin.register(CoordinationRecord)
class CoordinationRecordAdmin(SimpleHistoryAdmin):
    list_display = ["subject", "partner", "kind", "happened_on"]
    list_filter = ["kind"]
    raw_id_fields = ["partner", "event", "project"]


@admin.register(Milestone)
class MilestoneAdmin(SimpleHistoryAdmin):
    list_display = ["name", "project", "weight", "due_on", "done_on"]
    raw_id_fields = ["project"]
