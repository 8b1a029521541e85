# Production image: the built front end served by Django (whitenoise) behind gunicorn.
FROM node:20-bookworm-slim AS frontend
WORKDIR /app/frontend
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY frontend/ ./
RUN npm run build

# The rule engine compiled by mypyc (backend/shuangshi/native.py; same Python as below). The
# mypy pin is requirements-dev.txt's (tests/ops/test_image.py checks).
FROM python:3.11-slim-bookworm AS native
RUN apt-get update && apt-get install -y --no-install-recommends gcc libc6-dev \
    && rm -rf /var/lib/apt/lists/*
RUN pip install --no-cache-dir mypy==1.18.2
WORKDIR /app
COPY backend/shuangshi backend/shuangshi
COPY scripts/compile_native.py scripts/compile_native.py
RUN python scripts/compile_native.py

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=config.settings.production \
    SHUANGSHI_VAR_DIR=/app/var
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends postgresql-client \
    && rm -rf /var/lib/apt/lists/*
COPY backend/requirements.txt backend/requirements.txt
RUN pip install --no-cache-dir -r backend/requirements.txt
COPY backend/ backend/
COPY seed/ seed/
COPY reports/ reports/
COPY scripts/ scripts/
COPY --from=frontend /app/frontend/dist frontend/dist
COPY --from=native /app/backend/.mypyc backend/.mypyc
# collectstatic and the deployment checks need settings but no real secret or database: a
# throw-away key of 75 characters (production settings refuse fewer than 50; the old
# base64-filtered one was shorter than that in most builds). tests/ops/test_image.py runs
# the same script with this environment outside Docker.
RUN cd backend && DJANGO_SECRET_KEY="build-only-$(python -c 'import secrets; print(secrets.token_hex(32))')" \
    DATABASE_URL=postgres://build@localhost/build sh ../scripts/image-build.sh
RUN useradd --create-home app && mkdir -p /app/var/media && chown -R app /app/var
USER app
WORKDIR /app/backend
EXPOSE 8000
# The web server; docker-compose's `worker` service runs `python manage.py jobs_worker`.
CMD ["sh", "../scripts/image-start.sh"]
