#!/usr/bin/env bash
# `make run`: the archive on the embedded SQLite database (data/archive.sqlite3) with the
# sample articles, served by Django's development server with DEBUG on (auto-reload, static
# files without collectstatic, no SECRET_KEY to invent). Production start-up is
# scripts/start-web.sh (gunicorn and whitenoise).
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PYTHON:-.venv/bin/python}
ADDR=${RUN_ADDR:-127.0.0.1:8000}
export DEBUG=${DEBUG:-1}

echo "== Migrating the database"
"$PY" manage.py migrate --noinput
echo "== Ingesting the sample articles (articles/samples; unchanged files are skipped)"
"$PY" manage.py ingest articles/samples
echo "== Serving the archive on http://$ADDR/ (Ctrl-C to stop)"
exec "$PY" manage.py runserver "$ADDR"
