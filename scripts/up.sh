#!/usr/bin/env bash
# One command from a fresh clone to a running Sluice: install, create + migrate + seed the database,
# build, then run the web app and the worker together (Ctrl-C stops both).
set -euo pipefail
cd "$(dirname "$0")/.."

[ -f .env ] && { set -a; . ./.env; set +a; }
export NEXT_TELEMETRY_DISABLED=1
export PORT="${PORT:-3000}"
export APP_URL="${APP_URL:-http://localhost:$PORT}"
export NEXTAUTH_URL="${NEXTAUTH_URL:-$APP_URL}"
# Local receivers (http://localhost…) for trying webhooks; never set this in production.
export WEBHOOK_ALLOW_PRIVATE="${WEBHOOK_ALLOW_PRIVATE:-true}"

[ -d node_modules ] || npm ci
npm run --silent db:create
npm run --silent db:migrate
npm run --silent db:seed
npm run --silent build

npm run --silent start -- -p "$PORT" &
web=$!
npm run --silent worker &
worker=$!
trap 'kill -TERM $web $worker 2>/dev/null; wait' INT TERM

echo
echo "Sluice is starting at $APP_URL"
echo "Sign in as ${ADMIN_EMAIL:-admin@example.com} (password: ADMIN_PASSWORD, or the one the seed printed above on first run)."
wait -n $web $worker
kill -TERM $web $worker 2>/dev/null || true
wait
