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
