"""scripts/backup.sh then scripts/restore.sh give back every row of every table.

Runs on SQLite always, and on PostgreSQL when DATABASE_URL is a PostgreSQL URL (in a
database of its own, <name>_backup, created and dropped here).
"""

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

REPO = Path(__file__).resolve().parents[2]
PG_URL = os.environ.get("DATABASE_URL", "")


def _run(args: list[str], env: dict[str, str], **kwargs: object) -> str:
    result = subprocess.run(
        args, cwd=REPO, env=env, capture_output=True, text=True, timeout=600, **kwargs
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def _env(url: str, var_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DATABASE_URL=url,
        SHUANGSHI_VAR_DIR=str(var_dir),
        DJANGO_SETTINGS_MODULE="config.settings.local",
        PYTHON=sys.executable,
    )
    return env


def _manage(env: dict[str, str], *args: str) -> None:
    _run([sys.executable, "backend/manage.py", *args], env)


def _populate(env: dict[str, str]) -> None:
    _manage(env, "migrate", "--no-input", "-v", "0")
    _manage(env, "seed_demo")


def _sqlite_counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as db:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {t: db.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


def _pg_counts(url: str) -> dict[str, int]:
    import psycopg

    with psycopg.connect(url) as db:
        tables = [
            r[0]
            for r in db.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
            ).fetchall()
        ]
        return {t: db.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


def _assert_round_trip(env: dict[str, str], counts, wreck) -> None:
    before = counts()
    assert before["teachers_teacher"] > 0
    assert before["auditlog_logentry"] > 0
    backup = Path(_run(["scripts/backup.sh"], env).strip().splitlines()[-1])
    assert backup.is_file()

    wreck()
    assert counts() != before

    _run(["scripts/restore.sh", str(backup), "--yes"], env)
    assert counts() == before


def test_sqlite_backup_and_restore_give_back_every_row(tmp_path: Path):
    db = tmp_path / "shuangshi.sqlite3"
    env = _env(f"sqlite:///{db}", tmp_path)
    _populate(env)

    def wreck() -> None:
        with sqlite3.connect(db) as conn:
            conn.execute("DELETE FROM teachers_certificate")
            conn.execute("DELETE FROM auditlog_logentry")

    _assert_round_trip(env, lambda: _sqlite_counts(db), wreck)


def test_restore_asks_before_replacing(tmp_path: Path):
    db = tmp_path / "shuangshi.sqlite3"
    env = _env(f"sqlite:///{db}", tmp_path)
    sqlite3.connect(db).close()
    backup = Path(_run(["scripts/backup.sh"], env).strip())
    result = subprocess.run(
        ["scripts/restore.sh", str(backup)],
        cwd=REPO,
        env=env,
        input="n\n",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "cancelled" in result.stdout


@pytest.fixture
def pg_database() -> Iterator[str]:
    import psycopg

    parts = urlsplit(PG_URL)
    name = (parts.path.lstrip("/") or "shuangshi") + "_backup"
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.skipif(
    not PG_URL.startswith(("postgres://", "postgresql://")),
    reason="set DATABASE_URL to a PostgreSQL server to test pg_dump/pg_restore",
)
def test_postgres_backup_and_restore_give_back_every_row(tmp_path: Path, pg_database: str):
    import psycopg

    env = _env(pg_database, tmp_path)
    _populate(env)

    def wreck() -> None:
        with psycopg.connect(pg_database) as conn:
            conn.execute("DELETE FROM teachers_certificate")
            conn.execute("DELETE FROM auditlog_logentry")
            conn.execute("DROP TABLE django_session")

    _assert_round_trip(env, lambda: _pg_counts(pg_database), wreck)
