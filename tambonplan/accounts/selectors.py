from django.shortcuts import get_object_or_404

from tambonplan.accounts.models import Role, User
from tambonplan.areas.models import District, Province, Tambon


def users_managed_by(actor: User):
    return User.objects.in_scope(actor).select_related("province", "district").prefetch_related("tambons")


def managed_user(actor: User, pk: int) -> User:
    return get_object_or_404(users_managed_by(actor), pk=pk)


def assignable_areas(actor: User) -> dict:
    """The provinces, districts and tambons a manager may bind its users to."""
    return {
        "provinces": Province.objects.in_scope(actor).active().filter(is_cd_area=True),
        "districts": District.objects.in_scope(actor).active().select_related("province"),
        "tambons": Tambon.objects.in_scope(actor).active().select_related("district"),
    }


def backup_codes_left(user) -> int:
    """How many of the user's two-factor backup codes are still unused."""
    return user.backup_codes.filter(used_at__isnull=True).count()


def district_officer_emails(district_codes) -> list[str]:
    """The e-mail addresses of the active district officers of these districts, sorted, without duplicates
    (whom a circular and a report reminder are sent to)."""
    emails = (
        User.objects.filter(role=Role.DISTRICT, is_active=True, district_id__in=list(district_codes))
        .exclude(email="")
        .values_list("email", flat=True)
    )
    return sorted({email.strip() for email in emails if email and email.strip()})
