"""Prepared statements for the few statements every request runs (PostgreSQL).

Django binds parameters on the client: each statement is sent as text with its values in
it, and PostgreSQL parses and plans it every time. For a teacher list page the planning
took more than half of the server's time (0.47-0.57 ms planning against 0.29-0.37 ms
running the page's rows). ``cursor()`` gives a Django cursor whose statements are bound
on the server, so that psycopg prepares each one once a connection has run it
``prepare_threshold`` times (DB_PREPARE_THRESHOLD, settings) and runs it by name after.

Only for statements whose plan cannot depend on their parameters' values (a lookup by
key, an upsert, a page of the whole list): a prepared statement may be run with a
generic plan, and one made for a search term (``LIKE %s``) cannot use the trigram index
(tried with every statement bound on the server: the name search took 3-4 s instead of
6 ms). Django's own cursors stay as they are.
"""

from typing import Any

from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import Col
from django.db.models.sql.datastructures import BaseTable
from django.db.models.sql.query import Query


def cursor() -> Any:
    """A cursor of the default connection (use it in a ``with``), bound on the server on
    PostgreSQL; elsewhere Django's ordinary cursor. Statements go through Django's
    wrappers as any other (errors, execute wrappers, the test client's query capture)."""
    if connection.vendor != "postgresql":
        return connection.cursor()
    from django.db.backends.postgresql.base import ServerBindingCursor  # type: ignore[attr-defined]

    connection.close_if_health_check_failed()
    connection.ensure_connection()
    raw = ServerBindingCursor(connection.connection)
    if connection.queries_logged:
        return connection.make_debug_cursor(raw)
    return connection.make_cursor(raw)


# What a query's state may hold for its SQL to be looked up instead of compiled (sql_of):
# caches and bookkeeping that do not change the SQL, or values checked below. Anything
# else set on the query (a filter, an annotation, DISTINCT, a join, FOR UPDATE...) puts a
# key outside this set in its __dict__, and the query is compiled as usual.
_IGNORED = frozenset(
    ("_annotation_select_cache", "_extra_select_cache", "alias_refcount", "table_map",
     "used_aliases")
)  # fmt: skip
_EMPTY = frozenset(
    ("_filtered_relations", "annotation_select_mask", "annotations", "external_aliases",
     "extra", "extra_order_by", "extra_select_mask")
)  # fmt: skip
_KEYED = ("order_by", "low_mark", "high_mark", "default_ordering", "standard_ordering")
_SQL: dict[tuple[Any, ...], tuple[str, tuple[Any, ...]]] = {}


def _shape(query: Query) -> tuple[Any, ...] | None:
    """The key of an unfiltered query of one table's columns, ordered and sliced (a page
    of a whole list: what the province's teacher list asks on every page); None for any
    other query."""
    state = query.__dict__
    key: list[Any] = [connection.alias, query.model]
    for name, value in state.items():
        if name in _IGNORED:
            continue
        if name in _EMPTY:
            if value:
                return None
        elif name in _KEYED:
            if name == "order_by" and not all(isinstance(o, str) for o in value):
                return None
            key.append((name, value))
        elif name == "values_select":
            key.append((name, tuple(value)))
        elif name == "selected":
            if not isinstance(value, dict) or not all(isinstance(v, int) for v in value.values()):
                return None
            key.append((name, tuple(value.items())))
        elif name == "select":
            if not all(type(col) is Col for col in value):
                return None
        elif name == "where":
            if value.children or value.negated:
                return None
        elif name == "alias_map":
            if len(value) != 1 or not all(type(t) is BaseTable for t in value.values()):
                return None
        elif name in ("alias_cols", "filter_is_sticky", "select_related", "default_cols"):
            key.append((name, value))
        elif name == "deferred_loading":
            if value != (frozenset(), True):
                return None
        elif name != "model":
            return None  # anything else set on the query: compiled as usual
    return tuple(key)


def sql_of(queryset: QuerySet[Any]) -> tuple[str, tuple[Any, ...]]:
    """``queryset.query.sql_with_params()``; for an unfiltered, ordered, sliced query of one
    table's columns (_shape) the SQL compiled the first time the same shape was asked. On
    the province's teacher list compiling the page's ids query (the ORM resolving its
    ordering) was 8% of a request's CPU at national size (docs/serving.md, round 49)."""
    query = queryset.query
    key = _shape(query)
    if key is None:
        return query.sql_with_params()
    found = _SQL.get(key)
    if found is None:
        if len(_SQL) >= 512:  # page numbers times orderings: bounded
            _SQL.clear()
        found = _SQL[key] = query.sql_with_params()
    return found
