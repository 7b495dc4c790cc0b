#!/usr/bin/env bash
# Build a PostgreSQL release from source (server and contrib) into a private directory, to run
# the tests against another server version than the machine's:
#
#   scripts/build-postgres.sh 17.11            # -> ~/.cache/pgparity/postgres/17.11
#   PGPARITY_PG_BIN=~/.cache/pgparity/postgres/17.11/bin make pytest corpus
#
# Needs gcc, make, bison and flex (installed with apt-get when run as root). ICU, OpenSSL
# (pgcrypto), libxml2/libxslt (xml2), libuuid (uuid-ossp) and zlib are built in when their development files are
# there (as root, apt-get installs them first); without them the tests that need them fail.
# Takes about ten minutes on two cores. Nothing is installed outside the target directory.
set -euo pipefail
version="${1:?usage: scripts/build-postgres.sh VERSION (e.g. 17.11) [PREFIX]}"
major="${version%%.*}"
prefix="${2:-$HOME/.cache/pgparity/postgres/$version}"
if [ -x "$prefix/bin/postgres" ]; then
  echo "already built: $prefix/bin" >&2
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq gcc make bison flex pkg-config libicu-dev libssl-dev libxml2-dev \
    libxslt1-dev zlib1g-dev uuid-dev >/dev/null 2>&1 || {
    apt-get update -qq && apt-get install -y -qq gcc make bison flex pkg-config libicu-dev \
      libssl-dev libxml2-dev libxslt1-dev zlib1g-dev uuid-dev >/dev/null
  }
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# The release tarball: Debian's copy of it first (reachable where ftp.postgresql.org may not be).
for url in \
  "https://deb.debian.org/debian/pool/main/p/postgresql-$major/postgresql-${major}_$version.orig.tar.bz2" \
  "https://ftp.postgresql.org/pub/source/v$version/postgresql-$version.tar.bz2"; do
  if curl -fsSL --max-time 120 -o "$work/src.tar.bz2" "$url"; then break; fi
done
[ -s "$work/src.tar.bz2" ] || { echo "could not download PostgreSQL $version" >&2; exit 2; }
mkdir "$work/src"
tar xjf "$work/src.tar.bz2" -C "$work/src" --strip-components=1
cd "$work/src"
options=(--prefix="$prefix" --without-readline)
have() { pkg-config --exists "$1" 2>/dev/null; }
if have icu-uc; then options+=(--with-icu); else options+=(--without-icu); fi
if have openssl; then options+=(--with-openssl); fi
if have libxml-2.0; then options+=(--with-libxml); fi
if have libxslt; then options+=(--with-libxslt); fi
have zlib || options+=(--without-zlib)
if have uuid; then options+=(--with-uuid=e2fs); fi
echo "configure ${options[*]}" >&2
./configure "${options[@]}" >"$work/configure.log" 2>&1 || { tail -20 "$work/configure.log" >&2; exit 1; }
jobs="$(nproc 2>/dev/null || echo 2)"
make -s -j"$jobs" world-bin >"$work/make.log" 2>&1 || { tail -30 "$work/make.log" >&2; exit 1; }
make -s install-world-bin >"$work/install.log" 2>&1 || { tail -30 "$work/install.log" >&2; exit 1; }
echo "built PostgreSQL $version: PGPARITY_PG_BIN=$prefix/bin" >&2
