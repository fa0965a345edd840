"""The base of every management command of the project."""

from django.core.management.base import BaseCommand

from tambonplan.core.history import Channel, recorded_as


class AuditedCommand(BaseCommand):
    """A management command whose changes the audit trail shows as made by a system command (an import
    service it calls still records them as imported)."""

    def execute(self, *args, **options):
        with recorded_as(Channel.COMMAND):
            return super().execute(*args, **options)
