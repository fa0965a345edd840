from django.db import migrations, models

from tambonplan.core import crypto


def encrypt_existing_secrets(apps, schema_editor):
    """Secrets stored in clear before this migration are encrypted with the configured key."""
    User = apps.get_model("accounts", "User")
    for user in User.objects.exclude(totp_secret_encrypted=""):
        user.totp_secret_encrypted = crypto.encrypt(user.totp_secret_encrypted)
        user.save(update_fields=["totp_secret_encrypted"])


def decrypt_secrets(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    for user in User.objects.exclude(totp_secret_encrypted=""):
        user.totp_secret_encrypted = crypto.decrypt(user.totp_secret_encrypted)
        user.save(update_fields=["totp_secret_encrypted"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_user_totp_secret"),
    ]

    operations = [
        migrations.RenameField(model_name="user", old_name="totp_secret", new_name="totp_secret_encrypted"),
        migrations.AlterField(
            model_name="user",
            name="totp_secret_encrypted",
            field=models.CharField(
                blank=True,
                editable=False,
                max_length=255,
                verbose_name="รหัสลับการยืนยันตัวตนสองขั้นตอน (เข้ารหัส)",
            ),
        ),
        migrations.AddField(
            model_name="user",
            name="totp_last_step",
            field=models.BigIntegerField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(encrypt_existing_secrets, decrypt_secrets),
    ]
