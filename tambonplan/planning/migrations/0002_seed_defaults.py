from django.db import migrations

from tambonplan.planning.defaults import seed_defaults


def forwards(apps, schema_editor):
    seed_defaults(apps.get_model("planning", "NeedCategory"), apps.get_model("planning", "ProjectClass"))


class Migration(migrations.Migration):
    dependencies = [("planning", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
