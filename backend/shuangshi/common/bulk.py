"""Bulk writes: COPY on PostgreSQL (the system of record), Django's bulk ORM elsewhere.

Both run inside the caller's transaction. Rows are plain dicts of model attribute names
(`teacher_id`, not `teacher`) and must carry every column the table needs (version,
timestamps): COPY applies no Django defaults.
"""

import itertools
import json
from collections.abc import Callable, Sequence
from json.encoder import encode_basestring  # type: ignore[attr-defined]
from operator import itemgetter
from typing import Any

from django.db import connection
from django.db.models import JSONField, Model

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
    # Columns the rows leave out but the model gives a constant default (COPY would write
    # NULL); a callable default (a fresh value per row) must come with the rows.
    given = set(names)
    missing = [
        f
        for f in model._meta.concrete_fields
        if not f.primary_key
        and f.has_default()
        and not callable(f.default)
        and not {f.name, f.attname} & given
    ]
    constants = [_copyable(f.get_default()) for f in missing]
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(
        [*(_column(model, n) for n in names), *(_column(model, f.attname) for f in missing)]
    )
    values = _getter(model, names)
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(  # type: ignore[attr-defined]
            f"COPY {table} ({columns}) FROM STDIN"
        ) as copy,
    ):
        write = copy.write_row
        if constants:
            for row in rows:
                write([*values(row), *constants])
        else:
            for row in rows:
                write(values(row))


def _getter(model: type[Model], names: Sequence[str]) -> Callable[[dict[str, Any]], Any]:
    """A row's values in ``names`` order, JSON columns as their text (what COPY takes);
    only JSON columns pay for the conversion."""
    json_at = [i for i, n in enumerate(names) if isinstance(model._meta.get_field(n), JSONField)]
    if not json_at:
        get = itemgetter(*names)
        return (lambda row: (get(row),)) if len(names) == 1 else get

    last: list[Any] = [None, None]  # the value last converted and its text

    def convert(row: dict[str, Any]) -> list[Any]:
        out = [row[n] for n in names]
        for i in json_at:
            value = out[i]
            if value is last[0] and value is not None:
                out[i] = last[1]  # rows sharing one value (an audit entry's import data)
            else:
                out[i] = last[1] = _copyable(value)
                last[0] = value
        return out

    return convert


def next_ids(model: type[Model], count: int) -> list[int] | None:
    """``count`` ids drawn from the table's own sequence (PostgreSQL), so that rows can be
    inserted with their id and need not be found again; None elsewhere."""
    if connection.vendor != "postgresql" or count == 0:
        return None
    # The sequence's name looked up once (MATERIALIZED), not once per id: 2,000 ids took
    # 16 ms with the lookup in nextval's argument and 4 ms like this (pg_stat_statements).
    with connection.cursor() as cursor:
        cursor.execute(
            "WITH q AS MATERIALIZED (SELECT pg_get_serial_sequence(%s, %s)::regclass AS s) "
            "SELECT nextval(q.s) FROM q, generate_series(1, %s)",
            [model._meta.db_table, str(model._meta.pk.column), count],  # type: ignore[union-attr]
        )
        return [row[0] for row in cursor.fetchall()]


def _json_encoder() -> Callable[[Any], str]:
    """JSON text as json.dumps(ensure_ascii=False) writes it, from the C encoder without
    JSONEncoder.encode's set-up per call (json.dumps even builds an encoder per call)."""
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:
        return json.JSONEncoder(ensure_ascii=False).encode

    def fail(obj: Any) -> Any:
        raise TypeError(f"Object of type {type(obj).__name__} is not JSON serializable")

    encode = make(None, fail, encode_basestring, None, ": ", ", ", False, False, True)
    return lambda value: "".join(encode(value, 0))


_to_json = _json_encoder()


def _copyable(value: Any) -> Any:
    """JSON columns take their text in COPY."""
    return _to_json(value) if isinstance(value, (dict, list)) else value


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
