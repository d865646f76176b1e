# showcart: one image runs the orchestrator, the bots and the RTMP server.

# Build stage: the TypeScript compiled to dist/ (typescript is a dev dependency). tsc needs no
# native module, so no install scripts (and no compiler) here.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY bots ./bots
COPY orchestrator ./orchestrator
COPY media ./media
COPY config ./config
RUN npm run build

FROM node:20-bookworm-slim

# ffmpeg for restreaming to RTMPS targets; build tools because sqlite3 compiles from source.
RUN apt-get update \
 && apt-get install -y --no-install-recommends ffmpeg python3 make g++ ca-certificates \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force
# Compiled code, plus the files it reads at run time: the web pages, the media player script and the example shows.
COPY --from=build /app/dist ./dist
COPY web ./web
COPY media/web ./media/web
COPY config/shows ./config/shows

ENV NODE_ENV=production LOG_FORMAT=json SHOWCART_SQLITE=/data/showcart.sqlite
# The volume starts as a copy of this directory: owned by node, or SQLite could not create its file.
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
# showcart HTTP (chat, API, webhooks), RTMP ingest, HTTP-FLV playback
EXPOSE 3000 1935 8000
USER node
# Plain node on the compiled code (no tsx loader: ~35 MB less memory), and no npx wrapper in
# between: SIGTERM from `docker stop` reaches showcart's graceful shutdown.
CMD ["node", "--max-semi-space-size=8", "dist/orchestrator/main.js"]
