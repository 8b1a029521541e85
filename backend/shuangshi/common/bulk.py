"""Bulk writes: COPY on PostgreSQL (the system of record), Django's bulk ORM elsewhere.

Both run inside the caller's transaction. Rows are plain dicts of model attribute names
(`teacher_id`, not `teacher`) and must carry every column the table needs (version,
timestamps): COPY applies no Django defaults.
"""

import itertools
import json
from collections.abc import Sequence
from typing import Any

from django.db import connection
from django.db.models import Model

_names = itertools.count(1)


def _column(model: type[Model], name: str) -> str:
    return connection.ops.quote_name(str(model._meta.get_field(name).column))  # type: ignore[union-attr]


def insert(model: type[Model], rows: Sequence[dict[str, Any]]) -> None:
    if not rows:
        return
    names = list(rows[0])
    if connection.vendor != "postgresql":
        objects = [model(**row) for row in rows]
        model._default_manager.bulk_create(objects, batch_size=1000)
        return
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(_column(model, n) for n in names)
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(  # type: ignore[attr-defined]
            f"COPY {table} ({columns}) FROM STDIN"
        ) as copy,
    ):
        for row in rows:
            copy.write_row([_copyable(row[n]) for n in names])


def _copyable(value: Any) -> Any:
    """JSON columns take their text in COPY."""
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (dict, list)) else value


def update(model: type[Model], rows: Sequence[dict[str, Any]]) -> None:
    """Set the given fields of each row's record (matched by `id`)."""
    if not rows:
        return
    names = [n for n in rows[0] if n != "id"]
    if connection.vendor != "postgresql":
        objects = [model(**row) for row in rows]
        model._default_manager.bulk_update(objects, names, batch_size=1000)
        return
    table = connection.ops.quote_name(model._meta.db_table)
    temp = connection.ops.quote_name(f"_xl_update_{next(_names)}")
    columns = [_column(model, n) for n in names]
    id_column = _column(model, "id")
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMPORARY TABLE {temp} ON COMMIT DROP AS "
            f"SELECT {id_column}, {', '.join(columns)} FROM {table} WITH NO DATA"
        )
        with cursor.cursor.copy(  # type: ignore[attr-defined]
            f"COPY {temp} ({id_column}, {', '.join(columns)}) FROM STDIN"
        ) as copy:
            for row in rows:
                copy.write_row([row["id"], *(_copyable(row[n]) for n in names)])
        assignments = ", ".join(f"{c} = u.{c}" for c in columns)
        cursor.execute(
            f"UPDATE {table} AS t SET {assignments} FROM {temp} AS u "
            f"WHERE t.{id_column} = u.{id_column}"
        )
        cursor.execute(f"DROP TABLE {temp}")
