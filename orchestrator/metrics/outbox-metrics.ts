import { Counter, Gauge, type Registry } from 'prom-client';
import type { OutboxStats } from '../outbox/outbox-stats.js';

/**
 * The outbox keeps its own running totals per platform; these metrics read them at scrape time,
 * so nothing on the send path knows about Prometheus.
 */
export function registerOutboxMetrics(registry: Registry, stats: () => OutboxStats): void {
  const each = (read: (s: NonNullable<OutboxStats[keyof OutboxStats]>) => number) => (set: (labels: { platform: string }, value: number) => void) => {
    for (const [platform, s] of Object.entries(stats())) if (s) set({ platform }, read(s));
  };
  const totals: Array<[string, string, (s: NonNullable<OutboxStats[keyof OutboxStats]>) => number]> = [
    ['showcart_messages_sent_total', 'Messages sent to a platform.', (s) => s.sent],
    ['showcart_relay_lines_coalesced_total', 'Relay lines that went out merged into digests.', (s) => s.coalesced],
    ['showcart_answers_merged_total', 'Answers that went out merged into notices naming several people.', (s) => s.mergedAnswers],
    ['showcart_send_retries_total', 'Sends retried after a failure.', (s) => s.retries],
    ['showcart_rate_limited_total', 'Times a platform answered "slow down".', (s) => s.rateLimited],
  ];
  for (const [name, help, read] of totals) {
    new Counter({
      name,
      help,
      labelNames: ['platform'],
      registers: [registry],
      collect() {
        this.reset();
        each(read)((labels, value) => this.inc(labels, value));
      },
    });
  }
  new Counter({
    name: 'showcart_messages_dropped_total',
    help: 'Outbound messages that did not go out, by reason.',
    labelNames: ['platform', 'reason'],
    registers: [registry],
    collect() {
      this.reset();
      for (const [platform, s] of Object.entries(stats())) {
        for (const [reason, n] of Object.entries(s?.dropped ?? {})) this.inc({ platform, reason }, n);
      }
    },
  });
  new Gauge({
    name: 'showcart_outbox_queued',
    help: 'Messages waiting in the outbox per platform.',
    labelNames: ['platform'],
    registers: [registry],
    collect() {
      this.reset();
      each((s) => s.queued)((labels, value) => this.set(labels, value));
    },
  });
}
