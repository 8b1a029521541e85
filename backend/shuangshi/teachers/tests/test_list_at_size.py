"""The teacher list at national size: a verdict per row, the reasons in the detail, and
totals that do not count 1.3M rows on every page (issue 11)."""

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from shuangshi import testing
from shuangshi.teachers import filters as teacher_filters

pytestmark = pytest.mark.django_db


def test_a_list_row_carries_the_verdict_and_the_detail_the_reasons(
    api: Any, province: Any, school_a: Any
) -> None:
    teacher = testing.make_teacher(school_a, name="王芳")
    row = api(province).get("/api/v1/teachers/").json()["results"][0]
    assert set(row["qualification"]) == {
        "level", "qualified", "in_scope", "valid_until", "level_after", "evaluated_on"
    }  # fmt: skip
    detail = api(province).get(f"/api/v1/teachers/{teacher.pk}/").json()
    assert "reasons" in detail["qualification"]
    assert detail["qualification"]["level"] == row["qualification"]["level"]


def _counts_teacher_rows(queries: CaptureQueriesContext) -> bool:
    return any(
        "COUNT(" in q["sql"].upper() and 'FROM "teachers_teacher"' in q["sql"]
        for q in queries.captured_queries
    )


def test_the_total_of_a_scope_a_city_or_a_school_is_exact(
    api: Any, province: Any, city_nc: Any, hr_a: Any, school_a: Any, school_b: Any
) -> None:
    for n in range(3):
        testing.make_teacher(school_a, name=f"甲{n}")
    moved = testing.make_teacher(school_b, name="乙")
    testing.make_teacher(school_b, name="丙")
    cases = [
        (province, "", 5),
        (province, f"?school={school_b.pk}", 2),
        (province, f"?city={school_a.city_id}", 3),
        (province, f"?school={school_a.pk}&city={school_b.city_id}", 0),
        (city_nc, "", 3),
        (city_nc, f"?school={school_b.pk}", 0),  # not in the city's scope
        (hr_a, "?page_size=2&ordering=name", 3),
        (hr_a, f"?school={school_b.pk}", 0),
    ]
    for user, query, total in cases:
        page = api(user).get(f"/api/v1/teachers/{query}").json()
        assert (page["count"], page["count_exact"]) == (total, True), (user, query)
        assert len(page["results"]) == min(total, 2 if "page_size=2" in query else 20)
    # A move and a deletion show at once (kept by triggers on PostgreSQL).
    moved.school = school_a
    moved.save()
    assert api(hr_a).get("/api/v1/teachers/").json()["count"] == 4
    moved.delete()
    assert api(province).get("/api/v1/teachers/").json()["count"] == 4


@pytest.mark.skipif(connection.vendor != "postgresql", reason="counts kept on PostgreSQL")
def test_on_postgresql_those_totals_are_read_not_counted(
    api: Any, province: Any, hr_a: Any, school_a: Any, school_b: Any
) -> None:
    for n in range(3):
        testing.make_teacher(school_a, name=f"甲{n}")
    for user, query in [(province, ""), (province, f"?school={school_b.pk}"), (hr_a, "")]:
        with CaptureQueriesContext(connection) as queries:
            assert api(user).get(f"/api/v1/teachers/{query}").status_code == 200
        assert not _counts_teacher_rows(queries), query


def _copy_teacher(values: dict[str, Any]) -> None:
    from django.utils import timezone

    values = dict(values)
    values["school_id"] = values.pop("school").pk
    values["version"] = 1
    values["created_at"] = values["updated_at"] = timezone.now()
    columns = list(values)
    with connection.cursor() as cursor:
        sql = f"COPY teachers_teacher ({', '.join(columns)}) FROM STDIN"
        with cursor.cursor.copy(sql) as copy:
            copy.write_row([values[c] for c in columns])


@pytest.mark.skipif(connection.vendor != "postgresql", reason="counts kept on PostgreSQL")
def test_the_kept_counts_follow_bulk_writes_and_stay_exact_when_compacted(
    school_a: Any, school_b: Any, monkeypatch: Any
) -> None:
    from shuangshi.teachers import selectors
    from shuangshi.teachers.models import SchoolTeacherCount, Teacher
    from shuangshi.teachers.selectors import COMPACT_ROWS_PER_SCHOOL, teacher_total

    monkeypatch.setattr(selectors, "COMPACT_CHANCE", 1.0)

    for n in range(COMPACT_ROWS_PER_SCHOOL + 2):  # a row per insert statement
        testing.make_teacher(school_a, name=f"甲{n}")
    testing.make_teacher(school_b, name="乙")
    # One statement for several schools, and COPY (the importer's way in).
    Teacher.objects.bulk_create(
        [Teacher(**testing.teacher_data(s, name="丁")) for s in (school_a, school_b, school_b)]
    )
    _copy_teacher(testing.teacher_data(school_b, name="戊"))
    Teacher.objects.filter(school=school_a, name="甲0").update(school=school_b)
    Teacher.objects.filter(school=school_a, name__in=["甲1", "甲2"]).delete()
    exact = {s: Teacher.objects.filter(school=s).count() for s in (school_a, school_b)}
    assert SchoolTeacherCount.objects.filter(school_id=school_a.pk).count() > (
        COMPACT_ROWS_PER_SCHOOL
    )
    province = SchoolTeacherCount.PROVINCE_ROW
    assert SchoolTeacherCount.objects.filter(school_id=province).count() > 1
    assert teacher_total() == sum(exact.values())  # the province's own rows, compacted
    assert SchoolTeacherCount.objects.filter(school_id=province).count() == 1
    assert SchoolTeacherCount.objects.filter(school_id=school_a.pk).count() > 1
    every = type(school_a).objects.all()
    assert teacher_total(schools=every) == sum(exact.values())  # and compacts the schools'
    assert SchoolTeacherCount.objects.filter(school_id=school_a.pk).count() == 1
    for school, total in exact.items():
        schools = type(school).objects.filter(pk=school.pk)
        assert teacher_total(schools=schools) == total


def test_a_large_filtered_list_is_counted_up_to_a_bound_then_estimated(
    api: Any, province: Any, school_a: Any, settings: Any, monkeypatch: Any
) -> None:
    settings.LIST_COUNT_EXACT_UP_TO = 3
    for n in range(5):
        testing.make_teacher(school_a, name=f"王{n}")
    testing.make_teacher(school_a, name="李")
    small = api(province).get("/api/v1/teachers/?search=李").json()
    assert (small["count"], small["count_exact"]) == (1, True)
    large = api(province).get("/api/v1/teachers/?search=王&page_size=2").json()
    assert len(large["results"]) == 2
    if connection.vendor == "postgresql":
        assert large["count_exact"] is False and large["count"] >= 4  # the planner's estimate
        past = api(province).get("/api/v1/teachers/?search=王&page_size=2&page=3")
        assert past.status_code == 200  # an estimate does not refuse pages past it
        assert [r["name"] for r in past.json()["results"]] == ["王4"]
        # A count the planner expects to be dear is not made: its estimate is said instead
        # (for a list the planner reads as it likes: one read from the character index
        # only, filters.short_search_plan, is bounded by the rows holding the characters).
        monkeypatch.setattr(teacher_filters, "FROM_INDEX_UP_TO", -1)
        settings.LIST_COUNT_COST_LIMIT = 0
        dear = api(province).get("/api/v1/teachers/?search=李").json()
        assert dear["count_exact"] is False and dear["count"] >= 0
        assert [r["name"] for r in dear["results"]] == ["李"]
    else:
        assert (large["count"], large["count_exact"]) == (5, True)
    assert api(province).get("/api/v1/teachers/?search=王&page=0").status_code == 404


def test_pages_hold_the_rows_in_the_lists_order(api: Any, province: Any, school_a: Any) -> None:
    names = ["赵", "钱", "孙", "李", "周", "吴", "郑"]
    for n, name in enumerate(names):
        testing.make_teacher(school_a, name=name, staff_no=f"{7 - n:03d}")
    client = api(province)
    for ordering in ["", "&ordering=name", "&ordering=-staff_no", "&ordering=birth_date"]:
        every = client.get(f"/api/v1/teachers/?page_size=100{ordering}").json()["results"]
        pages = [
            row
            for page in (1, 2, 3)
            for row in client.get(f"/api/v1/teachers/?page_size=3&page={page}{ordering}").json()[
                "results"
            ]
        ]
        assert [r["id"] for r in pages] == [r["id"] for r in every], ordering
        assert pages == every


def test_an_empty_list_is_an_empty_page(api: Any, province: Any, hr_a: Any, school_a: Any) -> None:
    """Nothing found: page 1 is empty (its ids' query is one the ORM knows to be empty)."""
    testing.make_teacher(school_a, name="甲")
    for user in (province, hr_a):
        response = api(user).get("/api/v1/teachers/", {"search": "没有这个人"})
        assert response.status_code == 200
        assert (response.json()["count"], response.json()["results"]) == (0, [])


@pytest.mark.skipif(connection.vendor != "postgresql", reason="one statement on PostgreSQL")
def test_a_page_reads_its_ids_rows_and_levels_after_in_one_statement(
    api: Any, province: Any, school_a: Any
) -> None:
    """The page's ids (under the list's filters and order), their rows with the school and
    the stored verdict, and each one's level after valid_until (from the dated intervals):
    one statement, not three (issue 11: every page of 1.3M teachers asks it)."""
    from datetime import timedelta

    from django.utils import timezone

    from shuangshi.qualification.services import qualifications_rebuild

    expiring = testing.make_teacher_whose_certificate_expires(
        school_a, expires_on=timezone.localdate() + timedelta(days=30), name="甲", staff_no="001"
    )
    for n in range(2, 6):
        testing.make_teacher(school_a, name=f"乙{n}", staff_no=f"{n:03d}")
    qualifications_rebuild()  # the dated intervals the level after is read from
    client = api(province)
    page = {"page_size": 2, "ordering": "-staff_no"}
    assert [r["staff_no"] for r in client.get("/api/v1/teachers/", page).json()["results"]] == [
        "005",
        "004",
    ]
    with CaptureQueriesContext(connection) as queries:
        last = client.get("/api/v1/teachers/", {**page, "page": 3})
    [row] = last.json()["results"]
    assert row["id"] == expiring.pk
    assert (row["qualification"]["level"], row["qualification"]["level_after"]) == (
        "junior",
        "none",
    )
    teacher_reads = [
        q["sql"]
        for q in queries.captured_queries
        if "qualification_teacherlevelinterval" in q["sql"] or '"teachers_teacher"' in q["sql"]
    ]
    assert len(teacher_reads) == 1  # not the ids, then the rows, then the levels after
    assert "qualification_teacherlevelinterval" in teacher_reads[0]


def test_a_small_total_is_always_exact(api: Any, hr_a: Any, school_a: Any) -> None:
    client = api(hr_a)
    testing.make_teacher(school_a, name="甲")
    assert client.get("/api/v1/teachers/").json()["count"] == 1
    testing.make_teacher(school_a, name="乙")
    assert client.get("/api/v1/teachers/").json()["count"] == 2


def test_roles_without_teacher_lists_are_refused(api: Any, base_staff: Any) -> None:
    assert api(base_staff).get("/api/v1/teachers/").status_code == 403


def test_list_rows_read_as_the_serializer_fields_would(
    province: Any, city_nc: Any, hr_a: Any, school_a: Any, school_b: Any
) -> None:
    """TeacherListSerializer writes its rows (selectors.TeacherRow, read as values) out
    directly: the same as DRF's fields on the teacher."""
    from datetime import date

    from rest_framework.request import Request
    from rest_framework.test import APIRequestFactory, force_authenticate

    from shuangshi.teachers.api import TeacherListSerializer, TeacherSerializer
    from shuangshi.teachers.models import Teacher
    from shuangshi.teachers.selectors import teacher_list_rows

    testing.make_teacher(school_a, name="甲", left_on=date(2024, 7, 1), major_category=None)
    testing.make_teacher(school_b, name="乙", gender="female", birth_date=date(1990, 2, 28))
    testing.make_teacher(school_a, name="丙", staff_no="", major="", normal_graduate=True)
    for user in (province, city_nc, hr_a):
        http = APIRequestFactory().get("/api/v1/teachers/")
        force_authenticate(http, user=user)
        request = Request(http)
        request.user = user
        serializer = TeacherListSerializer(context={"request": request})
        teachers = Teacher.objects.select_related("school", "qualification").order_by("pk")
        rows = sorted(
            teacher_list_rows(teachers.values_list("pk", flat=True)), key=lambda row: row.pk
        )
        assert [row.pk for row in rows] == [teacher.pk for teacher in teachers]
        for row, teacher in zip(rows, teachers, strict=True):
            fast = serializer.to_representation(row)
            fields = TeacherSerializer.to_representation(serializer, teacher)
            assert list(fast.items()) == list(fields.items()), (user, teacher.name)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="counts kept on PostgreSQL")
@pytest.mark.django_db(transaction=True)  # VACUUM cannot run inside a transaction
def test_the_nightly_tidy_leaves_one_exact_count_row_per_school(
    school_a: Any, school_b: Any
) -> None:
    from shuangshi.jobs.registry import JOBS
    from shuangshi.jobs.schedule import SCHEDULE
    from shuangshi.teachers.models import SchoolTeacherCount, Teacher
    from shuangshi.teachers.selectors import teacher_total
    from shuangshi.teachers.services import teacher_counts_tidy

    for n in range(3):  # a count row per statement and school
        testing.make_teacher(school_a, name=f"甲{n}")
        testing.make_teacher(school_b, name=f"乙{n}")
    Teacher.objects.filter(school=school_b, name="乙0").delete()
    assert SchoolTeacherCount.objects.count() > 2

    assert teacher_counts_tidy() == 3  # a row per school, and the province's
    rows = dict(SchoolTeacherCount.objects.values_list("school_id", "teachers"))
    assert rows == {school_a.pk: 3, school_b.pk: 2, SchoolTeacherCount.PROVINCE_ROW: 5}
    assert teacher_total() == 5
    entry = next(e for e in SCHEDULE if e.name == "teacher-counts-tidy")
    assert entry.job == "teachers.counts_tidy" and entry.job in JOBS


@pytest.mark.skipif(connection.vendor != "postgresql", reason="counts kept on PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_the_tidy_does_not_wait_behind_a_writer_holding_the_counts(
    school_a: Any, monkeypatch: Any
) -> None:
    """An import still open holds the counts table (its triggers wrote to it): the rewrite
    is skipped rather than queued (queued, it would hold up every list's total), the rows
    are still summed, and a later run rewrites the table."""
    from shuangshi.teachers import services
    from shuangshi.teachers.models import SchoolTeacherCount

    monkeypatch.setattr(services, "TIDY_LOCK_TIMEOUT", "50ms")
    for n in range(3):
        testing.make_teacher(school_a, name=f"甲{n}")
    table = SchoolTeacherCount._meta.db_table

    def filenode() -> int:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_relation_filenode(%s)", [table])
            return int(cursor.fetchone()[0])

    before = filenode()
    writer = connection.get_new_connection(connection.get_connection_params())
    try:
        writer.execute(f"LOCK TABLE {table} IN ROW EXCLUSIVE MODE")  # as a writer's trigger
        assert services.teacher_counts_tidy() == 2  # the school's row and the province's
        assert filenode() == before  # not rewritten
        with connection.cursor() as cursor:
            cursor.execute("SHOW lock_timeout")
            assert cursor.fetchone()[0] == "0"  # the session's setting put back
    finally:
        writer.rollback()
        writer.close()
    assert services.teacher_counts_tidy() == 2
    assert filenode() != before  # rewritten once the table was free


def test_a_list_row_whose_stored_result_is_due_is_evaluated_afresh(
    api: Any, province: Any, school_a: Any
) -> None:
    """List rows read the stored verdict as values; one whose changes_on has come is not
    trusted (as in the detail): the row carries today's evaluation."""
    from django.utils import timezone

    from shuangshi.qualification.models import TeacherQualification

    due = testing.make_teacher(school_a, name="甲")
    kept = testing.make_teacher(school_a, name="乙")
    today = timezone.localdate()
    TeacherQualification.objects.filter(teacher=due).update(level="senior", changes_on=today)
    TeacherQualification.objects.filter(teacher=kept).update(level="senior")
    rows = {r["name"]: r for r in api(province).get("/api/v1/teachers/").json()["results"]}
    assert rows["甲"]["qualification"]["level"] == "none"
    assert rows["甲"]["qualification"]["evaluated_on"] == today.isoformat()
    assert rows["乙"]["qualification"]["level"] == "senior"  # stored, still holding
    detail = api(province).get(f"/api/v1/teachers/{due.pk}/").json()["qualification"]
    assert {k: detail[k] for k in rows["甲"]["qualification"]} == rows["甲"]["qualification"]
