#!/usr/bin/env bash
# Installs (if needed) and starts a local Redis on loopback as a daemon, and prints its configuration string.
set -euo pipefail
port=6379
if ! command -v redis-server >/dev/null 2>&1; then
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >&2
fi
if ! redis-cli -h 127.0.0.1 -p "$port" ping >/dev/null 2>&1; then
  # No persistence: the tests need a live server, not its data after a restart.
  redis-server --bind 127.0.0.1 --port "$port" --daemonize yes --save '' --appendonly no \
    --dir /tmp --logfile /tmp/xiaoshen-redis.log >&2
fi
for _ in $(seq 1 30); do
  redis-cli -h 127.0.0.1 -p "$port" ping >/dev/null 2>&1 && break
  sleep 1
done
redis-cli -h 127.0.0.1 -p "$port" ping >/dev/null
echo "127.0.0.1:$port"
