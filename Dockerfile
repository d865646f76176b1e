# showcart: one image runs the orchestrator, the bots and the RTMP server.
FROM node:20-bookworm-slim

# ffmpeg for restreaming to RTMPS targets; build tools because sqlite3 compiles from source.
RUN apt-get update \
 && apt-get install -y --no-install-recommends ffmpeg python3 make g++ ca-certificates \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force
COPY bots ./bots
COPY orchestrator ./orchestrator
COPY media ./media
COPY config ./config
COPY web ./web
COPY tsconfig.json ./

ENV NODE_ENV=production LOG_FORMAT=json SHOWCART_SQLITE=/data/showcart.sqlite
# The volume starts as a copy of this directory: owned by node, or SQLite could not create its file.
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
# showcart HTTP (chat, API, webhooks), RTMP ingest, HTTP-FLV playback
EXPOSE 3000 1935 8000
USER node
# No npx wrapper in between: SIGTERM from `docker stop` reaches showcart's graceful shutdown.
CMD ["node", "--import", "tsx", "orchestrator/main.ts"]
