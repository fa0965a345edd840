"""``manage.py disable_two_factor USERNAME``: turn two-factor login off for a user who lost the phone with
the authenticator app; the user logs in with the password and may turn it on again."""

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tambonplan.accounts.models import User
from tambonplan.accounts.services import user_disable_totp
from tambonplan.core.commands import AuditedCommand


class Command(AuditedCommand):
    help = gettext_lazy("ปิดการยืนยันตัวตนสองขั้นตอนของผู้ใช้ (เช่น ผู้ใช้ทำโทรศัพท์หาย)")

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, **options):
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(_("ไม่พบผู้ใช้ %(name)s") % {"name": options["username"]})
        user_disable_totp(user=user)
        self.stdout.write(_("ปิดการยืนยันตัวตนสองขั้นตอนของ %(name)s แล้ว") % {"name": user.username})
