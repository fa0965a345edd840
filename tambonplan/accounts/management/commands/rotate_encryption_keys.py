"""``manage.py rotate_encryption_keys``: encrypt every stored two-factor secret again with the first key of
FIELD_ENCRYPTION_KEYS, after a new key was put first; then the old keys can be removed."""

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tambonplan.accounts.services import users_reencrypt_totp_secrets
from tambonplan.core.commands import AuditedCommand
from tambonplan.core.crypto import DecryptionError


class Command(AuditedCommand):
    help = gettext_lazy("เข้ารหัสรหัสลับการยืนยันตัวตนสองขั้นตอนใหม่ด้วยกุญแจแรกของ FIELD_ENCRYPTION_KEYS")

    def handle(self, *args, **options):
        try:
            count = users_reencrypt_totp_secrets()
        except DecryptionError:
            raise CommandError(
                _("มีรหัสลับที่ถอดรหัสด้วยกุญแจใน FIELD_ENCRYPTION_KEYS ไม่ได้ ไม่ได้เปลี่ยนแปลงข้อมูลใด ๆ")
            ) from None
        self.stdout.write(_("เข้ารหัสใหม่แล้ว %(count)s บัญชี") % {"count": count})
