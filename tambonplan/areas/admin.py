from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from tambonplan.areas.models import District, Province, Tambon, Village


@admin.register(Province)
class ProvinceAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name_th", "name_en", "is_active", "is_cd_area"]
    search_fields = ["code", "name_th", "name_en"]


@admin.register(District)
class DistrictAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name_th", "name_en", "province", "is_active"]
    list_filter = ["province"]
    search_fields = ["code", "name_th", "name_en"]


@admin.register(Tambon)
class TambonAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name_th", "name_en", "district", "is_active"]
    search_fields = ["code", "name_th", "name_en"]
    list_select_related = ["district"]


@admin.register(Village)
class VillageAdmin(SimpleHistoryAdmin):
    list_display = ["code", "moo", "name_th", "tambon"]
    search_fields = ["code", "name_th"]
    list_select_related = ["tambon"]
    raw_id_fields = ["tambon"]
