#!/usr/bin/env bash
# The NATS tests (packages/nats/test, tests/node/fleet) start their own `nats-server -js`
# on a free port with a temporary store. Install Debian's nats-server when it is missing
# and we may (root, as in CI and on a fresh machine here); otherwise say how.
set -euo pipefail
if command -v nats-server >/dev/null; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing nats-server for the NATS and fleet tests…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq nats-server >/dev/null
else
  echo "The NATS tests need nats-server: run 'sudo apt-get install nats-server'." >&2
  exit 1
fi
