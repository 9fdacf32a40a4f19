#!/usr/bin/env bash
# Production start-up (compose's web service, or any host): migrate, collect the static files
# under hashed names for whitenoise, then gunicorn. Reads its settings from the environment:
# SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL at least (see .env.example).
# Runs with whichever python and gunicorn come first on PATH (the image's, or .venv/bin).
set -euo pipefail
cd "$(dirname "$0")/.."

BIND=${WEB_BIND:-0.0.0.0:8000}
WORKERS=${WEB_WORKERS:-2}

python manage.py migrate --noinput
python manage.py collectstatic --noinput --verbosity 0
# exec: gunicorn becomes the process the container (or a test) stops with SIGTERM.
exec gunicorn astana_site.wsgi \
    --bind "$BIND" \
    --workers "$WORKERS" \
    --worker-class sync \
    --timeout "${WEB_TIMEOUT:-30}" \
    --access-logfile - \
    --forwarded-allow-ips "${FORWARDED_ALLOW_IPS:-127.0.0.1}"
