"""Round 46 (contract audit, DESIGN §5: lists are "filtered with query parameters named as the
fields"): the data dictionary's text and date fields that the lists used to ignore filter
them, exactly (a name in any case); a reader still finds only what their scope holds; and
no masked field (ID number, birth date) became a filter."""

from datetime import date, timedelta
from typing import Any

import pytest
from shuangshi import testing
from shuangshi.accounts.models import Role, User
from shuangshi.mentors import services as mentor_services
from shuangshi.recognition import services as recognition_services
from shuangshi.training import services as training_services

pytestmark = pytest.mark.django_db

API = "/api/v1/"
CREDIT_CODE = "91350100M000100Y43"


def _ids(api: Any, user: User, url: str, **query: Any) -> list[int]:
    response = api(user).get(f"{API}{url}", query)
    assert response.status_code == 200, (url, query, response.json())
    return sorted(row["id"] for row in response.json()["results"])


def test_certificates_filter_by_number_issuer_and_name(
    api: Any, hr_a: User, hr_b: User, teacher_a: Any
) -> None:
    wanted = testing.make_certificate(
        teacher_a,
        kind="skill_level",
        level="grade3",
        name="电工证",
        number="DG-001",
        issuer="江西省人社厅",
    )
    testing.make_certificate(teacher_a, number="JS-002", issuer="江西省教育厅")
    for query in ({"number": "DG-001"}, {"issuer": "江西省人社厅"}, {"name": "电工证"}):
        assert _ids(api, hr_a, "certificates/", **query) == [wanted.pk]
        assert _ids(api, hr_b, "certificates/", **query) == []  # another school's
    assert _ids(api, hr_a, "certificates/", number="DG-00") == []  # exact, not contains


def test_enterprise_periods_filter_by_enterprise_and_credit_code(
    api: Any, hr_a: User, hr_b: User, teacher_a: Any
) -> None:
    wanted = testing.make_period(teacher_a, enterprise="洪都航空", credit_code=CREDIT_CODE)
    testing.make_period(teacher_a, start_on=date(2022, 1, 1), end_on=date(2022, 6, 30))
    for query in ({"enterprise": "洪都航空"}, {"credit_code": CREDIT_CODE}):
        assert _ids(api, hr_a, "enterprise-periods/", **query) == [wanted.pk]
        assert _ids(api, hr_b, "enterprise-periods/", **query) == []


def test_mentors_filter_by_name_in_any_case(api: Any, province: User, base_staff: User) -> None:
    def mentor(name: str, serial: int) -> Any:
        from shuangshi.common.idnumbers import make_id_number

        birth = date(1975, 4, 2)
        return mentor_services.mentor_create(
            data={
                "name": name,
                "id_number": make_id_number("360103", birth, serial, "male"),
                "gender": "male",
                "birth_date": birth,
                "enterprise": "江铃汽车股份有限公司",
                "category": "engineer",
            }
        )

    wanted = mentor("Li Gong", 11)
    mentor("刘工", 13)
    assert _ids(api, province, "mentors/", name="li gong") == [wanted.pk]
    assert _ids(api, province, "mentors/", name="Li") == []
    assert api(base_staff).get(f"{API}mentors/", {"name": "Li Gong"}).status_code == 403


def test_training_programs_and_completions_filter_by_title_and_certificate_no(
    api: Any, base_staff: User, hr_a: User, hr_b: User, base_a: Any, teacher_a: Any
) -> None:
    def program(title: str) -> Any:
        return training_services.program_create(
            data={
                "base": base_a,
                "title": title,
                "kind": "skill_training",
                "hours": 80,
                "start_on": date(2025, 7, 1),
                "end_on": date(2025, 7, 31),
            }
        )

    wanted, other = program("新能源汽车维修"), program("教学能力提升")
    assert _ids(api, base_staff, "training-programs/", title="新能源汽车维修") == [wanted.pk]

    def complete(prog: Any, number: str) -> Any:
        return training_services.completion_log(
            data={
                "program": prog,
                "teacher": teacher_a,
                "completed_on": prog.end_on,
                "hours": prog.hours,
                "passed": True,
                "certificate_no": number,
            }
        )

    done = complete(wanted, "PX-2025-001")
    complete(other, "PX-2025-002")
    for user in (base_staff, hr_a):
        assert _ids(api, user, "training-completions/", certificate_no="PX-2025-001") == [done.pk]
    assert _ids(api, hr_b, "training-completions/", certificate_no="PX-2025-001") == []


def test_recognitions_filter_by_certificate_no(
    api: Any, hr_a: User, hr_b: User, province: User, school_a: Any
) -> None:
    today = date.today()
    round = recognition_services.round_create(
        data={
            "code": "JX46",
            "name": "第一批",
            "opens_on": today - timedelta(days=5),
            "closes_on": today + timedelta(days=5),
            "publicity_days": 0,
        }
    )
    numbers = []
    for name in ("王小明", "李红"):
        teacher = testing.make_teacher(school_a, name=name)
        testing.make_certificate(teacher)
        testing.make_certificate(
            teacher, kind="skill_level", level="grade3", name="电工", issued_on=date(2021, 5, 1)
        )
        app = recognition_services.application_create(
            round=round, teacher=teacher, level="junior", user=hr_a
        )
        app = recognition_services.application_submit(application=app, user=hr_a)
        app = recognition_services.application_school_review(
            application=app, user=hr_a, decision="approve"
        )
        app = recognition_services.application_province_review(
            application=app, user=province, decision="approve"
        )
        held = recognition_services.application_finalize(application=app, user=province)
        numbers.append((held.pk, held.certificate_no))
    (pk, number), _ = numbers
    assert _ids(api, hr_a, "recognitions/", certificate_no=number) == [pk]
    assert _ids(api, hr_b, "recognitions/", certificate_no=number) == []


def test_schools_and_cities_filter_by_name_in_any_case(
    api: Any, province: User, hr_a: User, school_a: Any, school_b: Any, base_staff: User
) -> None:
    assert _ids(api, province, "schools/", name=school_a.name) == [school_a.pk]
    assert _ids(api, hr_a, "schools/", name=school_b.name) == []  # not theirs
    assert api(base_staff).get(f"{API}schools/", {"name": school_a.name}).status_code == 403
    nanchang = testing.city("360100")
    assert _ids(api, hr_a, "cities/", name=nanchang.name) == [nanchang.pk]


def test_users_filter_by_username_in_any_case(
    api: Any, province: User, hr_a: User, hr_b: User, teacher_a: Any
) -> None:
    account = testing.make_user("Wang.Fang", Role.TEACHER, teacher=teacher_a)
    assert _ids(api, province, "users/", username="wang.fang") == [account.pk]
    assert _ids(api, hr_a, "users/", username="Wang.Fang") == [account.pk]
    assert _ids(api, hr_b, "users/", username="Wang.Fang") == []  # another school's teacher
    assert _ids(api, province, "users/", username="wang") == []
    account.must_change_password = False
    account.save(update_fields=["must_change_password"])
    assert api(account).get(f"{API}users/", {"username": "Wang.Fang"}).status_code == 403


def test_teachers_filter_by_staff_no_and_the_hire_and_leave_dates(
    api: Any, hr_a: User, hr_b: User, school_a: Any
) -> None:
    wanted = testing.make_teacher(
        school_a, name="甲", staff_no="A-001", hired_on=date(2019, 9, 1), left_on=date(2025, 7, 31)
    )
    testing.make_teacher(school_a, name="乙", staff_no="A-002", hired_on=date(2020, 9, 1))
    for query in ({"staff_no": "A-001"}, {"hired_on": "2019-09-01"}, {"left_on": "2025-07-31"}):
        assert _ids(api, hr_a, "teachers/", **query) == [wanted.pk]
        assert _ids(api, hr_b, "teachers/", **query) == []
    response = api(hr_a).get(f"{API}teachers/", {"hired_on": "1900-01-01"})
    assert response.status_code == 400 and "hired_on" in response.json()


@pytest.mark.parametrize(
    ("url", "param"),
    [
        ("teachers/", "id_number"),
        ("teachers/", "birth_date"),
        ("teachers/", "birth_year"),
        ("mentors/", "id_number"),
        ("mentors/", "birth_date"),
    ],
)
def test_no_masked_field_filters(api: Any, province: User, url: str, param: str) -> None:
    """A masked field named as a parameter is no filter: the schema offers none."""
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    params = {p["name"] for p in schema["paths"][f"/{API.strip('/')}/{url}"]["get"]["parameters"]}
    assert param not in params
