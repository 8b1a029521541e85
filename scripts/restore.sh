#!/usr/bin/env bash
# Restore a backup made by backup.sh into the database named by DATABASE_URL, replacing
# what is there. Usage: scripts/restore.sh FILE [--yes]  (or BACKUP_FILE=…; asks first
# unless --yes or RESTORE_YES=1). FILE.media.tar.gz, if backup.sh wrote one, replaces the
# evidence files (var/media) with those of the backup's time.
set -euo pipefail
# Paths given are relative to where the command was run, not to the repository.
if [ -n "${1:-}" ] && [ "$1" != "--yes" ]; then set -- "$(realpath -m "$1")" "${@:2}"; fi
if [ -n "${BACKUP_FILE:-}" ]; then BACKUP_FILE="$(realpath -m "$BACKUP_FILE")"; fi
cd "$(dirname "$0")/.."
file="${1:-${BACKUP_FILE:-}}"
[ -n "$file" ] && [ -f "$file" ] || { echo "usage: scripts/restore.sh FILE [--yes]" >&2; exit 2; }
PYTHON="${PYTHON:-$( [ -x .venv/bin/python ] && echo .venv/bin/python || echo python3 )}"
read -r engine target < <("$PYTHON" scripts/_dbinfo.py) || true
[ -n "${engine:-}" ] || { echo "backup: cannot read DATABASE_URL" >&2; exit 1; }

if [ "${2:-}" != "--yes" ] && [ "${RESTORE_YES:-}" != "1" ]; then
  read -r -p "Replace the $engine database with $file? [y/N] " answer
  [ "$answer" = "y" ] || [ "$answer" = "Y" ] || { echo "restore: cancelled"; exit 1; }
fi

case "$engine" in
  postgres)
    # One transaction: the database is either fully restored or left as it was.
    pg_restore --clean --if-exists --no-owner --no-privileges --single-transaction \
      --exit-on-error --dbname="$target" "$file"
    ;;
  sqlite)
    mkdir -p "$(dirname "$target")"
    "$PYTHON" scripts/_sqlite_copy.py "$file" "$target"
    ;;
esac
echo "restored $file"
if [ -f "$file.media.tar.gz" ]; then
  media="${SHUANGSHI_VAR_DIR:-var}/media"
  rm -rf "$media.restoring" "$media.old"
  mkdir -p "$media.restoring"
  tar -xzf "$file.media.tar.gz" -C "$media.restoring"
  if [ -d "$media" ]; then mv "$media" "$media.old"; fi
  mv "$media.restoring" "$media"
  rm -rf "$media.old"
  echo "restored the evidence files from $file.media.tar.gz"
fi
