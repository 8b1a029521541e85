"""Where uploaded files (the recognition evidence files) are kept: the "default" storage.

``EVIDENCE_STORAGE=filesystem`` (the default) keeps them under MEDIA_ROOT (var/media);
``EVIDENCE_STORAGE=s3`` keeps them in an S3-compatible store through django-storages,
configured by the AWS_* variables. A chosen store that is not fully configured stops the
start-up (ImproperlyConfigured) instead of writing files somewhere unexpected.
"""

from typing import Any

from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_choice, env_int, env_str

FILESYSTEM = "django.core.files.storage.FileSystemStorage"
S3 = "storages.backends.s3.S3Storage"


def default_storage() -> dict[str, Any]:
    """The STORAGES["default"] entry the environment asks for."""
    if env_choice("EVIDENCE_STORAGE", ("filesystem", "s3"), "filesystem") == "filesystem":
        return {"BACKEND": FILESYSTEM}
    return {"BACKEND": S3, "OPTIONS": _s3_options()}


def _s3_options() -> dict[str, Any]:
    bucket = env_str("AWS_STORAGE_BUCKET_NAME", "")
    endpoint = env_str("AWS_S3_ENDPOINT_URL", "")
    missing = [
        name
        for name, value in (("AWS_STORAGE_BUCKET_NAME", bucket), ("AWS_S3_ENDPOINT_URL", endpoint))
        if not value
    ]
    if missing:
        raise ImproperlyConfigured(f"EVIDENCE_STORAGE=s3 needs {' and '.join(missing)}.")
    options: dict[str, Any] = {
        "bucket_name": bucket,
        "endpoint_url": endpoint,
        "region_name": env_str("AWS_S3_REGION_NAME", "") or None,
        "location": env_str("AWS_LOCATION", ""),  # a key prefix inside the bucket
        # Evidence is private: downloads go through the API (scoped), never a public URL.
        "default_acl": None,
        "querystring_auth": True,
        "querystring_expire": env_int("AWS_QUERYSTRING_EXPIRE", 300, minimum=1),
        "file_overwrite": False,
        "addressing_style": env_str("AWS_S3_ADDRESSING_STYLE", "") or None,
        "use_ssl": env_bool("AWS_S3_USE_SSL", True),
    }
    # Keys from the environment; when unset, boto3's own chain (instance role, ~/.aws).
    access_key = env_str("AWS_ACCESS_KEY_ID", "")
    if access_key:
        options["access_key"] = access_key
        options["secret_key"] = env_str("AWS_SECRET_ACCESS_KEY")
    return options
