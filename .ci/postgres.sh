#!/usr/bin/env bash
# Installs (if needed) and starts a local PostgreSQL, creates the test role, and prints the connection string.
set -euo pipefail
if ! command -v pg_lsclusters >/dev/null 2>&1; then
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi
cluster=$(pg_lsclusters --no-header | head -n 1)
if [ -z "$cluster" ]; then
  version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
  pg_createcluster "$version" main >&2
  cluster=$(pg_lsclusters --no-header | head -n 1)
fi
read -r version name port status _ <<<"$cluster"
if [ "$status" != "online" ]; then
  pg_ctlcluster "$version" "$name" start >&2
fi
for _ in $(seq 1 30); do
  su postgres -c "psql -p $port -tAc 'SELECT 1'" >/dev/null 2>&1 && break
  sleep 1
done
su postgres -c "psql -p $port -tAc \"SELECT 1 FROM pg_roles WHERE rolname='xiaoshen'\"" | grep -q 1 \
  || su postgres -c "psql -p $port -c \"CREATE ROLE xiaoshen LOGIN CREATEDB PASSWORD 'xiaoshen'\"" >&2
# Test databases are dropped WITH (FORCE). Once a drop failed with 42501 ("must be a member of the role whose process is
# being terminated"), most likely a server background worker (autovacuum) on the new database; pg_signal_backend lets
# the test role end it.
su postgres -c "psql -p $port -qc 'GRANT pg_signal_backend TO xiaoshen'" >&2
echo "Host=127.0.0.1;Port=$port;Username=xiaoshen;Password=xiaoshen;Database=postgres"
