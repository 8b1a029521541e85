import logging
from datetime import date

import pytest
from auditlog.models import LogEntry

from shuangshi import testing
from shuangshi.audit.logfilters import MaskIdNumbers, mask_text
from shuangshi.common.idnumbers import mask_id_number

pytestmark = pytest.mark.django_db


def _history(api, user, teacher):
    return api(user).get(f"/api/v1/teachers/{teacher.pk}/history/")


def test_an_edit_through_the_api_is_recorded_with_its_actor_and_changed_fields(
    api, hr_a, teacher_a
):
    response = api(hr_a).patch(
        f"/api/v1/teachers/{teacher_a.pk}/", {"major": "数控技术", "version": 1}
    )
    assert response.status_code == 200

    entries = _history(api, hr_a, teacher_a).json()["results"]
    latest = entries[0]
    assert latest["action"] == "update"
    assert latest["actor"] == "hr_a"
    assert latest["changes"]["major"] == ["机电一体化", "数控技术"]
    assert entries[-1]["action"] == "create"


def test_a_token_request_is_recorded_with_its_actor(client, hr_a, teacher_a):
    token = client.post(
        "/api/v1/auth/token/", {"username": "hr_a", "password": "pw-for-tests-1"}
    ).json()["token"]
    response = client.patch(
        f"/api/v1/teachers/{teacher_a.pk}/",
        {"name": "王芳芳"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {token}",
        HTTP_IF_MATCH='"1"',
    )
    assert response.status_code == 200
    entry = LogEntry.objects.get_for_object(teacher_a).filter(action=LogEntry.Action.UPDATE).get()
    assert entry.actor == hr_a


def test_id_numbers_are_masked_in_the_log(api, hr_a, teacher_a):
    entry = LogEntry.objects.get_for_object(teacher_a).get(action=LogEntry.Action.CREATE)
    assert entry.changes_dict["id_number"][1] == mask_id_number(teacher_a.id_number)
    assert teacher_a.id_number not in str(entry.changes) + entry.changes_text + entry.object_repr


def test_history_includes_certificates_and_periods_even_deleted_ones(api, hr_a, teacher_a):
    certificate = testing.make_certificate(teacher_a)
    testing.make_period(teacher_a)
    response = api(hr_a).delete(f"/api/v1/certificates/{certificate.pk}/")
    assert response.status_code == 204

    models = [(e["model"], e["action"]) for e in _history(api, hr_a, teacher_a).json()["results"]]
    assert ("certificate", "create") in models
    assert ("certificate", "delete") in models
    assert ("enterpriseperiod", "create") in models


def test_history_leaves_out_other_teachers(api, province, teacher_a, teacher_b):
    testing.make_certificate(teacher_b)
    entries = _history(api, province, teacher_a).json()["results"]
    assert {e["object_repr"] for e in entries} == {teacher_a.name}


@pytest.mark.parametrize("who", ["province", "city_nc", "hr_a"])
def test_roles_that_read_the_teacher_read_its_history(request, api, who, teacher_a):
    assert _history(api, request.getfixturevalue(who), teacher_a).status_code == 200


@pytest.mark.parametrize(("who", "status"), [("hr_b", 404), ("base_staff", 403), (None, 401)])
def test_other_roles_cannot_read_the_history(request, api, who, status, teacher_a):
    user = request.getfixturevalue(who) if who else None
    assert _history(api, user, teacher_a).status_code in (
        (status, 403) if who is None else (status,)
    )


def test_the_province_searches_the_audit_log(api, province, hr_a, teacher_a, teacher_b):
    api(hr_a).patch(f"/api/v1/teachers/{teacher_a.pk}/", {"major": "数控技术", "version": 1})

    body = api(province).get("/api/v1/audit-log/", {"actor": "hr_a", "action": "update"}).json()
    assert body["count"] == 1
    assert body["results"][0]["object_id"] == teacher_a.pk
    assert "remote_addr" in body["results"][0]

    found = api(province).get("/api/v1/audit-log/", {"search": teacher_b.name}).json()
    assert {e["object_id"] for e in found["results"]} == {teacher_b.pk}
    by_model = api(province).get("/api/v1/audit-log/", {"model": "teacher"}).json()
    assert by_model["count"] == 3


@pytest.mark.parametrize("who", ["city_nc", "hr_a", "base_staff"])
def test_only_the_province_reads_the_audit_log(request, api, who):
    assert api(request.getfixturevalue(who)).get("/api/v1/audit-log/").status_code == 403


@pytest.mark.parametrize("who", ["province", "hr_a"])
def test_the_owning_hr_and_the_province_can_reveal_an_id_number_and_it_is_logged(
    request, api, who, teacher_a
):
    user = request.getfixturevalue(who)
    response = api(user).post(
        f"/api/v1/teachers/{teacher_a.pk}/reveal-id-number/", {"reason": "社保核对"}
    )
    assert response.status_code == 200
    assert response.json() == {"id_number": teacher_a.id_number}
    assert response["Cache-Control"] == "no-store"

    entry = LogEntry.objects.get_for_object(teacher_a).get(action=LogEntry.Action.ACCESS)
    assert entry.actor == user
    assert entry.additional_data == {"revealed": "id_number", "reason": "社保核对"}
    history = _history(api, user, teacher_a).json()["results"]
    assert history[0]["action"] == "access"


@pytest.mark.parametrize(("who", "status"), [("hr_b", 404), ("city_nc", 403), ("base_staff", 403)])
def test_other_roles_cannot_reveal(request, api, who, status, teacher_a):
    response = api(request.getfixturevalue(who)).post(
        f"/api/v1/teachers/{teacher_a.pk}/reveal-id-number/", {}
    )
    assert response.status_code == status
    assert teacher_a.id_number not in response.content.decode()
    assert not LogEntry.objects.filter(action=LogEntry.Action.ACCESS).exists()


def test_id_numbers_never_reach_the_server_log():
    number = "36010219850615123X"
    logger = logging.getLogger("shuangshi.test")
    handler = logging.Handler()
    handler.addFilter(MaskIdNumbers())
    records: list[logging.LogRecord] = []
    handler.emit = records.append  # type: ignore[method-assign]
    logger.addHandler(handler)
    try:
        logger.warning("Not Found: /api/v1/teachers/?q=%s", number)
        try:
            raise ValueError(f"bad {number}")
        except ValueError:
            logger.exception("failed")
    finally:
        logger.removeHandler(handler)
    text = " ".join(r.getMessage() + (r.exc_text or "") for r in records)
    assert number not in text
    assert "3601************3X" in text


def test_masking_leaves_other_numbers_alone():
    assert mask_text("order 1234567890123456789 and 360102198506151234") == (
        "order 1234567890123456789 and 3601************34"
    )


def test_the_console_handler_masks_id_numbers():
    from django.conf import settings

    assert "mask_id_numbers" in settings.LOGGING["handlers"]["console"]["filters"]


def test_history_and_audit_log_reads_take_a_fixed_number_of_queries(
    api, province, teacher_a, django_assert_max_num_queries
):
    for year in range(2015, 2020):  # five periods: one record each (round 44 refuses twins)
        testing.make_certificate(teacher_a)
        testing.make_period(teacher_a, start_on=date(year, 7, 1), end_on=date(year, 12, 31))
    with django_assert_max_num_queries(6):
        assert api(province).get(f"/api/v1/teachers/{teacher_a.pk}/history/").status_code == 200
    # + one query per related model the page names (here the certificates' teacher)
    with django_assert_max_num_queries(5):
        assert api(province).get("/api/v1/audit-log/").status_code == 200


def test_reveals_are_rate_limited_per_user(api, monkeypatch, hr_a, teacher_a):
    from django.core.cache import cache

    from shuangshi.audit.api import RevealThrottle

    monkeypatch.setattr(RevealThrottle, "rate", "2/hour")
    cache.clear()
    url = f"/api/v1/teachers/{teacher_a.pk}/reveal-id-number/"
    statuses = [api(hr_a).post(url, {}).status_code for _ in range(3)]
    cache.clear()
    assert statuses == [200, 200, 429]
    assert LogEntry.objects.filter(action=LogEntry.Action.ACCESS).count() == 2
