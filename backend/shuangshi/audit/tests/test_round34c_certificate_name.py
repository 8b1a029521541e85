"""Round 34 (helper C): a certificate is named in one wording, the server's.

The teacher's history named a certificate in the browser from its logged codes
("skill_level:grade4" → "职业技能等级证书 四级…", a space between kind and level), while the
server named the same certificate "职业技能等级证书（四级…）" in changes_display and the audit
log (`record_name`), and the province's audit log showed the bare codes. Each entry now says
its own record in the server's words (`object_name`), in the reader's language; the stored
`object_repr` is unchanged.
"""

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.utils import translation

from shuangshi import testing
from shuangshi.audit.api import record_name
from shuangshi.teachers import services as teacher_services
from shuangshi.teachers.models import Certificate

pytestmark = pytest.mark.django_db


def _entries(api, user, url, language):
    client = api(user)
    client.credentials(HTTP_ACCEPT_LANGUAGE=language)
    response = client.get(url)
    assert response.status_code == 200
    return response.json()["results"]


def _certificate_entries(results):
    return [r for r in results if r["model"] == "certificate"]


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_history_names_a_certificate_as_the_server_names_it(api, hr_a, teacher_a, language):
    certificate = testing.make_certificate(teacher_a)
    with translation.override(language):
        expected = record_name(certificate)
    entries = _certificate_entries(
        _entries(api, hr_a, f"/api/v1/teachers/{teacher_a.pk}/history/", language)
    )
    assert entries
    for entry in entries:
        assert entry["object_name"] == expected
        assert entry["object_repr"] == "teacher_qualification:secondary_vocational"  # kept
    if language == "zh-hans":
        assert "（" in expected
    else:
        assert "teacher_qualification" not in expected


def test_the_audit_log_names_a_certificate_in_the_same_words(api, province, teacher_a):
    certificate = testing.make_certificate(teacher_a, kind="skill_level", level="grade4")
    with translation.override("zh-hans"):
        expected = record_name(certificate)
    entries = _certificate_entries(_entries(api, province, "/api/v1/audit-log/", "zh-hans"))
    assert [e["object_name"] for e in entries] == [expected]
    assert expected.startswith("职业技能等级证书（")


def test_a_deleted_certificate_keeps_its_name_from_the_logged_codes(api, hr_a, teacher_a):
    certificate = testing.make_certificate(teacher_a, kind="skill_level", level="grade4")
    with translation.override("en"):
        expected = record_name(certificate)
    teacher_services.certificate_delete(certificate=certificate)
    assert not Certificate.objects.filter(pk=certificate.pk).exists()
    entries = _certificate_entries(
        _entries(api, hr_a, f"/api/v1/teachers/{teacher_a.pk}/history/", "en")
    )
    assert {e["action"] for e in entries} >= {"create", "delete"}
    assert {e["object_name"] for e in entries} == {expected}


def test_other_records_and_odd_reprs_read_as_logged(api, province, teacher_a):
    LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(Certificate),
        object_pk="999",
        object_id=999,
        object_repr="an old name",
        action=LogEntry.Action.DELETE,
        changes={},
    )
    results = _entries(api, province, "/api/v1/audit-log/", "en")
    odd = next(r for r in results if r["object_repr"] == "an old name")
    assert odd["object_name"] == "an old name"
    teacher = next(r for r in results if r["model"] == "teacher")
    assert teacher["object_name"] == teacher["object_repr"] == teacher_a.name
