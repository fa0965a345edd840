from django.db import migrations, models

from tambonplan.planning.defaults import fill_english_names


def forwards(apps, schema_editor):
    fill_english_names(
        apps.get_model("planning", "NeedCategory"),
        apps.get_model("planning", "ProjectClass"),
        apps.get_model("planning", "StepDefinition"),
    )


class Migration(migrations.Migration):
    dependencies = [("planning", "0003_project_priority_nulls_last")]

    operations = [
        migrations.AddField(
            model_name="historicalstepdefinition",
            name="name_en",
            field=models.CharField(blank=True, max_length=200, verbose_name="ชื่อภาษาอังกฤษ"),
        ),
        migrations.AddField(
            model_name="needcategory",
            name="name_en",
            field=models.CharField(blank=True, max_length=100, verbose_name="ชื่อภาษาอังกฤษ"),
        ),
        migrations.AddField(
            model_name="projectclass",
            name="name_en",
            field=models.CharField(blank=True, max_length=100, verbose_name="ชื่อภาษาอังกฤษ"),
        ),
        migrations.AddField(
            model_name="stepdefinition",
            name="name_en",
            field=models.CharField(blank=True, max_length=200, verbose_name="ชื่อภาษาอังกฤษ"),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
