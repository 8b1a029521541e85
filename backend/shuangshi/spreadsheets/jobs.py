"""Imports as background jobs (DESIGN §6, §10): the dry run and the commit."""

from collections.abc import Callable
from contextlib import suppress
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from shuangshi.jobs.models import Job
from shuangshi.jobs.registry import JobFailed, job, retention
from shuangshi.jobs.services import job_attach_file, job_progress

from . import messages, selectors, services
from .models import ImportJob, ImportStatus
from .reader import FileProblem
from .workbooks import XLSX

if TYPE_CHECKING:
    from shuangshi.accounts.models import User


def _failed(run: Job, message: str) -> None:
    services.import_fail(run=run, message=message)


def _upload(run: Job, import_id: int) -> ImportJob:
    return (
        ImportJob.objects.defer("content", "errors", "parsed", "errors_book")
        .select_related("owner")
        .get(pk=import_id)
    )


# How each job ends, from the upload it worked on: written by the job's run, and by its
# `outcome` when its worker was killed after the work was written and before the job's
# success was (jobs.services._end_lost): the job then reads as if its worker had lived.


def _checked(run: Job, upload: ImportJob) -> None:
    run.done = run.total = upload.rows
    run.result = {"status": upload.status, "rows": upload.rows, "failed": upload.failed}
    run.message = upload.message


def _committed(run: Job, upload: ImportJob) -> None:
    run.done = run.total = upload.rows
    run.result = {
        "status": upload.status,
        "created": upload.created_rows,
        "updated": upload.updated_rows,
        "unchanged": upload.unchanged_rows,
    }


# What import_commit says when it refuses the rows (they broke since the dry run).
REFUSED = "Fix the errors and upload the file again: nothing was imported."


def _refused(run: Job, upload: ImportJob, message: str) -> None:
    # The database changed since the dry run: the rows' errors are on the upload.
    run.result = {"status": upload.status, "failed": upload.failed}
    run.message = message


def _validate_outcome(run: Job) -> bool:
    """The dry run's worker is gone: it was done if the upload holds its report (`valid` or
    `invalid`, written in one statement), or a commit has since taken it over (which
    starts from `valid` only)."""
    upload = selectors.import_settled(run.params.get("import_id"))
    if upload is None or upload.job_id is None:
        return False
    if upload.job_id != run.pk:
        run.done = run.total = upload.rows
        run.result = {"status": ImportStatus.VALID.value, "rows": upload.rows, "failed": 0}
        return True
    if upload.status not in (ImportStatus.VALID, ImportStatus.INVALID):
        return False  # queued or validating: the report was not written
    _checked(run, upload)
    return True


def _commit_outcome(run: Job) -> bool:
    """The commit's worker is gone: the upload says whether its transaction committed
    (`committed`, with its counts) or refused the rows (`invalid`); `committing` means the
    transaction died with the worker, and nothing was written."""
    upload = selectors.import_settled(run.params.get("import_id"))
    if upload is None or upload.job_id != run.pk:
        return False
    if upload.status == ImportStatus.COMMITTED:
        _committed(run, upload)
        return True
    if upload.status == ImportStatus.INVALID:
        _refused(run, upload, str(messages.t(REFUSED)))
        return True
    return False


@job(
    "imports.validate",
    title=_("Check an import"),
    on_failure=_failed,
    read_message=messages.read_message,
    outcome=_validate_outcome,
)
def validate(run: Job, *, import_id: int) -> None:
    upload = _upload(run, import_id)

    def progress(rows: int) -> None:
        job_progress(job=run, done=rows, total=0)

    services.import_dry_run(upload=upload, progress=progress)
    upload.refresh_from_db(fields=["status", "rows", "failed", "message"])
    _marked_ahead(upload)
    _checked(run, upload)


def _marked_ahead(upload: ImportJob) -> None:
    """Rows refused: their marked workbook built now, in the user's language (the job's), so
    that the download the user asks for next reads it (services.import_errors_workbook)."""
    if upload.status == ImportStatus.INVALID and upload.failed:
        with suppress(services.MarkedWorkbookGone, FileProblem):  # the download says why
            services.import_errors_workbook(upload=upload)


@job(
    "imports.commit",
    title=_("Commit an import"),
    on_failure=_failed,
    read_message=messages.read_message,
    outcome=_commit_outcome,
)
def commit(run: Job, *, import_id: int) -> None:
    upload = _upload(run, import_id)
    total = upload.rows

    def progress(rows: int) -> None:
        job_progress(job=run, done=rows, total=max(total, rows))

    try:
        done = services.import_commit(job=upload, progress=progress)
    except services.ImportNotCommittable as refused:
        _refused(run, refused.job, str(refused))
        _marked_ahead(refused.job)
        return
    _committed(run, done)


@retention("imports")
def _old_uploads(cutoff: datetime) -> int:
    return services.imports_expire_older_than(cutoff=cutoff)


# --------------------------------------------------------------------------- exports


def _owner(run: Job) -> "User":
    if run.owner is None:
        raise JobFailed(_("An export needs the user who asked for it."))
    return run.owner


def _teachers_for(user: Any, query: dict[str, Any]) -> Any:
    """The teacher list's rows under the same filters and search as GET /teachers/."""
    from django.http import HttpRequest, QueryDict
    from django_filters.rest_framework import DjangoFilterBackend
    from rest_framework.request import Request
    from rest_framework.views import APIView

    from shuangshi.accounts.scope import teachers_visible_to
    from shuangshi.teachers.api import TeacherViewSet
    from shuangshi.teachers.filters import TeacherFilter, TeacherSearchFilter

    raw = HttpRequest()
    raw.GET = QueryDict(mutable=True)
    for key, values in query.items():
        raw.GET.setlist(key, values if isinstance(values, list) else [values])
    raw.user = user
    request = Request(raw)

    view = APIView()  # what the filter backends read from a view
    view.filterset_class = TeacherFilter  # type: ignore[attr-defined]
    view.search_fields = TeacherViewSet.search_fields  # type: ignore[attr-defined]
    queryset = teachers_visible_to(user)
    for backend in (DjangoFilterBackend(), TeacherSearchFilter()):
        queryset = backend.filter_queryset(request, queryset, view)
    return queryset


@job("exports.teachers", title=_("Teacher list export"))
def export_teachers(run: Job, *, query: dict[str, Any], scope: str = "") -> None:
    from shuangshi.accounts.models import Role
    from shuangshi.audit import services as audit_services

    from . import selectors, workbooks
    from .columns import TEACHERS

    user = _owner(run)
    queryset = _teachers_for(user, query)
    total = queryset.count()
    job_progress(job=run, done=0, total=total, force=True)  # the bar from the start
    columns = selectors.teacher_export_columns(
        user=user, columns=TEACHERS.template_columns(scoped=user.role == Role.SCHOOL_HR)
    )
    tally = selectors.Tally()
    rows = selectors.teacher_export_rows(user=user, teachers=queryset, columns=columns, tally=tally)

    def counted() -> Any:
        for done, row in enumerate(rows, start=1):
            if done % 2000 == 0:
                job_progress(job=run, done=done, total=total)
            yield row

    # In the language the job was started in (the user's: jobs.services.job_run).
    content = workbooks.data_workbook(TEACHERS, columns, counted(), english=messages.english())
    audit_services.export_record(
        user=user, what="teachers", scope=scope, count=tally.rows, full_ids=tally.full_ids
    )
    name = workbooks.teacher_list_filename(timezone.localdate())
    job_attach_file(job=run, name=name, content=content, content_type=XLSX)
    run.done = run.total = total
    run.result = {"rows": tally.rows}


def _steps(run: Job, total: int) -> Callable[[], None]:
    """A workbook job's progress, one step per unit of work (its figures, then each sheet):
    the bar from the start, each step as job_progress throttles it; the job's end
    (jobs.services._end_succeeded) says done = total."""
    job_progress(job=run, done=0, total=total, force=True)

    def step() -> None:
        job_progress(job=run, done=min(run.done + 1, total), total=total)

    return step


def _day(as_of: str | None) -> date | None:
    """The workbook's date as the view recorded it (checked there; none on older jobs)."""
    return date.fromisoformat(as_of) if as_of else None


@job("exports.province", title=_("Province workbook"))
def export_province(run: Job, *, as_of: str | None = None, scope: str = "") -> None:
    from shuangshi.audit import services as audit_services

    from . import report_data, reports

    user = _owner(run)
    step = _steps(run, 1 + len(reports.PROVINCE_SHEETS))  # the figures, then the sheets
    report = report_data.province_report(_day(as_of))
    step()
    content = reports.province_workbook(report, sheet_done=step)
    audit_services.export_record(
        user=user,
        what="province_workbook",
        scope=scope or user.role,  # a job queued before the scope was recorded: the role's
        count=len(report.recruitment),
        full_ids=report.full_ids,
    )
    name = reports.province_filename(report.as_of)
    job_attach_file(job=run, name=name, content=content, content_type=XLSX)
    run.result = {"as_of": report.as_of.isoformat()}


@job("exports.school", title=_("School workbook"))
def export_school(run: Job, *, school: int, scope: str = "", as_of: str | None = None) -> None:
    from shuangshi.accounts.scope import schools_visible_to
    from shuangshi.audit import services as audit_services

    from . import report_data, reports

    user = _owner(run)
    found = schools_visible_to(user).filter(pk=school).first()
    if found is None:
        raise JobFailed(_("This school is not visible to you."))
    step = _steps(run, 1 + len(reports.SCHOOL_SHEETS))  # the figures, then the sheets
    report = report_data.school_report(school=found, user=user, on=_day(as_of))
    step()
    content = reports.school_workbook(report, sheet_done=step)
    audit_services.export_record(
        user=user,
        what="school_workbook",
        scope=scope,
        count=len(report.teachers),
        full_ids=report.full_ids,
    )
    name = reports.school_filename(found.name, report.as_of, found.kind)
    job_attach_file(job=run, name=name, content=content, content_type=XLSX)
    run.result = {"as_of": report.as_of.isoformat(), "rows": len(report.teachers)}
