import express, { type RequestHandler, type Router } from 'express';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import type { MediaServer } from '../../media/index.js';
import type { OutboxStats } from '../outbox/outbox-stats.js';
import type { Bus } from '../bus.js';
import { registerOutboxMetrics } from './outbox-metrics.js';
import { registerChatMetrics, registerMediaMetrics, registerOrderMetrics } from './show-metrics.js';

export interface MetricsDeps {
  /** The admin gate: Prometheus sends the admin token as a bearer (`authorization` in its scrape config). */
  require: RequestHandler;
  bus: Pick<Bus, 'on'>;
  outbox: () => OutboxStats;
  /** Orders by status now (`countOrdersByStatus` of the running show). */
  orders: () => Promise<Record<string, number>>;
  media?: MediaServer | undefined;
}

export interface Metrics {
  registry: Registry;
  /** GET /metrics, mounted at the app's root. */
  router: Router;
  stop(): void;
}

/**
 * Prometheus metrics of one app. Each app has its own registry (tests run many apps in one
 * process, and the global registry would mix them up or refuse the second).
 */
export function createMetrics(deps: MetricsDeps): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const stopChat = registerChatMetrics(registry, deps.bus);
  registerOutboxMetrics(registry, deps.outbox);
  registerOrderMetrics(registry, deps.orders);
  if (deps.media) registerMediaMetrics(registry, deps.media);
  const stopLag = registerEventLoopLag(registry);

  const router = express.Router();
  router.get('/metrics', deps.require, async (_req, res) => {
    res.set('Content-Type', registry.contentType).send(await registry.metrics());
  });
  return {
    registry,
    router,
    stop: () => {
      stopChat();
      stopLag();
    },
  };
}

/** How late timers ran since the last scrape (p50, p99, max), from a 20 ms resolution histogram. */
function registerEventLoopLag(registry: Registry): () => void {
  const histogram = monitorEventLoopDelay({ resolution: 20 });
  histogram.enable();
  new Gauge({
    name: 'showcart_event_loop_lag_seconds',
    help: 'Event loop delay since the previous scrape.',
    labelNames: ['quantile'],
    registers: [registry],
    collect() {
      // Values are nanoseconds; with no samples yet they are 0 (or NaN for the mean, not used).
      this.set({ quantile: '0.5' }, histogram.percentile(50) / 1e9);
      this.set({ quantile: '0.99' }, histogram.percentile(99) / 1e9);
      this.set({ quantile: '1' }, histogram.max / 1e9);
      histogram.reset();
    },
  });
  return () => histogram.disable();
}
