"""Background tasks of the reports app (django-tasks): arguments are ids, never model instances."""

from django_tasks import task

from tambonplan.reports import reminders


@task()
def send_reminder_task(reminder_id: int) -> int:
    """Send one reminder email (idempotent: a retried or duplicated task sends nothing more)."""
    return reminders.send_reminder(reminder_id)
