#!/usr/bin/env bash
# Runs the PostgreSQL journal write benchmark against a throwaway local server: initdb into a temp
# folder, listen on 127.0.0.1 only, fsync and synchronous_commit on (durable writes are what is
# measured), small shared_buffers; stopped and deleted on exit. Extra arguments go to BenchmarkDotNet.
set -euo pipefail
cd "$(dirname "$0")/../.."

bin="${RELAY_MESOS_POSTGRES_BIN:-/usr/lib/postgresql/15/bin}"
if [ ! -x "$bin/initdb" ]; then
  echo "PostgreSQL server binaries not found in $bin: install the Debian package postgresql-15." >&2
  exit 1
fi

root="$(mktemp -d /tmp/relay-mesos-bench-pg.XXXXXX)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
as_postgres=()
if [ "$(id -u)" -eq 0 ]; then
  chown postgres:postgres "$root"
  as_postgres=(runuser -u postgres --)
fi

cleanup() {
  "${as_postgres[@]}" "$bin/pg_ctl" -D "$root/data" stop -m immediate -w >/dev/null 2>&1 || true
  rm -rf "$root"
}
trap cleanup EXIT

"${as_postgres[@]}" "$bin/initdb" -D "$root/data" -U postgres -A trust -E UTF8 --locale=C --no-sync >/dev/null
"${as_postgres[@]}" "$bin/pg_ctl" -D "$root/data" -l "$root/server.log" -w -t 30 start \
  -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$root -c fsync=on -c synchronous_commit=on -c shared_buffers=16MB" >/dev/null

export RELAY_MESOS_BENCH_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
dotnet run -c Release --project tests/RelayMesos.Benchmarks -- --filter '*PostgreSqlJournalWriteBenchmarks*' --inProcess "$@"
