#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL cluster: made in a temporary folder, listening only
# on a free local port, and removed again when the command ends, however it ends.
# The command sees its address in TEST_POSTGRES_URL.
set -euo pipefail

bindir=""
if command -v pg_config > /dev/null && [ -x "$(pg_config --bindir)/initdb" ]; then
  bindir=$(pg_config --bindir)
fi
for candidate in /usr/lib/postgresql/*/bin; do
  [ -x "$candidate/initdb" ] && bindir=$candidate
done
if [ -z "$bindir" ]; then
  echo "PostgreSQL server programs (initdb, pg_ctl) not found: run 'make system-deps'." >&2
  exit 1
fi

workdir=$(mktemp -d -t frontdoor-pg.XXXXXX)
chmod 755 "$workdir"
as_owner=()
# PostgreSQL refuses to run as root; run the cluster as the postgres user instead.
if [ "$(id -u)" -eq 0 ]; then
  chown postgres: "$workdir"
  as_owner=(runuser -u postgres --)
fi

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')

cleanup() {
  "${as_owner[@]}" "$bindir/pg_ctl" -D "$workdir/data" -m immediate stop > /dev/null 2>&1 || true
  rm -rf "$workdir"
}
trap cleanup EXIT INT TERM

"${as_owner[@]}" "$bindir/initdb" -D "$workdir/data" -U frontdoor --auth=trust \
  --encoding=UTF8 --locale=C.UTF-8 > "$workdir/initdb.log" 2>&1 \
  || { cat "$workdir/initdb.log" >&2; exit 1; }
# Durability is pointless for a cluster that lives for one test run; speed is not.
"${as_owner[@]}" "$bindir/pg_ctl" -D "$workdir/data" -l "$workdir/server.log" -w -t 30 \
  -o "-p $port -k $workdir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  start > /dev/null \
  || { cat "$workdir/server.log" >&2; exit 1; }
"${as_owner[@]}" "$bindir/createdb" -h 127.0.0.1 -p "$port" -U frontdoor frontdoor_test

echo "Throwaway PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (removed when the tests end)"
export TEST_POSTGRES_URL="postgresql+psycopg://frontdoor@127.0.0.1:$port/frontdoor_test"
set +e
"$@"
status=$?
set -e
exit $status
