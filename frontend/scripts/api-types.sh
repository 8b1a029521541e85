#!/usr/bin/env bash
# The front end's API types, generated from the backend's OpenAPI schema, offline (no server).
#   frontend/scripts/api-types.sh           regenerate src/types/api.d.ts   (make api-types)
#   frontend/scripts/api-types.sh --check   fail if src/types/api.d.ts differs (make api-types-check)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
PY="${PYTHON:-$ROOT/.venv/bin/python}"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

# The schema in Chinese, as the UI's generated comments are (LANGUAGE_CODE is zh-hans).
# Integer formats follow the database backend's column ranges, so the schema is always made
# for PostgreSQL (production's), whatever DATABASE_URL says; nothing connects to it.
(cd "$ROOT/backend" && DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-config.settings.test}" \
  DATABASE_URL="postgres://schema@127.0.0.1:9/schema" \
  "$PY" manage.py spectacular --format openapi-json --lang zh-hans --file "$TMP/schema.json")
(cd "$ROOT/frontend" && node_modules/.bin/openapi-typescript "$TMP/schema.json" -o "$TMP/api.d.ts" >/dev/null)

TARGET="$ROOT/frontend/src/types/api.d.ts"
if [ "${1:-}" = "--check" ]; then
  if ! diff -q "$TMP/api.d.ts" "$TARGET" >/dev/null; then
    diff -u "$TARGET" "$TMP/api.d.ts" | head -n 60 >&2 || true
    echo "api-types: src/types/api.d.ts is not the backend's current schema; run \`make api-types\`." >&2
    exit 1
  fi
  echo "api-types: src/types/api.d.ts matches the schema"
else
  cp "$TMP/api.d.ts" "$TARGET"
  echo "api-types: wrote frontend/src/types/api.d.ts"
fi
