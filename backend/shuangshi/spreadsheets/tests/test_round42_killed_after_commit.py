"""Round 42: an import job whose worker was killed after its work was written is not told
"nothing was kept" (DESIGN §6, §10).

The commit writes its rows and the import's `committed` in one transaction; the job's
success was recorded in a statement after it. A worker killed in between left the job
`running`, and the reaper ended it `failed` with "the worker stopped before it finished;
nothing it was writing was kept; start it again" although every row was written (and a
second commit answered "already committed"). The reaper now asks the job's kind how its
work ended: an import's record says it, and the job ends as the import did.

The kill is simulated as a worker would leave it: the job claimed by a worker process that
is gone (PostgreSQL: no session holds the job's lock), its work run, its end not recorded.
"""

import subprocess
import sys
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import timezone

from shuangshi.jobs import services as job_services
from shuangshi.jobs.models import Job, JobStatus
from shuangshi.jobs.registry import WORKER_GONE, spec_for
from shuangshi.notifications.models import Notification
from shuangshi.spreadsheets import services
from shuangshi.spreadsheets.models import ImportJob, ImportStatus
from shuangshi.teachers.models import Teacher
from tests.spreadsheets.books import teacher_row, teachers_book

pytestmark = pytest.mark.django_db

# The jobs wait in the engine's table (as in production) instead of running at once.
QUEUED = override_settings(
    TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
)


def _dead_worker() -> str:
    """A worker name "<this host>:<pid>" whose process has ended."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return f"{job_services.WORKER.rpartition(':')[0]}:{child.pid}"


def _claimed_by_a_worker_that_dies(job: Job, *, work: bool) -> Job:
    """job_run as a worker killed after its job's code returned (``work``) or before it ran:
    the job claimed, its code run, its end never recorded."""
    now = timezone.now()
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.RUNNING, started_at=now, heartbeat_at=now, worker=_dead_worker()
    )
    job.refresh_from_db()
    if work:
        spec_for(job.kind).run(job, **job.params)
    return job


def _upload(client: Any, content: bytes) -> dict[str, Any]:
    answer = client.post(
        "/api/v1/imports/",
        {"kind": "teachers", "file": SimpleUploadedFile("staff.xlsx", content)},
        format="multipart",
    )
    assert answer.status_code == 201, answer.content
    return answer.json()


def _commit_queued(api: Any, user: Any, rows: int) -> tuple[int, Job]:
    client = api(user)
    body = _upload(client, teachers_book([teacher_row(工号=f"T{n}") for n in range(rows)]))
    assert body["status"] == ImportStatus.VALID, body
    with QUEUED:
        answer = client.post(f"/api/v1/imports/{body['id']}/commit/")
    assert answer.status_code == 200, answer.content
    assert answer.json()["status"] == ImportStatus.COMMITTING
    return body["id"], Job.objects.get(pk=answer.json()["job"])


def test_a_commit_killed_after_its_rows_were_written_is_reaped_succeeded(
    api: Any, hr_a: Any
) -> None:
    import_id, commit = _commit_queued(api, hr_a, 3)
    _claimed_by_a_worker_that_dies(commit, work=True)
    assert ImportJob.objects.get(pk=import_id).status == ImportStatus.COMMITTED
    assert Job.objects.get(pk=commit.pk).status == JobStatus.RUNNING  # its end not recorded

    assert [j.pk for j in job_services.jobs_reap()] == [commit.pk]

    client = api(hr_a)
    job = client.get(f"/api/v1/jobs/{commit.pk}/").json()
    assert job["status"] == JobStatus.SUCCEEDED
    assert job["message"] != str(WORKER_GONE)
    assert job["result"] == {"status": "committed", "created": 3, "updated": 0, "unchanged": 0}
    assert job["progress"] == {"done": 3, "total": 3}
    assert job["finished_at"]
    upload = client.get(f"/api/v1/imports/{import_id}/").json()
    assert (upload["status"], upload["created"], upload["message"]) == ("committed", 3, "")
    assert Teacher.objects.filter(school=hr_a.school).count() == 3
    # The owner is told it succeeded, once.
    [notice] = Notification.objects.filter(user=hr_a, subject=f"job:{commit.pk}")
    assert notice.params["failed"] is False
    # Another pass of the reaper leaves it alone.
    assert job_services.jobs_reap() == []
    assert Notification.objects.filter(user=hr_a, subject=f"job:{commit.pk}").count() == 1


def test_another_school_does_not_see_the_reaped_job(api: Any, hr_a: Any, hr_b: Any) -> None:
    import_id, commit = _commit_queued(api, hr_a, 1)
    _claimed_by_a_worker_that_dies(commit, work=True)
    job_services.jobs_reap()
    assert api(hr_b).get(f"/api/v1/jobs/{commit.pk}/").status_code == 404
    assert api(hr_b).get(f"/api/v1/imports/{import_id}/").status_code == 404


def test_a_commit_refused_before_the_kill_is_reaped_as_the_refusal(
    api: Any, hr_a: Any, monkeypatch: Any
) -> None:
    """Rows broke since the dry run: the commit wrote nothing and said so on the import;
    the job ends as a worker that lived would have ended it (succeeded, status invalid)."""
    import_id, commit = _commit_queued(api, hr_a, 2)

    def refused(*, job: ImportJob, progress: Any = None) -> ImportJob:
        ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.INVALID, failed=1)
        raise services.ImportNotCommittable(
            ImportJob.objects.get(pk=job.pk),
            services.t("Fix the errors and upload the file again: nothing was imported."),
        )

    monkeypatch.setattr(services, "import_commit", refused)
    _claimed_by_a_worker_that_dies(commit, work=True)
    job_services.jobs_reap()

    commit.refresh_from_db()
    assert commit.status == JobStatus.SUCCEEDED
    assert commit.result == {"status": "invalid", "failed": 1}
    client = api(hr_a)
    client.credentials(HTTP_ACCEPT_LANGUAGE="en")
    shown = client.get(f"/api/v1/jobs/{commit.pk}/").json()["message"]
    assert shown == "Fix the errors and upload the file again: nothing was imported."
    assert ImportJob.objects.get(pk=import_id).status == ImportStatus.INVALID


def test_a_commit_killed_before_it_committed_still_fails_and_kept_nothing(
    api: Any, hr_a: Any
) -> None:
    import_id, commit = _commit_queued(api, hr_a, 2)
    _claimed_by_a_worker_that_dies(commit, work=False)  # its transaction died with it

    job_services.jobs_reap()

    commit.refresh_from_db()
    assert commit.status == JobStatus.FAILED
    assert commit.message == str(WORKER_GONE)
    upload = ImportJob.objects.get(pk=import_id)
    assert (upload.status, upload.message) == (ImportStatus.FAILED, commit.message)
    assert not Teacher.objects.filter(school=hr_a.school).exists()
    [notice] = Notification.objects.filter(user=hr_a, subject=f"job:{commit.pk}")
    assert notice.params["failed"] is True


def test_a_dry_run_killed_after_it_wrote_its_report_is_reaped_succeeded(
    api: Any, hr_a: Any
) -> None:
    client = api(hr_a)
    content = teachers_book([teacher_row(), teacher_row(身份证号="123")])
    with QUEUED:
        body = _upload(client, content)
    assert body["status"] == ImportStatus.QUEUED
    check = Job.objects.get(pk=body["job"])
    _claimed_by_a_worker_that_dies(check, work=True)

    job_services.jobs_reap()

    check.refresh_from_db()
    assert check.status == JobStatus.SUCCEEDED
    assert check.result == {"status": "invalid", "rows": 2, "failed": 1}
    upload = client.get(f"/api/v1/imports/{body['id']}/").json()
    assert (upload["status"], upload["failed"]) == ("invalid", 1)  # not `failed`
    assert upload["errors"]


def test_a_dry_run_killed_before_it_wrote_its_report_still_fails(api: Any, hr_a: Any) -> None:
    with QUEUED:
        body = _upload(api(hr_a), teachers_book([teacher_row()]))
    check = Job.objects.get(pk=body["job"])
    ImportJob.objects.filter(pk=body["id"]).update(status=ImportStatus.VALIDATING)
    _claimed_by_a_worker_that_dies(check, work=False)

    job_services.jobs_reap()

    check.refresh_from_db()
    assert (check.status, check.message) == (JobStatus.FAILED, str(WORKER_GONE))
    assert ImportJob.objects.get(pk=body["id"]).status == ImportStatus.FAILED


def test_a_commit_whose_end_the_worker_could_not_record_ends_as_the_import_did(
    api: Any, hr_a: Any
) -> None:
    """The worker lived but could not record the job's end (a database error in its own
    bookkeeping, a locked SQLite file): the job ends as its import did, not "unexpected
    error" over committed rows."""
    import_id, commit = _commit_queued(api, hr_a, 2)
    _claimed_by_a_worker_that_dies(commit, work=True)
    Job.objects.filter(pk=commit.pk).update(worker=job_services.WORKER)  # this worker

    assert job_services.job_end_after_worker_error(task_args={"args": [commit.pk]})

    commit.refresh_from_db()
    assert commit.status == JobStatus.SUCCEEDED
    assert commit.result["created"] == 2
    assert ImportJob.objects.get(pk=import_id).status == ImportStatus.COMMITTED
