"""Local development and `make run`: SQLite by default, DEBUG on."""

from config.env import env_bool

from .base import *  # noqa: F403

DEBUG = env_bool("DJANGO_DEBUG", True)
ALLOW_DEMO_DATA = True
