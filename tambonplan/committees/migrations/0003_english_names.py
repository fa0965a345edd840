from django.db import migrations, models

from tambonplan.committees.defaults import fill_english_names


def forwards(apps, schema_editor):
    fill_english_names(
        apps.get_model("committees", "CommitteeKind"), apps.get_model("committees", "Position")
    )


class Migration(migrations.Migration):
    dependencies = [("committees", "0002_seed_defaults")]

    operations = [
        migrations.AddField(
            model_name="committeekind",
            name="name_en",
            field=models.CharField(blank=True, max_length=200, verbose_name="ชื่อภาษาอังกฤษ"),
        ),
        migrations.AddField(
            model_name="committeekind",
            name="short_name_en",
            field=models.CharField(blank=True, max_length=30, verbose_name="ชื่อย่อภาษาอังกฤษ"),
        ),
        migrations.AddField(
            model_name="historicalcommitteekind",
            name="name_en",
            field=models.CharField(blank=True, max_length=200, verbose_name="ชื่อภาษาอังกฤษ"),
        ),
        migrations.AddField(
            model_name="historicalcommitteekind",
            name="short_name_en",
            field=models.CharField(blank=True, max_length=30, verbose_name="ชื่อย่อภาษาอังกฤษ"),
        ),
        migrations.AddField(
            model_name="position",
            name="name_en",
            field=models.CharField(blank=True, max_length=100, verbose_name="ชื่อภาษาอังกฤษ"),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
