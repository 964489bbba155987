# syntax=docker/dockerfile:1
# Gatehouse container images (Node 24, non-root), built from one Dockerfile:
#   docker build --target portal -t gatehouse-portal .   the Next.js standalone server (node server.js), port 3000
#   docker build --target worker -t gatehouse-worker .   the worker (scripts/worker.ts); also runs the migrations
#                                                         (node scripts/prisma.mjs migrate deploy) and scripts/seed.ts
# deploy/compose.yaml runs both against PostgreSQL; deploy/README.md lists every variable.
ARG NODE_IMAGE=node:24-bookworm-slim

# Dependencies, with dev dependencies (the build needs them). The postinstall step generates Prisma's client into
# lib/generated/prisma, so the schema and the Prisma configuration come first.
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
COPY scripts/prisma.mjs ./scripts/prisma.mjs
RUN npm ci --no-audit --no-fund

# The production build: .next/standalone (server.js and the node_modules it uses), static files copied in.
FROM deps AS build
COPY . .
ENV NODE_ENV=production
RUN npm run build

# Production dependencies only, for the worker, the migrations and the seed (TypeScript runs through tsx).
FROM deps AS production-deps
RUN npm prune --omit=dev --no-audit --no-fund

FROM ${NODE_IMAGE} AS worker
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1
COPY --from=production-deps --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/lib/generated ./lib/generated
COPY --chown=node:node package.json tsconfig.json prisma.config.ts ./
COPY --chown=node:node prisma ./prisma
COPY --chown=node:node lib ./lib
COPY --chown=node:node scripts ./scripts
COPY --chown=node:node types ./types
USER node
# The metrics and liveness port, when GATEHOUSE_WORKER_METRICS_PORT=9464 is set (it needs GATEHOUSE_METRICS_TOKEN).
EXPOSE 9464
# Liveness on the worker's own port (lib/observability/worker-server.ts); no port configured: nothing to check.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD node -e "const p=process.env.GATEHOUSE_WORKER_METRICS_PORT;if(!p)process.exit(0);fetch('http://127.0.0.1:'+p+'/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
STOPSIGNAL SIGTERM
CMD ["node", "--import", "tsx", "--conditions=react-server", "scripts/worker.ts"]

# The portal: only the standalone output (its traced node_modules include Prisma's client and pg).
FROM ${NODE_IMAGE} AS portal
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 HOSTNAME=0.0.0.0 PORT=3000
COPY --from=build --chown=node:node /app/.next/standalone ./
USER node
EXPOSE 3000
# Liveness: the process serves HTTP. Readiness (the database answers) is /api/health, for the load balancer.
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# SIGTERM: Next.js stops accepting connections, finishes the requests in flight and its after() work, then exits.
STOPSIGNAL SIGTERM
CMD ["node", "server.js"]
