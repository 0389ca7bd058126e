#!/usr/bin/env bash
# Installs (if missing) and starts Debian's PostgreSQL, creates the role and database
# portal_test, and prints TEST_DATABASE_URL=... as its LAST line, for:
#   export $(bash scripts/ci-postgres.sh | tail -1)
# Idempotent: safe to run again. Needs root (or sudo) for apt-get and the postgres user.
set -euo pipefail

PASSWORD="${PORTAL_TEST_DB_PASSWORD:-portal_test_pw}"
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  echo "installing postgresql..." >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi

# Start the cluster (pg_ctlcluster when the Debian wrappers exist, else the service).
if command -v pg_lsclusters >/dev/null 2>&1; then
  read -r VERSION CLUSTER _ < <(pg_lsclusters -h | head -1) || true
  if [ -z "${VERSION:-}" ]; then
    VERSION=$(ls /usr/lib/postgresql | sort -n | tail -1)
    CLUSTER=main
    as_root pg_createcluster "$VERSION" "$CLUSTER" >&2
  fi
  if ! pg_lsclusters -h | awk -v v="$VERSION" -v c="$CLUSTER" '$1==v && $2==c {print $4}' | grep online >/dev/null; then
    as_root pg_ctlcluster "$VERSION" "$CLUSTER" start >&2
  fi
else
  as_root service postgresql start >&2
fi

for _ in $(seq 1 30); do
  if as_root su postgres -c "psql -qAtc 'select 1'" >/dev/null 2>&1; then break; fi
  sleep 1
done

psql_admin() { as_root su postgres -c "psql -v ON_ERROR_STOP=1 -qAt -c \"$1\""; }
if [ "$(psql_admin "select 1 from pg_roles where rolname='portal_test'")" != "1" ]; then
  psql_admin "create role portal_test login createdb password '$PASSWORD'" >&2
else
  psql_admin "alter role portal_test login createdb password '$PASSWORD'" >&2
fi
if [ "$(psql_admin "select 1 from pg_database where datname='portal_test'")" != "1" ]; then
  psql_admin "create database portal_test owner portal_test" >&2
fi

echo "TEST_DATABASE_URL=postgres://portal_test:${PASSWORD}@127.0.0.1:5432/portal_test"
