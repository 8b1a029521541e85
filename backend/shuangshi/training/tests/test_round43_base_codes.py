"""Round 43: a training base's code is one base's as the completions import reads it
(either case, full- or half-width): the API refuses a base whose code reads as a stored
one, naming it; the database refuses a pair differing only by case; and the import refuses
a code that reads as two stored bases (stored before the rule) instead of choosing one."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction

from shuangshi import testing
from shuangshi.training.models import TrainingBase, TrainingCompletion, TrainingProgram
from tests.spreadsheets.books import book

from .test_bases_api import base_payload

pytestmark = pytest.mark.django_db
URL = "/api/v1/training-bases/"


@pytest.mark.parametrize("second", ["qb1", "Qb1", "ＱＢ１"])
def test_a_code_reading_as_a_stored_one_is_a_400_naming_it(api, province, second):
    client = api(province)
    assert client.post(URL, base_payload(code="QB1"), format="json").status_code == 201
    response = client.post(URL, base_payload(code=second), format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400, response.content
    (message,) = response.json()["code"]
    assert "QB1" in message and "already exists" in message
    assert TrainingBase.objects.filter(code__iexact="qb1").count() == 1


def test_an_edit_to_a_code_reading_as_another_bases_is_a_400(api, province, base_a):
    testing.make_base(code="QB1")
    response = api(province).patch(
        f"{URL}{base_a.pk}/", {"code": "qb1", "version": base_a.version}, format="json"
    )
    assert response.status_code == 400
    assert "QB1" in response.json()["code"][0]


def test_the_database_refuses_two_codes_differing_only_by_case(base_a):
    with pytest.raises(IntegrityError), transaction.atomic():
        TrainingBase.objects.create(
            code=base_a.code.lower(),
            name="x",
            host_name="x",
            host_kind="enterprise",
            city=base_a.city,
            designation="dual_qualified",
        )


def test_the_import_refuses_a_code_reading_as_two_stored_bases(api, province, school_a):
    first, second = testing.make_base(code="QB1"), testing.make_base(code="QC1")
    # Stored before the rule: a full-width twin (beyond the database's Upper constraint).
    TrainingBase.objects.filter(pk=second.pk).update(code="ＱＢ1")
    for base in (first, second):
        TrainingProgram.objects.create(
            base=base,
            title="新能源汽车维修技术培训",
            kind="skill_training",
            hours=80,
            start_on=date(2024, 7, 8),
            end_on=date(2024, 8, 2),
        )
    teacher = testing.make_teacher(school_a)
    rows = [
        ["基地代码", "身份证号", "培训项目", "结业日期", "学时", "是否合格"],
        ["qb1", teacher.id_number, "新能源汽车维修技术培训", date(2024, 8, 2), 80, "是"],
    ]
    client = api(province)
    client.credentials(HTTP_ACCEPT_LANGUAGE="en")
    upload = SimpleUploadedFile("c.xlsx", book(rows))
    result = client.post(
        "/api/v1/imports/", {"kind": "training-completions", "file": upload}, format="multipart"
    ).json()
    assert result["status"] == "invalid", result
    assert [(e["row"], e["column"]) for e in result["errors"]] == [(2, "基地代码")]
    assert "QB1" in result["errors"][0]["message"] and "ＱＢ1" in result["errors"][0]["message"]
    assert not TrainingCompletion.objects.exists()
