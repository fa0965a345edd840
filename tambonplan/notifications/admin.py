from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from tambonplan.notifications.models import (
    Delivery,
    DeliveryStatus,
    LineAccount,
    LineGroup,
    Notification,
    ProvincePolicy,
)


class FailedFilter(admin.SimpleListFilter):
    title = _("ส่งไม่สำเร็จ")
    parameter_name = "failed"

    def lookups(self, request, model_admin):
        return [("yes", _("ส่งไม่สำเร็จ (เลิกส่งหรือรอส่งใหม่)"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(status__in=(DeliveryStatus.FAILED, DeliveryStatus.RETRYING))
        return queryset


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = [
        "created_at",
        "kind",
        "channel",
        "recipient",
        "status",
        "attempts",
        "next_attempt_at",
        "sent_at",
    ]
    list_filter = [FailedFilter, "status", "channel", "kind"]
    search_fields = ["event_key", "recipient", "title"]
    readonly_fields = [field.name for field in Delivery._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "user", "kind", "title", "read_at"]
    list_filter = ["kind"]
    search_fields = ["title", "event_key", "user__username"]
    readonly_fields = [field.name for field in Notification._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(LineAccount)
class LineAccountAdmin(admin.ModelAdmin):
    list_display = ["user", "linked_at", "is_demo"]
    search_fields = ["user__username"]


@admin.register(LineGroup)
class LineGroupAdmin(admin.ModelAdmin):
    list_display = ["area_code", "linked_by", "linked_at", "is_demo"]


@admin.register(ProvincePolicy)
class ProvincePolicyAdmin(admin.ModelAdmin):
    list_display = ["province", "deadline_reminders_mandatory", "updated_by", "updated_at"]
