"""Round 45 (QA, each reproduced twice).

1. A completion row naming a programme by its right title and a wrong start date was refused
   at 培训项目 ("本基地没有该名称的培训项目。"): the date is what is wrong.
2. A mentor-appointment row gave another name with a registered mentor's ID number, or two
   rows of one file gave one ID number two names: accepted, the last row silently winning
   (the mentor renamed, their employer and category changed) or the row filed under the
   registered mentor. Refused now, as the certificate and completion imports refuse a
   teacher's (姓名与身份证号不匹配).
"""

from datetime import date

import pytest
from shuangshi import testing
from shuangshi.mentors import services as mentor_services
from shuangshi.mentors.models import Mentor, MentorAppointment
from shuangshi.training.models import TrainingCompletion, TrainingProgram

from .books import book, unique_id_number
from .conftest import errors_at

pytestmark = pytest.mark.django_db

PROGRAMME = "江铃汽车股份有限公司岗位技能提升培训"
COMPLETION_HEADERS = ["身份证号", "培训项目", "项目开始日期", "结业日期", "学时", "是否合格"]
MENTOR_HEADERS = [
    "导师姓名",
    "导师身份证号",
    "所在企业",
    "导师类别",
    "聘任方式",
    "聘任开始日期",
    "聘任结束日期",
    "学时",
]


def _client(api, user, language="zh-hans"):
    client = api(user)
    client.credentials(HTTP_ACCEPT_LANGUAGE=language)
    return client


def _programme(base, start_on):
    return TrainingProgram.objects.create(
        base=base,
        title=PROGRAMME,
        kind="skill_training",
        hours=80,
        start_on=start_on,
        end_on=start_on.replace(month=start_on.month + 1),
    )


# --------------------------------------------------------------------- completions


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("zh-hans", "该名称的培训项目没有在 2020-01-01 开始的，该项目的开始日期为 2025-03-01。"),
        ("en", "No programme with this title starts on 2020-01-01; its start date is 2025-03-01."),
    ],
)
def test_a_right_title_with_a_wrong_start_is_refused_at_the_start_naming_the_real_one(
    api, base_staff, base_a, school_a, upload, language, text
):
    _programme(base_a, date(2025, 3, 1))
    teacher = testing.make_teacher(school_a)
    rows = [
        COMPLETION_HEADERS,
        [teacher.id_number, PROGRAMME, date(2020, 1, 1), date(2025, 3, 31), 80, "是"],
        [teacher.id_number, "没有这个项目", None, date(2025, 3, 31), 80, "是"],
    ]
    body = upload(_client(api, base_staff, language), "training-completions", book(rows)).json()
    assert body["status"] == "invalid", body
    assert errors_at(body) == [(2, "项目开始日期"), (3, "培训项目")]
    assert body["errors"][0]["message"] == text
    assert not TrainingCompletion.objects.exists()


def test_several_starts_are_listed_and_many_are_not(api, base_staff, base_a, school_a, upload):
    teacher = testing.make_teacher(school_a)
    for month in (3, 9):
        _programme(base_a, date(2025, month, 1))
    row = [teacher.id_number, PROGRAMME, date(2020, 1, 1), date(2025, 9, 30), 80, "是"]
    body = upload(_client(api, base_staff), "training-completions", book([COMPLETION_HEADERS, row]))
    assert [e["message"] for e in body.json()["errors"]] == [
        "该名称的培训项目没有在 2020-01-01 开始的，该项目的开始日期为 2025-03-01、2025-09-01。"
    ]
    for month in (4, 5, 6, 7):
        _programme(base_a, date(2025, month, 1))
    body = upload(_client(api, base_staff), "training-completions", book([COMPLETION_HEADERS, row]))
    assert [(e["column"], e["message"]) for e in body.json()["errors"]] == [
        ("项目开始日期", "该名称的培训项目没有在 2020-01-01 开始的，请核对项目开始日期。")
    ]


# --------------------------------------------------------------------- mentors


def _row(name, number, enterprise="江西铜业", category="能工巧匠", mode="兼职授课", start=None):
    return [name, number, enterprise, category, mode, start or "2024-09-01", None, 10]


def _registered(number, birth, user=None):
    data = {
        "name": "王建国",
        "id_number": number,
        "gender": "male",
        "birth_date": birth,
        "enterprise": "江铃汽车股份有限公司",
        "category": "engineer",
    }
    return mentor_services.mentor_create(data=data, user=user)


def _upload(api, user, upload, rows):
    return upload(_client(api, user), "mentor-appointments", book([MENTOR_HEADERS, *rows])).json()


def test_two_names_for_one_id_number_in_a_file_are_refused_at_the_later_name(api, hr_a, upload):
    number, _ = unique_id_number(gender="male")
    rows = [
        _row("刘工", number),
        _row("别名", number, enterprise="另一家公司", category="高技能人才", mode="联合研发"),
    ]
    body = _upload(api, hr_a, upload, rows)
    assert body["status"] == "invalid"
    assert errors_at(body) == [(3, "导师姓名")]
    assert body["errors"][0]["message"] == "第 2 行的身份证号与本行相同，但姓名不同（刘工）。"
    assert not Mentor.objects.exists() and not MentorAppointment.objects.exists()


def test_one_mentors_rows_in_a_file_agree_on_employer_and_category(api, hr_a, upload):
    number, _ = unique_id_number(gender="male")
    rows = [
        _row("刘工", number),
        _row("刘工", number, enterprise="另一家公司", mode="联合研发"),
        _row("刘工", number, category="高技能人才", start="2025-09-01"),
    ]
    body = _upload(api, hr_a, upload, rows)
    assert errors_at(body) == [(3, "所在企业"), (4, "导师类别")]
    assert body["errors"][0]["message"] == (
        "该导师在第 2 行的此列填写不同，同一导师各行的此列应填写一致。"
    )
    assert not Mentor.objects.exists()


@pytest.mark.parametrize("appointed_elsewhere", [False, True])
def test_another_name_with_a_registered_mentors_id_number_is_refused(
    api, hr_a, hr_b, school_b, upload, appointed_elsewhere
):
    number, birth = unique_id_number(gender="male")
    mentor = _registered(number, birth, hr_b)
    if appointed_elsewhere:
        mentor_services.appointment_create(
            data={
                "mentor": mentor,
                "school": school_b,
                "mode": "teaching",
                "start_on": date(2024, 9, 1),
                "hours": 10,
            }
        )
    rows = [_row("篡改名", number, enterprise="别的公司"), _row("王建国", number, mode="联合研发")]
    body = _upload(api, hr_a, upload, rows)
    assert body["status"] == "invalid"
    assert errors_at(body) == [(2, "导师姓名")]
    assert body["errors"][0]["message"] == "姓名与身份证号不匹配。"
    assert "王建国" not in body["errors"][0]["message"]  # the stored name is not told
    mentor.refresh_from_db()
    assert (mentor.name, mentor.enterprise) == ("王建国", "江铃汽车股份有限公司")
    assert not MentorAppointment.objects.filter(school=hr_a.school).exists()


def test_the_registered_name_appoints_and_gives_the_mentors_current_employer(api, hr_a, upload):
    # The stored mentor's details are the current ones: the file's (all its rows alike) win.
    number, birth = unique_id_number(gender="male")
    mentor = _registered(number, birth)
    rows = [_row("王建国", number), _row("王建国", number, mode="联合研发")]
    body = _upload(api, hr_a, upload, rows)
    assert body["status"] == "valid", body["errors"]
    result = _client(api, hr_a).post(f"/api/v1/imports/{body['id']}/commit/").json()
    assert result["created"] == 2
    mentor.refresh_from_db()
    assert (mentor.name, mentor.enterprise, mentor.category) == ("王建国", "江西铜业", "craftsman")


def test_the_api_registers_no_second_mentor_under_a_taken_id_number(api, hr_a, hr_b, upload):
    # The API's side of the rule: a taken ID number with any name is refused, not renamed.
    number, birth = unique_id_number(gender="male")
    mentor = _registered(number, birth, hr_b)
    response = _client(api, hr_a).post(
        "/api/v1/mentors/",
        {"name": "篡改名", "id_number": number, "enterprise": "别的公司", "category": "engineer"},
        format="json",
    )
    assert response.status_code == 400 and "id_number" in response.json()
    mentor.refresh_from_db()
    assert (mentor.name, Mentor.objects.count()) == ("王建国", 1)


# ------------------------------------------------------- the screens' words (QA, round 45)


@pytest.mark.parametrize(
    ("word", "mode"),
    [
        ("兼职任教", "teaching"),
        ("联合研究", "research"),
        ("参与项目", "project"),
        ("兼职授课", "teaching"),
    ],
)
def test_an_appointment_mode_is_read_in_the_words_the_screens_show(api, hr_a, upload, word, mode):
    """The 产业导师 page words the modes 兼职任教/联合研究/参与项目; the import refused them
    ("不是可选值之一：兼职授课、联合研发、项目合作"). Both sets are read now."""
    number, _ = unique_id_number(gender="male")
    body = _upload(api, hr_a, upload, [_row("刘工", number, mode=word)])
    assert body["status"] == "valid", body["errors"]
    assert body["ready"] == 1


def test_the_template_offers_the_screens_words():
    from shuangshi.spreadsheets import labels

    assert labels.dropdown(labels.APPOINTMENT_MODE) == ["兼职任教", "联合研究", "参与项目"]
