#!/usr/bin/env bash
# Writes a local .env for development (called by `make run`) unless one exists: DEBUG=1 and
# a random SECRET_KEY, so that the README's `.venv/bin/python manage.py ...` commands work in
# any new shell (manage.py reads .env; variables already set in the environment win).
# git ignores .env; docker compose reads its SECRET_KEY too. Delete it to get a new one.
set -euo pipefail
target=${1:-"$(dirname "$0")/../.env"}
if [ -e "$target" ]; then
    exit 0
fi
key=$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')
umask 077
cat >"$target" <<ENV
# Local development settings, written by \`make run\` (scripts/write-local-env.sh).
# manage.py reads this file; variables set in the environment win. Not for production:
# there, set the variables of .env.example in the environment (or compose's .env) instead.
DEBUG=1
SECRET_KEY=$key
ENV
echo "Wrote $target (DEBUG=1 and a new SECRET_KEY) for manage.py in any shell"
