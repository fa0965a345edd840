from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from tambonplan.accounts.models import User


@admin.register(User)
class TambonPlanUserAdmin(UserAdmin):
    list_display = ["username", "first_name", "last_name", "role", "province", "district", "is_active"]
    list_filter = ["role", "is_active", "province"]
    raw_id_fields = ["district", "tambons"]
    fieldsets = UserAdmin.fieldsets + (
        (_("บทบาทและพื้นที่"), {"fields": ["role", "province", "district", "tambons", "position", "phone"]}),
        (_("การแสดงผล"), {"fields": ["digit_style"]}),
    )
