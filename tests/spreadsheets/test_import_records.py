"""Certificates, enterprise periods, mentor appointments and training completions."""

from datetime import date

import pytest
from auditlog.models import LogEntry
from shuangshi import testing
from shuangshi.audit.selectors import teacher_history
from shuangshi.common.idnumbers import make_credit_code
from shuangshi.mentors.models import Mentor, MentorAppointment
from shuangshi.teachers.models import Certificate, EnterprisePeriod, Teacher
from shuangshi.training.models import TrainingCompletion, TrainingProgram

from .books import book, teacher_row, teachers_book, unique_id_number
from .conftest import errors_at

CERT_HEADERS = [
    "身份证号",
    "姓名",
    "证书类别",
    "等级/类型",
    "证书名称",
    "证书编号",
    "发证日期",
    "有效期至",
]
PERIOD_HEADERS = ["身份证号", "经历类型", "企业名称", "统一社会信用代码", "开始日期", "结束日期"]
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
COMPLETION_HEADERS = ["身份证号", "姓名", "培训项目", "结业日期", "学时", "是否合格"]


def run(client, upload, kind, headers, rows):
    body = upload(client, kind, book([headers, *rows])).json()
    if body.get("status") == "valid":
        result = client.post(f"/api/v1/imports/{body['id']}/commit/").json()
        return body, result
    return body, None


# --------------------------------------------------------------------- certificates


def test_certificates_are_keyed_by_teacher_kind_and_number(api, hr_a, teacher_a, upload):
    client = api(hr_a)
    rows = [
        [
            teacher_a.id_number,
            "王芳",
            "教师资格证",
            "中职教师资格",
            "",
            "Q1",
            date(2010, 7, 1),
            None,
        ],
        [
            teacher_a.id_number,
            "",
            "职业技能等级证书",
            "四级/中级工",
            "电工",
            "S1",
            "2020-06-30",
            None,
        ],
        [teacher_a.id_number, "", "1+X证书", "intermediate", "", "X1", "2021/1/5", "2026/1/5"],
    ]
    _, result = run(client, upload, "certificates", CERT_HEADERS, rows)
    assert result["created"] == 3
    rows[1][3] = "三级/高级工"
    _, again = run(client, upload, "certificates", CERT_HEADERS, rows)
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 1, 2)
    levels = dict(Certificate.objects.values_list("number", "level"))
    assert levels == {"Q1": "secondary_vocational", "S1": "grade3", "X1": "intermediate"}


def test_certificate_errors_point_at_their_cells(api, hr_a, teacher_a, teacher_b, upload):
    rows = [
        [teacher_b.id_number, "", "教师资格证", "中职教师资格", "", "Q1", date(2010, 7, 1), None],
        [
            teacher_a.id_number,
            "张三",
            "教师资格证",
            "中职教师资格",
            "",
            "Q2",
            date(2010, 7, 1),
            None,
        ],
        [teacher_a.id_number, "", "职业技能等级证书", "副高级", "", "S1", date(2010, 7, 1), None],
        [teacher_a.id_number, "", "教师资格证", "中职教师资格", "", None, date(2010, 7, 1), None],
        [
            teacher_a.id_number,
            "",
            "职业技能等级证书",
            "四级",
            "",
            "S2",
            date(2020, 1, 1),
            date(2019, 1, 1),
        ],
        [teacher_a.id_number, "", "职业技能等级证书", "四级", "", "S2", date(2020, 1, 1), None],
    ]
    body, _ = run(api(hr_a), upload, "certificates", CERT_HEADERS, rows)
    assert errors_at(body) == [
        (2, "身份证号"),  # another school's teacher: not found in scope
        (3, "姓名"),
        (4, "等级/类型"),
        (5, "证书编号"),
        (6, "有效期至"),
        (7, "证书编号"),  # the same certificate as row 6 (round 45: at its number)
    ]
    assert "四级/中级工" in body["errors"][2]["message"]
    assert Certificate.objects.count() == 0


def test_certificate_imports_re_evaluate_the_teacher(api, hr_a, teacher_a, upload):
    from shuangshi.qualification.models import TeacherQualification

    testing.make_period(teacher_a, start_on=date(2023, 1, 1), end_on=date(2023, 12, 31))
    assert TeacherQualification.objects.get(teacher=teacher_a).level == "none"
    rows = [
        [teacher_a.id_number, "", "教师资格证", "中职教师资格", "", "Q1", date(2010, 7, 1), None]
    ]
    run(api(hr_a), upload, "certificates", CERT_HEADERS, rows)
    assert TeacherQualification.objects.get(teacher=teacher_a).level != "none"


# --------------------------------------------------------------------- periods


def test_periods_are_keyed_by_teacher_kind_enterprise_and_start(api, hr_a, teacher_a, upload):
    client = api(hr_a)
    code = make_credit_code("91360100MA35XXXX0")
    rows = [
        [teacher_a.id_number, "企业实践", "江铃汽车", code.lower(), "2023-07-01", "2023-12-31"],
        [teacher_a.id_number, "企业工作经历", "江铃汽车", None, "2005-07-01", "2008-08-31"],
    ]
    _, result = run(client, upload, "enterprise-periods", PERIOD_HEADERS, rows)
    assert result["created"] == 2
    rows[1][5] = "2009-08-31"
    _, again = run(client, upload, "enterprise-periods", PERIOD_HEADERS, rows)
    assert (again["created"], again["updated"]) == (0, 1)
    assert EnterprisePeriod.objects.get(kind="practice").credit_code == code


def test_period_errors_point_at_their_cells(api, hr_a, teacher_a, upload):
    rows = [
        [teacher_a.id_number, "企业实践", "江铃汽车", "91360100158304988B", "2023-07-01", None],
        [teacher_a.id_number, "企业实践", "江铃汽车", None, "2023-07-01", "2023-01-01"],
        ["360102198506150012", "企业实践", "江铃汽车", None, "2023-07-01", None],
    ]
    body, _ = run(api(hr_a), upload, "enterprise-periods", PERIOD_HEADERS, rows)
    assert errors_at(body) == [
        (2, "统一社会信用代码"),
        (3, "结束日期"),
        (3, "开始日期"),  # the same period as row 2 (round 45: at its start)
        (4, "身份证号"),
    ]


# --------------------------------------------------------------------- mentors


def test_mentor_appointments_create_the_mentor_once(api, hr_a, upload):
    client = api(hr_a)
    number, _ = unique_id_number(gender="male")
    rows = [
        ["刘工", number, "江西铜业", "能工巧匠", "兼职授课", "2024-09-01", "2025-07-31", 64],
        ["刘工", number, "江西铜业", "能工巧匠", "联合研发", "2024-09-01", None, None],
    ]
    _, result = run(client, upload, "mentor-appointments", MENTOR_HEADERS, rows)
    assert result["created"] == 2
    rows[0][7] = 80
    _, again = run(client, upload, "mentor-appointments", MENTOR_HEADERS, rows)
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 1, 1)
    mentor = Mentor.objects.get()
    assert (mentor.category, mentor.gender) == ("craftsman", "male")
    assert set(MentorAppointment.objects.values_list("school_id", flat=True)) == {hr_a.school_id}


def test_a_school_hr_appoints_mentors_only_at_its_school(api, hr_a, school_b, upload):
    number, _ = unique_id_number(gender="male")
    headers = [*MENTOR_HEADERS, "学校代码"]
    rows = [
        ["刘工", number, "江西铜业", "能工巧匠", "兼职授课", "2024-09-01", None, 10, school_b.code]
    ]
    body, _ = run(api(hr_a), upload, "mentor-appointments", headers, rows)
    assert errors_at(body) == [(2, "学校代码")]


def test_overlapping_appointments_are_refused_in_the_file_and_against_stored_ones(
    api, hr_a, upload
):
    client = api(hr_a)
    number, _ = unique_id_number(gender="male")
    first = ["刘工", number, "江西铜业", "能工巧匠", "兼职授课", "2024-09-01", "2025-07-31", 64]
    _, result = run(client, upload, "mentor-appointments", MENTOR_HEADERS, [first])
    assert result["created"] == 1
    rows = [
        first,  # the same appointment again: an update, not an overlap
        ["刘工", number, "江西铜业", "能工巧匠", "兼职授课", "2025-03-01", None, 10],
        ["刘工", number, "江西铜业", "能工巧匠", "联合研发", "2025-03-01", None, 10],
        ["刘工", number, "江西铜业", "能工巧匠", "联合研发", "2025-06-01", "2025-08-01", 10],
    ]
    body, _ = run(client, upload, "mentor-appointments", MENTOR_HEADERS, rows)
    assert body["status"] == "invalid"
    # Row 3 overlaps the stored 2024-09-01 appointment; row 5 overlaps row 4 of the file.
    assert errors_at(body) == [(3, "聘任开始日期"), (5, "聘任开始日期")]
    assert MentorAppointment.objects.count() == 1


def test_city_users_cannot_import_mentor_appointments(api, city_nc, upload):
    assert upload(api(city_nc), "mentor-appointments", book([MENTOR_HEADERS])).status_code == 403


# --------------------------------------------------------------------- completions


@pytest.fixture
def program(base_a):
    return TrainingProgram.objects.create(
        base=base_a,
        title="新能源汽车维修技术培训",
        kind="skill_training",
        hours=80,
        start_on=date(2024, 7, 8),
        end_on=date(2024, 8, 2),
    )


def test_base_staff_log_completions_for_teachers_of_any_school(
    api, base_staff, program, teacher_a, teacher_b, upload
):
    client = api(base_staff)
    rows = [
        [teacher_a.id_number, "王芳", "新能源汽车维修技术培训", "2024-08-02", 80, "是"],
        [teacher_b.id_number, "", "新能源汽车维修技术培训", "2024-08-02", 40, "否"],
    ]
    _, result = run(client, upload, "training-completions", COMPLETION_HEADERS, rows)
    assert result["created"] == 2
    _, again = run(client, upload, "training-completions", COMPLETION_HEADERS, rows)
    assert (again["created"], again["unchanged"]) == (0, 2)
    assert TrainingCompletion.objects.filter(passed=False).get().teacher == teacher_b


def test_base_staff_only_import_their_own_base(api, base_staff, program, teacher_a, upload):
    other = testing.make_base()
    TrainingProgram.objects.create(
        base=other,
        title="别的项目",
        kind="pedagogy",
        hours=40,
        start_on=date(2024, 1, 1),
        end_on=date(2024, 1, 31),
    )
    headers = [*COMPLETION_HEADERS, "基地代码"]
    rows = [
        [teacher_a.id_number, "", "别的项目", "2024-01-31", 40, "是", None],
        [teacher_a.id_number, "", "新能源汽车维修技术培训", "2024-08-02", 40, "是", other.code],
        [teacher_a.id_number, "", "新能源汽车维修技术培训", "2024-06-01", 90, "是", None],
        ["360102198506150012", "", "新能源汽车维修技术培训", "2024-08-02", 40, "是", None],
    ]
    body, _ = run(api(base_staff), upload, "training-completions", headers, rows)
    assert errors_at(body) == [
        (2, "培训项目"),
        (3, "基地代码"),
        (4, "学时"),  # more than the programme's 80 hours
        (4, "结业日期"),  # before the programme
        (5, "身份证号"),
    ]


@pytest.mark.parametrize("user", ["hr_a", "city_nc"])
def test_schools_cannot_import_completions(api, request, user, upload):
    client = api(request.getfixturevalue(user))
    assert upload(client, "training-completions", book([COMPLETION_HEADERS])).status_code == 403


def test_imports_write_audit_entries_like_a_save(api, hr_a, teacher_a, upload):
    from auditlog.models import LogEntry

    client = api(hr_a)
    rows = [
        [teacher_a.id_number, "", "教师资格证", "中职教师资格", "", "Q1", date(2010, 7, 1), None]
    ]
    run(client, upload, "certificates", CERT_HEADERS, rows)
    rows[0][6] = date(2011, 7, 1)
    body, _ = run(client, upload, "certificates", CERT_HEADERS, rows)

    certificate = Certificate.objects.get()
    entries = LogEntry.objects.get_for_object(certificate).order_by("id")
    assert [e.action for e in entries] == [LogEntry.Action.CREATE, LogEntry.Action.UPDATE]
    assert entries[1].changes == {"issued_on": ["2010-07-01", "2011-07-01"]}
    assert entries[1].actor == hr_a
    assert entries[1].additional_data == {"import": body["id"], "kind": "certificates"}
    assert set(entries) <= set(teacher_history(teacher=teacher_a))


def test_imported_teachers_are_audited_with_masked_id_numbers(api, hr_a, upload):
    client = api(hr_a)
    body = upload(client, "teachers", teachers_book([teacher_row()])).json()
    client.post(f"/api/v1/imports/{body['id']}/commit/")
    teacher = Teacher.objects.get()
    (entry,) = LogEntry.objects.get_for_object(teacher)
    assert entry.action == LogEntry.Action.CREATE
    assert "*" in entry.changes["id_number"][1]
    assert entry.changes["school"][1] == str(hr_a.school_id)


def test_an_appointment_starting_before_the_mentor_turned_16_is_refused_at_its_start(
    api, hr_a, upload
):
    # Round 40 (exploratory QA): two years "taught" before the mentor was born met the
    # part-time track's year of teaching.
    number, birth = unique_id_number(gender="male")
    sixteen = birth.replace(year=birth.year + 16)
    rows = [
        ["刘工", number, "江西铜业", "能工巧匠", "兼职授课", "1960-01-01", "1961-12-31", 10],
        ["刘工", number, "江西铜业", "能工巧匠", "联合研发", sixteen.isoformat(), None, 10],
    ]
    body, _ = run(api(hr_a), upload, "mentor-appointments", MENTOR_HEADERS, rows)
    assert body["status"] == "invalid"
    assert errors_at(body) == [(2, "聘任开始日期")]
    assert body["errors"][0]["message"] == (
        f"聘任开始日期早于该导师年满16周岁之日（出生于 {birth.isoformat()}），请核对开始日期。"
    )
    assert MentorAppointment.objects.count() == 0


def test_an_appointment_with_more_hours_than_its_days_hold_is_refused_at_its_hours(
    api, hr_a, upload
):
    # Round 44: the workbook took 100,000 hours for a ten-day appointment.
    number, _birth = unique_id_number(gender="male")
    rows = [
        ["刘工", number, "江西铜业", "能工巧匠", "兼职授课", "2025-03-01", "2025-03-10", 241],
        ["刘工", number, "江西铜业", "能工巧匠", "联合研发", "2025-03-01", "2025-03-10", 240],
    ]
    body, _ = run(api(hr_a), upload, "mentor-appointments", MENTOR_HEADERS, rows)
    assert body["status"] == "invalid"
    assert errors_at(body) == [(2, "学时")]
    assert body["errors"][0]["message"] == "为期 10 天的聘任最多 240 学时（每天 24 学时）。"
    assert MentorAppointment.objects.count() == 0


@pytest.mark.parametrize("update_first", [True, False])
def test_a_file_may_shorten_a_stored_appointment_and_add_the_next(api, hr_a, upload, update_first):
    # Round 44: the new row was compared with the stored appointment's old end date, though
    # the same file shortened it ("该导师在此期间已有本校同一方式的聘任").
    client = api(hr_a)
    number, _ = unique_id_number(gender="male")
    first = ["刘工", number, "江西铜业", "能工巧匠", "兼职授课", "2024-09-01", "2025-07-31", 64]
    run(client, upload, "mentor-appointments", MENTOR_HEADERS, [first])
    shortened = [*first[:6], "2025-02-28", 64]
    following = ["刘工", number, "江西铜业", "能工巧匠", "兼职授课", "2025-03-01", None, 10]
    rows = [shortened, following] if update_first else [following, shortened]
    body, result = run(client, upload, "mentor-appointments", MENTOR_HEADERS, rows)
    assert body["status"] == "valid", body.get("errors")
    assert (result["created"], result["updated"]) == (1, 1)
    spans = sorted(MentorAppointment.objects.values_list("start_on", "end_on"))
    assert spans == [(date(2024, 9, 1), date(2025, 2, 28)), (date(2025, 3, 1), None)]
    # Not shortened, the same new row still overlaps the stored one.
    number2, _ = unique_id_number(gender="male")
    stored = ["李工", number2, "江西铜业", "能工巧匠", "兼职授课", "2024-09-01", "2025-07-31", 64]
    run(client, upload, "mentor-appointments", MENTOR_HEADERS, [stored])
    late = ["李工", number2, "江西铜业", "能工巧匠", "兼职授课", "2025-03-01", None, 10]
    body, _ = run(client, upload, "mentor-appointments", MENTOR_HEADERS, [late])
    assert errors_at(body) == [(2, "聘任开始日期")]
