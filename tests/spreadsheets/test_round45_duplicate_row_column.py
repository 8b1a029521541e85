"""Round 45: two rows of one certificate or period file that are the same record were
reported at the ID number, which is right (and only) the teacher's: the clerk looked for a
mistyped ID number. The error names the column that makes them the same record, the one
a stored duplicate names (teachers.validation: the certificate's number, the period's
start), and the row they repeat."""

from datetime import date

from shuangshi.teachers.models import Certificate, EnterprisePeriod

from .books import book
from .conftest import errors_at

CERT_HEADERS = ["身份证号", "证书类别", "等级/类型", "证书编号", "发证日期"]
PERIOD_HEADERS = ["身份证号", "经历类型", "企业名称", "开始日期", "结束日期"]


def _checked(client, upload, kind, rows):
    return upload(client, kind, book(rows)).json()


def test_the_same_certificate_twice_in_a_file_is_reported_at_its_number(
    api, hr_a, teacher_a, upload
):
    row = [teacher_a.id_number, "职业技能等级证书", "四级/中级工", "S2", date(2020, 1, 1)]
    other = [teacher_a.id_number, "职业技能等级证书", "四级/中级工", "S3", date(2020, 1, 1)]
    body = _checked(api(hr_a), upload, "certificates", [CERT_HEADERS, row, other, list(row)])
    assert errors_at(body) == [(4, "证书编号")]
    assert body["errors"][0]["message"] == "与第 2 行是同一条记录（重复）。"
    assert Certificate.objects.count() == 0


def test_the_same_period_twice_in_a_file_is_reported_at_its_start(api, hr_a, teacher_a, upload):
    row = [teacher_a.id_number, "企业实践", "江铃汽车", "2023-07-01", "2023-12-31"]
    later = [teacher_a.id_number, "企业实践", "江铃汽车", "2024-07-01", "2024-12-31"]
    body = _checked(
        api(hr_a), upload, "enterprise-periods", [PERIOD_HEADERS, row, later, list(row)]
    )
    assert errors_at(body) == [(4, "开始日期")]
    assert body["errors"][0]["message"] == "与第 2 行是同一条记录（重复）。"
    assert EnterprisePeriod.objects.count() == 0
