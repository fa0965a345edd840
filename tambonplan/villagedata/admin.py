from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from tambonplan.villagedata import services
from tambonplan.villagedata.models import Indicator, IndicatorResult


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    """The catalogue is data: the seeded defaults are not confirmed against the Department's publication."""

    list_display = ["survey", "period", "code", "name_th", "group_th", "target_percent", "sort_order"]
    list_filter = ["survey", "period", "group_th"]
    search_fields = ["code", "name_th"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "target_percent" in form.changed_data:
            services.indicator_results_recheck(indicator=obj)


@admin.register(IndicatorResult)
class IndicatorResultAdmin(SimpleHistoryAdmin):
    list_display = [
        "village",
        "indicator",
        "year",
        "households_passed",
        "households_surveyed",
        "level",
        "passed",
    ]
    list_filter = ["indicator__survey", "year", "passed"]
    search_fields = ["village__code", "indicator__code"]
    raw_id_fields = ["village", "indicator"]
