"""bench_load.py's server settings: production's, plus a plain DRF viewset to compare with."""

from config.settings.production import *  # noqa: F403

ROOT_URLCONF = "_load_urls"
