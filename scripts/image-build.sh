#!/bin/sh
# The image's build step (Dockerfile RUN), run in backend/: collect the static files and run
# the deployment checks with the production settings. Needs no database and no real secret:
# the Dockerfile gives a throw-away one of 75 characters (production demands 50+).
# tests/ops/test_image.py runs this same script with the Dockerfile's environment.
set -eu
python manage.py collectstatic --noinput -v 0
python manage.py check --deploy --fail-level ERROR
