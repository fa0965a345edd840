"""The default indicator catalogue (จปฐ. 2566-2570, กชช.2ค items): editable data, not confirmed against the
Community Development Department's publication (see villagedata/defaults.py)."""

from django.db import migrations

from tambonplan.villagedata.defaults import seed_indicators


def forwards(apps, schema_editor):
    seed_indicators(apps.get_model("villagedata", "Indicator"))


class Migration(migrations.Migration):
    dependencies = [("villagedata", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
