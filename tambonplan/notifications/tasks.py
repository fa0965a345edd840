"""Background tasks of notifications (django-tasks): arguments are ids, never model instances."""

from django_tasks import task

from tambonplan.notifications import services


@task()
def deliver_task(delivery_id: int) -> str:
    """Send one delivery (idempotent: a retried or duplicated task sends nothing more)."""
    return services.deliver(delivery_id)
