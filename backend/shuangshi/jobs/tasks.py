"""The one task the engine (django-tasks) runs: it carries a Job's id, the Job says the rest."""

from django_tasks import task

from . import services


@task()
def run_job(job_id: int) -> None:
    services.job_run(job_id=job_id)
