from django.db import migrations

from tambonplan.committees.defaults import seed_defaults


def forwards(apps, schema_editor):
    seed_defaults(
        apps.get_model("committees", "CommitteeKind"),
        apps.get_model("committees", "Position"),
        apps.get_model("committees", "CompositionTemplate"),
        apps.get_model("committees", "TemplateSlot"),
    )


class Migration(migrations.Migration):
    dependencies = [("committees", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
