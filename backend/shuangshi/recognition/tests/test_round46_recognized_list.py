"""Round 46: DESIGN §8 shows the computed verdict and the official recognition side by side
everywhere. The teacher list's rows carry the recognition in force today (its level and
last valid day: the highest held; null for an expired, a revoked or no recognition), read
with the page's rows in the one query a page has always had (on PostgreSQL in the page's
own SQL, elsewhere through the ORM), and the list filters by it (``recognized``) and by
the computed verdict at any level (``qualified``): together the gaps' two work lists."""

from datetime import date, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from shuangshi import testing
from shuangshi.accounts.models import User
from shuangshi.recognition import services
from shuangshi.recognition.models import Recognition, Round
from shuangshi.teachers import services as teacher_services
from shuangshi.teachers.models import Certificate, Teacher

pytestmark = pytest.mark.django_db

URL = "/api/v1/teachers/"


def qualifying(school: Any, name: str) -> Teacher:
    """A teacher who meets the junior conditions (as conftest's qualified_teacher)."""
    teacher = testing.make_teacher(school, name=name)
    testing.make_certificate(teacher)
    testing.make_certificate(
        teacher, kind="skill_level", level="grade3", name="电工", issued_on=date(2021, 5, 1)
    )
    return teacher


def recognize(teacher: Teacher, round: Round, hr: User, province: User) -> Recognition:
    app = services.application_create(round=round, teacher=teacher, level="junior", user=hr)
    app = services.application_submit(application=app, user=hr)
    app = services.application_school_review(application=app, user=hr, decision="approve")
    app = services.application_province_review(application=app, user=province, decision="approve")
    return services.application_finalize(application=app, user=province)


@pytest.fixture
def world(
    qualified_teacher: Teacher, school_a: Any, hr_a: User, province: User, round_open: Round
) -> dict[str, Any]:
    """王小明 recognized (in force); 过期 recognized, expired yesterday; 撤销 recognized and
    revoked; 合格未认定 qualified, never recognized; 未合格 neither."""
    held = recognize(qualified_teacher, round_open, hr_a, province)
    expired = recognize(qualifying(school_a, "过期"), round_open, hr_a, province)
    revoked = recognize(qualifying(school_a, "撤销"), round_open, hr_a, province)
    qualifying(school_a, "合格未认定")
    testing.make_teacher(school_a, name="未合格")
    today = expired.recognized_on
    Recognition.objects.filter(pk=expired.pk).update(valid_until=today - timedelta(days=1))
    services.recognition_revoke(recognition=revoked, user=province, reason="材料不实")
    return {"held": held, "today": today}


def rows(client: Any, **params: Any) -> dict[str, tuple[Any, Any]]:
    response = client.get(URL, {"page_size": 100, **params})
    assert response.status_code == 200, response.json()
    return {
        r["name"]: (r["recognized_level"], r["recognized_valid_until"])
        for r in response.json()["results"]
    }


def test_list_rows_carry_the_recognition_in_force_today(
    api: Any, hr_a: User, province: User, city_nc: User, world: dict[str, Any]
) -> None:
    held = world["held"]
    expected = {
        "王小明": ("junior", held.valid_until.isoformat()),
        "过期": (None, None),
        "撤销": (None, None),
        "合格未认定": (None, None),
        "未合格": (None, None),
    }
    for user in (hr_a, province, city_nc):
        client = api(user)
        assert rows(client) == expected  # a page of the whole list (prepared on PostgreSQL)
        # with a filter's parameters: the page's SQL planned for them
        assert rows(client, school=held.teacher.school_id) == expected
        assert rows(client, search="王小明") == {"王小明": expected["王小明"]}


def test_the_highest_level_held_is_shown(
    api: Any, hr_a: User, province: User, world: dict[str, Any], expert: User, round_open: Round
) -> None:
    held = world["held"]
    today = world["today"]
    later = services.round_create(
        data={
            "code": "JX2026B",
            "name": "2026年第二批",
            "opens_on": today - timedelta(days=1),
            "closes_on": today + timedelta(days=5),
            "publicity_days": 0,
            "experts": [expert],
        }
    )
    second = recognize(qualifying(held.teacher.school, "两次"), later, hr_a, province)
    first = recognize(Teacher.objects.get(name="两次"), round_open, hr_a, province)
    # The first to end is the higher: the level wins over the later end.
    Recognition.objects.filter(pk=first.pk).update(
        level="intermediate", valid_until=second.valid_until - timedelta(days=30)
    )
    shown = rows(api(hr_a))["两次"]
    assert shown == ("intermediate", (second.valid_until - timedelta(days=30)).isoformat())


def names(client: Any, **params: Any) -> set[str]:
    return set(rows(client, **params))


def test_the_list_filters_by_recognition_in_force_both_ways(
    api: Any, hr_a: User, province: User, world: dict[str, Any]
) -> None:
    for user in (hr_a, province):
        client = api(user)
        assert names(client, recognized="true") == {"王小明"}
        assert names(client, recognized="false") == {"过期", "撤销", "合格未认定", "未合格"}


def test_qualified_and_recognized_give_the_gaps_lists(
    api: Any, province: User, world: dict[str, Any]
) -> None:
    client = api(province)
    assert names(client, qualified="true") == {"王小明", "过期", "撤销", "合格未认定"}
    assert names(client, qualified="false") == {"未合格"}
    # 符合条件未认定: as the gaps tab's "should apply" list
    should_apply = names(client, qualified="true", recognized="false")
    assert should_apply == {"过期", "撤销", "合格未认定"}
    gaps = client.get("/api/v1/recognitions/gaps/").json()
    assert {r["teacher_name"] for r in gaps["should_apply"]} == should_apply
    # 已认定但不再符合: none yet; a recognized teacher whose certificates go is one
    assert names(client, qualified="false", recognized="true") == set()
    for certificate in Certificate.objects.filter(teacher=world["held"].teacher):
        teacher_services.certificate_delete(certificate=certificate)
    lapsed = names(client, qualified="false", recognized="true")
    assert lapsed == {"王小明"}
    gaps = client.get("/api/v1/recognitions/gaps/").json()
    assert {r["teacher_name"] for r in gaps["no_longer_qualified"]} == lapsed


def test_the_filters_refuse_what_is_not_yes_or_no(api: Any, hr_a: User) -> None:
    for name in ("recognized", "qualified"):
        response = api(hr_a).get(URL, {name: "maybe"})
        assert response.status_code == 400
        assert name in response.json()


def test_another_schools_hr_finds_none_of_them(
    api: Any, hr_b: User, school_b: Any, world: dict[str, Any]
) -> None:
    testing.make_teacher(school_b, name="九江")
    assert names(api(hr_b), recognized="true") == set()
    assert names(api(hr_b), recognized="false") == {"九江"}
    assert names(api(hr_b)) == {"九江"}


def test_a_teacher_reads_only_their_own_row_and_a_base_is_refused(
    api: Any, teacher_user: User, base_staff: User, world: dict[str, Any]
) -> None:
    assert rows(api(teacher_user)) == {"王小明": ("junior", world["held"].valid_until.isoformat())}
    assert names(api(teacher_user), recognized="false") == set()
    assert api(base_staff).get(URL, {"recognized": "true"}).status_code == 403


def test_a_page_is_as_many_queries_with_recognitions_as_without(
    api: Any, hr_a: User, province: User, school_a: Any, round_open: Round
) -> None:
    """The recognition is read with the page's rows: no query more, none per row."""
    for n in range(4):
        qualifying(school_a, f"教师{n}")
    client = api(hr_a)
    client.get(URL)  # warm (the session, the profile's caches)
    with CaptureQueriesContext(connection) as before:
        client.get(URL)
    for teacher in Teacher.objects.all():
        recognize(teacher, round_open, hr_a, province)
    with CaptureQueriesContext(connection) as after:
        response = client.get(URL)
    assert {r["recognized_level"] for r in response.json()["results"]} == {"junior"}
    assert len(after) == len(before), [q["sql"][:120] for q in after.captured_queries]


def test_the_schema_names_the_new_fields(api: Any, province: User) -> None:
    schema = api(province).get("/api/schema/", {"format": "json"}).json()
    row = schema["components"]["schemas"]["TeacherList"]["properties"]
    assert row["recognized_level"]["readOnly"] and row["recognized_level"]["nullable"]
    assert row["recognized_valid_until"]["format"] == "date"
    params = {p["name"] for p in schema["paths"][URL]["get"]["parameters"]}
    assert {"recognized", "qualified"} <= params
