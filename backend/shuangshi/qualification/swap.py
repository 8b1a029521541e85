"""A full rewrite of a derived table by swap (PostgreSQL): fill a copy of the table that has
no indexes, index it once, then put it in the table's place in one short transaction.

Keeping five indexes current row by row while 1.3 M results are written costs PostgreSQL
about twice what building them once from the finished table costs (a sort per index), and
deleting the old rows leaves as many dead ones behind for VACUUM. Readers keep seeing the
old table, whole, until the swap; the swap waits for the readers of the moment and takes a
few milliseconds. The copy carries the table's columns, defaults, identity, NOT NULL and
CHECK constraints (``LIKE … INCLUDING ALL`` without the indexes); the indexes and the
primary key are rebuilt from their own definitions and renamed to the original names, so
the schema after a swap is exactly the migrated one.

Only the derived tables of the qualification build use this: nothing references them by a
foreign key, and their writers either run inside the build or re-evaluate afterwards.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Sequence

from django.db import connection, transaction
from django.db.utils import OperationalError

_CONSTRAINTS = {"p": "PRIMARY KEY", "u": "UNIQUE"}
_INDEX_DDL = re.compile(r"(CREATE (?:UNIQUE )?INDEX) \S+ ON \S+ (USING .*)", re.S)


def build_name(table: str) -> str:
    return f"{table}_build"


def begin(table: str) -> str:
    """A fresh, empty, index-less copy of ``table`` (a crashed build's copy is dropped)."""
    build = build_name(table)
    with connection.cursor() as cur:
        cur.execute(f"DROP TABLE IF EXISTS {build}")
        cur.execute(f"CREATE TABLE {build} (LIKE {table} INCLUDING ALL EXCLUDING INDEXES)")
    return build


def drop(table: str) -> None:
    """Give up a build's copy (the build failed: the table itself was never touched)."""
    with connection.cursor() as cur:
        cur.execute(f"DROP TABLE IF EXISTS {build_name(table)}")


def _indexes(table: str) -> list[tuple[str, str, str | None]]:
    """(name, definition, constraint kind: 'p' primary key, 'u' unique, else None)."""
    with connection.cursor() as cur:
        cur.execute(
            """
            SELECT i.relname, pg_get_indexdef(i.oid), c.contype
            FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
            LEFT JOIN pg_constraint c ON c.conindid = i.oid AND c.conrelid = x.indrelid
            WHERE x.indrelid = %s::regclass ORDER BY x.indisprimary DESC, i.relname
            """,
            [table],
        )
        return list(cur.fetchall())


def _identity_sequences(table: str) -> list[str | None]:
    with connection.cursor() as cur:
        cur.execute(
            """
            SELECT pg_get_serial_sequence(%s, a.attname) FROM pg_attribute a
            WHERE a.attrelid = %s::regclass AND a.attidentity <> '' AND NOT a.attisdropped
            ORDER BY a.attnum
            """,
            [table, table],
        )
        return [r[0] for r in cur.fetchall()]


def side_by_side(*steps: Callable[[], None]) -> None:
    """Run each step in a thread of its own (so on a database connection of its own), all
    at once; the first failure is raised once all have ended."""
    errors: list[BaseException] = []

    def run(step: Callable[[], None]) -> None:
        try:
            step()
        except BaseException as exc:  # handed to the caller
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(step,)) for step in steps]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise errors[0]


def _statements(statements: list[str]) -> Callable[[], None]:
    def run() -> None:
        with connection.cursor() as cur:
            cur.execute("SET maintenance_work_mem = '256MB'")
            for sql in statements:
                cur.execute(sql)

    return run


def index(
    table: str, *, connections: int = 2, constraints: list[str] | None = None
) -> list[tuple[str, str]]:
    """Build ``table``'s indexes on its copy (``connections`` at a time); returns the
    (temporary name, original name) pairs for ``finish``. With a ``constraints`` list, the
    statements that turn indexes into primary-key or unique constraints go there instead of
    running (``finish(before=…)`` runs them): they lock the copy alone, so they would wait
    for anyone still reading it (the counts read the intervals' copy meanwhile)."""
    build = build_name(table)
    renames: list[tuple[str, str]] = []
    groups: list[list[str]] = [[] for _ in range(max(connections, 1))]
    for k, (name, ddl, constraint) in enumerate(_indexes(table)):
        match = _INDEX_DDL.fullmatch(ddl)
        if match is None:  # pragma: no cover - pg_get_indexdef's form is fixed
            raise RuntimeError(f"unexpected index definition: {ddl}")
        tmp = f"{build}_i{k}"
        statements = [f"{match[1]} {tmp} ON {build} {match[2]}"]
        if constraint in _CONSTRAINTS:  # renaming the index renames the constraint too
            kind = _CONSTRAINTS[constraint]
            sql = f"ALTER TABLE {build} ADD CONSTRAINT {tmp} {kind} USING INDEX {tmp}"
            if constraints is None:
                statements.append(sql)
            else:
                constraints.append(sql)
        elif constraint is not None:  # pragma: no cover - exclusion constraints: none here
            raise RuntimeError(f"cannot rebuild constraint {name} of {table}")
        groups[k % len(groups)].extend(statements)
        renames.append((tmp, name))
    side_by_side(*(_statements(g) for g in groups if g))
    return renames


def finish(
    table: str,
    renames: list[tuple[str, str]],
    *,
    before: Sequence[str] = (),
    after: str | None = None,
    lock_timeout_ms: int = 2000,
    attempts: int = 60,
) -> None:
    """Put the indexed copy in ``table``'s place. ``before``: statements run on the copy
    first (``index``'s deferred constraints); ``after``: a statement run on the new table,
    both inside the swap's transaction (e.g. removing rows of teachers deleted meanwhile).

    The swap waits at most ``lock_timeout_ms`` for the readers of the moment, so that a long
    reader never holds every new reader up behind it; it then tries again later."""
    build = build_name(table)
    old_sequences = _identity_sequences(table)
    for attempt in range(attempts):
        try:
            with transaction.atomic(), connection.cursor() as cur:
                cur.execute(f"SET LOCAL lock_timeout = {int(lock_timeout_ms)}")
                cur.execute(f"LOCK TABLE {table} IN ACCESS EXCLUSIVE MODE")
                for sql in before:
                    cur.execute(sql)
                new_sequences = _identity_sequences(build)
                cur.execute(f"DROP TABLE {table}")
                cur.execute(f"ALTER TABLE {build} RENAME TO {table}")
                for tmp, name in renames:
                    cur.execute(f"ALTER INDEX {tmp} RENAME TO {name}")
                for old, new in zip(old_sequences, new_sequences, strict=True):
                    if old and new and old != new:
                        cur.execute(f"ALTER SEQUENCE {new} RENAME TO {old.rpartition('.')[2]}")
                if after:
                    cur.execute(after)
            return
        except OperationalError as exc:
            if "lock timeout" not in str(exc) or attempt == attempts - 1:
                raise
            time.sleep(0.5)


def bulk_settings() -> None:
    """For the rest of a full build's transaction (PostgreSQL): its GROUP BYs and window
    sums over millions of rows in memory rather than spilled to disk, no JIT compilation
    (it costs more than it saves on these plans), and the commit not waiting for the WAL
    flush (a crash loses at most the last batches of a build that is run again anyway)."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cur:
        for setting in ("work_mem = '128MB'", "jit = off", "synchronous_commit = off"):
            cur.execute(f"SET LOCAL {setting}")
