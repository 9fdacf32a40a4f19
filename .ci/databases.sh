# Sourced by .ci/run (and by tests/test_ci.py): the PostgreSQL and Redis services CI needs,
# and database names unique to one run, so two runs on one server never drop each other's
# databases, and every database a run made is dropped when it ends.
# Expects PG_HOST and PG_PORT; everything goes to that server as postgres (trust).

PG_ADMIN_URL="postgres://postgres@$PG_HOST:$PG_PORT/postgres"
# One id per run: the start time and the shell's PID (CI_RUN_ID overrides, e.g. a job id).
CI_RUN_ID=${CI_RUN_ID:-"$(date +%s)_$$"}
CI_RUN_ID=$(printf '%s' "$CI_RUN_ID" | tr -c 'a-zA-Z0-9_' '_' | tr 'A-Z' 'a-z')

pg_ready() { pg_isready -q -h "$PG_HOST" -p "$PG_PORT" -t 5; }
psql_admin() {
    PGOPTIONS="--client-min-messages=warning" psql -X -q -v ON_ERROR_STOP=1 "$PG_ADMIN_URL" "$@"
}

# ci_database NAME: this run's database for NAME (e.g. suite, web), created empty; prints its name.
ci_database() {
    local name="astana_ci_${CI_RUN_ID}_$1"
    psql_admin -c "DROP DATABASE IF EXISTS $name WITH (FORCE)" -c "CREATE DATABASE $name" >&2
    printf '%s\n' "$name"
}

# Drops every database of this run: those ci_database made and the test_ copies pytest-django
# made from them (normally dropped by pytest itself, unless a run was killed).
drop_ci_databases() {
    local name
    for name in $(psql_admin -At -c "SELECT datname FROM pg_database
            WHERE datname LIKE 'astana\\_ci\\_${CI_RUN_ID}\\_%'
               OR datname LIKE 'test\\_astana\\_ci\\_${CI_RUN_ID}\\_%'"); do
        psql_admin -c "DROP DATABASE IF EXISTS $name WITH (FORCE)"
    done
}

start_postgres_if_needed() {
    if ! pg_ready; then
        echo "PostgreSQL is not answering; starting the local cluster"
        pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start || true
        for _ in $(seq 1 30); do pg_ready && break; sleep 1; done
    fi
    pg_ready
}

redis_ready() { redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG; }

start_redis_if_needed() {
    if ! redis_ready; then
        echo "Redis is not answering; starting redis-server on 127.0.0.1:6379"
        if ! command -v redis-server >/dev/null; then
            echo "redis-server is not installed; installing Debian's package"
            { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server; } \
                >/dev/null 2>&1 || true
        fi
        redis-server --bind 127.0.0.1 --port 6379 --daemonize yes --save '' --appendonly no \
            >/dev/null || true
        for _ in $(seq 1 20); do redis_ready && break; sleep 0.5; done
    fi
    redis_ready
}
