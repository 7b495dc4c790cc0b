#!/usr/bin/env bash
# Ensure PostgreSQL server binaries (initdb, postgres) are on this machine.
# pgparity finds them itself (PGPARITY_PG_BIN, pg_config, PATH, /usr/lib/postgresql/*/bin);
# this script only installs them when none exist and we are allowed to.
set -euo pipefail
have_server() {
  [ -n "${PGPARITY_PG_BIN:-}" ] && [ -x "$PGPARITY_PG_BIN/initdb" ] && return 0
  command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ] && return 0
  command -v initdb >/dev/null 2>&1 && return 0
  compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null && return 0
  return 1
}
have_server && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "PostgreSQL server binaries not found; installing them with apt-get" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq postgresql postgresql-contrib >/dev/null
  have_server && exit 0
fi
echo "PostgreSQL server binaries (initdb, postgres) not found. Install them, e.g. 'sudo apt-get install postgresql', or set PGPARITY_PG_BIN to their directory." >&2
exit 2
