"""Two browser tabs editing one record never silently lose an edit."""

import os
import threading

import pytest
from django.db import connection
from shuangshi import testing
from shuangshi.teachers.models import Teacher

pytestmark = pytest.mark.django_db


def _url(teacher: Teacher) -> str:
    return f"/api/v1/teachers/{teacher.pk}/"


def test_the_second_tab_gets_409_with_the_current_state_and_writes_nothing(api, hr_a, teacher_a):
    tab1, tab2 = api(hr_a), api(hr_a)
    etag1 = tab1.get(_url(teacher_a))["ETag"]
    etag2 = tab2.get(_url(teacher_a))["ETag"]
    assert etag1 == etag2 == '"1"'

    first = tab1.patch(_url(teacher_a), {"major": "数控技术"}, HTTP_IF_MATCH=etag1)
    assert first.status_code == 200
    assert first.json()["version"] == 2

    second = tab2.patch(_url(teacher_a), {"name": "王小芳"}, HTTP_IF_MATCH=etag2)
    assert second.status_code == 409
    body = second.json()
    assert body["current"]["major"] == "数控技术"
    assert body["current"]["version"] == 2
    teacher_a.refresh_from_db()
    assert (teacher_a.name, teacher_a.major, teacher_a.version) == ("王芳", "数控技术", 2)

    # The tab reloads, re-applies its edit on the current version, and both edits survive.
    retry = tab2.patch(_url(teacher_a), {"name": "王小芳", "version": body["current"]["version"]})
    assert retry.status_code == 200
    teacher_a.refresh_from_db()
    assert (teacher_a.name, teacher_a.major, teacher_a.version) == ("王小芳", "数控技术", 3)


def test_the_409_body_is_the_record_as_the_user_reads_it(api, province, teacher_a):
    api(province).patch(_url(teacher_a), {"major": "数控技术", "version": 1})
    response = api(province).patch(_url(teacher_a), {"major": "x", "version": 1})
    assert response.status_code == 409
    assert response.json()["current"]["id_number"] == teacher_a.id_number


def test_an_update_without_a_version_is_refused(api, hr_a, teacher_a):
    response = api(hr_a).patch(_url(teacher_a), {"major": "数控技术"})
    assert response.status_code == 400
    assert "version" in response.json()
    teacher_a.refresh_from_db()
    assert teacher_a.major == "机电一体化"


@pytest.mark.parametrize("bad", ["abc", "W/x", ""])
def test_a_malformed_version_is_a_400_not_a_500(api, hr_a, teacher_a, bad):
    response = api(hr_a).patch(_url(teacher_a), {"major": "x"}, HTTP_IF_MATCH=bad)
    assert response.status_code == 400


def test_put_is_not_offered(api, hr_a, teacher_a):
    assert api(hr_a).put(_url(teacher_a), {"version": 1}).status_code == 405


@pytest.mark.parametrize(
    ("make", "url", "field", "value"),
    [
        (testing.make_certificate, "/api/v1/certificates/", "issuer", "江西省人社厅"),
        (testing.make_period, "/api/v1/enterprise-periods/", "position", "工程师"),
    ],
)
def test_child_records_are_versioned_too(api, hr_a, teacher_a, make, url, field, value):
    record = make(teacher_a)
    ok = api(hr_a).patch(f"{url}{record.pk}/", {field: value, "version": 1})
    assert ok.status_code == 200
    stale = api(hr_a).patch(f"{url}{record.pk}/", {field: "other", "version": 1})
    assert stale.status_code == 409
    assert stale.json()["current"][field] == value


def test_every_writable_record_endpoint_requires_a_version():
    """Every viewset that offers PATCH on a model with a version goes through
    ScopedModelViewSet.update (which checks the version and locks the row)."""
    from rest_framework import viewsets
    from shuangshi.api_urls import urlpatterns
    from shuangshi.common.api import ScopedModelViewSet

    def walk(patterns):
        for p in patterns:
            if hasattr(p, "url_patterns"):
                yield from walk(p.url_patterns)
            else:
                yield p

    # Viewsets that check the version themselves (tested below), with the reason.
    checks_itself = {"TargetViewSet": "keyed by code, not a ModelViewSet"}
    offenders = []
    for pattern in walk(urlpatterns):
        cls = getattr(pattern.callback, "cls", None)
        actions = getattr(pattern.callback, "actions", None) or {}
        if cls is None or "patch" not in actions or not issubclass(cls, viewsets.GenericViewSet):
            continue
        model = cls.serializer_class.Meta.model if cls.serializer_class else None
        versioned = model is not None and any(f.name == "version" for f in model._meta.fields)
        if (
            versioned
            and not issubclass(cls, ScopedModelViewSet)
            and cls.__name__ not in checks_itself
        ):
            offenders.append(cls.__name__)
    assert offenders == []


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="row locks need PostgreSQL (SQLite serialises writers anyway)",
)
@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_writers_with_the_same_version_cannot_both_win(api, hr_a, teacher_a):
    barrier = threading.Barrier(2)
    statuses: list[int] = []

    def tab(field: str, value: str) -> None:
        try:
            client = api(hr_a)
            barrier.wait()
            statuses.append(client.patch(_url(teacher_a), {field: value, "version": 1}).status_code)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=tab, args=("major", "数控技术")),
        threading.Thread(target=tab, args=("name", "王小芳")),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert sorted(statuses) == [200, 409]
    teacher_a.refresh_from_db()
    assert teacher_a.version == 2


def test_a_stale_target_edit_gets_409_and_writes_nothing(api, province):
    url = "/api/v1/targets/dual_qualified_ratio/"
    first = api(province).patch(url, {"value": "0.65", "version": 1})
    assert first.status_code == 200
    assert first.json()["version"] == 2

    stale = api(province).patch(url, {"value": "0.70", "version": 1})
    assert stale.status_code == 409
    assert stale.json()["current"]["value"] == "0.6500"
    assert api(province).get(url).json()["value"] == "0.6500"
    assert api(province).patch(url, {"value": "0.70"}).status_code == 400  # no version


def test_a_delete_naming_a_stale_version_gets_409_and_deletes_nothing(api, hr_a, teacher_a):
    certificate = testing.make_certificate(teacher_a)
    url = f"/api/v1/certificates/{certificate.pk}/"
    assert api(hr_a).patch(url, {"issuer": "人社厅", "version": 1}).status_code == 200

    stale = api(hr_a).delete(url, HTTP_IF_MATCH='"1"')
    assert stale.status_code == 409
    assert stale.json()["current"]["issuer"] == "人社厅"
    assert api(hr_a).get(url).status_code == 200

    assert api(hr_a).delete(url, HTTP_IF_MATCH='"2"').status_code == 204
    assert api(hr_a).get(url).status_code == 404
