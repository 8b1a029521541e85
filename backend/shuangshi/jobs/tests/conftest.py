from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import call_command
from django.test import override_settings

from shuangshi.jobs.registry import JOBS

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture
def database_backend() -> Iterator[None]:
    """Queue jobs in the database (as in production) instead of running them at once."""
    with override_settings(TASKS=DATABASE_TASKS):
        yield


@pytest.fixture
def run_worker(monkeypatch: pytest.MonkeyPatch) -> Any:
    """run_worker(): one worker processes every queued job, then stops (in this process).

    Between jobs the worker closes stale connections; inside a test's transaction that
    would close the test's own connection, so it is left out here.
    """
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)

    def run() -> None:
        call_command("jobs_worker", "--batch", "--no-startup-delay", "--no-schedule", verbosity=0)

    return run


@pytest.fixture
def test_job() -> Iterator[str]:
    """A registered job `tests.echo` that records its parameters (or fails when asked)."""
    from shuangshi.jobs.registry import JobFailed, job
    from shuangshi.jobs.services import job_progress

    calls: list[dict[str, Any]] = []

    @job("tests.echo", title="Echo")
    def echo(run: Any, *, fail: str = "", crash: bool = False, **params: Any) -> None:
        calls.append(params)
        job_progress(job=run, done=1, total=2, force=True)
        if fail:
            raise JobFailed(fail)
        if crash:
            raise RuntimeError("boom")
        run.result = {"echo": params, "calls": len(calls)}

    yield "tests.echo"
    JOBS.pop("tests.echo", None)
