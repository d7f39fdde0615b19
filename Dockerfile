# syntax=docker/dockerfile:1
# MCA Assist as a container: `docker build -t mca-assist .` then
# `docker run -p 3978:3978 -v mca-data:/data --env-file .env mca-assist` (no settings = sandbox mode).
# test/deploy/image.test.ts repeats these steps without Docker (no engine runs in CI).
ARG NODE_VERSION=22

# Production dependencies only; better-sqlite3 is native and compiled here, with the build tools.
FROM node:${NODE_VERSION}-bookworm-slim AS deps
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
COPY vendor ./vendor
RUN npm ci --omit=dev --no-audit --no-fund

# The TypeScript build, with every dependency.
FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
COPY vendor ./vendor
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

# What runs: compiled code, card templates, production node_modules; no compiler, no dev tools.
FROM node:${NODE_VERSION}-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3978 DATA_DIR=/data
WORKDIR /app
COPY package.json package-lock.json ./
COPY vendor ./vendor
COPY cards ./cards
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
RUN mkdir -p /data && chown node:node /data
# The node image's unprivileged user (uid 1000).
USER node
VOLUME /data
EXPOSE 3978
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/healthz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Heap flags as in `npm start` and infra/azure.bicep (docs/benchmarks.md, issue 13).
CMD ["node", "--max-old-space-size=256", "--max-semi-space-size=4", "dist/src/index.js"]
