"""Bulk writes: COPY on PostgreSQL (the system of record), Django's bulk ORM elsewhere.

Both run inside the caller's transaction. Rows are plain dicts of model attribute names
(`teacher_id`, not `teacher`) and must carry every column the table needs (version,
timestamps): COPY applies no Django defaults.
"""

import contextlib
import functools
import itertools
import json
import re
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from json.encoder import encode_basestring  # type: ignore[attr-defined]
from operator import itemgetter
from typing import Any, TypeVar

from django.db import DatabaseError, connection, transaction
from django.db.models import JSONField, Model

_names = itertools.count(1)
T = TypeVar("T")


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
    with copy_in(f"COPY {table} ({columns}) FROM STDIN") as copy:
        write = copy.write_row
        if constants:
            for row in rows:
                write([*values(row), *constants])
        else:
            for row in rows:
                write(values(row))


def insert_lines(model: type[Model], names: Sequence[str], lines: Sequence[str]) -> None:
    """PostgreSQL only: COPY rows given as lines of COPY's text format (each ending in a
    newline, values made with ``copy_text``/``copy_json`` or ``NULL_TEXT``), for a writer
    that formats its rows faster than one call per value (the audit entries of created
    rows: common.batch). The table's other columns must take NULL."""
    if not lines:
        return
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(_column(model, n) for n in names)
    with copy_in(f"COPY {table} ({columns}) FROM STDIN") as copy:
        copy.write("".join(lines))


NULL_TEXT = "\\N"  # NULL in COPY's text format
_COPY_SPECIAL = re.compile(r"[\\\b\t\n\v\f\r]")
_COPY_ESCAPES = str.maketrans(
    {"\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\v": "\\v", "\f": "\\f", "\r": "\\r"}
)


def copy_text(value: str) -> str:
    """A text value in COPY's text format (what psycopg's write_row makes of a str)."""
    return value.translate(_COPY_ESCAPES) if _COPY_SPECIAL.search(value) else value


def copy_json(text: str) -> str:
    """JSON text in COPY's text format: JSON text holds no control character (the encoder
    escapes them), so only its backslashes are doubled."""
    return text.replace("\\", "\\\\") if "\\" in text else text


def _getter(model: type[Model], names: Sequence[str]) -> Callable[[dict[str, Any]], Any]:
    """A row's values in ``names`` order, JSON columns as their text (what COPY takes);
    only JSON columns pay for the conversion."""
    json_at = [i for i, n in enumerate(names) if isinstance(model._meta.get_field(n), JSONField)]
    if not json_at:
        get = itemgetter(*names)
        return (lambda row: (get(row),)) if len(names) == 1 else get

    # Per JSON column, the value last converted and its text: rows sharing one value (an
    # audit entry's import data) convert it once (a cache shared by the columns was reset
    # by the one between them, so the shared value was converted for every row).
    last = {i: [None, None] for i in json_at}

    def convert(row: dict[str, Any]) -> list[Any]:
        out = [row[n] for n in names]
        for i in json_at:
            value = out[i]
            if value is None:
                continue
            seen = last[i]
            if value is seen[0]:
                out[i] = seen[1]
            else:
                out[i] = seen[1] = _copyable(value)
                seen[0] = value
        return out

    return convert


def next_ids(model: type[Model], count: int) -> list[int] | None:
    """``count`` ids drawn from the table's own sequence (PostgreSQL), so that rows can be
    inserted with their id and need not be found again; None elsewhere. Inside
    ``overlapped()``, taken first from those ``draw_ahead`` drew (no statement)."""
    if connection.vendor != "postgresql" or count == 0:
        return None
    pool = _overlap.pools.get(model) if _overlap.active else None
    if pool is not None and len(pool) >= count:
        taken = pool[:count]
        del pool[:count]
        return taken
    return _draw(model, count)


def draw_ahead(model: type[Model], count: int) -> None:
    """Inside ``overlapped()`` (PostgreSQL): draw ``count`` ids for this model's next_ids
    now, in one statement, instead of one statement per batch, each of which would wait for
    the COPYs before it. The ones left unused when the block ends are gaps in the sequence,
    as a rolled-back insert leaves."""
    if connection.vendor != "postgresql" or not _overlap.active or count <= 0:
        return
    pool = _overlap.pools.setdefault(model, [])
    pool.extend(_draw(model, count))


def _draw(model: type[Model], count: int) -> list[int]:
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


to_json = _json_encoder()  # json.dumps(value, ensure_ascii=False)


def _copyable(value: Any) -> Any:
    """JSON columns take their text in COPY."""
    return to_json(value) if isinstance(value, (dict, list)) else value


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
        with copy_in(f"COPY {temp} ({id_column}, {', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row([row["id"], *(_copyable(row[n]) for n in names)])
        assignments = ", ".join(f"{c} = u.{c}" for c in columns)
        cursor.execute(
            f"UPDATE {table} AS t SET {assignments} FROM {temp} AS u "
            f"WHERE t.{id_column} = u.{id_column}"
        )
        cursor.execute(f"DROP TABLE {temp}")


# --------------------------------------------------------------------------- overlap
# Inside an import's commit the worker's Python (building the next rows) and PostgreSQL
# (storing the last ones, in another process) take turns on a two-CPU machine. In
# ``overlapped()`` a COPY's end is sent without waiting for the server's answer, so the
# server stores the rows while Python goes on; the answer is read before the connection's
# next statement or COPY (libpq refuses a statement while one is unread: a missed read
# fails loudly, it cannot pass unseen). The foreign keys are checked as each statement
# ends, in that overlapped time, instead of all at COMMIT.


class _Overlap(threading.local):
    active = False
    pending: Any = None  # the writer of a COPY whose end is sent and whose answer is unread
    pools: dict[type[Model], list[int]]  # ids drawn ahead (draw_ahead), per model
    seen: set[str]  # first_in_block's keys

    def __init__(self) -> None:
        self.pools = {}
        self.seen = set()


_overlap = _Overlap()


@functools.cache
def _deferred_writer() -> Any:
    from psycopg import errors
    from psycopg.copy import LibpqWriter
    from psycopg.generators import fetch_many
    from psycopg.pq import ExecStatus
    from psycopg.waiting import Wait

    def end_sent(pgconn: Any) -> Any:
        """psycopg's generators.copy_end up to the flush: without its wait for the answer."""
        while pgconn.put_copy_end(None) == 0:
            while not (yield Wait.W):
                continue
        while True:
            while not (yield Wait.W):
                continue
            if pgconn.flush() == 0:
                break

    class DeferredWriter(LibpqWriter):
        def finish(self, exc: BaseException | None = None) -> None:
            if exc is not None:
                super().finish(exc)  # an interrupted COPY ends as psycopg ends it
                return
            self.connection.wait(end_sent(self._pgconn))
            _overlap.pending = self

        def collect(self) -> None:
            results = self.connection.wait(fetch_many(self._pgconn))
            for result in results:
                if result.status != ExecStatus.COMMAND_OK:
                    raise errors.error_from_result(result, encoding=self._pgconn._encoding)

    return DeferredWriter


@contextmanager
def copy_in(sql: str) -> Iterator[Any]:
    """``COPY … FROM STDIN`` on the default connection (PostgreSQL): psycopg's Copy, to
    ``write`` or ``write_row`` into. Every COPY of the app goes through here."""
    collect()
    with connection.cursor() as cursor:
        raw = cursor.cursor  # type: ignore[attr-defined]
        writer = _deferred_writer()(raw) if _overlap.active else None
        with raw.copy(sql, writer=writer) as copy:
            yield copy


def collect() -> None:
    """Read the answer to the COPY sent last inside ``overlapped()``; raises its error (as
    Django's, like any statement's)."""
    writer = _overlap.pending
    if writer is None:
        return
    _overlap.pending = None
    with connection.wrap_database_errors:
        writer.collect()


def _collect_first(execute: Any, sql: Any, params: Any, many: Any, context: Any) -> Any:
    collect()
    return execute(sql, params, many, context)


def first_in_block(key: str) -> bool:
    """Inside ``overlapped()``: True the first time ``key`` is asked in this block (e.g. to
    queue one thing for after the commit, not one per batch); outside, always True."""
    if not _overlap.active:
        return True
    if key in _overlap.seen:
        return False
    _overlap.seen.add(key)
    return True


def batch_atomic(fn: Callable[..., T]) -> Callable[..., T]:
    """``transaction.atomic`` for a batch service, without a savepoint of its own inside
    ``overlapped()``: there an import's commit is one transaction that any error undoes
    whole, and a savepoint's two statements would each wait for the server to store the
    batch before."""

    @functools.wraps(fn)
    def atomic(*args: Any, **kwargs: Any) -> T:
        with transaction.atomic(savepoint=not _overlap.active):
            return fn(*args, **kwargs)

    return atomic


def overlapping() -> bool:
    """Inside ``overlapped()``: each statement (a read, a savepoint) first waits for the
    server to store the COPYs sent before it, so a writer inside keeps them for the end."""
    return _overlap.active


def _constraints(mode: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"SET CONSTRAINTS ALL {mode}")


@contextmanager
def overlapped() -> Iterator[None]:
    """Inside (PostgreSQL, within the caller's transaction), each COPY's work on the server
    overlaps the Python that follows it; errors surface at the next statement or on the
    way out, still inside the transaction. Elsewhere, nested, or outside a transaction
    (where each statement commits on its own), it changes nothing."""
    if connection.vendor != "postgresql" or _overlap.active or not connection.in_atomic_block:
        yield
        return
    _overlap.active = True
    try:
        with connection.execute_wrapper(_collect_first):
            _constraints("IMMEDIATE")  # (Django's foreign keys are all INITIALLY DEFERRED)
            yield
            collect()
            _constraints("DEFERRED")
    finally:
        _overlap.active = False
        _overlap.pools.clear()
        _overlap.seen.clear()
        if _overlap.pending is not None:  # leaving on an error: the answer must be read
            with contextlib.suppress(DatabaseError):  # before the rollback is sent; the
                collect()  # error that brought us here is the one raised
