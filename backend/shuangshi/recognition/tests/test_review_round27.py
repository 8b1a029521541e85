"""Review round 27: certificate numbers that survive a changed round code, objectors hidden
from all but the province, the publicity list as ?status=publicized, a part-time teacher's
year at their current school, status changes on locked rows, long evidence file names."""

import importlib
import threading
from datetime import date, timedelta
from typing import Any

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.utils import timezone

from shuangshi import testing
from shuangshi.accounts.models import Role
from shuangshi.recognition import rules, services
from shuangshi.recognition.models import Application, EvidenceFile, Recognition, Round
from shuangshi.teachers import services as teacher_services

APPS = "/api/v1/recognition-applications/"
ROUNDS = "/api/v1/recognition-rounds/"
FILES = "/api/v1/evidence-files/"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _qualified(school, name):
    teacher = testing.make_teacher(school, name=name)
    testing.make_certificate(teacher)
    testing.make_certificate(
        teacher, kind="skill_level", level="grade3", name="电工", issued_on=date(2021, 5, 1)
    )
    return teacher


def _post(api, user, app_id, action, body=None):
    return api(user).post(f"{APPS}{app_id}/{action}/", body or {})


def _in_publicity(teacher, round, hr, province):
    """An application taken to publicity through the services (as each role would)."""
    app = services.application_create(round=round, teacher=teacher, level="junior", user=hr)
    app = services.application_submit(application=app, user=hr)
    app = services.application_school_review(application=app, user=hr, decision="approve")
    return services.application_province_review(application=app, user=province, decision="approve")


def _patch_round(api, user, round, body):
    version = Round.objects.get(pk=round.pk).version
    return api(user).patch(f"{ROUNDS}{round.pk}/", {**body, "version": version}, format="json")


# --------------------------------------------------------------------------- 1 numbering


def test_the_province_may_change_a_round_code_before_any_certificate(
    api, province, hr_a, round_open
):
    assert _patch_round(api, hr_a, round_open, {"code": "JX2026-B"}).status_code == 403
    response = _patch_round(api, province, round_open, {"code": "JX2026-B"})
    assert response.status_code == 200, response.json()
    assert response.json()["code"] == "JX2026-B"


def test_a_round_code_cannot_change_once_a_certificate_is_issued(
    api, province, hr_a, round_open, school_a
):
    app = _in_publicity(_qualified(school_a, "甲一"), round_open, hr_a, province)
    assert _post(api, province, app.pk, "finalize").status_code == 200
    response = _patch_round(api, province, round_open, {"code": "JX2026-B"})
    assert response.status_code == 400
    assert list(response.json()) == ["code"]
    assert Round.objects.get(pk=round_open.pk).code == "JX2026A"
    # Other fields still change, and the same code is no change at all.
    renamed = _patch_round(api, province, round_open, {"code": "JX2026A", "name": "第一批（修订）"})
    assert renamed.status_code == 200, renamed.json()


def test_numbers_keep_counting_after_a_code_changed_before_the_rule(
    api, province, hr_a, round_open, school_a
):
    apps_ = [
        _in_publicity(_qualified(school_a, f"甲{i}"), round_open, hr_a, province) for i in range(3)
    ]
    assert _post(api, province, apps_[0].pk, "finalize").status_code == 200
    Round.objects.filter(pk=round_open.pk).update(code="JX2026-B")  # renamed in the past
    numbers = []
    for app in apps_[1:]:
        response = _post(api, province, app.pk, "finalize")
        assert response.status_code == 200, response.json()
        numbers.append(response.json()["recognition"]["certificate_no"])
    assert numbers == ["JX2026-B-00002", "JX2026-B-00003"]


def test_a_number_already_on_record_is_never_issued_again(province, hr_a, round_open, school_a):
    first = _in_publicity(_qualified(school_a, "甲一"), round_open, hr_a, province)
    second = _in_publicity(_qualified(school_a, "甲二"), round_open, hr_a, province)
    today = timezone.localdate()
    services.application_finalize(application=first, user=province, today=today)
    Round.objects.filter(pk=round_open.pk).update(certificate_serial=0)  # a counter behind
    recognition = services.application_finalize(application=second, user=province, today=today)
    assert recognition.certificate_no == "JX2026A-00002"


def test_the_migration_starts_each_counter_at_its_largest_serial(
    province, hr_a, round_open, school_a
):
    app = _in_publicity(_qualified(school_a, "甲一"), round_open, hr_a, province)
    services.application_finalize(application=app, user=province)
    Recognition.objects.filter(application=app).update(certificate_no="OLD-00007")
    Round.objects.filter(pk=round_open.pk).update(certificate_serial=0)
    migration = importlib.import_module(
        "shuangshi.recognition.migrations.0002_round_certificate_serial"
    )
    migration.count_issued(apps, None)
    assert Round.objects.get(pk=round_open.pk).certificate_serial == 7


# --------------------------------------------------------------------------- 3 objector


def test_only_the_province_reads_who_objected(
    api, teacher_user, hr_a, hr_b, province, round_open, qualified_teacher
):
    app = _in_publicity(qualified_teacher, round_open, hr_a, province)
    assert _post(api, hr_b, app.pk, "objections", {"reason": "材料造假"}).status_code == 201

    def objectors(user):
        history = api(user).get(f"{APPS}{app.pk}/").json()["history"]
        return [h["actor"] for h in history if h["stage"] == "objection"]

    assert objectors(teacher_user) == [""]
    assert objectors(hr_a) == [""]
    assert objectors(province) == ["hr_b"]
    # Stored all the same: the event keeps its actor.
    assert app.events.get(stage="objection").actor == hr_b

    # The teacher's record history shows the change to objected, not who made it.
    def history_actors(user):
        url = f"/api/v1/teachers/{qualified_teacher.pk}/history/"
        entries = api(user).get(url).json()["results"]
        return [
            e["actor"]
            for e in entries
            if e["model"] == "application"
            and e["changes"].get("status", [None, None])[1] == "objected"
        ]

    assert history_actors(teacher_user) == [None]
    assert history_actors(hr_a) == [None]
    assert history_actors(province) == ["hr_b"]


# --------------------------------------------------------------------------- 4 publicity


PUBLIC_FIELDS = {
    "id",
    "round",
    "round_code",
    "teacher_name",
    "school_name",
    "level",
    "publicity_until",
    "status",
}


def test_the_status_filter_publicized_is_the_publicity_list_for_everyone_but_the_province(
    api,
    hr_a,
    hr_b,
    base_staff,
    province,
    round_open,
    qualified_teacher,
    school_b,
    django_assert_max_num_queries,
):
    app = _in_publicity(qualified_teacher, round_open, hr_a, province)
    other = testing.make_user("t_other", Role.TEACHER, teacher=testing.make_teacher(school_b))
    for user in (hr_b, base_staff, other):
        with django_assert_max_num_queries(4):
            response = api(user).get(f"{APPS}?status=publicized")
        assert response.status_code == 200
        body = response.json()
        assert body["count"] == 1, (user, body)
        row = body["results"][0]
        assert set(row) == PUBLIC_FIELDS
        assert (row["id"], row["teacher_name"], row["level"]) == (app.pk, "王小明", "junior")
    # The province reads every application in full, and reviews these from that list.
    body = api(province).get(f"{APPS}?status=publicized").json()
    assert body["count"] == 1
    assert body["results"][0]["id"] == app.pk
    assert PUBLIC_FIELDS < set(body["results"][0]) and "votes" in body["results"][0]
    # The publicity action answers the same; the plain list stays scoped.
    assert (
        api(hr_b).get(f"{APPS}publicity/").json()
        == api(hr_b).get(f"{APPS}?status=publicized").json()
    )
    assert api(hr_b).get(APPS).json()["count"] == 0
    assert api().get(f"{APPS}?status=publicized").status_code == 401


# --------------------------------------------------------------------------- 5 part time


@pytest.mark.parametrize(
    ("moved_days_ago", "accepted"), [(30, False), (366, True)], ids=["a month", "a year"]
)
def test_a_part_time_teacher_needs_a_year_at_the_school_they_moved_to(
    api, hr_a, hr_b, round_open, school_a, school_b, moved_days_ago, accepted
):
    teacher = testing.make_teacher(
        school_a, name="钱七", employment="part_time", hired_on=date(2015, 9, 1)
    )
    testing.make_certificate(teacher)
    testing.make_certificate(
        teacher, kind="skill_level", level="grade3", name="电工", issued_on=date(2021, 5, 1)
    )
    teacher_services.teacher_update(
        teacher=teacher,
        data={"school": school_b},
        effective_on=timezone.localdate() - timedelta(days=moved_days_ago),
    )
    body = {"round": round_open.pk, "level": "junior", "teacher": teacher.pk}
    assert api(hr_a).post(APPS, body).status_code == 400  # no longer their school's teacher
    draft = api(hr_b).post(APPS, body)
    assert draft.status_code == 201, draft.json()
    response = _post(api, hr_b, draft.json()["id"], "submit")
    if accepted:
        assert response.status_code == 200, response.json()
    else:
        assert response.status_code == 400
        assert response.json()["teacher"] == ["兼职教师在本校任教满一年后方可申请。"]


@pytest.mark.parametrize(
    ("changes", "on", "since"),
    [
        ([], date(2026, 1, 1), None),
        ([(date(2015, 9, 1), "1")], date(2026, 1, 1), date(2015, 9, 1)),
        ([(date(2015, 9, 1), "1"), (date(2025, 3, 1), "2")], date(2026, 1, 1), date(2025, 3, 1)),
        ([(date(2015, 9, 1), "1"), (date(2025, 3, 1), "2")], date(2024, 1, 1), date(2015, 9, 1)),
        ([(date(2015, 9, 1), "1"), (date(2020, 1, 1), "1")], date(2026, 1, 1), date(2015, 9, 1)),
        ([(date(2030, 1, 1), "1")], date(2026, 1, 1), None),
    ],
)
def test_value_since_is_the_start_of_the_stretch_in_effect(changes, on, since):
    assert rules.value_since(changes, on) == since


# --------------------------------------------------------------------------- 6 locking


def _stale_withdraw(app, hr, province):
    stale = Application.objects.get(pk=app.pk)
    services.application_school_review(application=app, user=hr, decision="approve")
    return lambda: services.application_withdraw(application=stale, user=hr)


def _stale_school_review(app, hr, province):
    stale = Application.objects.get(pk=app.pk)
    services.application_withdraw(application=app, user=hr)
    return lambda: services.application_school_review(
        application=stale, user=hr, decision="approve"
    )


def _stale_objection(app, hr, province):
    app = services.application_school_review(application=app, user=hr, decision="approve")
    app = services.application_province_review(application=app, user=province, decision="approve")
    stale = Application.objects.get(pk=app.pk)
    services.application_finalize(application=app, user=province)
    return lambda: services.application_object(application=stale, user=hr, reason="造假")


def _stale_revoke(app, hr, province):
    app = services.application_school_review(application=app, user=hr, decision="approve")
    app = services.application_province_review(application=app, user=province, decision="approve")
    recognition = services.application_finalize(application=app, user=province)
    stale = Recognition.objects.get(pk=recognition.pk)
    services.recognition_revoke(recognition=recognition, user=province, reason="材料不实")
    return lambda: services.recognition_revoke(recognition=stale, user=province, reason="再撤")


@pytest.mark.parametrize(
    "stale", [_stale_withdraw, _stale_school_review, _stale_objection, _stale_revoke]
)
def test_a_status_change_acts_on_the_row_as_it_is_now(
    hr_a, province, round_open, qualified_teacher, stale
):
    app = services.application_create(
        round=round_open, teacher=qualified_teacher, level="junior", user=hr_a
    )
    app = services.application_submit(application=app, user=hr_a)
    act = stale(app, hr_a, province)
    before = Application.objects.get(pk=app.pk).status
    events = app.events.count()
    with pytest.raises(ValidationError) as refused:
        act()
    assert "status" in refused.value.message_dict
    assert Application.objects.get(pk=app.pk).status == before
    assert app.events.count() == events


@pytest.mark.django_db(transaction=True)
def test_two_drafts_of_one_teacher_submitted_at_once_give_one_application():
    if connection.vendor != "postgresql":
        pytest.skip("two connections at once need PostgreSQL")
    school = testing.make_school()
    hr = testing.make_user("hr_x", Role.SCHOOL_HR, school=school)
    teacher = _qualified(school, "孙八")
    today = timezone.localdate()
    round = services.round_create(
        data={
            "code": "JX-RACE",
            "name": "并发",
            "opens_on": today - timedelta(days=1),
            "closes_on": today + timedelta(days=1),
        }
    )
    first, second = (
        services.application_create(round=round, teacher=teacher, level="junior", user=hr)
        for _ in range(2)
    )
    submitted, release = threading.Event(), threading.Event()
    outcome: dict[str, Any] = {}

    def submit_first_and_wait() -> None:
        try:
            with transaction.atomic():
                services.application_submit(application=first, user=hr)
                submitted.set()
                release.wait(10)
        finally:
            connection.close()

    def submit_second() -> None:
        try:
            services.application_submit(application=second, user=hr)
            outcome["second"] = "submitted"
        except ValidationError as error:
            outcome["second"] = error.message_dict
        finally:
            connection.close()

    one = threading.Thread(target=submit_first_and_wait)
    one.start()
    assert submitted.wait(10)
    two = threading.Thread(target=submit_second)
    two.start()
    two.join(1)  # waits for the first to commit (or, unlocked, finishes at once)
    release.set()
    one.join(10)
    two.join(10)
    assert Application.objects.filter(status="submitted").count() == 1
    assert "round" in outcome["second"]


# --------------------------------------------------------------------------- 7 file names


def _upload(api, user, name):
    body = {"kind": "certificate", "file": SimpleUploadedFile(name, PDF)}
    return api(user).post(FILES, body, format="multipart")


def test_a_long_file_name_is_kept_beside_a_short_stored_one(api, teacher_user, hr_b):
    name = "教师资格证书扫描件." + "扫描" * 60  # a long name whose "extension" is long too
    assert _upload(api, hr_b, name).status_code == 400  # HR of another school: no teacher
    response = _upload(api, teacher_user, name)
    assert response.status_code == 201, response.content
    # Kept, with the extension of what it is (round 40): what follows its dot is no extension.
    assert response.json()["filename"] == name + ".pdf"
    stored = EvidenceFile.objects.get(pk=response.json()["id"])
    assert len(stored.file.name) <= 100 and stored.file.name.endswith(".pdf")  # by content
    download = api(teacher_user).get(f"{FILES}{stored.pk}/download/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF


def test_a_name_that_still_cannot_be_stored_is_a_json_400(api, teacher_user, monkeypatch):
    monkeypatch.setattr(EvidenceFile._meta.get_field("file"), "max_length", 20)
    client = api(teacher_user)
    client.raise_request_exception = False
    response = client.post(
        FILES,
        {"kind": "certificate", "file": SimpleUploadedFile("a." + "p" * 95, PDF)},
        format="multipart",
    )
    assert response.status_code == 400
    assert response["content-type"].startswith("application/json")
    assert list(response.json()) == ["file"]
