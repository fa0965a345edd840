"""Read replicas: reads go round-robin to the replica databases, writes and migrations to "default".

Active only when DATABASE_REPLICA_URLS is set (settings then add the aliases replica_1, replica_2, … and
this router). A replica lags the primary a little, so a read goes to "default" instead when it must see
the latest data:

- inside a transaction (``transaction.atomic``) on "default": the read belongs with the writes around it;
- after the same request (or background task) has written: the user must see what they just saved;
- for the apps whose rows are read right after another process wrote them (sessions, the task queue).

Everything else (list pages, reports, exports read by other users a moment later) may be a second old.
"""

import itertools
import threading
from contextvars import ContextVar

from django.conf import settings
from django.core.signals import request_started
from django.db import DEFAULT_DB_ALIAS, connections

REPLICA_PREFIX = "replica_"
# Rows written by one process and read at once by another: always from the primary.
PRIMARY_ONLY_APPS = frozenset({"sessions", "django_tasks_database"})

_wrote: ContextVar[bool] = ContextVar("tambonplan_db_wrote", default=False)


def reset_pinning(**kwargs) -> None:
    """A new request (or task) starts unpinned: its reads may go to a replica until it writes."""
    _wrote.set(False)


def replica_aliases() -> list[str]:
    return sorted(alias for alias in settings.DATABASES if alias.startswith(REPLICA_PREFIX))


class ReplicaRouter:
    """Round-robin over the replicas for reads; "default" for writes, migrations and pinned reads."""

    def __init__(self, replicas: list[str] | None = None):
        self.replicas = replica_aliases() if replicas is None else list(replicas)
        self._cycle = itertools.cycle(self.replicas)
        self._lock = threading.Lock()
        request_started.connect(reset_pinning, dispatch_uid="tambonplan.core.db_router.reset_pinning")
        try:
            from django_tasks.signals import task_started
        except ImportError:  # pragma: no cover - django-tasks is a dependency
            pass
        else:
            task_started.connect(reset_pinning, dispatch_uid="tambonplan.core.db_router.reset_pinning")

    def _next_replica(self) -> str:
        with self._lock:
            return next(self._cycle)

    def db_for_read(self, model, **hints) -> str:
        if (
            not self.replicas
            or model._meta.app_label in PRIMARY_ONLY_APPS
            or _wrote.get()
            or connections[DEFAULT_DB_ALIAS].in_atomic_block
        ):
            return DEFAULT_DB_ALIAS
        return self._next_replica()

    def db_for_write(self, model, **hints) -> str:
        _wrote.set(True)
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints) -> bool | None:
        pool = {DEFAULT_DB_ALIAS, *self.replicas}
        if obj1._state.db in pool and obj2._state.db in pool:
            return True
        return None

    def allow_migrate(self, db, app_label, model_name=None, **hints) -> bool | None:
        if db.startswith(REPLICA_PREFIX):
            return False  # a replica follows the primary's schema through replication
        return None
