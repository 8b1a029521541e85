#!/bin/sh
# The image's web command (Dockerfile CMD), run in backend/: migrate, then serve with gunicorn.
# The `worker` service runs `python manage.py jobs_worker` from the same image instead.
# tests/ops/test_image.py runs this same script with the Dockerfile's environment.
set -eu
python manage.py migrate --noinput
exec gunicorn config.wsgi:application --bind "0.0.0.0:${PORT:-8000}" --workers "${GUNICORN_WORKERS:-4}"
