from datetime import date

import pytest

from shuangshi import testing
from shuangshi.teachers.models import Certificate, EnterprisePeriod

CERTS = "/api/v1/certificates/"
PERIODS = "/api/v1/enterprise-periods/"


def cert_payload(teacher, **fields):
    data = {
        "teacher": teacher.pk,
        "kind": "skill_level",
        "level": "grade4",
        "name": "电工",
        "number": "SK-1",
        "issued_on": "2020-01-01",
        "expires_on": None,
    }
    data.update(fields)
    return data


def period_payload(teacher, **fields):
    data = {
        "teacher": teacher.pk,
        "kind": "practice",
        "enterprise": "江铃汽车股份有限公司",
        "credit_code": "91350100M000100Y43",
        "start_on": "2024-01-01",
        "end_on": "2024-06-30",
    }
    data.update(fields)
    return data


def test_hr_adds_a_certificate_to_its_own_teacher(api, hr_a, teacher_a):
    response = api(hr_a).post(CERTS, cert_payload(teacher_a))
    assert response.status_code == 201, response.json()
    assert Certificate.objects.get().teacher == teacher_a


def test_hr_cannot_add_a_certificate_to_another_schools_teacher(api, hr_a, teacher_b):
    response = api(hr_a).post(CERTS, cert_payload(teacher_b))
    assert response.status_code == 400
    assert "teacher" in response.json()
    assert not Certificate.objects.exists()


def test_certificates_of_other_schools_answer_404(api, hr_a, teacher_b):
    cert = testing.make_certificate(teacher_b)
    client = api(hr_a)
    assert client.get(f"{CERTS}{cert.pk}/").status_code == 404
    assert client.patch(f"{CERTS}{cert.pk}/", {"name": "x", "version": 1}).status_code == 404
    assert client.delete(f"{CERTS}{cert.pk}/").status_code == 404
    assert client.get(CERTS).json()["count"] == 0


def test_city_reads_certificates_but_cannot_write_them(api, city_nc, teacher_a):
    cert = testing.make_certificate(teacher_a)
    client = api(city_nc)
    assert client.get(CERTS, {"teacher": teacher_a.pk}).json()["count"] == 1
    assert client.post(CERTS, cert_payload(teacher_a)).status_code == 403
    assert client.delete(f"{CERTS}{cert.pk}/").status_code == 403


@pytest.mark.parametrize(
    ("field", "value", "extra"),
    [
        ("level", "grade9", {}),
        ("level", "grade4", {"kind": "one_plus_x"}),
        ("kind", "diploma", {}),
        ("expires_on", "2019-12-31", {}),
        ("issued_on", "2020-02-30", {}),
    ],
)
def test_each_certificate_rule_rejects_a_bad_value(api, hr_a, teacher_a, field, value, extra):
    response = api(hr_a).post(CERTS, cert_payload(teacher_a, **{field: value, **extra}))
    assert response.status_code == 400
    assert field in response.json(), response.json()


def test_certificate_update_and_delete(api, province, teacher_a):
    cert = testing.make_certificate(teacher_a)
    client = api(province)
    response = client.patch(f"{CERTS}{cert.pk}/", {"expires_on": "2030-01-01", "version": 1})
    assert response.status_code == 200
    assert response.json()["expires_on"] == "2030-01-01"
    assert client.delete(f"{CERTS}{cert.pk}/").status_code == 204


def test_hr_records_an_enterprise_period_with_its_days(api, hr_a, teacher_a):
    response = api(hr_a).post(PERIODS, period_payload(teacher_a))
    assert response.status_code == 201, response.json()
    assert response.json()["days"] == 182
    assert EnterprisePeriod.objects.count() == 1


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("end_on", "2023-12-31"),
        ("credit_code", "91350100M000100Y44"),
        ("credit_code", "123"),
        ("kind", "internship"),
        ("enterprise", ""),
    ],
)
def test_each_period_rule_rejects_a_bad_value(api, hr_a, teacher_a, field, value):
    response = api(hr_a).post(PERIODS, period_payload(teacher_a, **{field: value}))
    assert response.status_code == 400
    assert field in response.json(), response.json()


def test_periods_of_other_schools_answer_404(api, hr_a, teacher_b):
    period = testing.make_period(teacher_b)
    assert api(hr_a).get(f"{PERIODS}{period.pk}/").status_code == 404
    assert api(hr_a).post(PERIODS, period_payload(teacher_b)).status_code == 400


def test_base_staff_cannot_read_records(api, base_staff, teacher_a):
    testing.make_period(teacher_a)
    assert api(base_staff).get(PERIODS).status_code == 403
    assert api(base_staff).get(CERTS).status_code == 403


def test_an_ongoing_period_counts_up_to_today(api, hr_a, teacher_a):
    start = date.today().replace(day=1)
    response = api(hr_a).post(
        PERIODS, period_payload(teacher_a, start_on=start.isoformat(), end_on=None)
    )
    assert response.json()["days"] == (date.today() - start).days + 1


def test_record_lists_run_a_bounded_number_of_queries(
    api, province, teacher_a, django_assert_max_num_queries
):
    for n in range(25):
        testing.make_certificate(teacher_a, number=f"N{n}")
        testing.make_period(teacher_a, start_on=date(2020, 1, n + 1), end_on=date(2020, 2, 1))
    client = api(province)
    with django_assert_max_num_queries(6):
        assert len(client.get(CERTS, {"page_size": 50}).json()["results"]) == 25
    with django_assert_max_num_queries(6):
        assert len(client.get(PERIODS, {"page_size": 50}).json()["results"]) == 25
