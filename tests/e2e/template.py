"""The browser journeys' database, migrated and seeded once for all their servers.

`make test-e2e` runs four servers side by side (two for the screenshot tour, two for the other
journeys), each on a database of its own. Migrating and loading the demo into each was about
20 s of CPU apiece on a 2-CPU box; this builds one template before they start and each server
takes a copy (PostgreSQL: `CREATE DATABASE … TEMPLATE`; SQLite: a copy of the file).

    python tests/e2e/template.py build   # prints the template: a database name or a file path
    python tests/e2e/template.py drop TEMPLATE

The conftest copies the template named by E2E_TEMPLATE, or migrates and seeds as before when
it is not set (a journey run on its own).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE_DB = "shuangshi_e2e_template"


def server_env(database_url: str) -> dict[str, str]:
    """The environment the journeys' servers (and their management commands) run in."""
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "PYTHONUNBUFFERED": "1",
        # runserver answers each request on a thread of its own: a connection kept for the
        # next request would stay with a thread that is gone (two servers ran PostgreSQL
        # out of its 100 connections).
        "DB_CONN_MAX_AGE": "0",
    }


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run(
        [sys.executable, str(ROOT / "backend" / "manage.py"), *args],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=600,
    )


def _is_postgres(url: str) -> bool:
    return bool(url) and not url.startswith("sqlite")


def _admin_url(url: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path="/postgres"))


def recreate_database(server_url: str, name: str, template: str | None = None) -> str:
    """Drop and create database ``name`` on the server ``server_url`` names (a copy of
    ``template`` if given); its URL."""
    import psycopg  # the backend's own driver

    with psycopg.connect(_admin_url(server_url), autocommit=True) as conn:
        conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", (name,)
        )
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        copy = f' TEMPLATE "{template}"' if template else ""
        conn.execute(f'CREATE DATABASE "{name}"{copy}')
    return urlunsplit(urlsplit(server_url)._replace(path=f"/{name}"))


def build() -> str:
    """Migrate and seed the template; its name (PostgreSQL) or its file (SQLite)."""
    given = os.environ.get("DATABASE_URL", "")
    if _is_postgres(given):
        url = recreate_database(given, TEMPLATE_DB)
        reference = TEMPLATE_DB
    else:
        reference = str(Path(tempfile.mkdtemp(prefix="shuangshi-e2e-template-")) / "e2e.sqlite3")
        url = f"sqlite:///{reference}"
    env = server_env(url)
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "seed_demo")
    return reference


def copy_of(template: str, name: str) -> tuple[str, Path | None]:
    """A database of the journeys' own, copied from ``template``: its URL and, for SQLite,
    the temporary directory to remove afterwards."""
    given = os.environ.get("DATABASE_URL", "")
    if _is_postgres(given):
        return recreate_database(given, name, template=template), None
    tmp = Path(tempfile.mkdtemp(prefix="shuangshi-e2e-"))
    shutil.copyfile(template, tmp / "e2e.sqlite3")
    return f"sqlite:///{tmp / 'e2e.sqlite3'}", tmp


def drop(template: str) -> None:
    given = os.environ.get("DATABASE_URL", "")
    if _is_postgres(given):
        import psycopg

        with psycopg.connect(_admin_url(given), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{template}"')
    else:
        shutil.rmtree(Path(template).parent, ignore_errors=True)


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "build":
        # The commands' own output goes to stderr: stdout is the template, for the Makefile.
        stdout = os.dup(1)
        os.dup2(2, 1)
        reference = build()
        os.write(stdout, (reference + "\n").encode())
    elif command == "drop" and len(sys.argv) == 3:
        drop(sys.argv[2])
    else:
        sys.exit("usage: template.py build | drop TEMPLATE")
