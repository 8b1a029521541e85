"""EVIDENCE_STORAGE chooses where evidence files go (issue 12); nothing here opens a connection."""

import pytest
from config.storage import default_storage
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import FileSystemStorage, StorageHandler
from storages.backends.s3 import S3Storage

S3_ENV = {
    "EVIDENCE_STORAGE": "s3",
    "AWS_STORAGE_BUCKET_NAME": "evidence",
    "AWS_S3_ENDPOINT_URL": "https://oss.example.cn",
    "AWS_ACCESS_KEY_ID": "key",
    "AWS_SECRET_ACCESS_KEY": "secret",
}


@pytest.fixture
def env(monkeypatch):
    for name in [*S3_ENV, "AWS_LOCATION", "AWS_S3_REGION_NAME"]:
        monkeypatch.delenv(name, raising=False)

    def set_env(**values: str) -> None:
        for name, value in values.items():
            monkeypatch.setenv(name, value)

    return set_env


def storage_for(conf):
    return StorageHandler({"default": conf})["default"]


def test_it_keeps_evidence_on_the_filesystem_by_default(env):
    assert isinstance(storage_for(default_storage()), FileSystemStorage)


def test_it_chooses_the_s3_backend_when_configured(env):
    env(**S3_ENV, AWS_LOCATION="shuangshi")
    storage = storage_for(default_storage())
    assert isinstance(storage, S3Storage)
    assert (storage.bucket_name, storage.endpoint_url, storage.location) == (
        "evidence",
        "https://oss.example.cn",
        "shuangshi",
    )
    assert (storage.access_key, storage.default_acl, storage.file_overwrite) == ("key", None, False)


@pytest.mark.parametrize("missing", ["AWS_STORAGE_BUCKET_NAME", "AWS_S3_ENDPOINT_URL"])
def test_it_refuses_s3_without_a_bucket_or_an_endpoint(env, missing):
    env(**{k: v for k, v in S3_ENV.items() if k != missing})
    with pytest.raises(ImproperlyConfigured, match=missing):
        default_storage()


def test_it_refuses_an_unknown_storage_and_a_key_without_its_secret(env):
    env(EVIDENCE_STORAGE="ftp")
    with pytest.raises(ImproperlyConfigured, match="EVIDENCE_STORAGE"):
        default_storage()
    env(**{k: v for k, v in S3_ENV.items() if k != "AWS_SECRET_ACCESS_KEY"})
    with pytest.raises(ImproperlyConfigured, match="AWS_SECRET_ACCESS_KEY"):
        default_storage()


def test_production_settings_store_evidence_in_s3_when_configured(env):
    import os
    import secrets
    import subprocess
    import sys
    from pathlib import Path

    child = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    child.update(
        S3_ENV,
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(60),
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/h11_storage",
    )
    code = (
        "import django; django.setup(); "
        "from django.core.files.storage import storages; print(type(storages['default']).__name__)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=Path(__file__).resolve().parents[3],
        env=child,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout.split() == ["S3Storage"], result.stderr
