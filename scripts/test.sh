#!/usr/bin/env bash
# `make test`: lint, the migrations check and the whole pytest suite, on SQLite by default or
# on the database DATABASE_URL names. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=${VENV_BIN:-.venv/bin}
# The suite runs on the development settings (plain static storage, no HTTPS redirect, a
# throwaway SECRET_KEY); pytest-django turns DEBUG itself off while tests run. Tests of the
# production settings start their own processes with DEBUG off.
export DEBUG=${DEBUG:-1}
case "${DATABASE_URL:-}" in
    "") echo "Database: SQLite (set DATABASE_URL=postgres://... for PostgreSQL)" ;;
    *) echo "Database: ${DATABASE_URL%%://*} ($(echo "$DATABASE_URL" | sed -E 's#//[^@/]*@#//#'))" ;;
esac

echo "== ruff check"
"$BIN/ruff" check .

echo "== makemigrations --check"
"$BIN/python" manage.py makemigrations --check --dry-run

echo "== pytest"
status=0
"$BIN/python" -m pytest "$@" || status=$?
if [ "$status" -eq 5 ]; then
    echo "pytest collected no tests: that is a failure, not a pass."
fi
exit "$status"
