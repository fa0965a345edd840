"""Plain rows inserted in bulk, for imports that write tens of thousands of rows of small tables (budgets,
links): no model instance per row, one prepared statement run for every row (psycopg pipelines it)."""

from collections.abc import Iterable, Sequence

from django.db import connection
from django.utils import timezone

from tambonplan.core.history import current_api_token, current_channel


def insert_rows(model, fields: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    """INSERT the rows (values in the order of `fields`, already in the database's types) into the model's
    table. For rows that need no model logic (link tables): no signals, no history, no defaults filled in."""
    rows = list(rows)
    if not rows:
        return
    quote = connection.ops.quote_name
    columns = ", ".join(quote(model._meta.get_field(name).column) for name in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({placeholders})"
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def copy_into_history(model, pks: Sequence[int], *, user, reason: str, batch: int = 1000) -> None:
    """The "created" entries of the audit trail (django-simple-history) for rows just inserted in bulk,
    copied by the database from the rows themselves (INSERT ... SELECT), as `bulk_create_with_history`
    would write them but without building a historical instance per row; with the channel of the change
    (`core.history`) as a save would record it."""
    history = model.history.model
    quote = connection.ops.quote_name
    tracked = {field.column for field in history._meta.concrete_fields}
    columns = ", ".join(quote(f.column) for f in model._meta.concrete_fields if f.column in tracked)
    extra_values = {
        "history_date": timezone.now(),
        "history_change_reason": reason,
        "history_type": "+",
        "history_user_id": getattr(user, "pk", None),
        "history_channel": current_channel(),
        "history_api_token": current_api_token(),
    }
    extra = ", ".join(quote(name) for name in extra_values)
    marks_for_extra = ", ".join(["%s"] * len(extra_values))
    with connection.cursor() as cursor:
        for start in range(0, len(pks), batch):
            chunk = list(pks[start : start + batch])
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(
                f"INSERT INTO {quote(history._meta.db_table)} ({columns}, {extra}) "
                f"SELECT {columns}, {marks_for_extra} FROM {quote(model._meta.db_table)} "
                f"WHERE {quote(model._meta.pk.column)} IN ({marks})",
                [*extra_values.values(), *chunk],
            )
