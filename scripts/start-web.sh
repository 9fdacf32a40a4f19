#!/usr/bin/env bash
# Production start-up (compose's web service, or any host): migrate, collect the static files
# under hashed names for whitenoise, then gunicorn. Reads its settings from the environment:
# SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL at least (see .env.example). With DEBUG off the
# HTTPS switches are on: a plain-HTTP trial sets SECURE_SSL_REDIRECT=0, SESSION_COOKIE_SECURE=0,
# CSRF_COOKIE_SECURE=0 and SECURE_HSTS_SECONDS=0 (README, "Production").
# Python: $PYTHON if set, else the project's .venv (made by `make run`), else python3 on PATH
# (the Docker image, which installs into its system Python).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -n "${PYTHON:-}" ]; then
    PY=$PYTHON
elif [ -x .venv/bin/python ]; then
    PY=.venv/bin/python
else
    PY=$(command -v python3 || command -v python || true)
fi
if [ -z "$PY" ] || ! "$PY" -c 'import django, gunicorn' 2>/dev/null; then
    echo "start-web.sh: no Python with Django and gunicorn (${PY:-none found});" \
        "run 'make venv' first, or set PYTHON=/path/to/python" >&2
    exit 1
fi

# Settings come from the environment only, as for gunicorn: a development .env that `make run`
# wrote (DEBUG=1) must not reach the migrations of a production start.
export ENV_FILE=

BIND=${WEB_BIND:-0.0.0.0:8000}
WORKERS=${WEB_WORKERS:-2}

"$PY" manage.py migrate --noinput
"$PY" manage.py collectstatic --noinput --verbosity 0
# exec: gunicorn becomes the process the container (or a test) stops with SIGTERM.
exec "$PY" -m gunicorn astana_site.wsgi \
    --bind "$BIND" \
    --workers "$WORKERS" \
    --worker-class sync \
    --timeout "${WEB_TIMEOUT:-30}" \
    --access-logfile - \
    --forwarded-allow-ips "${FORWARDED_ALLOW_IPS:-127.0.0.1}"
