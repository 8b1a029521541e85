"""Round 32 (imports that name a teacher by ID number): a mistyped number says what is
wrong with it (check digit, length), as the API's lookup does, not "no teacher with this
ID number": the clerk would go looking for a teacher who is there."""

from datetime import date

import pytest
from shuangshi import testing
from shuangshi.training.models import TrainingProgram

from .books import book
from .conftest import errors_at

PROGRAMME = "新能源汽车维修技术培训"


@pytest.fixture
def program(base_a):
    return TrainingProgram.objects.create(
        base=base_a,
        title=PROGRAMME,
        kind="skill_training",
        hours=80,
        start_on=date(2024, 7, 8),
        end_on=date(2024, 8, 2),
    )


def _wrong_check_digit(number: str) -> str:
    last = "0" if number[-1] != "0" else "1"
    return number[:-1] + last


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_mistyped_id_number_on_a_completion_sheet_says_why(
    api, base_staff, school_a, program, upload, language
):
    teacher = testing.make_teacher(school_a)
    rows = [
        ["身份证号", "培训项目", "结业日期", "学时", "是否合格"],
        [_wrong_check_digit(teacher.id_number), PROGRAMME, date(2024, 8, 2), 80, "是"],
        [teacher.id_number[:10], PROGRAMME, date(2024, 8, 2), 80, "是"],
        [testing.new_id_number(), PROGRAMME, date(2024, 8, 2), 80, "是"],  # well formed
    ]
    client = api(base_staff)
    client.credentials(HTTP_ACCEPT_LANGUAGE=language)
    body = upload(client, "training-completions", book(rows)).json()
    assert body["status"] == "invalid", body
    assert errors_at(body) == [(2, "身份证号"), (3, "身份证号"), (4, "身份证号")]
    messages = [e["message"] for e in body["errors"]]
    registered = {
        "zh-hans": "系统中没有该身份证号对应的教师。",
        "en": "No teacher with this ID number is registered.",
    }
    assert registered[language] not in messages[:2]
    assert all(
        ("身份证号" in m if language == "zh-hans" else "ID number" in m) for m in messages[:2]
    )
    assert messages[2] == registered[language]


def test_a_mistyped_id_number_on_a_certificate_sheet_says_why(api, hr_a, teacher_a, upload):
    rows = [
        ["身份证号", "证书类别", "等级/类型", "证书编号", "发证日期", "有效期至"],
        [
            _wrong_check_digit(teacher_a.id_number),
            "职业技能等级证书",
            "四级",
            "N1",
            date(2020, 1, 1),
            None,
        ],
    ]
    body = upload(api(hr_a), "certificates", book(rows)).json()
    assert errors_at(body) == [(2, "身份证号")]
    assert "校验" in body["errors"][0]["message"], body["errors"][0]
