import { Counter, Gauge, type Registry } from 'prom-client';
import { fn, col } from 'sequelize';
import type { MediaServer } from '../../media/index.js';
import type { Bus } from '../bus.js';
import type { Models } from '../store/models.js';

/** Chat lines in per platform, counted as they arrive; returns how to stop. */
export function registerChatMetrics(registry: Registry, bus: Pick<Bus, 'on'>): () => void {
  const chat = new Counter({
    name: 'showcart_chat_messages_total',
    help: 'Chat lines received, per platform.',
    labelNames: ['platform'],
    registers: [registry],
  });
  return bus.on('chat.received', ({ event }) => void chat.inc({ platform: event.platform }));
}

/** Orders of one show by status, from the store. */
export async function countOrdersByStatus(models: Pick<Models, 'Order'>, showId: string): Promise<Record<string, number>> {
  const rows = (await models.Order.findAll({
    attributes: ['status', [fn('COUNT', col('id')), 'n']],
    where: { showId },
    group: ['status'],
    raw: true,
  })) as unknown as Array<{ status: string; n: number | string }>;
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

/** Orders by status, counted at scrape time. */
export function registerOrderMetrics(registry: Registry, counts: () => Promise<Record<string, number>>): void {
  new Gauge({
    name: 'showcart_orders',
    help: 'Orders of the running show by status.',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      const byStatus = await counts();
      this.reset();
      for (const [status, n] of Object.entries(byStatus)) this.set({ status }, n);
    },
  });
}

const TARGET_STATES = ['disabled', 'idle', 'starting', 'live', 'retrying', 'unavailable'] as const;

/** Restream bitrate, state and restarts per target, when the RTMP server runs. */
export function registerMediaMetrics(registry: Registry, media: MediaServer): void {
  new Gauge({
    name: 'showcart_restream_bitrate_kbps',
    help: 'Bitrate pushed to each restream target.',
    labelNames: ['target'],
    registers: [registry],
    collect() {
      this.reset();
      for (const t of media.status().targets) this.set({ target: t.name }, t.bitrateKbps);
    },
  });
  new Gauge({
    name: 'showcart_restream_state',
    help: '1 for the state each restream target is in, 0 for the others.',
    labelNames: ['target', 'state'],
    registers: [registry],
    collect() {
      this.reset();
      for (const t of media.status().targets) for (const s of TARGET_STATES) this.set({ target: t.name, state: s }, t.state === s ? 1 : 0);
    },
  });
  new Counter({
    name: 'showcart_restream_restarts_total',
    help: 'Restream attempts started after a failure.',
    labelNames: ['target'],
    registers: [registry],
    collect() {
      this.reset();
      for (const t of media.status().targets) this.inc({ target: t.name }, t.restarts);
    },
  });
  new Gauge({
    name: 'showcart_ingest_bitrate_kbps',
    help: 'Bitrate of the stream coming in from OBS (0 when offline).',
    registers: [registry],
    collect() {
      this.set(media.status().ingest.bitrateKbps);
    },
  });
}
