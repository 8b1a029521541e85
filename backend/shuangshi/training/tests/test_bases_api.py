from datetime import date, timedelta

import pytest
from django.db import connection
from django.utils import timezone

from shuangshi import testing
from shuangshi.training import services
from shuangshi.training.models import TrainingBase

from .conftest import make_completion, make_program

pytestmark = pytest.mark.django_db

URL = "/api/v1/training-bases/"


def base_payload(**fields):
    values = {
        "code": "TB99",
        "name": "晶科能源双师型教师培养培训基地",
        "host_name": "晶科能源股份有限公司",
        "host_kind": "enterprise",
        "city": testing.city("361100").pk,
        "designation": "dual_qualified",
        "approved_on": "2024-05-01",
        "status": "active",
    }
    values.update(fields)
    return values


def test_the_province_registers_a_base(api, province):
    response = api(province).post(URL, base_payload(), format="json")
    assert response.status_code == 201, response.data
    assert response.data["city_name"] == "上饶"
    assert TrainingBase.objects.filter(code="TB99").exists()


@pytest.mark.parametrize("who", ["city_nc", "hr_a", "base_staff"])
def test_other_roles_cannot_register_or_change_bases(api, request, who, base_a):
    user = request.getfixturevalue(who)
    assert api(user).post(URL, base_payload(), format="json").status_code == 403
    patch = {"name": "改名", "version": base_a.version}
    assert api(user).patch(f"{URL}{base_a.pk}/", patch, format="json").status_code == 403
    assert api(user).delete(f"{URL}{base_a.pk}/").status_code == 403


def test_an_active_base_needs_its_approval_date(api, province):
    response = api(province).post(URL, base_payload(approved_on=None), format="json")
    assert response.status_code == 400
    assert "approved_on" in response.data


def test_base_codes_are_unique(api, province, base_a):
    response = api(province).post(URL, base_payload(code=base_a.code), format="json")
    assert response.status_code == 400
    assert "code" in response.data


def test_a_base_with_programmes_cannot_be_deleted(api, province, program_a, base_a):
    response = api(province).delete(f"{URL}{base_a.pk}/")
    assert response.status_code == 400
    assert TrainingBase.objects.filter(pk=base_a.pk).exists()


def test_an_unused_base_can_be_deleted(api, province):
    base = testing.make_base()
    assert api(province).delete(f"{URL}{base.pk}/").status_code == 204


def test_a_stale_version_is_refused(api, province, base_a):
    url = f"{URL}{base_a.pk}/"
    assert api(province).patch(url, {"name": "一", "version": 1}, format="json").status_code == 200
    response = api(province).patch(url, {"name": "二", "version": 1}, format="json")
    assert response.status_code == 409


def test_schools_and_cities_read_every_base(api, hr_a, city_nc, base_a, base_b):
    for user in (hr_a, city_nc):
        response = api(user).get(URL)
        assert response.status_code == 200
        assert response.data["count"] == 2


def test_base_staff_see_only_their_own_base(api, base_staff, base_a, base_b):
    response = api(base_staff).get(URL)
    assert [b["id"] for b in response.data["results"]] == [base_a.pk]
    assert api(base_staff).get(f"{URL}{base_b.pk}/").status_code == 404


def test_bases_filter_by_status_and_city(api, province, base_a):
    testing.make_base(status="planned", city=testing.city("360700"))
    response = api(province).get(URL, {"status": "planned"})
    assert response.data["count"] == 1
    response = api(province).get(URL, {"city": testing.city("360100").pk})
    assert response.data["count"] == 1


def test_listing_bases_takes_a_bounded_number_of_queries(
    api, province, django_assert_max_num_queries
):
    for _ in range(15):
        testing.make_base()
    with django_assert_max_num_queries(6):
        response = api(province).get(URL)
    assert response.data["count"] == 15


def test_anonymous_users_are_refused(api):
    assert api().get(URL).status_code == 401


# --------------------------------------------------------------------------- progress


def test_progress_counts_bases_against_the_target(api, province):
    for n in range(3):
        testing.make_base(status="active", approved_on=date(2024, 1, n + 1))
    testing.make_base(status="planned", designation="integrated", host_kind="school")
    # Progress reads each base's status on as_of from its history (DESIGN §3–§4).
    suspended = testing.make_base(approved_on=date(2024, 3, 1), city=testing.city("360700"))
    services.base_update(
        base=suspended, data={"status": "suspended"}, effective_on=date(2025, 3, 1)
    )
    response = api(province).get(f"{URL}progress/", {"as_of": "2025-06-30"})
    assert response.status_code == 200
    data = response.data
    assert data["target"]["count"] == 20
    assert data["target"]["deadline"] == date(2025, 12, 31)
    assert data["target"]["deadline_passed"] is False
    assert data["target"]["days_left"] == 184
    assert data["total"] == 5
    assert data["active"] == 3
    assert data["remaining"] == 17
    assert data["met"] is False
    assert data["by_status"] == {"planned": 1, "active": 3, "suspended": 1}
    assert data["by_designation"]["integrated"] == {"total": 1, "active": 0}
    assert data["by_host_kind"]["school"] == {"total": 1, "active": 0}
    nanchang = next(c for c in data["by_city"] if c["city"]["code"] == "360100")
    assert nanchang["total"] == 4
    assert nanchang["active"] == 3


def test_progress_says_when_the_deadline_has_passed(api, province):
    testing.make_base(status="active", approved_on=date(2024, 1, 1))
    data = api(province).get(f"{URL}progress/", {"as_of": "2026-01-01"}).data
    assert data["target"]["deadline_passed"] is True
    assert data["target"]["days_left"] is None
    assert data["missed"] is True


def test_progress_refuses_a_bad_date(api, province):
    response = api(province).get(f"{URL}progress/", {"as_of": "31/12/2025"})
    assert response.status_code == 400
    assert "as_of" in response.data


def test_the_city_reads_progress(api, city_nc):
    assert api(city_nc).get(f"{URL}progress/").status_code == 200


@pytest.mark.parametrize("who", ["hr_a", "base_staff"])
def test_school_and_base_staff_do_not_read_province_progress(api, request, who):
    user = request.getfixturevalue(who)
    assert api(user).get(f"{URL}progress/").status_code == 403


# --------------------------------------------------------------------------- per-base stats


def test_the_province_sees_what_each_base_achieved(api, province, base_a, base_b, school_a):
    program = make_program(base_a, start_on=date(2025, 3, 1), end_on=date(2025, 3, 20))
    make_program(base_a, start_on=date(2025, 5, 1), end_on=date(2025, 5, 10))
    # Qualified through base_a: a teacher qualification certificate and nothing else.
    through = testing.make_teacher(school_a)
    testing.make_certificate(through)
    make_completion(program, through, hours=40)
    # Already qualified by a skill certificate: the completion is not what qualified them.
    already = testing.make_teacher(school_a)
    testing.make_certificate(already)
    testing.make_certificate(already, kind="skill_level", level="grade3", name="技能")
    make_completion(program, already, hours=40)
    failed = testing.make_teacher(school_a)
    make_completion(program, failed, hours=20, passed=False)

    response = api(province).get(f"{URL}stats/", {"as_of": "2025-06-01"})
    assert response.status_code == 200
    by_code = {row["base"]["code"]: row for row in response.data}
    a = by_code[base_a.code]
    assert a["programs"] == 2
    assert a["programs_run"] == 2
    assert a["completions"] == 3
    assert a["teachers_trained"] == 3
    assert a["passed"] == 2
    assert a["pass_rate"] == 0.666667  # 2 of 3, to 6 places like every share
    assert a["qualified_through"] == 1
    b = by_code[base_b.code]
    assert b["completions"] == 0
    assert b["pass_rate"] is None


def test_a_teacher_trained_at_two_bases_is_qualified_through_the_one_still_counting(
    api, province, base_a, base_b, school_a
):
    """Completions feed E_TRAINING only: a teacher whose training at another base still
    counts on as_of owes nothing to this one; one whose other training lapsed does."""
    recent_a = make_program(base_a, start_on=date(2025, 3, 1), end_on=date(2025, 3, 20))
    recent_b = make_program(base_b, start_on=date(2025, 4, 1), end_on=date(2025, 4, 20))
    lapsed_b = make_program(base_b, start_on=date(2016, 4, 1), end_on=date(2016, 4, 20))
    both = testing.make_teacher(school_a)
    testing.make_certificate(both)
    make_completion(recent_a, both)
    make_completion(recent_b, both)
    only_a = testing.make_teacher(school_a)
    testing.make_certificate(only_a)
    make_completion(recent_a, only_a)
    make_completion(lapsed_b, only_a)  # outside the five-year window on as_of

    response = api(province).get(f"{URL}stats/", {"as_of": "2025-06-01"})
    assert response.status_code == 200
    through = {row["base"]["code"]: row["qualified_through"] for row in response.data}
    assert through == {base_a.code: 1, base_b.code: 0}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="stored results read in SQL")
def test_qualified_through_today_reads_the_stored_results_and_agrees_with_the_engine(
    api, province, base_a, base_b, school_a, monkeypatch
):
    """Today the candidates come from the stored results that hold (one statement, no
    records read); a result that no longer holds is evaluated. Same counts as the engine
    deciding every teacher."""
    from shuangshi.qualification import engine
    from shuangshi.qualification.models import TeacherQualification
    from shuangshi.qualification.selectors import results_meeting
    from shuangshi.training import qualifying

    today = timezone.localdate()
    recent_a = make_program(
        base_a, start_on=today - timedelta(days=90), end_on=today - timedelta(days=60)
    )
    recent_b = make_program(
        base_b, start_on=today - timedelta(days=50), end_on=today - timedelta(days=40)
    )
    owes_a = testing.make_teacher(school_a)
    testing.make_certificate(owes_a)
    make_completion(recent_a, owes_a)
    both = testing.make_teacher(school_a)
    testing.make_certificate(both)
    make_completion(recent_a, both)
    make_completion(recent_b, both)
    stale = testing.make_teacher(school_a)  # its stored result says it must be evaluated
    testing.make_certificate(stale)
    make_completion(recent_b, stale)
    TeacherQualification.objects.filter(teacher=stale).update(changes_on=today)
    unqualified = testing.make_teacher(school_a)  # no certificate
    make_completion(recent_a, unqualified)

    everyone = {owes_a.pk, both.pk, stale.pk, unqualified.pk}
    unanswered, meeting = results_meeting(everyone, today, engine.E_TRAINING)
    assert unanswered == {stale.pk}
    assert set(meeting) == {owes_a.pk, both.pk}
    training = 1 << engine.REASON_CODES.index(engine.E_TRAINING)
    assert all(bits & training for bits in meeting.values())

    def through() -> dict[str, int]:
        response = api(province).get(f"{URL}stats/")
        assert response.status_code == 200
        return {row["base"]["code"]: row["qualified_through"] for row in response.data}

    from_stored = through()
    assert from_stored == {base_a.code: 1, base_b.code: 1}
    monkeypatch.setattr(qualifying, "results_meeting", lambda *args: None)
    assert through() == from_stored


def _through_by_definition(as_of: date) -> dict[str, int]:
    """qualified_through as the docs define it, by brute force: each teacher who passed a
    completion at the base, evaluated by the engine with all their records and again without
    that base's completions."""
    from shuangshi.qualification import engine
    from shuangshi.qualification.selectors import profile_current, records_for_ids
    from shuangshi.training.models import TrainingCompletion

    profile = profile_current()[1]
    out = {}
    for base in TrainingBase.objects.all():
        passed = TrainingCompletion.objects.filter(
            program__base=base, passed=True, completed_on__lte=as_of
        ).values_list("teacher_id", flat=True)
        count = 0
        for item in records_for_ids(set(passed)):
            if not engine.outcome(item.record, as_of, profile).qualified:
                continue
            without = engine.TeacherRecord(
                facts=item.facts,
                certificates=item.certificates,
                periods=item.periods,
                completions=tuple(c for c in item.completions if c.base_id != base.pk),
                history=item.history,
            )
            count += not engine.outcome(without, as_of, profile).qualified
        out[base.code] = count
    return out


def test_qualified_through_agrees_with_its_definition_for_every_kind_of_teacher(
    api, province, base_a, base_b, school_a
):
    """The outcomes come from the stored results (today) or the engine (a past date), and
    only E_TRAINING is recomputed without the base: the same counts as evaluating every
    teacher with and without each base's completions."""
    today = timezone.localdate()
    voided_base = testing.make_base(code="TB77", name="作废基地")

    def program(base, days_ago: int, hours: int = 80):
        end = today - timedelta(days=days_ago)
        return make_program(base, start_on=end - timedelta(days=10), end_on=end, hours=hours)

    a_recent, b_recent = program(base_a, 60), program(base_b, 40)
    a_lapsed = program(base_a, 366 * 6)  # outside the five-year window
    a_short = program(base_a, 30, hours=8)  # too few hours to count
    voided = program(voided_base, 20)

    def teacher(*completions, passed=True, certificate=True, **fields):
        t = testing.make_teacher(school_a, **fields)
        if certificate:
            testing.make_certificate(t)
        for p in completions:
            make_completion(p, t, passed=passed)
        return t

    teacher(a_recent)  # junior through A's training only
    teacher(a_recent, b_recent)  # either base's training is enough
    teacher(a_recent, a_lapsed)  # both at A
    teacher(a_lapsed, b_recent)  # A's training has lapsed: owes B
    teacher(a_short, b_recent)  # A's programme is too short to count: owes B
    teacher(a_recent, passed=False)  # failed: owes nothing
    teacher(a_recent, certificate=False)  # no teacher's certificate: never qualified
    teacher(a_recent, voided)  # the voided base's completion will not count
    practice = teacher(a_recent)  # qualified through practice as well
    testing.make_period(practice, start_on=today - timedelta(days=400), end_on=today)
    senior = teacher(
        a_recent,
        b_recent,
        title="intermediate",
        teaching_since=date(2000, 9, 1),
        hired_on=date(2000, 9, 1),
    )  # intermediate with two evidence items: without one, still junior
    testing.make_period(senior, start_on=today - timedelta(days=400), end_on=today)
    services.base_void_completions(base=voided_base, reason="检查发现材料造假")

    seen = {}
    for as_of in (today, today - timedelta(days=30), today - timedelta(days=366 * 2)):
        response = api(province).get(f"{URL}stats/", {"as_of": as_of.isoformat()})
        assert response.status_code == 200
        seen[as_of] = {row["base"]["code"]: row["qualified_through"] for row in response.data}
        assert seen[as_of] == _through_by_definition(as_of), as_of
    # Today A is owed by the teachers trained only there (A alone, A twice, A and the voided
    # base); B by the two whose training at A does not count (lapsed, too short). Two years
    # ago only A's old programme had run: its two teachers owed it.
    codes = (base_a.code, base_b.code, voided_base.code)
    assert seen[today] == dict(zip(codes, (3, 2, 0), strict=True))
    assert seen[today - timedelta(days=366 * 2)] == dict(zip(codes, (2, 0, 0), strict=True))


def test_base_staff_see_only_their_own_stats(api, base_staff, base_a, base_b):
    response = api(base_staff).get(f"{URL}stats/")
    assert response.status_code == 200
    assert [row["base"]["id"] for row in response.data] == [base_a.pk]


@pytest.mark.parametrize("who", ["hr_a", "city_nc"])
def test_schools_and_cities_do_not_read_base_stats(api, request, who):
    assert api(request.getfixturevalue(who)).get(f"{URL}stats/").status_code == 403


def test_stats_list_bases_in_code_order_with_a_bounded_number_of_queries(
    api, province, school_a, django_assert_max_num_queries
):
    for code in ("TB09", "TB02", "TB05"):
        base = testing.make_base(code=code)
        program = make_program(base)
        make_completion(program, testing.make_teacher(school_a))
    with django_assert_max_num_queries(10):
        response = api(province).get(f"{URL}stats/")
    assert [row["base"]["code"] for row in response.data] == ["TB02", "TB05", "TB09"]


def test_progress_reads_the_target_the_province_set(api, province):
    testing.make_base(status="active", approved_on=date(2024, 1, 1))
    response = api(province).patch(
        "/api/v1/targets/training_bases/",
        {"value": "25", "deadline": "2027-06-30", "version": 1},
        format="json",
    )
    assert response.status_code == 200, response.data
    data = api(province).get(f"{URL}progress/", {"as_of": "2026-01-01"}).data
    assert data["target"]["count"] == 25
    assert data["target"]["deadline"] == date(2027, 6, 30)
    assert data["target"]["deadline_passed"] is False
    assert data["remaining"] == 24
