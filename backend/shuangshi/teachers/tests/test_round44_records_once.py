"""Round 44: a certificate (teacher, kind, number) and an enterprise period (teacher, kind,
enterprise, start) are stored once, whoever writes them. Round 43 refused the second one in
the API's serializers only: the admin (and any other caller of the services) stored it, and
two requests at the same moment both passed the check. The rule now lives in the services,
and database constraints stand behind it (the clash is a 400 at the field, not a 500); the
migration stops on records stored twice before, naming them. An import that names a record
a rejected proposal shares the key of writes the record that counts."""

import importlib
import io
from datetime import date
from typing import Any

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from openpyxl import Workbook

from shuangshi import testing
from shuangshi.spreadsheets import services as imports
from shuangshi.teachers import selectors, services
from shuangshi.teachers.models import Certificate, EnterprisePeriod, RecordStatus, Teacher

pytestmark = pytest.mark.django_db

CERTIFICATES = "/api/v1/certificates/"
PERIODS = "/api/v1/enterprise-periods/"
TAKEN = "This teacher already has a certificate of this kind with this number."
SAME_PERIOD = (
    "This teacher already has an enterprise period of this kind at this enterprise starting "
    "on this day."
)


@pytest.fixture
def api(api: Any) -> Any:
    def client(user: Any = None) -> Any:
        c = api(user)
        c.credentials(HTTP_ACCEPT_LANGUAGE="en")
        return c

    return client


@pytest.fixture
def english() -> Any:
    from django.utils import translation

    with translation.override("en"):
        yield


def certificate(teacher: Teacher, **fields: Any) -> dict[str, Any]:
    return {
        "teacher": teacher,
        "kind": "skill_level",
        "level": "grade4",
        "name": "电工",
        "number": "S4302-001",
        "issued_on": date(2022, 6, 30),
        "field_category": "46",
        **fields,
    }


def period(teacher: Teacher, **fields: Any) -> dict[str, Any]:
    return {
        "teacher": teacher,
        "kind": "employment",
        "enterprise": "江铃汽车股份有限公司",
        "start_on": date(2005, 7, 1),
        "end_on": date(2008, 6, 30),
        **fields,
    }


@pytest.fixture
def race(monkeypatch: Any) -> None:
    """The other request's record is not seen by the check (both check, then both write):
    only the database's constraint stands in the way."""
    monkeypatch.setattr(selectors, "records_compared", lambda *a, **k: [])


# --------------------------------------------------------------------------- the services


def test_the_service_refuses_the_same_certificate_for_every_caller(teacher_a, english):
    services.certificate_create(data=certificate(teacher_a))
    with pytest.raises(ValidationError) as refused:
        services.certificate_create(data=certificate(teacher_a, number=" Ｓ４３０２－００１ "))
    assert refused.value.message_dict == {"number": [TAKEN]}
    assert Certificate.objects.filter(teacher=teacher_a).count() == 1


def test_the_service_refuses_the_same_period_for_every_caller(teacher_a, english):
    services.period_create(data=period(teacher_a))
    with pytest.raises(ValidationError) as refused:
        services.period_create(data=period(teacher_a, end_on=None))
    assert refused.value.message_dict == {"start_on": [SAME_PERIOD]}
    assert EnterprisePeriod.objects.filter(teacher=teacher_a).count() == 1


def test_an_update_that_makes_a_record_another_is_refused_by_the_service(teacher_a, english):
    services.certificate_create(data=certificate(teacher_a))
    other = services.certificate_create(data=certificate(teacher_a, number="S4302-002"))
    with pytest.raises(ValidationError) as refused:
        services.certificate_update(certificate=other, data={"number": "S4302-001"})
    assert refused.value.message_dict == {"number": [TAKEN]}
    first = services.period_create(data=period(teacher_a))
    moved = services.period_create(data=period(teacher_a, start_on=date(2009, 1, 1)))
    with pytest.raises(ValidationError):
        services.period_update(period=moved, data={"start_on": first.start_on})
    # Its own values again, or another field: fine.
    services.period_update(period=first, data={"position": "技术员"})


def test_a_rejected_proposal_stands_in_nobodys_way_in_the_database_either(teacher_a):
    services.certificate_create(data=certificate(teacher_a, status=RecordStatus.REJECTED))
    services.certificate_create(data=certificate(teacher_a, status=RecordStatus.REJECTED))
    services.certificate_create(data=certificate(teacher_a))
    # Without numbers, certificates are not compared.
    for _twice in range(2):
        services.certificate_create(data=certificate(teacher_a, number=""))
    services.period_create(data=period(teacher_a, status=RecordStatus.REJECTED))
    services.period_create(data=period(teacher_a))
    assert Certificate.objects.filter(teacher=teacher_a).count() == 5


# --------------------------------------------------------------------------- at the same moment


def test_two_writes_of_a_certificate_at_once_end_in_a_400_at_its_number(api, hr_a, teacher_a, race):
    client = api(hr_a)
    body = {**certificate(teacher_a), "teacher": teacher_a.pk, "issued_on": "2022-06-30"}
    assert client.post(CERTIFICATES, body, format="json").status_code == 201
    response = client.post(CERTIFICATES, body, format="json")
    assert response.status_code == 400
    assert response.json() == {"number": [TAKEN]}
    assert Certificate.objects.filter(teacher=teacher_a).count() == 1


def test_two_writes_of_a_period_at_once_end_in_a_400_at_its_start(api, hr_a, teacher_a, race):
    client = api(hr_a)
    body = {
        **period(teacher_a),
        "teacher": teacher_a.pk,
        "start_on": "2005-07-01",
        "end_on": "2008-06-30",
    }
    assert client.post(PERIODS, body, format="json").status_code == 201
    response = client.post(PERIODS, body, format="json")
    assert response.status_code == 400
    assert response.json() == {"start_on": [SAME_PERIOD]}
    # An update that meets another record at the same moment: the same answer.
    moved = services.period_create(data=period(teacher_a, start_on=date(2009, 1, 1)))
    response = client.patch(
        f"{PERIODS}{moved.pk}/", {"start_on": "2005-07-01", "version": 1}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"start_on": [SAME_PERIOD]}


def test_a_teacher_proposing_while_hr_records_it_is_refused_too(api, teacher_a, race):
    user = testing.make_user("teacher44", testing.Role.TEACHER, teacher=teacher_a)
    user.must_change_password = False
    user.save(update_fields=["must_change_password"])
    services.certificate_create(data=certificate(teacher_a))
    body = {**certificate(teacher_a), "teacher": teacher_a.pk, "issued_on": "2022-06-30"}
    response = api(user).post(CERTIFICATES, body, format="json")
    assert response.status_code == 400
    assert response.json() == {"number": [TAKEN]}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="NFKC in the database")
def test_the_constraint_compares_text_as_the_rule_does(teacher_a):
    Certificate.objects.create(**certificate(teacher_a))
    with pytest.raises(IntegrityError), transaction.atomic():
        Certificate.objects.create(**certificate(teacher_a, number=" Ｓ４３０２－００１"))
    EnterprisePeriod.objects.create(**period(teacher_a, enterprise="江西铜业（集团）"))
    with pytest.raises(IntegrityError), transaction.atomic():
        EnterprisePeriod.objects.create(**period(teacher_a, enterprise="江西铜业(集团) "))


# --------------------------------------------------------------------------- the migration


def test_the_migration_stops_on_records_stored_twice_naming_them(teacher_a):
    migration = importlib.import_module("shuangshi.teachers.migrations.0018_record_once")
    first = Certificate.objects.create(**certificate(teacher_a))
    kept = EnterprisePeriod.objects.create(**period(teacher_a))
    migration.refuse_records_stored_twice(apps, None)  # nothing stored twice: goes on
    with connection.cursor() as cursor:  # as before the constraints (undone with the test)
        cursor.execute("DROP INDEX teachers_certificate_once")
        cursor.execute("DROP INDEX teachers_period_once")
    second = Certificate.objects.create(**certificate(teacher_a, number="Ｓ４３０２－００１"))
    again = EnterprisePeriod.objects.create(**period(teacher_a))
    with pytest.raises(RuntimeError) as stopped:
        migration.refuse_records_stored_twice(apps, None)
    text = str(stopped.value)
    assert f"ids {first.pk}, {second.pk}" in text
    assert f"ids {kept.pk}, {again.pk}" in text
    assert f"teacher {teacher_a.pk} skill_level 'S4302-001'" in text


# --------------------------------------------------------------------------- the import

CERT_HEADERS = ["身份证号", "姓名", "证书类别", "等级/类型", "证书名称", "证书编号", "发证日期"]
PERIOD_HEADERS = ["身份证号", "经历类型", "企业名称", "开始日期", "结束日期"]


def _book(headers: list[str], rows: list[list[Any]]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(headers)
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _import(user: Any, kind: str, headers: list[str], rows: list[list[Any]]) -> Any:
    job = imports.import_validate(
        user=user, kind=kind, filename="r.xlsx", content=_book(headers, rows)
    )
    assert job.status == "valid", job.errors
    return imports.import_commit(job=job)


def test_an_import_writes_the_record_that_counts_not_a_rejected_one_of_its_key(hr_a, teacher_a):
    rejected = services.certificate_create(
        data=certificate(teacher_a, status=RecordStatus.REJECTED, reject_reason="照片不清")
    )
    pending = services.certificate_create(data=certificate(teacher_a, status=RecordStatus.PENDING))
    row = [teacher_a.id_number, "", "职业技能等级证书", "四级/中级工", "维修电工", "S4302-001"]
    job = _import(hr_a, "certificates", CERT_HEADERS, [[*row, date(2022, 6, 30)]])
    assert (job.created_rows, job.updated_rows) == (0, 1)
    rejected.refresh_from_db()
    pending.refresh_from_db()
    assert (rejected.status, rejected.name) == (RecordStatus.REJECTED, "电工")
    assert (pending.status, pending.name) == (RecordStatus.CONFIRMED, "维修电工")

    p_rejected = services.period_create(data=period(teacher_a, status=RecordStatus.REJECTED))
    p_pending = services.period_create(data=period(teacher_a, status=RecordStatus.PENDING))
    rows = [[teacher_a.id_number, "企业工作", "江铃汽车股份有限公司", date(2005, 7, 1), None]]
    job = _import(hr_a, "enterprise-periods", PERIOD_HEADERS, rows)
    assert (job.created_rows, job.updated_rows) == (0, 1)
    p_rejected.refresh_from_db()
    p_pending.refresh_from_db()
    assert p_rejected.status == RecordStatus.REJECTED
    assert (p_pending.status, p_pending.end_on) == (RecordStatus.CONFIRMED, None)


# --------------------------------------------------------------------------- the admin


def test_the_admin_refuses_the_same_certificate_with_the_form_again(client, teacher_a):
    from shuangshi.accounts.models import User

    root = User.objects.create_superuser("root44", password="pw-root-1", role="province")
    client.force_login(root)
    services.certificate_create(data=certificate(teacher_a))
    response = client.post(
        "/admin/teachers/certificate/add/",
        {
            "teacher": teacher_a.pk,
            "kind": "skill_level",
            "level": "grade4",
            "name": "电工",
            "number": "S4302-001",
            "issued_on": "2022-06-30",
            "field_category": "46",
            "status": "confirmed",
            "reject_reason": "",
        },
    )
    assert response.status_code == 200  # the form again, with the error
    assert response.context["adminform"].form.errors
    assert Certificate.objects.filter(teacher=teacher_a).count() == 1
