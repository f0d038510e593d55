# syntax=docker/dockerfile:1
# 民情通: one container, data in the /data volume. Build: docker build -t minqingtong .
# Settings: docs/operations.md (TOKEN_SECRET, AUDIT_SECRET, PUBLIC_BASE_URL and the identity providers are required).

# --- build: all dependencies, both apps and the server bundle -----------------------------------
FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 compiles from source when no prebuilt binary matches
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build \
  && npm prune --omit=dev --no-audit --no-fund

# --- run: production dependencies, the built apps and server, nothing else ----------------------
FROM node:20-bookworm-slim AS run
RUN apt-get update \
  && apt-get install -y --no-install-recommends tini \
  && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080 \
    DB_FILE=/data/minqing.db \
    BACKUP_DIR=/data/backups
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/server/dist ./server/dist
COPY --from=build /app/server/model ./server/model
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
USER node
EXPOSE 8080
# liveness only: readiness (/api/health/ready) is for the load balancer, which should stop sending traffic, not restart
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/api/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# tini reaps and passes SIGTERM on: the server then drains and checkpoints (docs/operations.md)
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "server/dist/main.js"]
