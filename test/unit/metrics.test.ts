import { describe, expect, it } from 'vitest';
import type { LiveEvent } from '../../orchestrator/store/event-log.js';
import { createMetrics } from '../../orchestrator/metrics/metrics.js';
import { emptyStats, type OutboxStats } from '../../orchestrator/outbox/outbox-stats.js';

/** An event source the metrics subscribe to, driven by hand. */
function fakeEvents() {
  const listeners = new Set<(e: LiveEvent) => void>();
  return {
    subscribe: (l: (e: LiveEvent) => void) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    chat: (platform: string) => {
      for (const l of listeners) l({ showId: 's', runId: null, type: 'chat.message', at: Date.now(), showMs: null, platform, viewerId: 1, data: {} });
    },
    listeners,
  };
}

const pass = (_req: unknown, _res: unknown, next: () => void) => next();

describe('metrics', () => {
  it('GIVEN chat lines and outbox totals WHEN the registry is read THEN chat, sent, dropped and queued show per platform', async () => {
    const events = fakeEvents();
    const twitch = { ...emptyStats(), sent: 7, queued: 2, dropped: { ...emptyStats().dropped, overflow: 3 } };
    const stats: OutboxStats = { twitch, telegram: emptyStats() };
    const metrics = createMetrics({ require: pass, events, outbox: () => stats, orders: async () => ({ held: 2, paid: 5 }) });
    events.chat('twitch');
    events.chat('twitch');
    events.chat('discord');

    const chat = await metrics.registry.getSingleMetric('showcart_chat_messages_total')!.get();
    expect(chat.values.map((v) => [v.labels.platform, v.value]).sort()).toEqual([['discord', 1], ['twitch', 2]]);
    const sent = await metrics.registry.getSingleMetric('showcart_messages_sent_total')!.get();
    expect(sent.values.find((v) => v.labels.platform === 'twitch')?.value).toBe(7);
    const dropped = await metrics.registry.getSingleMetric('showcart_messages_dropped_total')!.get();
    expect(dropped.values.find((v) => v.labels.platform === 'twitch' && v.labels.reason === 'overflow')?.value).toBe(3);
    const queued = await metrics.registry.getSingleMetric('showcart_outbox_queued')!.get();
    expect(queued.values.find((v) => v.labels.platform === 'twitch')?.value).toBe(2);
    const orders = await metrics.registry.getSingleMetric('showcart_orders')!.get();
    expect(orders.values.map((v) => [v.labels.status, v.value]).sort()).toEqual([['held', 2], ['paid', 5]]);

    twitch.sent = 9;
    const again = await metrics.registry.getSingleMetric('showcart_messages_sent_total')!.get();
    expect(again.values.find((v) => v.labels.platform === 'twitch')?.value).toBe(9);
    metrics.stop();
    expect(events.listeners.size).toBe(0);
  });

  it('GIVEN two apps in one process WHEN both make metrics THEN each has its own registry with default metrics and event loop lag', async () => {
    const a = createMetrics({ require: pass, events: fakeEvents(), outbox: () => ({}), orders: async () => ({}) });
    const b = createMetrics({ require: pass, events: fakeEvents(), outbox: () => ({}), orders: async () => ({}) });
    expect(a.registry).not.toBe(b.registry);
    const names = (await a.registry.getMetricsAsJSON()).map((m) => m.name);
    expect(names).toEqual(expect.arrayContaining(['process_cpu_user_seconds_total', 'nodejs_heap_size_used_bytes', 'showcart_event_loop_lag_seconds', 'showcart_orders']));
    a.stop();
    b.stop();
  });
});
