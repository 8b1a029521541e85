"""Round 45: a certificate or an enterprise period that another writer (an API request)
stores between an import commit's check and its write. The commit meets the database's
constraint (teachers_certificate_once, teachers_period_once: teachers 0018) and is rolled
back whole, as in round 44; it no longer ends `failed` with a generic message but refused,
as a dry run refuses a stored duplicate: the row of the file, at the record's number (or
start), with teachers.validation's wording, and nothing written.

The other writer's record lands "between the check and the write" deterministically: it
is stored (committed, by the service, as the API stores it) before the commit, and the
commit's check is made not to see it, as a check that read just before it was stored. On
PostgreSQL a second test stores it from another connection while the commit runs."""

import io
import threading
from datetime import date
from typing import Any

import pytest
from django.db import IntegrityError, connection, connections
from django.utils import translation
from openpyxl import Workbook

from shuangshi.jobs.models import Job
from shuangshi.spreadsheets import importers
from shuangshi.spreadsheets import services as imports
from shuangshi.spreadsheets.models import ImportJob, ImportStatus
from shuangshi.teachers import services as teacher_services
from shuangshi.teachers.models import Certificate, EnterprisePeriod, RecordStatus, Teacher

pytestmark = pytest.mark.django_db

TAKEN = "This teacher already has a certificate of this kind with this number."
SAME_PERIOD = (
    "This teacher already has an enterprise period of this kind at this enterprise starting "
    "on this day."
)
REFUSED = "Fix the errors and upload the file again: nothing was imported."
CERT_HEADERS = ["身份证号", "姓名", "证书类别", "等级/类型", "证书名称", "证书编号", "发证日期"]
PERIOD_HEADERS = ["身份证号", "经历类型", "企业名称", "开始日期", "结束日期"]


@pytest.fixture(autouse=True)
def english() -> Any:
    with translation.override("en"):
        yield


def _book(headers: list[str], rows: list[list[Any]]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(headers)
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _validated(user: Any, kind: str, headers: list[str], rows: list[list[Any]]) -> ImportJob:
    job = imports.import_validate(
        user=user, kind=kind, filename="r.xlsx", content=_book(headers, rows)
    )
    assert job.status == ImportStatus.VALID, job.errors
    return job


def _certificate(teacher: Teacher, number: str) -> dict[str, Any]:
    return {
        "teacher": teacher,
        "kind": "skill_level",
        "level": "grade4",
        "name": "电工",
        "number": number,
        "issued_on": date(2022, 6, 30),
        "field_category": "46",
    }


def _cert_rows(teacher: Teacher) -> list[list[Any]]:
    row = [teacher.id_number, "", "职业技能等级证书", "四级/中级工", "维修电工"]
    return [[*row, f"S4302-00{n}", date(2022, 6, 30)] for n in (1, 2, 3)]


def _period(teacher: Teacher, **fields: Any) -> dict[str, Any]:
    return {
        "teacher": teacher,
        "kind": "employment",
        "enterprise": "江铃汽车股份有限公司",
        "start_on": date(2005, 7, 1),
        "end_on": date(2008, 6, 30),
        **fields,
    }


def _period_rows(teacher: Teacher) -> list[list[Any]]:
    return [
        [teacher.id_number, "企业工作", "江西铜业集团", date(2001, 7, 1), date(2004, 6, 30)],
        [teacher.id_number, "企业工作", "江铃汽车股份有限公司", date(2005, 7, 1), None],
    ]


def _unseen_at_commit(monkeypatch: Any, importer: type[importers.Importer], hidden: Any) -> None:
    """The commit's check does not see the records ``hidden()`` names (they were stored
    just after it read); a dry run's does."""
    original = importer.check

    def check(self: Any, batch: list[Any]) -> None:
        original(self, batch)
        if self.job is not None:
            ids = hidden()
            self.existing = {k: v for k, v in self.existing.items() if v["id"] not in ids}

    monkeypatch.setattr(importer, "check", check)


def _errors(job: ImportJob) -> list[tuple[int, str, str, str, str]]:
    return [(e["row"], e["column"], e["cell"], e["value"], e["message"]) for e in job.errors]


def test_a_certificate_stored_between_check_and_write_is_named_at_its_row(
    monkeypatch, hr_a, teacher_a
):
    job = _validated(hr_a, "certificates", CERT_HEADERS, _cert_rows(teacher_a))
    twin = teacher_services.certificate_create(data=_certificate(teacher_a, "S4302-002"))
    _unseen_at_commit(monkeypatch, importers.CertificateImporter, lambda: {twin.pk})

    with pytest.raises(imports.ImportNotCommittable) as refused:
        imports.import_commit(job=job)

    assert str(refused.value) == REFUSED
    job.refresh_from_db()
    assert job.status == ImportStatus.INVALID
    assert (job.rows, job.failed, job.ready) == (3, 1, 2)
    assert _errors(job) == [(3, "证书编号", "F3", "S4302-002", TAKEN)]
    # Nothing of the file written; the other writer's record kept as it wrote it.
    assert list(Certificate.objects.filter(teacher=teacher_a).values_list("pk", "name")) == [
        (twin.pk, "电工")
    ]


def test_a_period_stored_between_check_and_write_is_named_at_its_start(
    monkeypatch, hr_a, teacher_a
):
    job = _validated(hr_a, "enterprise-periods", PERIOD_HEADERS, _period_rows(teacher_a))
    twin = teacher_services.period_create(data=_period(teacher_a))
    _unseen_at_commit(monkeypatch, importers.PeriodImporter, lambda: {twin.pk})

    with pytest.raises(imports.ImportNotCommittable):
        imports.import_commit(job=job)

    job.refresh_from_db()
    assert job.status == ImportStatus.INVALID
    assert _errors(job) == [(3, "开始日期", "D3", "2005-07-01", SAME_PERIOD)]
    assert list(EnterprisePeriod.objects.filter(teacher=teacher_a).values_list("pk")) == [
        (twin.pk,)
    ]


def test_a_rejected_proposal_confirmed_by_the_commit_meets_the_twin_too(
    monkeypatch, hr_a, teacher_a
):
    """The file's row would confirm a rejected proposal of its key; meanwhile HR stored the
    record that counts: the same refusal, at the row."""
    rejected = teacher_services.certificate_create(
        data={**_certificate(teacher_a, "S4302-001"), "status": RecordStatus.REJECTED}
    )
    job = _validated(hr_a, "certificates", CERT_HEADERS, _cert_rows(teacher_a)[:1])
    twin = teacher_services.certificate_create(data=_certificate(teacher_a, "S4302-001"))
    _unseen_at_commit(monkeypatch, importers.CertificateImporter, lambda: {twin.pk})

    with pytest.raises(imports.ImportNotCommittable):
        imports.import_commit(job=job)

    job.refresh_from_db()
    assert _errors(job) == [(2, "证书编号", "F2", "S4302-001", TAKEN)]
    rejected.refresh_from_db()
    assert rejected.status == RecordStatus.REJECTED


def test_the_commit_job_ends_refused_with_the_rows_not_failed(monkeypatch, api, hr_a, teacher_a):
    job = _validated(hr_a, "certificates", CERT_HEADERS, _cert_rows(teacher_a))
    twin = teacher_services.certificate_create(data=_certificate(teacher_a, "S4302-003"))
    _unseen_at_commit(monkeypatch, importers.CertificateImporter, lambda: {twin.pk})

    client = api(hr_a)
    client.credentials(HTTP_ACCEPT_LANGUAGE="en")
    answer = client.post(f"/api/v1/imports/{job.pk}/commit/")
    assert answer.status_code == 200, answer.content

    body = client.get(f"/api/v1/imports/{job.pk}/").json()
    assert body["status"] == ImportStatus.INVALID
    assert [(e["row"], e["column"], e["message"]) for e in body["errors"]] == [
        (4, "证书编号", TAKEN)
    ]
    run = Job.objects.get(pk=body["job"])
    assert run.status == "succeeded", (run.status, run.message)
    assert run.result == {"status": ImportStatus.INVALID, "failed": 1}
    assert Certificate.objects.filter(teacher=teacher_a).count() == 1


def test_another_integrity_error_stays_a_failure(monkeypatch, hr_a, teacher_a):
    job = _validated(hr_a, "certificates", CERT_HEADERS, _cert_rows(teacher_a))

    def clash(**_kwargs: Any) -> None:
        raise IntegrityError('duplicate key value violates unique constraint "something_else"')

    monkeypatch.setitem(importers.BATCH_SERVICES, Certificate, clash)
    with pytest.raises(IntegrityError):
        imports.import_commit(job=job)
    job.refresh_from_db()
    assert job.status == ImportStatus.VALID
    assert not Certificate.objects.exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a second connection at once")
@pytest.mark.django_db(transaction=True)
def test_postgresql_a_record_committed_by_another_connection_mid_commit(
    monkeypatch, hr_a, teacher_a
):
    """The other writer is a real second session: it stores and commits the record after
    the commit's check read the teacher's certificates and before its write."""
    job = _validated(hr_a, "certificates", CERT_HEADERS, _cert_rows(teacher_a))
    original = importers.CertificateImporter.check
    stored: list[int] = []

    def elsewhere() -> None:
        try:
            stored.append(
                teacher_services.certificate_create(
                    data=_certificate(Teacher.objects.get(pk=teacher_a.pk), "S4302-001")
                ).pk
            )
        finally:
            connections.close_all()

    def check(self: Any, batch: list[Any]) -> None:
        original(self, batch)
        if self.job is not None and not stored:
            other = threading.Thread(target=elsewhere)
            other.start()
            other.join()

    monkeypatch.setattr(importers.CertificateImporter, "check", check)
    with pytest.raises(imports.ImportNotCommittable):
        imports.import_commit(job=job)

    job.refresh_from_db()
    assert _errors(job) == [(2, "证书编号", "F2", "S4302-001", TAKEN)]
    assert list(Certificate.objects.values_list("pk", flat=True)) == stored
