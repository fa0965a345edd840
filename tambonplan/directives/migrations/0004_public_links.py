"""The enclosures' public links (what the QR codes hold) and downloads counted through them.

The token is added without its unique constraint, each existing enclosure (and its history rows) is given a
token of its own, then the constraint is set: a callable default in AddField gives every row the same value.
History rows of deleted enclosures get an empty token. Not atomic as a whole, so PostgreSQL does not refuse
the ALTER after the data step ("pending trigger events"); the data step is atomic by itself.
"""

import secrets

from django.db import migrations, models

import tambonplan.directives.models


def fill_public_tokens(apps, schema_editor):
    Enclosure = apps.get_model("directives", "Enclosure")
    HistoricalEnclosure = apps.get_model("directives", "HistoricalEnclosure")
    for enclosure in Enclosure.objects.only("pk"):
        token = secrets.token_urlsafe(16)
        Enclosure.objects.filter(pk=enclosure.pk).update(public_token=token)
        HistoricalEnclosure.objects.filter(id=enclosure.pk).update(public_token=token)
    HistoricalEnclosure.objects.filter(public_token__isnull=True).update(public_token="")


class Migration(migrations.Migration):
    atomic = False
    dependencies = [
        ("directives", "0003_history_channel"),
    ]

    operations = [
        migrations.AddField(
            model_name="downloadlog",
            name="via_public_link",
            field=models.BooleanField(default=False, verbose_name="ผ่านลิงก์สาธารณะ"),
        ),
        migrations.AddField(
            model_name="enclosure",
            name="public_token",
            field=models.CharField(editable=False, max_length=40, null=True),
        ),
        migrations.AddField(
            model_name="historicalenclosure",
            name="public_token",
            field=models.CharField(editable=False, max_length=40, null=True),
        ),
        migrations.RunPython(fill_public_tokens, migrations.RunPython.noop, atomic=True),
        migrations.AlterField(
            model_name="enclosure",
            name="public_token",
            field=models.CharField(
                default=tambonplan.directives.models.new_token, editable=False, max_length=40, unique=True
            ),
        ),
        migrations.AlterField(
            model_name="historicalenclosure",
            name="public_token",
            field=models.CharField(
                db_index=True, default=tambonplan.directives.models.new_token, editable=False, max_length=40
            ),
        ),
    ]
