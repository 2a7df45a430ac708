# syntax=docker/dockerfile:1
# One image for both services in docker-compose.yaml. Each service runs the very commands that
# `npm start`, the e2e tests and the worker's network tests run:
#   web:     node --import tsx scripts/migrate.ts, then node --import tsx scripts/web-server.ts
#   dnsmasq: node --import tsx worker/index.ts   (= npm run worker)
# Debian's dnsmasq and iPXE, as on the development and CI machines (TOOLCHAIN.md §6).

FROM node:20-bookworm-slim AS base
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends dnsmasq-base ipxe ca-certificates \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1

FROM base AS build
# better-sqlite3 compiles from source when no prebuilt binary can be fetched (TOOLCHAIN §7).
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
# The lockfile and the allowScripts policy (.npmrc strict-allow-scripts) are npm 11's; node:20 ships npm 10.
RUN npm install -g npm@11.19.1
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx prisma generate \
 && KTIZO_SKIP_ENV_VALIDATION=1 npx next build

FROM base AS runtime
ENV NODE_ENV=production \
    KTIZO_DATA_DIR=/var/lib/ktizo/data \
    KTIZO_COMPILED_DIR=/var/lib/ktizo/compiled \
    DATABASE_URL=file:/var/lib/ktizo/data/ktizo.db \
    HOST=0.0.0.0 \
    PORT=3000
COPY --from=build /app /app
# Named volumes start as a copy of these directories, ownership included: the web app runs as
# "node" and owns data/ and compiled/; the worker runs as root (dnsmasq needs it) and can write anyway.
# Next writes its cache under .next/ at run time.
RUN mkdir -p /var/lib/ktizo/data /var/lib/ktizo/compiled \
 && chown -R node:node /var/lib/ktizo /app/.next
EXPOSE 3000
USER node
CMD ["sh", "-c", "node --import tsx scripts/migrate.ts && exec node --import tsx scripts/web-server.ts"]
