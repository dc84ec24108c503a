#!/usr/bin/env bash
# Runs every test: unit and integration (vitest projects), then the built app over HTTP and in Chromium (Playwright).
# Uses its own database and Redis key prefix; refuses anything but a local database.
set -euo pipefail
cd "$(dirname "$0")/.."

export NODE_ENV=production NEXT_TELEMETRY_DISABLED=1
export PGHOST=127.0.0.1 PGUSER=postgres
# TEST_INSTANCE=N (0-9) gives a suite its own database, Redis prefix and ports, so two checkouts can test at once.
instance="${TEST_INSTANCE:-}"
port_base=$((3100 + ${instance:-0} * 10))
export TEST_DATABASE="sluice_test${instance}"
export DATABASE_URL="postgres://postgres@127.0.0.1:5432/${TEST_DATABASE}"
export REDIS_URL="${TEST_REDIS_URL:-redis://127.0.0.1:6379}"
export QUEUE_PREFIX="sluice-test${instance}"
export PORT=$port_base APP_URL="http://localhost:$port_base" NEXTAUTH_URL="http://localhost:$port_base"
export AUTH_SECRET="sluice-test-secret-not-for-production"
export ADMIN_EMAIL="admin@sluice.test" ADMIN_PASSWORD="test-admin-password"
export SMTP_PORT=$((2526 + ${instance:-0} * 10)) SMTP_URL="smtp://127.0.0.1:$((2526 + ${instance:-0} * 10))" MAILBOX_DIR="$PWD/test-results/mailbox"
export MAIL_FROM="Sluice Test <sluice@sluice.test>"
# The suite makes many calls with one token; the 429 path is tested with its own server and a low limit.
export API_RATE_LIMIT_PER_MINUTE=100000 API_INVALID_TOKEN_LIMIT_PER_MINUTE=100000 API_INVALID_TOKEN_GLOBAL_LIMIT_PER_MINUTE=100000
# The suite stands in for one reverse proxy: its X-Forwarded-For names the client. Specs that check the default (0:
# the connection's own address) start a server of their own without it.
export TRUSTED_PROXY_HOPS=1
# Webhook specs post to receivers on 127.0.0.1.
export WEBHOOK_ALLOW_PRIVATE=true
export LOG_DIR="$PWD/test-results/logs"
# The worker's reconciler hands orphaned queued runs to the queue; specs that wait for it should not wait 15 s.
export WORKER_RECONCILE_INTERVAL_MS=1000

# TEST_ONLY=vitest or TEST_ONLY=e2e runs one half; VITEST_ARGS narrows vitest, arguments narrow Playwright.
only="${TEST_ONLY:-}"
if [[ $only != e2e ]]; then
  # shellcheck disable=SC2086
  npx vitest run ${VITEST_ARGS:-}
fi
[[ $only == vitest ]] && exit 0

psql -d postgres -qc "drop database if exists ${TEST_DATABASE} with (force)"
npm run --silent db:create
npm run --silent db:migrate
npm run --silent db:seed
redis-cli -u "$REDIS_URL" --scan --pattern "$QUEUE_PREFIX:*" | xargs -r redis-cli -u "$REDIS_URL" del >/dev/null
rm -rf test-results && mkdir -p "$MAILBOX_DIR" "$LOG_DIR"

npm run --silent build
npx playwright test "$@"
