"""Round 33: the completions sheet refuses a row dated after the teacher left, or on a day
the base was not operating (DESIGN §4: only training at a base active that day counts),
at the row and the column, in the reader's language."""

from datetime import date

import pytest
from shuangshi import testing
from shuangshi.training import services
from shuangshi.training.models import TrainingCompletion, TrainingProgram

from .books import book
from .conftest import errors_at

pytestmark = pytest.mark.django_db
PROGRAMME = "新能源汽车维修技术培训"
HEADERS = ["身份证号", "培训项目", "结业日期", "学时", "是否合格"]


def _program(base):
    return TrainingProgram.objects.create(
        base=base,
        title=PROGRAMME,
        kind="skill_training",
        hours=80,
        start_on=date(2024, 7, 8),
        end_on=date(2024, 8, 2),
    )


def _client(api, user, language):
    client = api(user)
    client.credentials(HTTP_ACCEPT_LANGUAGE=language)
    return client


@pytest.mark.parametrize(
    ("language", "text"),
    [("zh-hans", "2024-07-31 离职"), ("en", "left on 2024-07-31")],
)
def test_a_row_dated_after_the_teacher_left_is_refused_at_its_date(
    api, base_staff, base_a, school_a, upload, language, text
):
    _program(base_a)
    left = testing.make_teacher(school_a, left_on=date(2024, 7, 31))
    stays = testing.make_teacher(school_a)
    rows = [
        HEADERS,
        [stays.id_number, PROGRAMME, date(2024, 8, 2), 80, "是"],
        [left.id_number.lower(), PROGRAMME, date(2024, 8, 2), 80, "是"],
    ]
    body = upload(_client(api, base_staff, language), "training-completions", book(rows)).json()
    assert body["status"] == "invalid", body
    assert errors_at(body) == [(3, "结业日期")]
    assert text in body["errors"][0]["message"]
    assert not TrainingCompletion.objects.exists()


@pytest.mark.parametrize(("language", "text"), [("zh-hans", "暂停"), ("en", "suspended")])
def test_a_row_dated_while_the_base_was_suspended_is_refused(
    api, base_staff, base_a, school_a, upload, language, text
):
    _program(base_a)
    services.base_update(base=base_a, data={"status": "suspended"}, effective_on=date(2024, 8, 1))
    early, late = testing.make_teacher(school_a), testing.make_teacher(school_a)
    rows = [
        HEADERS,
        [early.id_number, PROGRAMME, date(2024, 7, 31), 80, "是"],
        [late.id_number, PROGRAMME, date(2024, 8, 1), 80, "是"],
    ]
    body = upload(_client(api, base_staff, language), "training-completions", book(rows)).json()
    assert body["status"] == "invalid", body
    assert errors_at(body) == [(3, "结业日期")]
    assert text in body["errors"][0]["message"] and "2024-08-01" in body["errors"][0]["message"]
    assert not TrainingCompletion.objects.exists()


def test_a_planned_base_imports_nothing_and_the_province_is_held_to_it_too(
    api, province, school_a, upload
):
    base = testing.make_base(status="planned")
    _program(base)
    teacher = testing.make_teacher(school_a)
    rows = [
        ["基地代码", *HEADERS],
        [base.code, teacher.id_number, PROGRAMME, date(2024, 8, 2), 80, "是"],
    ]
    body = upload(_client(api, province, "zh-hans"), "training-completions", book(rows)).json()
    assert body["status"] == "invalid", body
    assert errors_at(body) == [(2, "结业日期")]
    assert "筹建" in body["errors"][0]["message"]
    assert not TrainingCompletion.objects.exists()


def test_reimporting_a_completion_earned_before_a_suspension_still_works(
    api, base_staff, base_a, school_a, upload
):
    """An export re-imports unchanged (DESIGN §6): a completion earned while the base was
    active is kept, and its other columns may still be corrected."""
    program = _program(base_a)
    teacher = testing.make_teacher(school_a)
    services.completion_log(
        data={
            "program": program,
            "teacher": teacher,
            "completed_on": date(2024, 7, 31),
            "hours": 80,
            "passed": True,
        }
    )
    services.base_update(base=base_a, data={"status": "suspended"}, effective_on=date(2024, 8, 1))
    rows = [HEADERS, [teacher.id_number, PROGRAMME, date(2024, 7, 31), 60, "是"]]
    client = _client(api, base_staff, "zh-hans")
    body = upload(client, "training-completions", book(rows)).json()
    assert body["status"] == "valid", body
    done = client.post(f"/api/v1/imports/{body['id']}/commit/").json()
    assert done["status"] == "committed", done
    assert TrainingCompletion.objects.get().hours == 60


def test_school_hr_may_not_import_completions(api, hr_a, base_a, school_a, upload):
    _program(base_a)
    teacher = testing.make_teacher(school_a)
    rows = [HEADERS, [teacher.id_number, PROGRAMME, date(2024, 8, 2), 80, "是"]]
    response = upload(api(hr_a), "training-completions", book(rows))
    assert response.status_code in (400, 403), response.content
    assert not TrainingCompletion.objects.exists()
