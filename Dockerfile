# Sluice: one image for the web app, the worker and the one-shot database set-up (the compose file picks the command).
# The final stage holds only what runs: the production dependencies, Next's build output, the bundled worker and
# database scripts, the migrations, and the two source files `next start` loads (next.config.ts and lib/csp.ts).
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
ENV NEXT_TELEMETRY_DISABLED=1
RUN npm run build && npm run --silent build:scripts && rm -rf .next/cache

FROM node:24-bookworm-slim AS production-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM node:24-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000
COPY --from=production-deps --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/.next ./.next
COPY --from=build --chown=node:node /app/dist ./dist
COPY --chown=node:node package.json next.config.ts ./
COPY --chown=node:node lib/csp.ts ./lib/csp.ts
COPY --chown=node:node lib/db/migrations ./lib/db/migrations
COPY --chown=node:node server ./server
USER node
EXPOSE 3000
# The web app, as `npm start` runs it; the compose file runs the worker and the database set-up from this image too.
CMD ["node", "--max-old-space-size=160", "--import", "./server/peer-address.mjs", "node_modules/next/dist/bin/next", "start"]
