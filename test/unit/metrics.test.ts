import { describe, expect, it } from 'vitest';
import { Bus } from '../../orchestrator/bus.js';
import type { ChatEvent } from '../../orchestrator/chat-types.js';
import { createMetrics } from '../../orchestrator/metrics/metrics.js';
import { emptyStats, type OutboxStats } from '../../orchestrator/outbox/outbox-stats.js';

/** The bus the metrics subscribe to, driven by hand, counting the subscriptions still open. */
function handBus() {
  const real = new Bus((_event, err) => {
    throw err;
  });
  let open = 0;
  const on: Bus['on'] = (event, handler) => {
    const off = real.on(event, handler);
    open++;
    return () => {
      open--;
      off();
    };
  };
  let n = 0;
  return {
    bus: { on },
    chat: (platform: ChatEvent['platform']) => {
      const event: ChatEvent = { platform, channelId: 'c', messageId: `m${++n}`, user: { id: 'u', name: 'U', roles: [] }, text: 'hi', receivedAt: Date.now() };
      void real.emit('chat.received', { event, viewer: { viewerId: 1, identityId: 1 } });
    },
    open: () => open,
  };
}

const pass = (_req: unknown, _res: unknown, next: () => void) => next();

describe('metrics', () => {
  it('GIVEN chat lines and outbox totals WHEN the registry is read THEN chat, sent, dropped and queued show per platform', async () => {
    const events = handBus();
    const twitch = { ...emptyStats(), sent: 7, queued: 2, dropped: { ...emptyStats().dropped, overflow: 3 } };
    const stats: OutboxStats = { twitch, telegram: emptyStats() };
    const metrics = createMetrics({ require: pass, bus: events.bus, outbox: () => stats, orders: async () => ({ held: 2, paid: 5 }) });
    events.chat('twitch');
    events.chat('twitch');
    events.chat('discord');

    const chat = await metrics.registry.getSingleMetric('showcart_chat_messages_total')!.get();
    expect(chat.values.map((v) => [v.labels.platform, v.value]).sort()).toEqual([
      ['discord', 1],
      ['twitch', 2],
    ]);
    const sent = await metrics.registry.getSingleMetric('showcart_messages_sent_total')!.get();
    expect(sent.values.find((v) => v.labels.platform === 'twitch')?.value).toBe(7);
    const dropped = await metrics.registry.getSingleMetric('showcart_messages_dropped_total')!.get();
    expect(dropped.values.find((v) => v.labels.platform === 'twitch' && v.labels.reason === 'overflow')?.value).toBe(3);
    const queued = await metrics.registry.getSingleMetric('showcart_outbox_queued')!.get();
    expect(queued.values.find((v) => v.labels.platform === 'twitch')?.value).toBe(2);
    const orders = await metrics.registry.getSingleMetric('showcart_orders')!.get();
    expect(orders.values.map((v) => [v.labels.status, v.value]).sort()).toEqual([
      ['held', 2],
      ['paid', 5],
    ]);

    twitch.sent = 9;
    const again = await metrics.registry.getSingleMetric('showcart_messages_sent_total')!.get();
    expect(again.values.find((v) => v.labels.platform === 'twitch')?.value).toBe(9);
    metrics.stop();
    expect(events.open()).toBe(0);
    events.chat('twitch');
    const after = await metrics.registry.getSingleMetric('showcart_chat_messages_total')!.get();
    expect(after.values.find((v) => v.labels.platform === 'twitch')?.value).toBe(2);
  });

  it('GIVEN two apps in one process WHEN both make metrics THEN each has its own registry with default metrics and event loop lag', async () => {
    const a = createMetrics({ require: pass, bus: handBus().bus, outbox: () => ({}), orders: async () => ({}) });
    const b = createMetrics({ require: pass, bus: handBus().bus, outbox: () => ({}), orders: async () => ({}) });
    expect(a.registry).not.toBe(b.registry);
    const names = (await a.registry.getMetricsAsJSON()).map((m) => m.name);
    expect(names).toEqual(
      expect.arrayContaining(['process_cpu_user_seconds_total', 'nodejs_heap_size_used_bytes', 'showcart_event_loop_lag_seconds', 'showcart_orders']),
    );
    a.stop();
    b.stop();
  });
});
